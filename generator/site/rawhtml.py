"""Generated pages' HTML blocks kept out of Markdown's way, and put back after it.

The generator writes most of each page as HTML blocks (a checklist's questions, the meeting
pack's every checklist and briefing). Python-Markdown copies such a block through unchanged,
but only after two HTML parsers have read it (its own, and MkDocs' search for anchor IDs):
half of a rebuild's Markdown time, on text the generator made. :func:`stash` takes out each
block that Markdown would copy through as it is, leaving a comment in its place;
:func:`unstash` puts the blocks back in the HTML, and :func:`anchor_ids` gives MkDocs the IDs
they hold, for its check of links to anchors.

A block is taken out only when nothing in it could be read as Markdown: it starts a chunk
(after a blank line) with a block-level tag, carries no ``markdown`` attribute, and closes
that tag on its last line, as often as it opens it. Anything else is left to Markdown.
``tests/test_rawhtml.py`` checks that every generated page converts to the same HTML both
ways.
"""

from __future__ import annotations

import re
import secrets

from markdown.util import BLOCK_LEVEL_ELEMENTS

_CHUNKS = re.compile(r"(\n[ \t]*\n)")  # kept by re.split, between the chunks
_START = re.compile(r"<([a-z][a-z0-9]*)[\s>]")
# As MkDocs collects them: any element's id, and a link's name.
_ID = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]*)\"")
_NAME = re.compile(r"<a\s[^>]*?\bname=\"([^\"]*)\"")
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS) - {"pre", "script", "style", "textarea"}


class Stash:
    """The blocks taken out of one page, by the placeholder left for each."""

    def __init__(self) -> None:
        self._nonce = secrets.token_hex(4)
        self.blocks: dict[str, str] = {}

    def stash(self, markdown: str) -> str:
        """``markdown`` with each HTML block Markdown would copy through replaced by a
        placeholder comment."""
        out = []
        for chunk in _CHUNKS.split(markdown):
            if _verbatim(chunk):
                block = chunk.rstrip()
                key = f"<!--qbank-html-{self._nonce}-{len(self.blocks)}-->"
                self.blocks[key] = block
                chunk = key + chunk[len(block) :]
            out.append(chunk)
        return "".join(out)

    def unstash(self, html: str) -> str:
        """The page's HTML with every block put back where its placeholder is."""
        if not self.blocks:
            return html
        keys = re.compile("|".join(re.escape(k) for k in self.blocks))
        return keys.sub(lambda m: self.blocks[m.group(0)], html)

    def anchor_ids(self) -> set[str]:
        """IDs (and ``<a name>``) in the blocks taken out: what MkDocs would have found."""
        return {
            m.group(1)
            for block in self.blocks.values()
            for pattern in (_ID, _NAME)
            for m in pattern.finditer(block)
        }


def _verbatim(chunk: str) -> bool:
    start = _START.match(chunk)
    if start is None or start.group(1) not in _BLOCK_TAGS or "markdown=" in chunk:
        return False
    tag = start.group(1)
    last = chunk.rstrip().rsplit("\n", 1)[-1]
    if not last.endswith(f"</{tag}>"):
        return False
    opened = len(re.findall(rf"<{tag}[\s>]", chunk))
    return opened == chunk.count(f"</{tag}>")
