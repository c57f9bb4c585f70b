"""Spreadsheets for tracking answers across meetings: the whole bank, and one per audience.

A "Questions" sheet has a row per question with a Status drop-down, blanks for notes, owner
and date, and a link to the question's page; an "About" sheet says what the workbook is.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..content import views as c
from ..content.model import Audience, Bank, Question
from . import Download
from .stamp import Stamp, download, normalise_zip
from .tabular import HEADERS, LINK_COLUMN, NO_LINK, STATUS_COLUMN, link_header, question_row

WIDTHS = {
    "ID": 9, "Audience": 22, "Question": 60, "Threats": 24, "4P strand": 16, "Theme": 28,
    "Status": 15, "Notes": 40, "Owner": 18, "Date": 12, "Link": 14,
}  # fmt: skip
WRAPPED = {"Question", "Threats", "Theme", "Notes"}
# Rows past the questions keep the drop-down, for questions a council adds itself.
VALIDATED_ROWS = 500


def text_cells(cells: Iterable[Cell]) -> None:
    """Store every text cell as text, so a value starting with ``=`` (say, a question pasted
    from Word) is never a formula. openpyxl guesses a formula from a leading ``=`` otherwise."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _questions_sheet(ws: Worksheet, bank: Bank, questions: Sequence[Question]) -> None:
    ws.append(HEADERS)
    text_cells(ws[1])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for q in questions:
        row = question_row(bank, q)
        ws.append(row)
        text_cells(ws[ws.max_row])
        if row[LINK_COLUMN]:
            link = ws.cell(row=ws.max_row, column=LINK_COLUMN + 1)
            link.value = f"Open {q.id}"
            link.hyperlink = row[LINK_COLUMN]
            link.style = "Hyperlink"
    if not bank.edition.site_url:
        heading = ws.cell(row=1, column=LINK_COLUMN + 1)
        heading.value = link_header(bank)
        heading.comment = Comment(NO_LINK, bank.title)
    for i, name in enumerate(HEADERS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = WIDTHS[name]
        for cell in ws[letter][1:]:
            cell.alignment = Alignment(wrap_text=name in WRAPPED, vertical="top")
            if name == "Date":
                cell.number_format = "dd/mm/yyyy"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{ws.max_row}"
    status = get_column_letter(STATUS_COLUMN + 1)
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(c.STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose " + ", ".join(c.STATUSES) + ".",
        promptTitle="Status",
        prompt="How assured are you by the answer?",
        showInputMessage=True,
    )
    choices.add(f"{status}2:{status}{max(VALIDATED_ROWS, ws.max_row)}")
    ws.add_data_validation(choices)
    _print_setup(ws)
    # Every printed page says whose it is and which bank version and date it is from.
    council = f"{bank.edition.council} · " if bank.edition.council else ""
    # "&" starts a code in a printed header or footer ("&P" is the page number): doubled.
    ws.oddFooter.left.text = f"{council}{Stamp.of(bank).line}".replace("&", "&&")
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.right.size = 8


def _print_setup(ws: Worksheet) -> None:
    """Print on A4 landscape, one page wide, the header row repeated on every page."""
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _about_sheet(
    ws: Worksheet, bank: Bank, questions: Sequence[Question], stamp: Stamp, scope: str
) -> None:
    sources = dict.fromkeys(c.citation(bank, q.source).removeprefix("Source: ") for q in questions)
    rows = [
        ("Workbook", f"{scope}: questions on serious and organised crime"),
        ("Council", bank.edition.council or "(none: the national bank)"),
        ("Bank version", stamp.version),
        ("Build date", stamp.built.isoformat()),
        ("Notes as at", bank.notes_as_at or "(no editorial notes)"),
        ("Source", "\n".join(sources)),
        ("Status", "; ".join(c.STATUSES)),
        ("How to use", "Record each answer's status, notes, owner and date; add a row per "
         "meeting to track a question over time. Link opens the question on the website."),
        ("Quoted text", c.QUOTED),
    ]  # fmt: skip
    if not bank.edition.site_url:
        rows.append(("Links", NO_LINK))
    for row in rows:
        ws.append(row)
        text_cells(ws[ws.max_row])
    for cell in ws["A"]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    for cell in ws["B"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 90


def workbook(bank: Bank, questions: Sequence[Question], scope: str) -> bytes:
    """A tracking workbook for ``questions``; ``scope`` names them (an audience, "All")."""
    stamp = Stamp.of(bank)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Questions"
    _questions_sheet(ws, bank, questions)
    _about_sheet(wb.create_sheet("About"), bank, questions, stamp, scope)
    props = wb.properties
    props.title = f"{scope}: serious and organised crime questions tracker"
    props.subject = "Tracking answers to councillor questions on serious and organised crime"
    props.creator = bank.edition.council or bank.title
    props.lastModifiedBy = bank.title
    props.keywords = "serious and organised crime; scrutiny; councillors"
    props.description = stamp.line
    props.version = stamp.version
    props.language = "en-GB"
    naive = stamp.time.replace(tzinfo=None)  # openpyxl writes UTC without an offset
    props.created = props.modified = naive
    out = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the modified time with now.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return normalise_zip(out.getvalue(), stamp.time)


def bank_downloads(bank: Bank) -> list[tuple[Download, bytes]]:
    """The whole-bank tracker: a part the registry makes and caches on its own."""
    return [
        download(
            "All questions tracker (Excel)",
            f"{c.DOWNLOADS}/question-bank.xlsx",
            "Excel",
            lambda: workbook(bank, bank.questions, "All audiences"),
        )
    ]


def audience_downloads(bank: Bank, audience: Audience) -> list[tuple[Download, bytes]]:
    """One audience's tracker: a part the registry makes and caches on its own."""
    return [
        download(
            f"{audience.name} tracker (Excel)",
            c.audience_path(audience, "xlsx"),
            "Excel",
            lambda: workbook(bank, audience.questions, audience.name),
            audience_id=audience.id,
        )
    ]


def export(bank: Bank) -> list[tuple[Download, bytes]]:
    """The whole-bank tracker, then one per audience."""
    return bank_downloads(bank) + [
        item for a in bank.audiences for item in audience_downloads(bank, a)
    ]
