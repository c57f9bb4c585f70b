"""A PDF's blocks as they stand on its pages, and a table that runs on over a page break
joined into one: the rest of a table at the top of a page, with the same columns, goes on
from the table that ends the page before; a row cut by the break is joined whole."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .blocks import Block, Table


@dataclass(frozen=True)
class Placed:
    """A block on its page, where it stands (tables keep their column edges)."""

    top: float
    bottom: float
    block: Block
    size: float = 0.0  # a line's type size
    edges: tuple[float, ...] = ()  # a table's column edges


def join_pages(pages: list[list[Placed]]) -> tuple[list[Placed], list[int]]:
    """All pages' blocks in order, a table that runs on at the top of the next page joined
    to the one that ends the page before; and the pages after which a row was joined."""
    out: list[Placed] = []
    joined_rows: list[int] = []
    for number, placed in enumerate(pages):
        if placed and out and _continues(out[-1], placed[0]):
            before, after = out[-1].block, placed[0].block
            assert isinstance(before, Table) and isinstance(after, Table)
            rows = list(after.rows)
            if rows and rows[0] == before.rows[0]:
                rows = rows[1:]  # the heading row, repeated on the new page
            merged = list(before.rows)
            if rows and _row_goes_on(merged[-1], rows[0]):
                merged[-1] = tuple(
                    " ".join(x for x in (a, b) if x)
                    for a, b in zip(merged[-1], rows[0], strict=True)
                )
                rows = rows[1:]
                joined_rows.append(number)
            out[-1] = replace(out[-1], block=Table(tuple(merged + rows)))
            placed = placed[1:]
        out += placed
    return out, joined_rows


def _continues(last: Placed, first: Placed) -> bool:
    """Whether ``first`` (at the top of a page) is the rest of ``last`` (ending the page
    before): both tables, with the same columns."""
    a, b = last.block, first.block
    if not (isinstance(a, Table) and isinstance(b, Table)) or a.columns != b.columns:
        return False
    return len(last.edges) == len(first.edges) and all(
        abs(x - y) <= 2 for x, y in zip(last.edges, first.edges, strict=True)
    )


def _row_goes_on(last: tuple[str, ...], first: tuple[str, ...]) -> bool:
    """Whether the first row on the new page is the rest of the row cut by the break: its
    first cell is empty where the row before has one, or a cell goes on in lower case."""
    if len(last) != len(first) or not any(first):
        return False
    if not first[0] and last[0]:
        return True
    return any(cell[:1].islower() for cell in first if cell)
