"""The MkDocs edge: hand MkDocs (or ProperDocs, its fork) what the generator wrote.

The generator writes a finished Markdown tree and its config (``tree.py``); our own step
finishes the built HTML (``postbuild.py``). Engines that run no hooks (Zensical) build the
tree without this file. What is left here is MkDocs' own:

- a tree's config (``qbank build``): generated pages' HTML blocks kept out of Markdown's way
  (``rawhtml.py``, half of a rebuild's Markdown time), and the escaped council name marked
  as such;
- the project's own ``mkdocs.yml`` (``qbank serve``, or plain ``mkdocs serve``): the tree
  written first, into ``.cache/``, MkDocs pointed at it, and the post-build step run after.

Absolute imports: MkDocs loads a hook file by path, not as part of its package.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from generator.content.errors import CONTENT_ERRORS_LOGGED, ContentError
from generator.edition import load_bank
from generator.site.postbuild import finish_site
from generator.site.rawhtml import Stash
from generator.site.tree import engine_config, manifest, write_tree

_state: dict[str, Any] = {}
# What the tree's config sets that the project's own does not.
_FROM_TREE = ("nav", "copyright", "extra_css", "site_url", "site_name")


def on_config(config: Any) -> Any:
    config_file = Path(config.config_file_path).resolve()
    tree = manifest(config_file)
    _state.clear()
    if tree is None:
        _state["generated"] = _serve_tree(config, config_file.parent)
        return config
    _state["generated"] = tuple(tree["generated"])
    if tree["site_name_escaped"]:
        # The tree's config holds the council's name escaped once; the theme prints it both
        # as it is and through `|e`, which would otherwise turn & into &amp;amp;.
        config.site_name = Markup(config.site_name)
    return config


def _serve_tree(config: Any, root: Path) -> tuple[str, ...]:
    """Write the tree for the project's own config and point MkDocs at it."""
    edition = os.environ.get("QBANK_EDITION") or None
    try:
        bank = load_bank(root, Path(edition) if edition else None)
        name = Path(edition).name if edition else "national"
        cache = root / ".cache"
        tree = write_tree(root, bank, cache / "serve" / name, cache / "downloads")
    except ContentError as exc:
        raise PluginError(f"{CONTENT_ERRORS_LOGGED}\n{exc.report()}") from None
    except OSError as exc:
        raise PluginError(str(exc)) from None
    settings = engine_config(root, bank)
    config.docs_dir = str(tree.docs)
    for key in _FROM_TREE:
        if key in settings:
            config[key] = settings[key]
    if bank.edition.council:
        config.site_name = Markup(config.site_name)
    if bank.edition.logo:
        config.theme["logo"] = bank.edition.logo_page_path
    _state["bank"] = bank
    return tree.generated


def on_files(files: Files, config: Any) -> Files:
    # Generated pages after the hand-written ones, in the order they were made: the order of
    # the search index's entries, which breaks ties between results.
    order = {page: i for i, page in enumerate(_state["generated"])}
    made = sorted((f for f in files if f.src_uri in order), key=lambda f: order[f.src_uri])
    return Files([*(f for f in files if f.src_uri not in order), *made])


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    # Generated pages' HTML blocks skip Markdown, which would copy them through as they are.
    if page.file.src_uri not in _state["generated"]:
        return markdown
    stash = Stash()
    _state.setdefault("stashes", {})[page.file.src_uri] = stash
    return stash.stash(markdown)


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    stash = _state.get("stashes", {}).pop(page.file.src_uri, None)
    if stash is None:
        return html
    # MkDocs checks links to anchors against the IDs it found in the page's HTML.
    page.present_anchor_ids = (page.present_anchor_ids or set()) | stash.anchor_ids()
    return str(stash.unstash(html))


# Last, after the offline plugin (-100): the post-build step copies the tidied index itself.
@event_priority(-200)
def on_post_build(config: Any) -> None:
    if "bank" in _state:  # the project's own config: `qbank build` runs the step itself
        finish_site(Path(config.site_dir), _state["bank"])
