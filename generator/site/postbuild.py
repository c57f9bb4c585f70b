"""Our one step after the engine: what needs no engine, only the built HTML.

``finish_site`` runs on the folder an engine (MkDocs, ProperDocs, or another that reads the
tree of ``tree.py``) has just built, in this order:

1. the downloads still being made are waited for, copied in, and their sizes put into the
   pages and the search index in place of the placeholders the pages were written with;
2. every page: the edition's reporting line in the footer and the logo's text alternative,
   the theme's HTML fixes, focusable glossary abbreviations;
3. every page's Content Security Policy, filled into the placeholder ``overrides/main.html``
   writes: hashes of the theme's inline scripts found in the page (outside its content, where
   nothing from YAML can add one), and of the script the iframe-worker shim writes into its
   frame for the page's search worker;
4. the search index tidied (``search_index.tidy_search_index``) and copied into
   ``search_index.js`` for search from ``file://``, as Material's offline plugin does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..content.model import Bank
from ..downloads.registry import PendingDownloads
from . import csp
from .local_pages import footer_html
from .outputs import SHIM
from .search_index import tidy_search_index

# What overrides/main.html writes for the policy, which step 3 replaces.
CSP_PLACEHOLDER = "qbank-content-security-policy"
_CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP_PLACEHOLDER}">'
_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
_ABBR = re.compile(r"<abbr (?![^>]*tabindex)")
# Material writes autocomplete="off" on its two toggle checkboxes (to stop Firefox restoring
# them on reload); HTML allows the attribute on text-like inputs only. qbank.js unticks them.
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"'
)
_ARTICLE = re.compile(r"<(/?)article\b")
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)


class PolicyError(OSError):
    """A page's security policy cannot be made (the page or the shim is not as expected)."""


def focusable_abbreviations(html: str) -> str:
    """Keyboard users reach every expansion: focusable abbr, shown by CSS on :focus. Not
    inside a link, which is focusable itself (HTML forbids a tabindex there: vnu)."""
    parts, at = [], 0
    for link in _LINK.finditer(html):
        parts += [_ABBR.sub('<abbr tabindex="0" ', html[at : link.start()]), link.group(0)]
        at = link.end()
    return "".join([*parts, _ABBR.sub('<abbr tabindex="0" ', html[at:])])


def outside_content(html: str) -> str:
    """The page without its content (its first ``<article>``, nested ones included): the
    theme's part, where the page's own text never reaches."""
    depth, start = 0, -1
    for match in _ARTICLE.finditer(html):
        if not match.group(1):
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                end = html.index(">", match.end()) + 1
                return html[:start] + html[end:]
    return html if start < 0 else html[:start]


def search_worker(html: str) -> str:
    """The search worker's URL as the theme passes it to the shim (Material's page config)."""
    found = _CONFIG.search(html)
    if found is None:
        return ""
    try:
        worker = json.loads(found.group(1)).get("search")
    except (ValueError, AttributeError):
        return ""
    return worker if isinstance(worker, str) else ""


def page_policy(html: str, shim: str | None) -> str:
    """The policy for one built page: its theme's inline scripts, and the shim's frame
    script for its search worker."""
    scripts = csp.inline_scripts(outside_content(html))
    worker = search_worker(html)
    if worker and shim is not None:
        try:
            scripts.append(csp.shim_frame_script(shim, worker))
        except csp.ShimChanged as exc:
            raise PolicyError(
                f"{SHIM}: {exc}; the page policy cannot allow the shim's frame script "
                "(see generator/site/csp.py)"
            ) from None
    return csp.policy(scripts)


def finish_page(html: str, bank: Bank, shim: str | None) -> str:
    """One built page, finished (steps 2 and 3 of the module's description)."""
    html = footer_html(bank, _TOGGLE_AUTOCOMPLETE.sub(r"\1", html))
    html = focusable_abbreviations(html)
    if _CSP_META in html:
        policy = page_policy(html, shim)
        html = html.replace(_CSP_META, _CSP_META.replace(CSP_PLACEHOLDER, policy), 1)
    return html


def finish_site(site: Path, bank: Bank, pending: PendingDownloads | None = None) -> None:
    """Finish the site an engine built into ``site`` (see the module's description)."""
    if pending is not None:
        for download, data in pending.files():
            path = site / download.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    shim = SHIM.read_text("utf-8") if SHIM.is_file() else None
    for page in sorted(site.rglob("*.html")):
        html = page.read_text("utf-8")
        finished = finish_page(pending.fill(html) if pending else html, bank, shim)
        if finished != html:
            page.write_text(finished, "utf-8")
    index = site / "search" / "search_index.json"
    if index.is_file() and pending is not None:
        index.write_text(pending.fill(index.read_text("utf-8")), "utf-8")
    tidy_search_index(site, bank)
    offline = site / "search" / "search_index.js"
    if offline.is_file():
        offline.write_text(f"var __index = {index.read_text('utf-8')}", "utf-8")
