"""Which editorial notes are due to be checked again: ``qbank notes --stale``.

A note says what the law or an organisation is *as at* its check date, so it goes stale as
law and guidance move on. A note is due when ``months`` whole calendar months or more have
passed since it was last checked (default 6). A note about something still moving, a
proposal or law not yet (or not known to be) in force, is due after 3 months: those are the
notes most likely to have been overtaken.

The report is one line a note, in file order, shaped like every other place in the
project (``path:line:column: …``) so that an editor can jump to it (one line, wrapped here)::

    editorial-notes.yml:15:5: pcc-abolition-proposed: checked 2026-09-01 (3 months ago),
    status proposed: due every 3 months while proposed

An edition's own notes are included when the edition is given. An edition note written
before notes had check dates is aged from the day it was written, and says so.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import display_path
from .model import Bank, EditorialNote
from .yamlsafe import read_yaml

DEFAULT_MONTHS = 6
# Statuses that describe something not yet settled, re-checked sooner.
PENDING_STATUSES = ("proposed", "not-yet-in-force", "commencement-unconfirmed")
PENDING_MONTHS = 3


def add_months(day: date, months: int) -> date:
    """``day`` moved on by ``months`` calendar months, kept within the month it lands in.

    31 May + 6 months is 30 November; 29 February 2024 + 12 months is 28 February 2025.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 if ``later`` is not after it).

    The largest ``n`` with ``add_months(earlier, n) <= later``: 1 June to 1 December is 6,
    2 June to 1 December is 5, 31 May to 30 November is 6.
    """
    if later <= earlier:
        return 0
    n = (later.year - earlier.year) * 12 + (later.month - earlier.month)
    while n > 0 and add_months(earlier, n) > later:
        n -= 1
    return n


@dataclass(frozen=True)
class DueNote:
    """One note due for checking, with where it is written."""

    path: str
    line: int
    column: int
    note_id: str
    checked: str  # YYYY-MM-DD: the check date, or the written date where there is none
    dated_by: str  # "checked" or "written"
    months: int
    status: str  # a key of model.NOTE_STATUSES, or "" for an edition note without one
    every: int  # the rule that made it due: every so many months

    def __str__(self) -> str:
        ago = f"{self.months} month{'s' if self.months != 1 else ''} ago"
        status = self.status or "not set"
        rule = f"due every {self.every} months"
        if self.status in PENDING_STATUSES:
            rule += f" while {self.status.replace('-', ' ')}"
        return (
            f"{self.path}:{self.line}:{self.column}: {self.note_id}: {self.dated_by} "
            f"{self.checked} ({ago}), status {status}: {rule}"
        )


def due_rule(note: EditorialNote, months: int) -> int:
    """How often a note must be checked: ``months``, or 3 while it is pending, whichever is
    sooner."""
    return min(months, PENDING_MONTHS) if note.status in PENDING_STATUSES else months


def _places(path: Path, root: Path) -> dict[str, tuple[str, int, int]]:
    """Where each note starts in ``path``: note id -> (shown path, line, column)."""
    shown = display_path(path, root)
    doc, _ = read_yaml(path, shown)
    if doc is None or not isinstance(doc.data, dict):
        return {}
    places = {}
    for i, n in enumerate(doc.data.get("notes") or ()):
        if isinstance(n, dict) and isinstance(n.get("id"), str):
            line, column = doc.mark(("notes", i))
            places[n["id"]] = (shown, line, column)
    return places


def stale_notes(
    bank: Bank,
    root: Path,
    *,
    today: date,
    months: int = DEFAULT_MONTHS,
    edition: Path | None = None,
) -> tuple[list[DueNote], int]:
    """The notes of ``bank`` (loaded from ``root`` and ``edition``) due for checking on
    ``today``, in file order, and how many notes there are."""
    if months < 1:
        raise ValueError(f"--months must be 1 or more, not {months}")
    places = _places(root / "editorial-notes.yml", root)
    if edition is not None:
        places |= _places(edition / "edition.yml", root)
    due = []
    for note in bank.notes:
        where = places.get(note.id)
        if where is None:  # cannot happen for a loaded bank; never hide a note for it
            where = ("editorial-notes.yml", 1, 1)
        dated_by = "checked" if note.checked else "written"
        when = date.fromisoformat(note.checked or note.date)
        age = months_between(when, today)
        every = due_rule(note, months)
        if age >= every:
            due.append(
                DueNote(*where, note.id, when.isoformat(), dated_by, age, note.status, every)
            )
    due.sort(key=lambda d: (d.path != "editorial-notes.yml", d.path, d.line))
    return due, len(bank.notes)


def report(due: list[DueNote], total: int, *, today: date, months: int) -> str:
    """The lines ``qbank notes --stale`` prints, ending with a one-line summary."""
    lines = [str(d) for d in due]
    rule = (
        f"checked every {months} months, every {min(months, PENDING_MONTHS)} months while "
        "proposed, not yet in force or commencement unconfirmed"
    )
    lines.append(
        f"{len(due)} of {total} notes due for checking as at {today.isoformat()} ({rule})."
    )
    return "\n".join(lines)
