"""The search index holds each piece of text once: a note is one entry of its own, at the
place it is read in full, and in no other entry's text; a question's text is its entry's
title, not repeated in its text (the search script shows it as the snippet)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from generator.content.model import Bank, EditorialNote
from generator.site.search_index import NOTE, note_homes, without_notes


def docs(site: Path) -> list[dict[str, Any]]:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    return list(index["docs"])


def test_each_note_is_one_entry_and_in_no_other(built_site: Path, bank: Bank) -> None:
    entries = docs(built_site)
    for note in bank.notes:
        own = [d for d in entries if d["location"].endswith(f"#note-{note.id}")]
        assert len(own) == 1, (note.id, [d["location"] for d in own])
        body = html.escape(note.text, quote=False)
        holding = [d["location"] for d in entries if body in d["text"]]
        assert holding == [own[0]["location"]], (note.id, holding)


def test_a_note_lives_where_it_is_read_first(built_site: Path, bank: Bank) -> None:
    """A guidance page before a threat briefing, before a checklist, before the changes page."""
    pages = {d["location"].partition("#")[0] for d in docs(built_site)}
    homes = note_homes(bank, pages)
    assert set(homes) == {n.id for n in bank.notes}
    for note in bank.notes:
        location, boost = homes[note.id]
        guidance = [r for r in note.applies_to if r.startswith("page:")]
        if guidance:
            assert location == f"{guidance[0].partition(':')[2]}.html#note-{note.id}"
            assert boost == NOTE["page"]
        elif any(r.startswith("threat:") for r in note.applies_to):
            assert location.startswith("threats/"), location


def test_a_question_is_its_title_not_repeated_in_its_text(built_site: Path, bank: Bank) -> None:
    by_location = {d["location"]: d for d in docs(built_site)}
    for audience in bank.audiences:
        for q in audience.questions:
            entry = by_location[f"{audience.slug}.html#{q.anchor}"]
            assert html.escape(q.text, quote=False) in entry["title"]
            assert html.escape(q.text, quote=False) not in entry["text"], q.id


def test_the_sources_page_does_not_repeat_the_notes(built_site: Path) -> None:
    assert not [
        d
        for d in docs(built_site)
        if d["location"].startswith("about/sources.html#editorial-notes")
    ]


NOTE_ = EditorialNote(
    id="x",
    date="2026-12-01",
    title="Knife & machete ban",
    text="Zombie knives were banned <on> 24 September 2024.",
    applies_to=("audience:csp",),
    checked="2026-12-04",
    status="in-force",
    sources=(),
)


def test_without_notes_cuts_a_note_from_heading_to_sources() -> None:
    """Both ways a page shows a note in full, as the search plugin writes them."""
    label = NOTE_.status_label
    body = "<p>Zombie knives were banned &lt;on&gt; 24 September 2024.</p>"
    beside_a_question = (
        "<p>Is there a plan?</p> <p>Editorial note, 1 December 2026: Knife &amp; machete ban</p> "
        f"{body} <p>{label} · Checked 4 December 2026</p> <p>Sources:</p> <ul> <li>A, B, 2024</li>"
        " </ul> <p>Also searched as: knives.</p>"
    )
    assert without_notes(beside_a_question, (NOTE_,)) == (
        "<p>Is there a plan?</p> <p>Also searched as: knives.</p>"
    )
    top_of_a_checklist = (
        "<p>Intro.</p> Editorial note: Knife &amp; machete ban <p>Editorial note, 1 December "
        f"2026.</p> {body} <p>{label} · Checked 4 December 2026</p> <p>Source:</p> <ul> <li>A</li>"
        " </ul>"
    )
    assert without_notes(top_of_a_checklist, (NOTE_,)) == "<p>Intro.</p>"
    assert without_notes("<p>Nothing of the note here.</p>", (NOTE_,)) == (
        "<p>Nothing of the note here.</p>"
    )


def test_contributor_guides_are_found_by_their_titles_only(built_site: Path) -> None:
    contributing = [
        d["location"] for d in docs(built_site) if d["location"].startswith("contributing/")
    ]
    assert contributing, "the contributor guides are not in the index at all"
    assert all("#" not in location for location in contributing), contributing


def test_a_contributor_guide_brings_only_its_opening_paragraph(built_site: Path) -> None:
    guides = [d for d in docs(built_site) if d["location"].startswith("contributing/")]
    # meetings.md has no headings: without the cut, all 7,500 characters of it were one entry.
    meetings = next(d for d in guides if d["location"] == "contributing/meetings.html")
    assert meetings["text"].startswith("<p>What the meeting pages keep")
    for guide in guides:
        assert guide["text"].count("<p>") <= 1 and len(guide["text"]) < 1000, guide["location"]
