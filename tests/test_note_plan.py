"""Where a checklist page shows each editorial note in full (content/note_plan.py)."""

from __future__ import annotations

from generator.content import note_plan
from generator.content.model import Bank


def test_a_note_is_in_full_once_and_referred_to_elsewhere(bank: Bank) -> None:
    pcp = bank.audience("pcp")
    plan = note_plan.checklist_plan(bank, pcp)
    own = [n.id for n in bank.notes_for("audience:pcp")]
    assert [at.note.id for at in plan.top] == own
    assert own[:3] == [
        "pcc-abolition-proposed",
        "police-reform-white-paper",
        "mayors-pcc-functions",
    ]
    top = len(own)
    assert [at.number for at in plan.top] == list(range(1, top + 1))
    assert all(at.first for at in plan.top)
    # PCP-01 bears the body's notes again: references to notes 1 and 3, not new boxes.
    assert [(at.number, at.first) for at in plan.at("PCP-01")] == [(1, False), (3, False)]
    firsts = [at.note.id for at in plan.in_order]
    assert len(firsts) == len(set(firsts)) == plan.boxes
    # Numbers follow the page: the next new note follows the body's, at the first question
    # naming it.
    following = next(at for q in pcp.questions for at in plan.at(q.id) if at.first)
    assert following.number == top + 1 and following.anchor == f"note-{following.note.id}"


def test_a_question_note_first_met_below_is_in_full_there(bank: Bank) -> None:
    osc = bank.audience("osc")
    plan = note_plan.checklist_plan(bank, osc)
    seen: set[str] = set()
    for q in osc.questions:
        for at in plan.at(q.id):
            assert at.first == (at.note.id not in seen), (q.id, at.note.id)
            seen.add(at.note.id)
    assert plan.at("NOT-A-QUESTION") == ()
