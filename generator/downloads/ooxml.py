"""The few WordprocessingML settings python-docx has no API for, each as one small function."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

# Word rejects elements out of schema order, so each is inserted before its successors.
_TRPR_AFTER_CANTSPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")
_TRPR_AFTER_TBLHEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del")
_TCPR_AFTER_SHD = (
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip
_PPR_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def _child(parent: Any, tag: str, successors: tuple[str, ...] = ()) -> Any:
    """The first ``tag`` child of ``parent``, created in schema order if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if successors:
            parent.insert_element_before(found, *successors)
        else:
            parent.append(found)
    return found


def repeat_header(row: _Row) -> None:
    """Mark a table row as its header: repeated on every page and announced by screen readers."""
    trPr = row._tr.get_or_add_trPr()
    _child(trPr, "w:tblHeader", _TRPR_AFTER_TBLHEADER).set(qn("w:val"), "true")


def keep_row_together(row: _Row) -> None:
    """A row may not break across pages (``w:cantSplit``)."""
    trPr = row._tr.get_or_add_trPr()
    _child(trPr, "w:cantSplit", _TRPR_AFTER_CANTSPLIT).set(qn("w:val"), "true")


def shade(row: _Row, fill: str) -> None:
    """Background colour (``D9D9D9``) for every cell in a row."""
    for cell in row.cells:
        tcPr = cell._tc.get_or_add_tcPr()
        shd = _child(tcPr, "w:shd", _TCPR_AFTER_SHD)
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)


def describe_table(table: Table, caption: str, description: str) -> None:
    """Alternative text for a table (``w:tblCaption``/``w:tblDescription``) for screen readers."""
    tblPr = table._tbl.tblPr
    _child(tblPr, "w:tblCaption").set(qn("w:val"), caption)
    _child(tblPr, "w:tblDescription").set(qn("w:val"), description)


def box(paragraph: Paragraph, size: int = 8) -> None:
    """A border on all four sides; adjacent boxed paragraphs join into one box."""
    pPr = paragraph._p.get_or_add_pPr()
    borders = _child(pPr, "w:pBdr", _PPR_AFTER_PBDR)
    for side in ("top", "left", "bottom", "right"):
        edge = _child(borders, f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), "000000")


def field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field such as ``PAGE`` or ``NUMPAGES``, updated by the reader."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def set_language(document: Document, lang: str) -> None:
    """Default proofing language (``en-GB``), for spell checkers and screen readers."""
    for found in document.styles.element.iter(qn("w:lang")):
        found.set(qn("w:val"), lang)


def set_font(style: Any, name: str) -> None:
    """Use ``name`` in a style, dropping theme fonts, which would otherwise take precedence."""
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:cs"), name)


_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
# A check box's two faces, and a font that has them in Word on Windows and Mac; LibreOffice
# falls back to any font with the characters.
BOX_UNCHECKED, BOX_CHECKED, BOX_FONT = "2610", "2612", "Segoe UI Symbol"


def checkbox(
    paragraph: Paragraph,
    ident: int,
    tag: str,
    title: str,
    size_half_points: int,
    checked: bool = False,
) -> None:
    """A check-box content control (``w14:checkbox``) that ticks with a click in Word and
    LibreOffice (ticked already if ``checked``); ``title`` is what assistive technology
    announces."""
    state = BOX_CHECKED if checked else BOX_UNCHECKED
    xml = f"""
<w:sdt {nsdecls("w")} xmlns:w14="{_W14}">
  <w:sdtPr>
    <w:rPr><w:rFonts w:ascii="{BOX_FONT}" w:hAnsi="{BOX_FONT}" w:eastAsia="{BOX_FONT}"/>
      <w:sz w:val="{size_half_points}"/></w:rPr>
    <w:alias w:val="{escape(title)}"/>
    <w:tag w:val="{escape(tag)}"/>
    <w:id w:val="{ident}"/>
    <w14:checkbox>
      <w14:checked w14:val="{int(checked)}"/>
      <w14:checkedState w14:val="{BOX_CHECKED}" w14:font="{BOX_FONT}"/>
      <w14:uncheckedState w14:val="{BOX_UNCHECKED}" w14:font="{BOX_FONT}"/>
    </w14:checkbox>
  </w:sdtPr>
  <w:sdtContent>
    <w:r><w:rPr><w:rFonts w:ascii="{BOX_FONT}" w:hAnsi="{BOX_FONT}" w:eastAsia="{BOX_FONT}"/>
      <w:sz w:val="{size_half_points}"/></w:rPr><w:t>{chr(int(state, 16))}</w:t></w:r>
  </w:sdtContent>
</w:sdt>"""
    paragraph._p.append(parse_xml(xml))
