"""The built HTML, read without a browser: nothing from another host, no broken link."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.site_html import css_urls, read

# A reference to another host: a scheme with a host, or protocol-relative.
FOREIGN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
# Schemes a link may use without naming a file of this site.
ELSEWHERE = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:")


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    found = [
        f"{page.relative_to(built_site)}: {url}"
        for page in sorted(built_site.rglob("*.html"))
        for url in read(page).assets
        if FOREIGN.match(url.strip())
    ]
    found += [
        f"{sheet.relative_to(built_site)}: {url}"
        for sheet in sorted(built_site.rglob("*.css"))
        for url in css_urls(sheet.read_text("utf-8"))
        if FOREIGN.match(url.strip())
    ]
    assert not found, "assets from other hosts:\n" + "\n".join(found)


def test_pages_load_only_files_that_exist(built_site: Path) -> None:
    missing = [
        f"{page.relative_to(built_site)}: {url}"
        for page in sorted(built_site.rglob("*.html"))
        for url in read(page).assets
        if not url.startswith("data:")
        and not FOREIGN.match(url.strip())  # reported by the test above
        and not _target(built_site, page, url).is_file()
    ]
    assert not missing, "missing assets:\n" + "\n".join(missing)


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken: list[str] = []
    checked = 0
    for page in sorted(built_site.rglob("*.html")):
        for href in read(page).links:
            if href.lower().startswith(ELSEWHERE):
                continue
            checked += 1
            target = _target(built_site, page, href)
            fragment = unquote(urlsplit(href).fragment)
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)}: {href} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in read(target).ids:
                broken.append(f"{page.relative_to(built_site)}: {href} (no id {fragment!r})")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)
    assert checked > 1000  # the crawl really read the site


def _target(site: Path, page: Path, url: str) -> Path:
    """The file a relative (or, on 404.html, root-absolute) URL names."""
    path = unquote(urlsplit(url).path)
    if not path:
        return page
    # 404.html is served for missing pages at any depth, so MkDocs gives it root-absolute URLs.
    base = site if path.startswith("/") else page.parent
    return (base / path.lstrip("/")).resolve()
