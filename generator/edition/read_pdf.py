"""A council's PDF as paragraphs and tables, for ``qbank extract``.

Measured on a Word strategy saved as PDF by LibreOffice, with a ruled 4-column table over a
page break: pypdf's plain and layout modes give the cells as lines side by side (a cell's
wrapped lines interleave with its neighbours'); pdfplumber finds the ruled table and gives
each cell whole. So pdfplumber reads the pages: text outside tables as paragraphs (headings
by their larger type), tables as rows of cells, a table that runs on over a page break joined
into one. pypdf first checks, without drawing anything, what the file would cost: pages,
each page's drawing instructions, encryption. A table without ruling lines cannot be found:
its text is read line by line, and the page is named in a warning that points to the Word
original.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from .blocks import Block, Extracted, Paragraph, Table, cell_text
from .limits import Clock, Limits
from .pdf_check import check_pdf, damaged
from .pdf_pages import Placed, join_pages

# A gap between two letters on one line wider than this many times the type size is a gap
# between columns: text laid out as a table without ruling lines.
_COLUMN_GAP = 2.5
_HEADING_SCALE = 1.15  # type this much larger than the body's is a heading


def read_pdf(path: Path, limits: Limits, clock: Clock) -> Extracted:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    heavy, warnings = check_pdf(path, limits)
    pages: list[list[Placed]] = []
    columnar: list[int] = []
    try:
        with pdfplumber.open(path, password="") as pdf:
            for number, page in enumerate(pdf.pages):
                clock.check()
                if number in heavy:
                    pages.append([])
                    continue
                placed, gaps = _page(page)
                pages.append(placed)
                if gaps >= 3:
                    columnar.append(number + 1)
                page.close()
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise damaged(path, exc) from None
    if columnar:
        listed = ", ".join(str(n) for n in columnar[:10])
        warnings.append(
            f"page{'s' if len(columnar) > 1 else ''} {listed}: text laid out in columns "
            "without ruling lines (a table without borders?) is read line by line, so its "
            "cells may run together; if the strategy came as a Word file, extract the .docx: "
            "its tables are read cell by cell"
        )
    blocks, joined = join_pages(pages)
    warnings += [
        f"a row of a table runs over the page break after page {n}: its two parts are joined "
        "into one row; check that row in the text"
        for n in joined
    ]
    return Extracted(_headings(blocks), warnings)


def _page(page: Any) -> tuple[list[Placed], int]:
    """The page's tables and lines of text, top to bottom; and how many lines look like
    columns of a table without ruling lines."""
    tables = page.find_tables()
    placed: list[Placed] = []
    for t in tables:
        rows = tuple(tuple(cell_text(c) for c in row) for row in t.extract())
        edges = tuple(round(c[0]) for c in t.rows[0].cells if c is not None) if t.rows else ()
        placed.append(Placed(t.bbox[1], t.bbox[3], Table(rows), edges=edges))
    gaps = 0
    for line in page.extract_text_lines(return_chars=True):
        middle = (line["top"] + line["bottom"]) / 2
        if any(
            t.bbox[1] <= middle <= t.bbox[3] and t.bbox[0] - 1 <= line["x0"] <= t.bbox[2]
            for t in tables
        ):
            continue
        chars = line["chars"]
        sizes = Counter(round(c["size"], 1) for c in chars)
        type_size = sizes.most_common(1)[0][0] if sizes else 0.0
        if _wide_gap(chars, type_size):
            gaps += 1
        placed.append(Placed(line["top"], line["bottom"], Paragraph(line["text"]), size=type_size))
    placed.sort(key=lambda p: p.top)
    return _paragraphs(placed), gaps


def _wide_gap(chars: list[dict[str, Any]], type_size: float) -> bool:
    return any(b["x0"] - a["x1"] > _COLUMN_GAP * type_size for a, b in pairwise(chars))


def _paragraphs(placed: list[Placed]) -> list[Placed]:
    """Lines joined into paragraphs: a line close below one of the same type size goes on."""
    out: list[Placed] = []
    for item in placed:
        last = out[-1] if out else None
        if (
            last is not None
            and isinstance(item.block, Paragraph)
            and isinstance(last.block, Paragraph)
            and abs(item.size - last.size) < 0.5
            and item.top - last.bottom < 0.6 * (item.bottom - item.top)
        ):
            text = f"{last.block.text}\n{item.block.text}"
            out[-1] = replace(last, bottom=item.bottom, block=Paragraph(text))
        else:
            out.append(item)
    return out


def _headings(placed: list[Placed]) -> list[Block]:
    """The blocks, a paragraph in larger type than the body's marked as a heading, its
    level by its size among the headings' sizes."""
    weights: Counter[float] = Counter()
    for p in placed:
        if isinstance(p.block, Paragraph):
            weights[p.size] += len(p.block.text)
    if not weights:
        return [p.block for p in placed]
    body = weights.most_common(1)[0][0]
    sizes = sorted(
        {
            p.size
            for p in placed
            if p.size >= body * _HEADING_SCALE and isinstance(p.block, Paragraph)
        },
        reverse=True,
    )
    out: list[Block] = []
    for p in placed:
        if isinstance(p.block, Paragraph) and p.size in sizes and len(p.block.text) < 200:
            out.append(Paragraph(p.block.text.replace("\n", " "), sizes.index(p.size) + 1))
        else:
            out.append(p.block)
    return out
