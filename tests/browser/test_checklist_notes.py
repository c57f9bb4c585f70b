"""Every checklist, national and the worked Broxtowe edition, as a councillor first sees it and
prints it: the first question on the first screen at 1280x800 and within two screens at
375x800, each editorial note in full once (elsewhere a one-line link to it), and at most three
A4 pages on paper with every note's full text printed once."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from generator.content import note_plan
from generator.content.load import ROOT
from generator.content.model import Bank
from generator.edition import load_bank
from tests.browser.pages import unavailable
from tests.browser.test_accessibility import axe_violations, open_in_scheme

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser

BANKS = {"national": load_bank(ROOT), "broxtowe": load_bank(ROOT, ROOT / "editions" / "broxtowe")}
CHECKLISTS = [(site, a.slug) for site, bank in BANKS.items() for a in bank.audiences]
# The first question's heading starts this far inside the first screen (its first line shows).
DESKTOP, PHONE = (1280, 800), (375, 800)
LINE = 40
# Paper: the checklist itself (its questions and what good answers look like) on three A4
# pages for up to 14 questions (the longest national one); the notes in full after it may
# take one page more (32 notes since the second currency round; 24 when this was set at 3).
# The Broxtowe overview and scrutiny checklist has 20 questions, nine of them local with what
# good looks like and a quoted source each: with three ruled lines a question it takes five.
MAX_PAGES = 3
# The notes in full, after the checklist: 39 notes since issue 28's additions (32 before),
# the police and crime panel's 11 of them run to a page and a half.
NOTES_PAGES = 2
LONG_CHECKLIST_PAGES = {("broxtowe", "overview-and-scrutiny-committees"): 5}

FIRST_QUESTION = """() => {
  const q = document.querySelector(".qb-checklist .qb-question h3");
  return q.getBoundingClientRect().top + window.scrollY;
}"""
# Notes shown in full on screen: an <aside> note, or a page note's <details> once opened.
NOTES_SHOWN = """() => [...document.querySelectorAll(".md-content .qb-note")]
  .filter(n => n.getClientRects().length && !(n.tagName === "DETAILS" && !n.open)).length"""

# How often the page's screen content (not the paper-only list of notes) holds some text.
ON_SCREEN = """(e, words) => {
  const copy = e.cloneNode(true);
  copy.querySelectorAll(".qb-notes-end").forEach(n => n.remove());
  return copy.textContent.replace(/\\s+/g, " ").split(words).length - 1;
}"""


@pytest.fixture(scope="module")
def sites(built_site: Path, built_broxtowe_site: Path) -> dict[str, Path]:
    return {"national": built_site, "broxtowe": built_broxtowe_site}


def audience(site: str, slug: str) -> tuple[Bank, note_plan.NotePlan, int]:
    bank = BANKS[site]
    body = next(a for a in bank.audiences if a.slug == slug)
    return bank, note_plan.checklist_plan(bank, body), len(body.questions)


def places(plan: note_plan.NotePlan, at: note_plan.NoteAt) -> int:
    """Where a note bears on the page: on the whole body and on each question it names."""
    every = [*plan.top, *(n for notes in plan.at_question.values() for n in notes)]
    return sum(1 for n in every if n.note.id == at.note.id)


@pytest.mark.parametrize(("site", "slug"), CHECKLISTS)
def test_first_question_on_the_first_screen(
    browser: Browser, sites: dict[str, Path], site: str, slug: str
) -> None:
    for (width, height), limit in ((DESKTOP, DESKTOP[1]), (PHONE, 2 * PHONE[1])):
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            page.goto((sites[site] / f"{slug}.html").as_uri())
            top = page.evaluate(FIRST_QUESTION)
            assert top + LINE <= limit, f"{site} {slug}: first question at {top:.0f}px, {width}px"
        finally:
            context.close()


@pytest.mark.parametrize(("site", "slug"), CHECKLISTS)
def test_each_note_in_full_once(page: Page, sites: dict[str, Path], site: str, slug: str) -> None:
    _, plan, questions = audience(site, slug)
    page.goto((sites[site] / f"{slug}.html").as_uri())
    shown = page.evaluate(NOTES_SHOWN)
    assert shown <= 3 * questions, f"{shown} note boxes for {questions} questions"
    content = page.locator(".md-content")
    for at in plan.in_order:
        # One element carries the note's full text; every other mention is a link to it.
        assert page.locator(f"#{at.anchor}").count() == 1
        words = " ".join(at.note.text.split()[:12])
        assert content.evaluate(ON_SCREEN, words) == 1, words
        refs = content.locator(f'.qb-note-ref a[href="#{at.anchor}"]')
        expect(refs).to_have_count(places(plan, at) - 1)


def test_a_note_link_opens_the_note_it_points_to(page: Page, sites: dict[str, Path]) -> None:
    page.goto((sites["national"] / "police-and-crime-panels.html").as_uri())
    note = page.locator("details#note-pcc-abolition-proposed")
    expect(note).not_to_have_attribute("open", "")
    # The panel's own notes, one line each.
    own = BANKS["national"].notes_for("audience:pcp")
    assert page.locator(".qb-note-top").count() == len(own) > 1
    ref = page.locator("#pcp-04").locator("xpath=..").locator(".qb-note-ref a").first
    expect(ref).to_contain_text("Police and crime commissioners are to be abolished in 2028")
    ref.click()
    expect(note).to_have_attribute("open", "")
    expect(note).to_contain_text("primary legislation is needed")
    expect(note).to_be_in_viewport()


@pytest.fixture(scope="module")
def printed(sites: dict[str, Path], contexts: dict[str, BrowserContext]) -> dict[str, bytes]:
    """Every checklist of both sites printed to A4 from file://."""
    if shutil.which("pdftotext") is None:
        unavailable("pdftotext is missing (apt-get install poppler-utils)")
    page = contexts["light"].new_page()
    page.emulate_media(media="print")
    out = {}
    for site, slug in CHECKLISTS:
        page.goto((sites[site] / f"{slug}.html").as_uri())
        out[f"{site}/{slug}"] = page.pdf(format="A4")
    page.close()
    return out


def flat(text: str) -> str:
    """Printed text as one line, without the page footers that split a note across pages."""
    text = re.sub(r"SOC Scrutiny Question Bank|Page \d+ of \d+", " ", text)
    return re.sub(r"\s+", " ", text.replace("-\n", "-"))


@pytest.mark.parametrize(("site", "slug"), CHECKLISTS)
def test_checklist_prints_short_and_loses_no_note(
    printed: dict[str, bytes], site: str, slug: str
) -> None:
    data = printed[f"{site}/{slug}"]
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    limit = LONG_CHECKLIST_PAGES.get((site, slug), MAX_PAGES)
    good = next(i for i, t in enumerate(pages) if "What good answers look like" in t) + 1
    assert good <= limit, f"{site} {slug}: the checklist runs to {good} A4 pages, over {limit}"
    assert len(pages) <= limit + NOTES_PAGES, f"{site} {slug} prints on {len(pages)} pages"
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    text = flat(done.stdout.decode("utf-8"))
    _, plan, _ = audience(site, slug)
    if plan.in_order:
        assert text.count("Notes in full") == 1
    for at in plan.in_order:
        # The full text once (at the end); each place it bears, a numbered one-line reference.
        opening = " ".join(at.note.text.split()[:10])
        assert text.count(opening) == 1, f"note {at.note.id} printed {text.count(opening)} times"
        refs = text.count(f"{at.kind} {at.number}: ")
        assert refs == places(plan, at), f"{at.note.id}: {refs} references printed"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_notes_opened_pass_axe(page: Page, sites: dict[str, Path], scheme: str) -> None:
    open_in_scheme(page, (sites["broxtowe"] / "police-and-crime-panels.html").as_uri(), scheme)
    page.locator("details.qb-note-top > summary").first.click()
    page.evaluate("document.querySelectorAll('details.qb-note-top').forEach(d => d.open = true)")
    assert axe_violations(page) == []
