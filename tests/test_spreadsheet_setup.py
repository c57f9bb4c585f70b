"""Spreadsheets as they print and as they travel: A4 landscape, one page wide, the header row
on every page, frozen and filterable; question links absolute from the edition's site_url, and
left out (with the reason given) when there is none."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from generator.content.load import ROOT
from generator.content.model import Bank
from generator.downloads import tabular, xlsx
from generator.downloads.stamp import Stamp
from generator.edition import load_bank

EXAMPLE = ROOT / "editions" / "example"
SITE_URL = "https://intranet.example.gov.uk/soc-questions/"


@pytest.fixture(scope="module")
def edition() -> Bank:
    return load_bank(ROOT, EXAMPLE)


def sheet(data: bytes) -> tuple[Worksheet, dict[str, str]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    about = {str(k): str(v) for k, v in wb["About"].iter_rows(values_only=True)}
    return wb["Questions"], about


@pytest.mark.parametrize("audience", ["", "pcp"])
def test_questions_sheet_prints_landscape_one_page_wide_with_repeated_header(
    bank: Bank, audience: str
) -> None:
    questions = bank.audience(audience).questions if audience else bank.questions
    ws, _ = sheet(xlsx.workbook(bank, questions, "Test"))
    assert ws.print_title_rows in ("1:1", "$1:$1")
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:K{len(questions) + 1}"


def test_without_a_site_url_links_are_left_out_and_the_reason_given(bank: Bank) -> None:
    ws, about = sheet(xlsx.workbook(bank, bank.questions, "All"))
    assert not any(cell.hyperlink for row in ws.iter_rows(min_row=2) for cell in row)
    assert not any(row[10] for row in ws.iter_rows(min_row=2, values_only=True))
    assert ws["K1"].value == "Link (left out: no site_url, see About)"
    assert "site_url" in ws["K1"].comment.text
    assert about["Links"] == tabular.NO_LINK
    rows = list(csv.reader(io.StringIO(tabular.to_csv(bank, bank.questions, Stamp.of(bank))
                                       .decode("utf-8-sig"))))  # fmt: skip
    assert rows[0][10] == "Link (left out: no site_url, see About)"
    assert {r[10] for r in rows[1:]} == {""}


def test_with_a_site_url_links_are_absolute_and_lead_to_the_question(
    edition: Bank, built_site: Path
) -> None:
    ws, about = sheet(xlsx.workbook(edition, edition.questions, "All"))
    assert ws["K1"].value == "Link" and "Links" not in about
    for row, q in zip(ws.iter_rows(min_row=2), edition.questions, strict=True):
        target = row[10].hyperlink.target
        assert target.startswith(SITE_URL), target
        page, anchor = target.removeprefix(SITE_URL).split("#")
        assert anchor == q.anchor
        assert f'id="{anchor}"' in (built_site / page).read_text("utf-8")
    data = tabular.to_csv(edition, edition.questions, Stamp.of(edition)).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert all(r["Link"].startswith(SITE_URL + "") and "#" in r["Link"] for r in rows)
