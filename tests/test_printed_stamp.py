"""Every printed page of a PDF and every page of a spreadsheet printout names the council (when
an edition gives one), the bank version and the build date."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from generator.content.load import ROOT
from generator.downloads import xlsx
from generator.downloads.pack import make_pack
from generator.downloads.pdf import threat_pdf
from generator.downloads.stamp import Stamp
from generator.edition import load_bank

EXAMPLE = ROOT / "editions" / "example"


def _pages(data: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("edition", [None, EXAMPLE])
def test_every_pdf_page_carries_council_version_and_date(edition: Path | None) -> None:
    bank = load_bank(ROOT, edition)
    stamp = Stamp.of(bank)
    pack = make_pack(bank, "pcp", ["drugs", "cyber"], fmt="pdf")
    pages = _pages(pack) + _pages(threat_pdf(bank, bank.threat("cse")))
    assert len(pages) > 4
    for number, text in enumerate(pages, start=1):
        assert stamp.line in text, f"page {number}: {text[-300:]}"
        if bank.edition.council:
            assert bank.edition.council in text, f"page {number}"


@pytest.mark.parametrize("edition", [None, EXAMPLE])
def test_every_spreadsheet_printout_page_carries_council_version_and_date(
    edition: Path | None,
) -> None:
    bank = load_bank(ROOT, edition)
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.workbook(bank, bank.questions, "All")))["Questions"]
    footer = ws.oddFooter.left.text or ""
    assert Stamp.of(bank).line in footer
    assert "&P" in (ws.oddFooter.right.text or "")
    if bank.edition.council:
        assert bank.edition.council in footer
