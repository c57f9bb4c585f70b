"""One row per question for tracking answers: the rows the spreadsheets hold, and the CSV.

The CSV is UTF-8 with a byte-order mark so that Excel opens its curly quotes and dashes
correctly; every row carries the bank version, build date and editorial notes' "as at" date.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..content import views as c
from ..content.markup import page_url
from ..content.model import Bank, Question
from . import Download
from .stamp import Stamp, download

HEADERS = (
    "ID", "Audience", "Question", "Threats", "4P strand", "Theme",
    "Status", "Notes", "Owner", "Date", "Link",
)  # fmt: skip
STATUS_COLUMN = HEADERS.index("Status")
LINK_COLUMN = HEADERS.index("Link")
NOT_ASKED = c.STATUSES[-1]
# A cell starting with one of these is read by spreadsheet programs as a formula (OWASP,
# "CSV Injection"): a note typed as =HYPERLINK(...) would become a live link or worse.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: a leading ``'`` when it could be a formula.

    Applied to every CSV cell as it is written (the OWASP CSV-injection advice); the
    workbooks set their cells' type to text instead (``xlsx.text_cells``).
    """
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


# Why a bank without a site_url gives no links: a spreadsheet or CSV is saved and sent on, and a
# link relative to where it was downloaded from is dead once it is anywhere else.
NO_LINK = (
    "No links: this edition does not say where the site is published (site_url in "
    "edition.yml), and a link relative to the downloaded file stops working once the file "
    "is saved elsewhere."
)


def question_link(bank: Bank, q: Question) -> str:
    """The question's permanent address, absolute from the edition's ``site_url`` (so a saved
    spreadsheet keeps working); empty without one (see ``NO_LINK``)."""
    if not bank.edition.site_url:
        return ""
    page = bank.audience(q.audience_id).page
    return f"{bank.edition.site_url.rstrip('/')}/{page_url('index.md', page, q.anchor)}"


def link_header(bank: Bank) -> str:
    """The Link column's heading: says the links were left out, and why, when they were."""
    return "Link" if bank.edition.site_url else "Link (left out: no site_url, see About)"


def question_text(q: Question) -> str:
    """The question as published, with its sub-items and any retirement note."""
    lines = [q.text, *(f"• {item}" for item in q.items)]
    if q.local:  # labelled in every download, as on the page
        lines.insert(0, "Local question")
    if q.retired:
        lines.append(f"Retired: {q.retired_note}")
    return "\n".join(lines)


def question_row(bank: Bank, q: Question) -> tuple[str, ...]:
    """``HEADERS`` for one question; Status starts at "Not asked", the tracking fields blank."""
    threats = "; ".join(bank.threat(t).name for t in q.threats) or (
        "No particular threat" if q.no_threat else "All threats"
    )
    return (
        q.id,
        bank.audience(q.audience_id).name,
        question_text(q),
        threats,
        ", ".join(bank.strand(s).name for s in q.strands),
        "; ".join(bank.theme(t).name for t in q.themes),
        NOT_ASKED,
        "",
        "",
        "",
        question_link(bank, q),
    )


def to_csv(bank: Bank, questions: Iterable[Question], stamp: Stamp) -> bytes:
    """The rows as CSV (UTF-8 with BOM, CRLF line ends as RFC 4180 has them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    headers = (*HEADERS[:LINK_COLUMN], link_header(bank), *HEADERS[LINK_COLUMN + 1 :])
    writer.writerow((*headers, "Bank version", "Build date", "Notes as at"))
    for q in questions:
        row = (*question_row(bank, q), stamp.version, stamp.built.isoformat(), bank.notes_as_at)
        writer.writerow(tuple(safe_cell(v) for v in row))
    return out.getvalue().encode("utf-8-sig")


def export(bank: Bank) -> list[tuple[Download, bytes]]:
    """The whole bank as one CSV."""
    data = to_csv(bank, bank.questions, Stamp.of(bank))
    return [download("All questions (CSV)", f"{c.DOWNLOADS}/question-bank.csv", "CSV", data)]
