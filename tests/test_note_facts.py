"""The facts of the third fact-check (issue 28) stay as the sources confirmed them, and the notes
added then are where a councillor reads the questions they bear on: on the checklists and
threat pages they are tagged to, under their topic on the changes page, and listed by
``qbank notes --stale`` when due."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from generator.content.freshness import stale_notes
from generator.content.load import ROOT
from generator.content.model import Bank, EditorialNote
from generator.site.render import Renderer

CHECKED = "2026-12-06"

# The notes fixed or added after the December 2026 fact-check: (status, topic).
FIXED = {
    "eccta-senior-managers-and-companies-house": ("in-force", "Fraud and economic crime"),
    "county-lines-programme": ("in-force", "Drugs"),
    "fraud-strategy-2023": ("in-force", "Fraud and economic crime"),
    "protection-of-premises-act": ("not-yet-in-force", "Policing and PCCs"),
    "online-safety-act-duties": ("in-force", "Cyber and online harms"),
    "police-reform-white-paper": ("proposed", "Policing and PCCs"),
}
ADDED = {
    "border-security-act-2025": ("in-force", "Exploitation and trafficking"),
    "respect-orders": ("commencement-unconfirmed", "Policing and PCCs"),
    "knife-and-machete-bans": ("in-force", "Policing and PCCs"),
    "safer-streets-mission": ("in-force", "Policing and PCCs"),
    "economic-crime-levy-bands-2026": ("proposed", "Fraud and economic crime"),
    "iopc-replaced-ipcc": ("in-force", "Policing and PCCs"),
    "csp-review": ("proposed", "Policing and PCCs"),
}


def _note(bank: Bank, note_id: str) -> EditorialNote:
    found = [n for n in bank.notes if n.id == note_id]
    assert found, f"no note {note_id}"
    return found[0]


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _said(note: EditorialNote) -> str:
    return " ".join(note.text.split())


@pytest.mark.parametrize("note_id", sorted(FIXED | ADDED))
def test_checked_in_the_fact_check_with_status_topic_and_sources(bank: Bank, note_id: str) -> None:
    note = _note(bank, note_id)
    assert (note.status, note.topic) == (FIXED | ADDED)[note_id]
    assert note.checked == CHECKED
    assert note.date <= note.checked
    assert note.sources and all(s.url.startswith("https://") for s in note.sources)


def test_senior_manager_test_replaced_by_section_250(bank: Bank) -> None:
    said = _said(_note(bank, "eccta-senior-managers-and-companies-house"))
    assert "Section 250 of the Crime and Policing Act 2026, in force since 29 June 2026" in said
    assert "repeals sections 196 to 198" in said
    assert "any offence" in said
    # New people with significant control have 14 days; only directors verify first.
    assert "has 14 days from being registered" in said
    assert "before they can be registered" not in said


def test_county_lines_overview_dated_as_gov_uk_dates_it(bank: Bank) -> None:
    note = _note(bank, "county-lines-programme")
    assert "overview was last updated on 11 December 2023" in _said(note)
    assert "16 December 2024" not in _said(note)
    overview = [s for s in note.sources if s.title == "County Lines Programme overview"]
    assert [s.date for s in overview] == ["2023-12-11"]


def test_fraud_targets_say_which_document_says_which(bank: Bank) -> None:
    said = _said(_note(bank, "fraud-strategy-2023"))
    page = said.index("GOV.UK page states its target as a 10% cut in fraud on 2019 levels")
    december = said.index("by December 2024")
    assessment = said.index("accounting officer assessment")
    parliament = said.index("by the end of that Parliament")
    assert page < december < assessment < parliament


def test_martyns_law_guidance_and_the_online_safety_fine_floor(bank: Bank) -> None:
    premises = _said(_note(bank, "protection-of-premises-act"))
    assert "statutory guidance under section 27" in premises
    assert "15 April 2026" in premises
    online = _said(_note(bank, "online-safety-act-duties"))
    assert "up to £18 million or 10% of its qualifying worldwide revenue, whichever is greater" in (
        online
    )


def test_police_reform_names_the_review_of_force_structures(bank: Bank) -> None:
    said = _said(_note(bank, "police-reform-white-paper"))
    assert "On 4 March 2026" in said
    assert "independent review of police force structures" in said


def test_new_dates_as_confirmed(bank: Bank) -> None:
    assert "Royal Assent on 2 December 2025" in _said(_note(bank, "border-security-act-2025"))
    assert "5 January 2026" in _said(_note(bank, "border-security-act-2025"))
    knives = _said(_note(bank, "knife-and-machete-bans"))
    assert "Since 24 September 2024" in knives and "Since 1 August 2025" in knives
    assert "took effect in January 2018" in _said(_note(bank, "iopc-replaced-ipcc"))
    assert "27 March to 22 May 2023" in _said(_note(bank, "csp-review"))
    assert "from the financial year beginning April 2026" in _said(
        _note(bank, "economic-crime-levy-bands-2026")
    )


# Where a councillor reads them ----------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(bank: Bank) -> dict[str, str]:
    return Renderer(bank).pages()


@pytest.mark.parametrize("note_id", sorted(ADDED))
def test_new_note_is_on_every_page_it_is_tagged_to(
    bank: Bank, pages: dict[str, str], note_id: str
) -> None:
    note = _note(bank, note_id)
    title = " ".join(note.title.split())
    checked = 0
    for ref in note.applies_to:
        kind, _, target = ref.partition(":")
        if kind == "threat":
            page = bank.threat(target).page
        elif kind == "audience":
            page = bank.audience(target).page
        elif kind == "question":
            page = bank.audience(bank.question(target).audience_id).page
        else:  # a hand-written guidance page: the MkDocs hook adds the page's notes
            assert title in _text(Renderer(bank).page_notes(f"{target}.md")), ref
            checked += 1
            continue
        assert title in _text(pages[page]), f"{note_id} not on {page} ({ref})"
        checked += 1
    assert checked == len(note.applies_to)


@pytest.mark.parametrize("note_id", sorted(FIXED | ADDED))
def test_on_the_changes_page_under_its_topic(
    bank: Bank, pages: dict[str, str], note_id: str
) -> None:
    note = _note(bank, note_id)
    changes = pages["about/changes.md"]
    sections = re.split(r"(?m)^## ", changes)
    under = [s.split("\n", 1)[0].strip() for s in sections if f'id="note-{note.id}"' in s]
    assert under == [note.topic]


def test_stale_lists_them_with_their_check_dates(bank: Bank) -> None:
    # Three months on, those not yet law or not yet in force are due; six months on, all are.
    soon, _ = stale_notes(bank, ROOT, today=date(2027, 3, 6))
    later, _ = stale_notes(bank, ROOT, today=date(2027, 6, 6))
    every = {d.note_id: d for d in later}
    for note_id in FIXED | ADDED:
        assert every[note_id].checked == CHECKED
        assert f"checked {CHECKED}" in str(every[note_id])
    unsettled = {n for n, (status, _) in (FIXED | ADDED).items() if status != "in-force"}
    assert unsettled <= {d.note_id for d in soon}
    assert not {n for n in FIXED | ADDED if n not in unsettled} & {d.note_id for d in soon}
