"""A council's Word (.docx) document as paragraphs and tables, for ``qbank extract``.

A .docx is a zip package: its parts' sizes are read from the zip's directory and checked
against :class:`~.limits.Limits` before any part is inflated, so a small file that would
inflate to gigabytes is refused at once. Cells are read from the table's XML as Word stores
them, so a cell is never run into its neighbour.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from .blocks import Block, Extracted, Paragraph, Table, cell_text
from .limits import MB, Limits, size

_HEADING = re.compile(r"heading (\d)", re.IGNORECASE)


def unreadable(path: Path, why: object) -> ValueError:
    return ValueError(
        f"{path} could not be read as a Word .docx file ({why}): is it an old .doc? "
        "Save it as .docx in Word and extract that"
    )


def check_package(path: Path, limits: Limits) -> None:
    """Refuse a package whose parts would inflate beyond ``limits``, before reading any."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise unreadable(path, exc) from None
    why = ""
    total = sum(p.file_size for p in parts)
    if len(parts) > limits.parts:
        why = f"it holds {len(parts):,} parts (the limit is {limits.parts:,})"
    for part in parts:
        if why:
            break
        if part.file_size > limits.part_bytes:
            why = (
                f"its part {part.filename!r} inflates to {size(part.file_size)} "
                f"(the limit is {size(limits.part_bytes)} a part)"
            )
        elif part.file_size > MB and part.file_size > limits.ratio * max(part.compress_size, 1):
            ratio = part.file_size // max(part.compress_size, 1)
            why = (
                f"its part {part.filename!r} inflates {ratio:,} times, to "
                f"{size(part.file_size)} (the limit is {limits.ratio} times for a part over 1 MB)"
            )
    if not why and total > limits.package_bytes:
        why = f"its parts inflate to {size(total)} (the limit is {size(limits.package_bytes)})"
    if why:
        raise ValueError(
            f"{path} is refused: {why}. A council's strategy is far smaller; this file may be "
            "made to exhaust the computer. Open it in Word, save it again and extract that, "
            "or ask for the original"
        )


def read_docx(path: Path, limits: Limits) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    check_package(path, limits)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, XMLSyntaxError) as exc:
        raise unreadable(path, exc) from None
    styles = {s.style_id: s.name or "" for s in document.styles}
    return Extracted(list(_blocks(document.element.body, styles)))


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _blocks(container: Any, styles: dict[str, str]) -> list[Block]:
    """Paragraphs and tables in document order (content controls opened)."""
    out: list[Block] = []
    for child in container:
        kind = _tag(child)
        if kind == "p":
            out.append(Paragraph(_text(child), _level(child, styles)))
        elif kind == "tbl":
            out.append(Table(tuple(_row(tr) for tr in _children(child, "tr"))))
        elif kind == "sdt":
            for content in _children(child, "sdtContent"):
                out += _blocks(content, styles)
    return out


def _children(element: Any, kind: str) -> list[Any]:
    """Direct children of ``kind``, looking through content controls (``w:sdt``)."""
    found = []
    for child in element:
        if _tag(child) == kind:
            found.append(child)
        elif _tag(child) == "sdt":
            for content in _children(child, "sdtContent"):
                found += _children(content, kind)
    return found


def _text(element: Any) -> str:
    """The words of a paragraph or cell: tabs and manual line breaks as spaces, paragraphs
    within a cell apart by a space."""
    words = []
    for node in element.iter():
        kind = _tag(node)
        if kind == "t":
            words.append(node.text or "")
        elif kind in ("tab", "br", "cr", "p"):
            words.append(" ")
    return "".join(words)


def _level(p: Any, styles: dict[str, str]) -> int:
    style = ""
    outline = None
    for ppr in _children(p, "pPr"):
        for prop in ppr:
            if _tag(prop) == "pStyle":
                style = styles.get(_val(prop), _val(prop))
            elif _tag(prop) == "outlineLvl" and _val(prop).isdigit():
                outline = int(_val(prop)) + 1
    if style.lower() == "title":
        return 1
    if match := _HEADING.fullmatch(style.strip()):
        return int(match.group(1))
    return outline if outline is not None and outline < 10 else 0


def _val(element: Any) -> str:
    return str(element.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", ""))


def _row(tr: Any) -> tuple[str, ...]:
    cells: list[str] = []
    for tc in _children(tr, "tc"):
        span, merged = 1, False
        for tcpr in _children(tc, "tcPr"):
            for prop in tcpr:
                if _tag(prop) == "gridSpan" and _val(prop).isdigit():
                    span = max(1, min(int(_val(prop)), 64))
                elif _tag(prop) == "vMerge" and _val(prop) != "restart":
                    merged = True  # the cell above spans down over this one
        cells.append(cell_text(None if merged else _text(tc)))
        cells += [cell_text(None)] * (span - 1)
    return tuple(cells)
