"""Where a checklist page shows each note in full, and where it only points to it.

A note can bear on a body and on several of its questions: printed in full at each, the police
and crime panel checklist carried the same note twelve times. A page gives each note in full
once, where it first bears (the notes on the whole body come first, then each question's in
page order), and elsewhere a one-line reference to it. Notes are numbered in that order, so
paper can say "note 2" and list the full texts once at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Audience, Bank, EditorialNote


@dataclass(frozen=True)
class NoteAt:
    """One note where it appears on the page: in full (``first``) or as a reference."""

    note: EditorialNote
    number: int
    first: bool
    scope: str = ""  # set where one page holds several plans (the meeting pack's checklists)

    @property
    def anchor(self) -> str:
        """The id of the note's full text on the page."""
        return f"{self.scope}-note-{self.note.id}" if self.scope else f"note-{self.note.id}"

    @property
    def kind(self) -> str:
        return "Local note" if self.note.edition_note else "Editorial note"


@dataclass(frozen=True)
class NotePlan:
    """The notes of one page: those on the whole page, those at each question, all in order."""

    top: tuple[NoteAt, ...]
    at_question: dict[str, tuple[NoteAt, ...]] = field(default_factory=dict)

    def at(self, question_id: str) -> tuple[NoteAt, ...]:
        return self.at_question.get(question_id, ())

    @property
    def in_order(self) -> tuple[NoteAt, ...]:
        """Every note of the page once, in the order of its number."""
        firsts = [n for n in self.top if n.first]
        for notes in self.at_question.values():
            firsts.extend(n for n in notes if n.first)
        return tuple(sorted(firsts, key=lambda n: n.number))

    @property
    def boxes(self) -> int:
        """How many notes the page shows in full."""
        return len(self.in_order)


def plan(bank: Bank, page_ref: str, question_ids: Iterable[str], scope: str = "") -> NotePlan:
    """The plan for a page whose own notes are attached to ``page_ref`` (``audience:pcp``;
    "" for a page with none of its own) and whose questions are ``question_ids``, in page
    order; ``scope`` keeps its anchors apart from another plan's on the same page."""
    numbers: dict[str, int] = {}

    def place(notes: Iterable[EditorialNote]) -> tuple[NoteAt, ...]:
        placed = []
        for note in notes:
            first = note.id not in numbers
            if first:
                numbers[note.id] = len(numbers) + 1
            placed.append(NoteAt(note, numbers[note.id], first, scope))
        return tuple(placed)

    top = place(bank.notes_for(page_ref)) if page_ref else ()
    at_question = {}
    for qid in question_ids:
        at_question[qid] = place(bank.notes_for(f"question:{qid}"))
    return NotePlan(top, at_question)


def checklist_plan(bank: Bank, audience: Audience, scope: str = "") -> NotePlan:
    """The notes of a body's checklist: its page, its part of the meeting pack, its PDF and
    Word downloads (which print each note in full once, at the end, as paper does)."""
    return plan(bank, f"audience:{audience.id}", (q.id for q in audience.questions), scope)
