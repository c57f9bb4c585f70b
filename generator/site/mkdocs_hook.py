"""The thin MkDocs edge: load the bank, hand MkDocs the generated files, nothing else.

Absolute imports: MkDocs loads a hook file by path, not as part of its package.
Priorities are MkDocs' defaults; the hook has no ordering needs against plugins because
it only adds files (on_files) and touches page HTML after Markdown (on_page_content).
"""

from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from generator.site import csp
from generator.content.errors import CONTENT_ERRORS_LOGGED, ContentError
from generator.downloads.registry import PendingDownloads
from generator.edition import load_bank
from generator.site.local_pages import accessibility_section, brand_css, footer_html, local_nav
from generator.content.markup import html_line
from generator.content.model import Bank
from generator.site.outputs import (
    BRAND_CSS,
    SHIM,
    WEB_TEAM_SECTION,
    abbreviations,
    footer_note,
    nav,
    start_generating,
)
from generator.site.rawhtml import Stash
from generator.site.render import Renderer
from generator.site.search_index import tidy_search_index

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
_state: dict[str, Any] = {}
_H1 = re.compile(r"^# .*\n", re.MULTILINE)
_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
_ABBR = re.compile(r"<abbr (?![^>]*tabindex)")


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).resolve().parent
    edition = os.environ.get("QBANK_EDITION") or None
    try:
        bank = load_bank(root, Path(edition) if edition else None)
    except ContentError as exc:
        raise PluginError(f"{CONTENT_ERRORS_LOGGED}\n{exc.report()}") from None
    _state["bank"], _state["renderer"] = bank, Renderer(bank)
    # QBANK_CACHE=0 makes every download afresh (the benchmark's cold builds do).
    cache = os.environ.get("QBANK_CACHE", "1") != "0"
    _state["cache"] = root / ".cache" / "downloads" if cache else None
    config.nav = local_nav(bank, nav(bank))
    if footer_note(bank):
        config.copyright = f"{config.copyright or ''} {footer_note(bank)}".strip()
    if brand_css(bank):  # the brand colour and the logo's size
        config.extra_css.append(BRAND_CSS)
    if bank.edition.logo:
        config.theme["logo"] = bank.edition.logo_page_path
    if bank.edition.site_url:
        # Where the edition is published: the 404 page's links start from its path.
        config.site_url = bank.edition.site_url
    if bank.edition.council:
        # Escaped once, and marked so: Material prints it both as it is and through `|e`
        # (the logo's title), which would otherwise turn & into &amp;amp;.
        config.site_name = html_line(bank.edition.council) + ": SOC Scrutiny Question Bank"
    return config


def on_files(files: Files, config: Any) -> Files:
    if not _state["bank"].edition.web_team_pages:
        # An edition's site is for its councillors: the web team's pages stay national.
        for file in [f for f in files if f.src_uri.startswith(WEB_TEAM_SECTION)]:
            files.remove(file)
    # Downloads are made in other processes while MkDocs turns every page into HTML; pages
    # list them now, with placeholder sizes that on_env fills in once the files are made.
    try:
        generated, pending = start_generating(_state["bank"], _state["cache"])
    except OSError as exc:
        raise PluginError(str(exc)) from None
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    _state["pending"] = pending
    _state["download_files"] = [
        File.generated(config, d.path, content=b"") for d in pending.downloads
    ]
    for file in _state["download_files"]:
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    bank: Bank = _state["bank"]
    # Dated editorial notes go right under the page's first heading, on any page.
    notes = _state["renderer"].page_notes(page.file.src_uri)
    if notes:
        markdown = _H1.sub(lambda m: f"{m.group(0)}\n{notes}\n", markdown, count=1)
    # Hand-written pages get glossary tooltips from the abbr extension; generated pages
    # already carry <abbr> from the renderer (and would only pay for the extra matching).
    # Their HTML blocks skip Markdown, which would copy them through as they are.
    if page.file.generated_by:
        stash = Stash()
        _state.setdefault("stashes", {})[page.file.src_uri] = stash
        return stash.stash(markdown)
    # Guidance pages end with the questions and threats guidance.yml links them to.
    markdown += _state["renderer"].guidance_links(page.file.src_uri)
    if page.file.src_uri == "about/accessibility.md":
        markdown += accessibility_section(bank)
    return markdown + abbreviations(bank)


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    stash = _state.get("stashes", {}).pop(page.file.src_uri, None)
    if stash is not None:
        html = stash.unstash(html)
        # MkDocs checks links to anchors against the IDs it found in the page's HTML.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | stash.anchor_ids()
    # Keyboard users reach every expansion: focusable abbr, shown by CSS on :focus. Not
    # inside a link, which is focusable itself (HTML forbids a tabindex there: vnu).
    parts, at = [], 0
    for link in _LINK.finditer(html):
        parts += [_ABBR.sub('<abbr tabindex="0" ', html[at : link.start()]), link.group(0)]
        at = link.end()
    return "".join([*parts, _ABBR.sub('<abbr tabindex="0" ', html[at:])])


# After the search plugin writes its index (priority 0), before the offline plugin copies it
# into search_index.js (-100), so both files carry the tidied index: leaner (a query typed
# at load is answered sooner), and each question titled by its ID and body.
@event_priority(-50)
def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    tidy_search_index(site, _state["bank"])


# Theme fixes: Content Security Policy, and what the Nu Html Checker finds in the theme -------


def on_env(env: Any, config: Any, files: Files) -> Any:
    # Every page is HTML now, and no page has been written or indexed for search: wait for
    # the downloads, copy them into the site, and put their sizes into the pages.
    pending: PendingDownloads = _state.pop("pending")
    try:
        made = pending.files()
    except OSError as exc:
        raise PluginError(str(exc)) from None
    for file, (_, data) in zip(_state.pop("download_files"), made, strict=True):
        file.content_bytes = data
    for file in files.documentation_pages():
        if file.page is not None and file.page.content:
            file.page.content = pending.fill(file.page.content)
    # overrides/main.html puts qbank_csp() in every page's <head>.
    env.globals["qbank_csp"] = pass_context(_page_csp)
    return env


def _page_csp(ctx: Any) -> str:
    """The page's policy: hashes of the theme's inline scripts as this page renders them."""
    env = ctx.environment
    values = {**ctx.get_all(), "features": ctx["config"].theme.get("features") or []}
    scripts: list[str] = []
    for name in _script_partials(env):
        scripts += csp.inline_scripts(env.get_template(name).render(values))
    worker = _search_worker(tuple(ctx["config"].theme.dirs))
    if worker and SHIM.is_file():
        url = env.filters["url"](ctx, worker)
        try:
            scripts.append(csp.shim_frame_script(SHIM.read_text("utf-8"), url))
        except csp.ShimChanged as exc:
            raise PluginError(
                f"{SHIM}: {exc}; the page policy cannot allow the shim's frame script "
                "(see generator/site/csp.py)"
            ) from None
    return csp.policy(scripts)


def _script_partials(env: Any) -> tuple[str, ...]:
    """The theme's script partials, listed once per build: listing walks every theme folder,
    which cost more than the rest of the build when done for each page."""
    names = getattr(env, "_qbank_script_partials", None)
    if names is None:
        names = tuple(
            env.list_templates(filter_func=lambda n: n.startswith("partials/javascripts/"))
        )
        env._qbank_script_partials = names
    return names


@functools.cache
def _search_worker(theme_dirs: tuple[str, ...]) -> str:
    """Material's search worker script, as a site path (its name carries a content hash)."""
    for folder in theme_dirs:
        found = sorted(Path(folder).glob("assets/javascripts/workers/search.*.min.js"))
        if found:
            return found[0].relative_to(folder).as_posix()
    return ""


# Material writes autocomplete="off" on its two toggle checkboxes (to stop Firefox restoring
# them on reload); HTML allows the attribute on text-like inputs only. qbank.js unticks them.
_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"'
)


def on_post_page(output: str, page: Any, config: Any) -> str:
    # The edition's reporting line in every footer, and the logo's alt text.
    return footer_html(_state["bank"], _TOGGLE_AUTOCOMPLETE.sub(r"\1", output))


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # Theme pages that are not Markdown pages (404.html) get the same footer and fix.
    return footer_html(_state["bank"], _TOGGLE_AUTOCOMPLETE.sub(r"\1", output_content))
