"""The generator's whole output for an engine: a Markdown tree and the config that builds it.

``write_tree`` writes, into one folder:

- ``docs/``: every page as finished Markdown (the hand-written pages from the project's
  ``docs/`` with their editorial notes, guidance links, the council's accessibility section
  and glossary abbreviations added; the generated pages; assets, and the downloads once made);
- ``mkdocs.yml``: the project's config with the generated navigation and the edition's
  settings (name, footer line, brand stylesheet, logo, published address), its paths made
  absolute, so any engine that reads ``mkdocs.yml`` builds the tree as it stands;
- ``qbank-tree.json``: which pages were generated, for the MkDocs hook's speed-up
  (``rawhtml.py``).

No engine is imported here. What needs no engine but the built HTML (page security policy,
search index, footer, focusable abbreviations, download sizes) is ``postbuild.py``.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content.markup import html_line
from ..content.model import Bank
from ..downloads.registry import PendingDownloads
from .local_pages import accessibility_section, local_nav
from .local_pages import brand_css
from .outputs import (
    BRAND_CSS,
    WEB_TEAM_SECTION,
    abbreviations,
    footer_note,
    nav,
    start_generating,
)
from .render import Renderer

CONFIG = "mkdocs.yml"
MANIFEST = "qbank-tree.json"
DOCS = "docs"
_H1 = re.compile(r"^# .*\n", re.MULTILINE)


@dataclass
class Tree:
    """A written tree: where its config is, which pages were generated, and the downloads
    still being made (``None`` once they are in ``docs/``)."""

    folder: Path
    generated: tuple[str, ...]  # in the order the generator made them
    pending: PendingDownloads | None

    @property
    def config(self) -> Path:
        return self.folder / CONFIG

    @property
    def docs(self) -> Path:
        return self.folder / DOCS


def _with_notes(renderer: Renderer, path: str, markdown: str) -> str:
    """Dated editorial notes go right under the page's first heading, on any page."""
    notes = renderer.page_notes(path)
    if not notes:
        return markdown
    return _H1.sub(lambda m: f"{m.group(0)}\n{notes}\n", markdown, count=1)


def hand_written(renderer: Renderer, path: str, markdown: str) -> str:
    """A hand-written page as the site shows it: notes under its heading; a guidance page's
    questions and threats (``guidance.yml``); the council's accessibility section; glossary
    tooltips from the abbr extension (generated pages carry ``<abbr>`` already)."""
    bank = renderer.bank
    markdown = _with_notes(renderer, path, markdown) + renderer.guidance_links(path)
    if path == "about/accessibility.md":
        markdown += accessibility_section(bank)
    return markdown + abbreviations(bank)


def engine_config(root: Path, bank: Bank) -> dict[str, Any]:
    """The project's ``mkdocs.yml`` for the tree beside it: generated navigation, the
    edition's settings, and every path that pointed into the project made absolute."""
    config: dict[str, Any] = yaml.safe_load((root / CONFIG).read_text("utf-8"))
    config["docs_dir"] = DOCS
    config.pop("watch", None)  # a tree is built once; `qbank serve` watches the project
    theme = config.setdefault("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    config["hooks"] = [str((root / h).resolve()) for h in config.get("hooks", [])]
    config["nav"] = local_nav(bank, nav(bank))
    if footer_note(bank):
        config["copyright"] = f"{config.get('copyright') or ''} {footer_note(bank)}".strip()
    if brand_css(bank):  # the brand colour and the logo's size
        config["extra_css"] = [*config.get("extra_css", []), BRAND_CSS]
    if bank.edition.logo:
        theme["logo"] = bank.edition.logo_page_path
    if bank.edition.site_url:
        # Where the edition is published: the 404 page's links start from its path.
        config["site_url"] = bank.edition.site_url
    if bank.edition.council:
        # Escaped once: the theme prints it both as it is and through `|e` (the logo's title),
        # and MkDocs' own escaping of the name would turn & into &amp;amp;.
        config["site_name"] = str(html_line(bank.edition.council)) + (
            ": SOC Scrutiny Question Bank"
        )
    return config


def _write(path: Path, content: str | bytes) -> None:
    """Write ``path`` unless it already holds ``content`` (a watching server sees no change)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_tree(
    root: Path, bank: Bank, folder: Path, cache_dir: Path | None = None, wait: bool = True
) -> Tree:
    """Write the tree for ``bank`` into ``folder`` (see the module's description).

    With ``wait`` the downloads are made and written into ``docs/`` and every page carries
    their sizes. Without it the engine may start at once: pages hold placeholder sizes and
    the downloads are still being made (``Tree.pending``), which ``postbuild.finish_site``
    waits for, copies into the built site and whose sizes it fills in.
    """
    generated, pending = start_generating(bank, cache_dir)
    renderer = Renderer(bank, pending.downloads)
    files: dict[str, str | bytes] = {}
    source = root / DOCS
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        if not bank.edition.web_team_pages and name.startswith(WEB_TEAM_SECTION):
            # An edition's site is for its councillors: the web team's pages stay national.
            continue
        if name.endswith(".md"):
            files[name] = hand_written(renderer, name, path.read_text("utf-8"))
        else:
            files[name] = path.read_bytes()
    pages = []
    for name, content in generated.items():
        if isinstance(content, str) and name.endswith(".md"):
            pages.append(name)
            content = _with_notes(renderer, name, content)
        files[name] = content
    if wait:
        files = {n: pending.fill(c) if isinstance(c, str) else c for n, c in files.items()}
        files.update({d.path: data for d, data in pending.files()})
    docs = folder / DOCS
    for stale in [p for p in docs.rglob("*") if p.is_file()] if docs.is_dir() else []:
        if stale.relative_to(docs).as_posix() not in files:
            stale.unlink()
    for name, content in files.items():
        _write(docs / name, content)
    config = yaml.safe_dump(engine_config(root, bank), allow_unicode=True, sort_keys=False)
    _write(folder / CONFIG, config)
    manifest = {"generated": pages, "site_name_escaped": bool(bank.edition.council)}
    _write(folder / MANIFEST, json.dumps(manifest, indent=1) + "\n")
    return Tree(folder, tuple(pages), None if wait else pending)


def manifest(config_file: Path) -> dict[str, Any] | None:
    """What the tree whose config is ``config_file`` says of itself (``generated``: its
    generated pages, in the order they were made; ``site_name_escaped``), or ``None`` when it is not a tree's config (the
    project's own ``mkdocs.yml``)."""
    path = config_file.parent / MANIFEST
    if not path.is_file():
        return None
    found: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return found


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
