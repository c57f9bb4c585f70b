"""The built site printed to PDF in headless Chromium, as a councillor would print a page.

Needs Debian's Chromium and poppler's pdftotext: skips without them, unless
QBANK_REQUIRE_BROWSER=1, when it fails instead.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader

from generator.content.load import ROOT
from generator.edition import load_bank
from tests.browser.pages import unavailable

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

A4 = (595.3, 841.9)  # points; Chromium rounds its page box up by about one point
BANK = load_bank(ROOT)
CHECKLISTS = {a.slug: a for a in BANK.audiences}
THREATS = {t.slug: t for t in BANK.threats}
# Checklists: the checklist on up to 3 pages, threat pages on 2, each with the notes in full
# once after it on at most one page more (test_checklist_notes.py).
MAX_PAGES = {"checklist": 3, "threat": 2}
NOTES_PAGES = 1
# The last thing before the notes in full: it must print within MAX_PAGES.
BODY_ENDS = {"checklist": "What good answers look like", "threat": "Notes from the guidance"}
# Site chrome that must not reach paper: navigation labels, skip link, permalinks.
CHROME = ["Skip to content", "Checklists", "Back to top", "Link to ", "Tick the ones", "¶"]


@pytest.fixture(scope="module")
def printed(built_site: Path, contexts: dict[str, BrowserContext]) -> dict[str, bytes]:
    """Every checklist and threat page printed to A4 from file://, by its path in the site."""
    if shutil.which("pdftotext") is None:
        unavailable("pdftotext is missing (apt-get install poppler-utils)")
    page = contexts["light"].new_page()
    page.emulate_media(media="print")
    out = {}
    paths = [f"{slug}.html" for slug in CHECKLISTS] + [f"threats/{slug}.html" for slug in THREATS]
    for path in paths:
        page.goto((built_site / path).as_uri())
        out[path] = page.pdf(format="A4")
    page.close()
    return out


def text_of(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def check_print(data: bytes, kind: str) -> tuple[int, str]:
    pages = PdfReader(io.BytesIO(data)).pages
    sizes = {(float(p.mediabox.width), float(p.mediabox.height)) for p in pages}
    assert all(abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2 for w, h in sizes), f"{sizes} is not A4"
    limit = MAX_PAGES[kind]
    body = next(i for i, p in enumerate(pages) if BODY_ENDS[kind] in p.extract_text()) + 1
    assert body <= limit, f"the {kind} itself runs to {body} pages, more than {limit}"
    assert len(pages) <= limit + NOTES_PAGES, f"{len(pages)} pages, more than {limit} + notes"
    text = text_of(data)
    for chrome in CHROME:
        assert chrome not in text, f"site chrome {chrome!r} printed"
    return len(pages), text


@pytest.mark.parametrize("slug", CHECKLISTS)
def test_checklist_prints_as_a_checklist(printed: dict[str, bytes], slug: str) -> None:
    audience = CHECKLISTS[slug]
    _, text = check_print(printed[f"{slug}.html"], "checklist")
    for q in audience.questions:
        assert q.id in text, f"{q.id} missing from the printed checklist"
    assert "Meeting date:" in text
    assert "What good answers look like" in text
    assert "Source: Local Government Association" in text
    assert "Page 1 of" in text


@pytest.mark.parametrize("slug", THREATS)
def test_threat_page_prints_on_two_pages(printed: dict[str, bytes], slug: str) -> None:
    _, text = check_print(printed[f"threats/{slug}.html"], "threat")
    assert "Positive action councils can take" in text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tick_boxes_print_as_empty_squares_in_black(built_site: Path, page: Page) -> None:
    page.emulate_media(media="print")
    page.goto((built_site / "police-and-crime-panels.html").as_uri())
    box, lines, text = page.evaluate(
        """() => {
            const css = (selector) => getComputedStyle(document.querySelector(selector));
            const box = css('input[name="ask"]');
            return [
                [box.appearance, box.width, box.height, box.borderRadius, box.borderTopStyle],
                css(".qb-notes-space").display,
                css(".qb-question h3").color,
            ];
        }"""
    )
    appearance, width, height, radius, border = box
    assert appearance == "none" and width == height and radius == "0px" and border == "solid"
    assert lines == "block"
    assert text == "rgb(0, 0, 0)"  # black on paper even from the dark scheme
