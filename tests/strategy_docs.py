"""A made-up council's strategy as a Word file (python-docx) and as the PDF LibreOffice makes
of it: headings, an aim, the council's actions, a reporting line, and a 4P action plan table
long enough to run over a page break, one row cut by it, one cell left empty."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx

COUNCIL = "Fenmere District Council"
TITLE = "Fenmere Serious and Organised Crime Strategy 2026"
AIM = "To make Fenmere a place where organised criminals cannot operate."
ACTIONS = [
    "Train every licensing officer to spot the signs of exploitation.",
    "Share intelligence with Fenmere Police through the partnership hub.",
]
REPORTING = "Report any concern to Fenmere Police on 101, or anonymously to Crimestoppers."
HEADER = ("Strand", "Action", "Lead", "By when")
STRANDS = ("Pursue", "Prevent", "Protect", "Prepare")


def plan_rows() -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for i in range(9):
        action = (
            f"Action {i}: disrupt county lines activity in the market towns with joint visits "
            f"and the closure of premises used for exploitation, round {i}"
        )
        lead = "Environmental Health" if i % 3 else "Community Safety Manager"
        rows.append((STRANDS[i % 4], action, lead, "" if i == 4 else f"March 202{7 + i % 2}"))
    return rows


def make_strategy_docx(path: Path, ruled: bool = True) -> Path:
    """The strategy as Word writes it; ``ruled=False`` gives its table no borders."""
    document = docx.Document()
    document.add_heading(TITLE, 1)
    document.add_heading("Our aim", 2)
    document.add_paragraph(AIM)
    for i in range(13):
        document.add_paragraph(
            f"Background {i}: the district, its market towns and its partners, described at "
            "enough length that the action plan starts low on a page and runs onto the next."
        )
    document.add_heading("What the Council will do", 2)
    for action in ACTIONS:
        document.add_paragraph(action)
    document.add_heading("Action plan", 2)
    rows = [HEADER, *plan_rows()]
    table = document.add_table(rows=len(rows), cols=len(HEADER))
    if ruled:
        table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_heading("Reporting concerns", 2)
    document.add_paragraph(REPORTING)
    document.save(str(path))
    return path


def to_pdf(document: Path) -> Path:
    """``document`` saved as PDF by LibreOffice, beside it (a profile of its own, so that
    other LibreOffice runs on the machine do not collide with it)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is not installed"
    profile = document.parent / ".lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(document.parent),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return document.with_suffix(".pdf")
