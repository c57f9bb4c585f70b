"""Editorial readings (``readings.yml``): how a change since 2015 bears on the 2015 questions.

A reading is the bank's editorial text, never the LGA's. It rests on editorial notes (which
carry the sources and the check dates) and is shown on the threat briefings and checklists it
names, each checklist with the points on its own questions. These checks make every reference
in it resolve, so a page never shows a point on a question, or a link to a note, that does
not exist.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from . import model as m
from .errors import Problem
from .yamlsafe import Document

FILE = "readings.yml"


def hint(value: str, known: Iterable[str]) -> str:
    guess = difflib.get_close_matches(value, sorted(known), n=1)
    return f"did you mean '{guess[0]}'?" if guess else f"known: {', '.join(sorted(known))}"


def readings(doc: Document | None) -> tuple[m.Reading, ...]:
    """The readings of a validated ``readings.yml`` (none when the bank has no such file)."""
    if doc is None:
        return ()
    return tuple(_reading(r) for r in doc.data["readings"])


def _reading(r: dict[str, Any]) -> m.Reading:
    return m.Reading(
        r["id"],
        r["date"],
        r["title"],
        r["text"],
        tuple(r["notes"]),
        tuple(r["shown_on"]),
        tuple(m.ReadingPoint(p["question"], p["text"]) for p in r["questions"]),
    )


def crosscheck_readings(bank: m.Bank, doc: Document | None) -> list[Problem]:
    """Every unknown or repeated reference in ``readings.yml``, all at once."""
    if doc is None:
        return []
    problems: list[Problem] = []
    notes = {n.id for n in bank.notes}
    questions = {q.id for q in bank.questions}
    targets = {
        "threat": {t.id for t in bank.threats},
        "audience": {a.id for a in bank.audiences},
    }
    seen: set[str] = set()
    for i, r in enumerate(doc.data["readings"]):
        at: tuple[str | int, ...] = ("readings", i)
        if r["id"] in seen:
            problems.append(
                doc.problem((*at, "id"), f"reading '{r['id']}' is listed twice", "give it a new id")
            )
        seen.add(r["id"])
        if r["date"] > bank.notes_as_at:
            problems.append(
                doc.problem(
                    (*at, "date"),
                    f"reading '{r['id']}' is dated {r['date']}, after the latest check of any "
                    f"note ({bank.notes_as_at})",
                    "a reading rests on its notes: check them, then date the reading",
                )
            )
        for j, note in enumerate(r["notes"]):
            if note not in notes:
                problems.append(
                    doc.problem(
                        (*at, "notes", j),
                        f"reading '{r['id']}' rests on unknown note '{note}'",
                        hint(note, notes),
                    )
                )
        for j, ref in enumerate(r["shown_on"]):
            kind, _, value = ref.partition(":")
            if value not in targets[kind]:
                problems.append(
                    doc.problem(
                        (*at, "shown_on", j),
                        f"reading '{r['id']}' is shown on unknown {kind} '{value}'",
                        hint(value, targets[kind]),
                    )
                )
        points: set[str] = set()
        for j, point in enumerate(r["questions"]):
            qid = point["question"]
            where = (*at, "questions", j, "question")
            if qid not in questions:
                problems.append(
                    doc.problem(
                        where,
                        f"reading '{r['id']}' names unknown question '{qid}'",
                        hint(qid, questions),
                    )
                )
            elif qid in points:
                problems.append(
                    doc.problem(
                        where, f"question {qid} has two points in '{r['id']}'", "merge them"
                    )
                )
            points.add(qid)
    return problems
