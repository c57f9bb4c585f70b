"""What ``qbank extract`` reads from a document, before it is written as text: paragraphs
(headings marked by level) and tables (rows of cells), in the order they stand.

A table is written one row a line, its cells apart (`` | ``), an empty cell as ``[empty]``
and the place a merged cell spans as ``[merged]``, so a cell is quoted as it stands and a
drafted action plan can name the cells it read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EMPTY = "[empty]"
MERGED = "[merged]"
SEPARATOR = " | "
_SPACE = re.compile(r"\s+")


def cell_text(text: str | None) -> str:
    """A cell's words on one line; ``None`` (the place a merged cell spans) as ``[merged]``."""
    if text is None:
        return MERGED
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Paragraph:
    text: str
    level: int = 0  # a heading's level (1 the document's title), 0 for body text


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # each cell on one line; "" empty, MERGED spanned

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Table


@dataclass
class Extracted:
    """A document's blocks, and what the reader warns about (unreliable tables, pages left
    out), each warning said for an editor."""

    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def render(blocks: list[Block]) -> str:
    """The text ``qbank extract`` writes: blocks apart by a blank line, tables a row a line."""
    out = []
    number = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(block.text)
            continue
        number += 1
        lines = [f"Table {number} ({block.columns} columns, {len(block.rows)} rows):"]
        lines += [SEPARATOR.join(cell or EMPTY for cell in row) for row in block.rows]
        out.append("\n".join(lines))
    return "\n\n".join(out)
