"""The local 4P action plan as Word and Excel files, in the Home Office format.

Rows are grouped by Pursue, Prevent, Protect and Prepare with the columns Recommendation,
Milestone, Ownership and Review (and Status). A bank without plan rows (the national one)
makes no files. Cells the source leaves empty say "not stated": nothing is invented.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..content import views as c
from ..content.model import Bank, PlanRow
from . import Download
from .docx import A4, MARGIN, WordDocument
from .stamp import Stamp, download, normalise_zip

HEADERS = ("Recommendation", "Milestone", "Ownership", "Review", "Status")
WORD_WIDTHS = (10.1, 4.0, 4.0, 3.0, 3.0)  # 24.1 cm: landscape A4 inside the margins
SHEET_COLUMNS = (("4P strand", 12), *zip(HEADERS, (70, 24, 24, 18, 16), strict=True))
PATH = f"{c.DOWNLOADS}/local/action-plan"


def title(bank: Bank) -> str:
    return f"{bank.edition.council}: 4P action plan on serious and organised crime"


def _grouped(bank: Bank) -> list[tuple[str, list[PlanRow]]]:
    rows = bank.edition.action_plan
    return [
        (s.name, [r for r in rows if r.strand == s.id])
        for s in bank.strands
        if any(r.strand == s.id for r in rows)
    ]


def _cells(r: PlanRow) -> tuple[str, ...]:
    return (r.recommendation, r.milestone, r.ownership, r.review, r.status)


def plan_docx(bank: Bank) -> bytes:
    """The plan on landscape A4 pages: a heading and a table per 4P strand."""
    stamp = Stamp.of(bank)
    word = WordDocument(bank, stamp, title(bank), "4P action plan", "4P action plan")
    section = word.doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = A4[1], A4[0]
    word.heading(title(bank), level=1)
    word.para(
        "In the Home Office format for a local multi-agency action plan aligned to the 4Ps. "
        "Where the source states no milestone, owner, review date or status, the plan says "
        "“not stated”."
    )
    word.para(stamp.line + ".", size=8.5)
    assert (A4[1] - 2 * MARGIN) >= Cm(sum(WORD_WIDTHS))
    for name, rows in _grouped(bank):
        word.heading(name, level=2)
        table = word.table(zip(HEADERS, WORD_WIDTHS, strict=True), f"{name}: action plan")
        for r in rows:
            for cell, value in zip(table.add_row().cells, _cells(r), strict=True):  # type: ignore[no-untyped-call]
                cell.paragraphs[0].add_run(value)
    if bank.edition.reporting_line:
        word.labelled("Reporting concerns:", bank.edition.reporting_line)
    return word.to_bytes()


def _sheet(ws: Worksheet, bank: Bank) -> None:
    ws.append([h for h, _ in SHEET_COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for name, rows in _grouped(bank):
        for r in rows:
            ws.append([name, *_cells(r)])
    for i, (_, width) in enumerate(SHEET_COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        for cell in ws[letter][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.data_type = "s"  # text from YAML is never a formula
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(SHEET_COLUMNS))}{ws.max_row}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def plan_xlsx(bank: Bank) -> bytes:
    """The plan as one sheet with a row per action, strand first, ready to track."""
    stamp = Stamp.of(bank)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Action plan"
    _sheet(ws, bank)
    about = wb.create_sheet("About")
    for row in (
        ("Workbook", title(bank)),
        ("Council", bank.edition.council),
        ("Bank version", stamp.version),
        ("Build date", stamp.built.isoformat()),
        ("Format", "Home Office multi-agency action plan: Recommendation, Milestone, "
         "Ownership, Review, by Pursue, Prevent, Protect and Prepare."),
        ("Not stated", "The source states no value for this cell."),
    ):  # fmt: skip
        about.append(row)
        about.cell(about.max_row, 2).data_type = "s"
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 90
    props = wb.properties
    props.title = title(bank)
    props.creator = bank.edition.council
    props.lastModifiedBy = bank.title
    props.description = stamp.line
    props.language = "en-GB"
    props.created = props.modified = stamp.time.replace(tzinfo=None)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return normalise_zip(out.getvalue(), stamp.time)


def export(bank: Bank) -> list[tuple[Download, bytes]]:
    """The action plan in Word and Excel, when the bank has one."""
    if not bank.edition.action_plan:
        return []
    files = [
        download("4P action plan (Word)", f"{PATH}.docx", "Word", lambda: plan_docx(bank)),
        download("4P action plan (Excel)", f"{PATH}.xlsx", "Excel", lambda: plan_xlsx(bank)),
    ]
    return [(replace(d, local=True), data) for d, data in files]
