"""Which meeting of an answers file a printed pack carries, and that meeting's "last time".

The rules are the contract's (``docs/contributing/answers-format.md``, "Which meeting a pack
prints" and "Since last time"): a pack never prints one meeting's answers under another's
date, never a deleted meeting, and never guesses between meetings: it refuses and lists them.
Every refusal is a :class:`MeetingChoiceError` (a ``ValueError``) whose message says what
to type instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date as Date

from .answers import Answer, AnswersFile, Meeting
from .model import Audience, Bank, Question
from .note_plan import NotePlan, plan
from .views import long_date, parse_date

# Titles come from the file: nothing that moves a terminal's cursor or turns text around.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_TITLE = 60  # characters of a title a list shows


class MeetingChoiceError(ValueError):
    """The file does not say, or says differently, which meeting the pack is for."""


def _shown(text: str) -> str:
    text = _UNPRINTABLE.sub(" ", text)
    return text if len(text) <= _TITLE else text[: _TITLE - 1] + "…"


def describe(m: Meeting) -> str:
    """One meeting as a list names it: ID, body, date, title and how many answers."""
    held = m.held
    parts = [
        m.id,
        f"body {m.body}" if m.body else "no body (general)",
        long_date(Date.fromisoformat(m.date)) if m.date else "no date",
    ]
    if m.title:
        parts.append(f"“{_shown(m.title)}”")
    parts.append(f"{held} answer{'s' if held != 1 else ''}")
    return ", ".join(parts)


def listing(meetings: tuple[Meeting, ...] | list[Meeting]) -> str:
    return "\n".join(f"  {describe(m)}" for m in meetings)


def _iso(text: str) -> str:
    """``text`` as YYYY-MM-DD when it is a date as people write one, else ""."""
    try:
        when = parse_date(text)
    except ValueError:
        return ""
    return when.isoformat() if when else ""


def _named(live: tuple[Meeting, ...], name: str) -> list[Meeting]:
    """The meetings ``--meeting NAME`` fits: by ID (or a merged ID), title or date."""
    wanted = " ".join(name.split())
    day = _iso(wanted)
    return [
        m
        for m in live
        if wanted in (m.id, *m.also)
        or (m.title and " ".join(m.title.split()).casefold() == wanted.casefold())
        or (day and m.date == day)
    ]


def choose(
    file: AnswersFile, shown: str, named: str = "", body: str = "", date: str = ""
) -> Meeting:
    """The meeting a pack for ``body`` on ``date`` (YYYY-MM-DD, or "") prints.

    ``named`` is ``--meeting``: an ID, a title (any case) or a date. Without it, a file with
    one meeting that holds answers prints it, else the one meeting of ``body`` on ``date``.
    ``shown`` names the file in messages. Raises :class:`MeetingChoiceError`.
    """
    live = file.live
    if not live:
        raise MeetingChoiceError(f"{shown} holds no meetings (all were deleted)")
    all_of = f"{shown} holds:\n{listing(live)}"
    if named:
        fits = _named(live, named)
        if not fits:
            raise MeetingChoiceError(
                f"no meeting in {shown} has the ID, title or date {_shown(named)!r}; {all_of}\n"
                "    hint: give --meeting one of the IDs, titles or dates above"
            )
        if len(fits) > 1:
            raise MeetingChoiceError(
                f"--meeting {_shown(named)!r} fits {len(fits)} meetings in {shown}:\n"
                f"{listing(fits)}\n    hint: name one by its ID"
            )
        meeting = fits[0]
    else:
        holding = [m for m in live if m.held]
        matching = [m for m in live if date and m.body == body and m.date == date]
        if len(live) == 1:
            meeting = live[0]
        elif len(holding) == 1:
            meeting = holding[0]
        elif len(matching) == 1:
            meeting = matching[0]
        else:
            why = (
                f"{len(matching)} are of body {body} on that date"
                if date
                else "no --date names one of them"
            )
            raise MeetingChoiceError(
                f"{shown} holds {len(live)} meetings and {why}: name the one to print with "
                f"--meeting (its ID, title or date); {all_of}\n"
                f"    hint: for example --meeting {live[0].id}"
            )
    _check(meeting, body, date)
    return meeting


def _check(meeting: Meeting, body: str, date: str) -> None:
    """Refuse to print ``meeting`` under another date, or in another body's checklist."""
    if meeting.date and date and meeting.date != date:
        raise MeetingChoiceError(
            f"meeting {meeting.id} is on {long_date(Date.fromisoformat(meeting.date))}, not "
            f"{long_date(Date.fromisoformat(date))}: a pack never prints one meeting's answers "
            "under another's date\n"
            "    hint: leave out --date to print it under its own, or name the meeting on "
            "that date with --meeting"
        )
    if meeting.body and meeting.body != body:
        raise MeetingChoiceError(
            f"meeting {meeting.id} is of body {meeting.body}, not {body}: its answers are to "
            "another body's questions\n"
            f"    hint: make the pack with --audience {meeting.body}, if this edition has that "
            f"body, or name a meeting of {body} with --meeting"
        )


@dataclass(frozen=True)
class LastTime:
    """The meeting before: its date and what it rated or noted, for "since last time"."""

    meeting: Meeting

    @property
    def label(self) -> str:
        return f"Last time, {long_date(Date.fromisoformat(self.meeting.date))}:"

    def text(self, question_id: str) -> str:
        """Last time's rating and note on a question (``Partly assured — …``), or ""."""
        answer: Answer | None = self.meeting.answers.get(question_id)
        if answer is None:
            return ""
        parts = [answer.status] if answer.rated else []
        parts += [answer.note] if answer.note.strip() else []
        return " — ".join(parts)


def last_time(file: AnswersFile, meeting: Meeting) -> LastTime | None:
    """The meeting of the same body, not deleted, with the latest date before ``meeting``'s;
    None for a general meeting, one with no date, or the first of its body."""
    if not meeting.body or not meeting.date:
        return None
    before = [
        m
        for m in file.live
        if m.body == meeting.body and m.date and m.date < meeting.date and m.id != meeting.id
    ]
    if not before:
        return None
    latest = max(m.date for m in before)
    return LastTime(next(m for m in before if m.date == latest))


@dataclass(frozen=True)
class PrintedAnswers:
    """What a printed pack carries from an answers file: the chosen meeting's answers, whether
    it holds only the ticked questions, and last time's ratings and notes."""

    answers: Mapping[str, Answer]
    ticked_only: bool = False
    last: LastTime | None = None

    def questions(self, audience: Audience) -> tuple[Question, ...]:
        """The body's questions the pack prints: all, or only the ticked ones."""
        if not self.ticked_only:
            return audience.questions
        return tuple(q for q in audience.questions if self.ticked(q.id))

    def ticked(self, question_id: str) -> bool:
        answer = self.answers.get(question_id)
        return bool(answer and answer.ask)

    def plan(self, bank: Bank, audience: Audience) -> NotePlan:
        """The notes the checklist prints: the body's own and those on its questions; a
        ticked-only pack prints only the notes its ticked questions carry (issue 25), each
        in full at the first of them (its threats' briefings carry their own)."""
        own = "" if self.ticked_only else f"audience:{audience.id}"
        return plan(bank, own, (q.id for q in self.questions(audience)))

    def last_time(self, question_id: str) -> tuple[str, str] | None:
        """("Last time, 14 January 2027:", "Partly assured — …") for a question last time
        rated or noted, else None."""
        if self.last is None:
            return None
        text = self.last.text(question_id)
        return (self.last.label, text) if text else None

    def shown(self, audience: Audience) -> str:
        """For a ticked-only pack, how many of the body's questions it holds."""
        count, total = len(self.questions(audience)), len(audience.questions)
        if not self.ticked_only:
            return ""
        which = "the question" if count == 1 else f"the {count} questions"
        return f"This pack holds {which} ticked for the meeting, of {total}."
