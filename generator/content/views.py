"""What the Word and PDF documents say, in one place, so both say it the same way.

Layout lives in the format modules; the words around the quoted text (titles, citations,
correction and note wording, file paths) live here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import topics
from .model import (
    ANSWER_STATUSES,
    Audience,
    Bank,
    Correction,
    EditorialNote,
    Question,
    Resource,
    SourceRef,
    Term,
    Threat,
)
from .note_plan import NoteAt
from .note_plan import checklist_plan as checklist_plan  # for the print templates and Word
from .textrules import BREAKS_A_LINE, hint, with_article

DOWNLOADS = "downloads"
STATUSES = ANSWER_STATUSES
THREAT_INTRO = (
    "From the national threat summary in the LGA guidance (2015), which draws on the "
    "National Strategic Assessment of Serious and Organised Crime 2015."
)
NO_THREAT_QUESTIONS = "No question names this threat on its own."
QUOTED = (
    "Question text and expectations are quoted word for word; corrections and notes are "
    "editorial and dated."
)


def audience_path(audience: Audience, ext: str) -> str:
    """Site path of an audience's download: ``downloads/police-and-crime-panels.docx``."""
    return f"{DOWNLOADS}/{audience.slug}.{ext}"


def threat_path(threat: Threat, ext: str) -> str:
    """Site path of a threat briefing download: ``downloads/threats/cyber-crime.pdf``."""
    return f"{DOWNLOADS}/threats/{threat.slug}.{ext}"


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def checklist_title(audience: Audience) -> str:
    return f"{audience.name}: questions on serious and organised crime"


def subject(audience: Audience) -> str:
    return f"Councillor questions on serious and organised crime for {audience.in_sentence}"


def citation(bank: Bank, ref: SourceRef) -> str:
    """``Source: Local Government Association (August 2015), Title, “Section”, page 12.``"""
    doc = bank.source(ref.document)
    pages = "pages" if "\N{EN DASH}" in ref.pages else "page"
    return (
        f"Source: {doc.publisher} ({doc.date}), {doc.title}, “{ref.section}”, {pages} {ref.pages}."
    )


def correction_text(c: Correction) -> str:
    return f"the published text “{c.original}” should read “{c.corrected}”. {c.reason}"


def note_title(n: EditorialNote) -> str:
    kind = "Local note" if n.edition_note else "Editorial note"
    return f"{kind}, {long_date(date.fromisoformat(n.date))}: {n.title}"


LOCAL_LABEL = "Local question"


def question_count(bank: Bank, audience: Audience) -> str:
    """``14 questions from the LGA guidance`` (and how many are the council's own)."""
    local = sum(q.local for q in audience.questions)
    text = f"{len(audience.questions) - local} questions from the LGA guidance"
    if local:
        plural = "s" if local != 1 else ""
        text += f" and {local} local question{plural} from {bank.edition.council}"
    return text


def local_source(bank: Bank, q: Question) -> str:
    """``Source: Council (date), Title, “Section”: “quote”`` for a local question."""
    doc = bank.source(q.source.document)
    return (
        f"Source: {doc.publisher} ({doc.date}), {doc.title}, “{q.source.section}”: "
        f"“{q.source.quote}”"
    )


def note_sources(n: EditorialNote) -> str:
    """``Status: In force. Checked 1 December 2026. Sources: Title (Publisher, 2023), https://…``"""
    parts = []
    if n.status_label:
        parts.append(f"Status: {n.status_label}.")
    if n.checked:
        parts.append(f"Checked {long_date(date.fromisoformat(n.checked))}.")
    if n.sources:
        cited = "; ".join(f"{s.title} ({s.publisher}, {s.date}), {s.url}" for s in n.sources)
        parts.append(f"Source{'s' if len(n.sources) > 1 else ''}: {cited}.")
    return " ".join(parts)


def resource_link(r: Resource) -> str:
    """`` Link: https://… (archived copy).`` for a resource with a current link, else ""."""
    return f" Link: {r.link} ({r.link_status})." if r.link else ""


NOTES_HEADING = "Notes in full"


def note_reference(at: NoteAt) -> str:
    """``Editorial note 2: PCCs to be abolished (in full at the end).``: where a note bears on
    a printed checklist. Each note is printed in full once, at the end (``checklist_plan``):
    printed where it bore, long notes pushed the questions apart and doubled the pages."""
    return f"{at.kind} {at.number}: {at.note.title} (in full at the end)."


@dataclass(frozen=True)
class Meeting:
    """The header of a printed checklist: council, committee and meeting date."""

    council: str
    committee: str
    when: date | None = None
    title: str = ""  # the meeting's own title, if given

    @property
    def date_text(self) -> str:
        return long_date(self.when) if self.when else ""


_MONTHS = {
    name: i
    for i in range(1, 13)
    for name in (date(2000, i, 1).strftime("%B").lower(), date(2000, i, 1).strftime("%b").lower())
}
_MONTHS["sept"] = 9
_WRITTEN = re.compile(
    r"^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$", re.IGNORECASE
)
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


# The years a meeting date may fall in: "3 December 0001" or 0026-12-03 is a slip of the
# keyboard, and would print as "3 December 1" or "3 December 26".
FIRST_YEAR, LAST_YEAR = 1900, 2100


def parse_date(value: str) -> date | None:
    """A meeting date as people type it; empty means none. Raises ValueError with the fix.

    Accepts ``2026-12-03``, ``3 December 2026`` (``3rd Dec 2026``, ``Thursday 3 December
    2026``) and ``3/12/2026``, read as day/month/year as in the UK, in the years
    :data:`FIRST_YEAR` to :data:`LAST_YEAR`.
    """
    text = " ".join(value.split())
    if not text:
        return None
    fix = (
        f"meeting date {value!r} is not a date: "
        "write it as 3 December 2026, 3/12/2026 or 2026-12-03"
    )
    try:
        if m := _WRITTEN.match(text):
            month = _MONTHS.get(m.group(2).lower())
            if month is None:
                raise ValueError(fix)
            when = date(int(m.group(3)), month, int(m.group(1)))
        elif m := _NUMERIC.match(text):
            when = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            when = date.fromisoformat(text)
    except ValueError:
        raise ValueError(fix) from None
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise ValueError(
            f"meeting date {value!r} is in the year {when.year}: give a year from "
            f"{FIRST_YEAR} to {LAST_YEAR}, all four digits, e.g. 3 December 2026"
        )
    return when


def meeting_title(value: str) -> str:
    """The meeting's title, trimmed; raises ValueError naming and placing any line break,
    tab or control character in it (a title is printed on one line)."""
    title = value.strip()
    if m := BREAKS_A_LINE.search(title):
        at = value.index(m.group(0)) + 1
        raise ValueError(
            f"meeting title {value!r} has {with_article(m.group(0))} at character {at}\n"
            f"    hint: {hint(m.group(0))}"
        )
    return title


def audience_texts(bank: Bank, audience: Audience) -> list[str]:
    """Every piece of text a checklist prints, to find the abbreviations it uses."""
    texts = [audience.about, *(e.text for e in audience.expectations)]
    for q in audience.questions:
        texts += [q.text, *q.items, *(n.text for n in bank.notes_for("question:" + q.id))]
    texts += [n.text for n in bank.notes_for("audience:" + audience.id)]
    return texts


def threat_texts(threat: Threat) -> list[str]:
    texts = [threat.name_note, *(item for _, items in threat.columns for item in items)]
    texts += [f.text for f in threat.footnotes]
    texts += [f"{r.name} {r.description} {' '.join(r.items)}" for r in threat.resources]
    return texts


def terms_used(bank: Bank, texts: Iterable[str]) -> tuple[Term, ...]:
    """Glossary terms that appear (as whole words, plural ``s`` allowed) in ``texts``."""
    joined = "\n".join(texts)
    return tuple(
        t
        for t in bank.glossary
        # The plain search first: most terms are in few texts, and it is far cheaper.
        if t.term in joined and re.search(rf"(?<![\w-]){re.escape(t.term)}(?=s?(?![\w-]))", joined)
    )


def resources(bank: Bank, threat: Threat) -> tuple[Resource, ...]:
    """A threat's resources, each "See …" cross-reference replaced by the general resource
    it names: a printed briefing has no general-resources section to point to."""
    general = {r.name: r for r in bank.general_resources}
    return tuple(general.get(r.see, r) if r.see else r for r in threat.resources)


def resource_text(r: Resource) -> str:
    """``Name: description item; item`` (or ``See …`` for an unresolved cross-reference)."""
    if r.see:
        return f"See {r.see}."
    text = f"{r.name}: {r.description}" if r.description else r.name
    return " ".join([text, *r.items]) if r.items else text


NO_QUESTION_ON_THREAT = "No question names this threat; the questions for every threat bear on it."
EVERY_THREAT = "for-every-threat"  # topics.threat_groups' anchor for the general questions
EVERY_THREAT_BY_ID = (
    "The questions for every threat are listed by ID; their text is in each body's checklist."
)
THREAT_QUESTIONS_INTRO = (
    "Questions on this threat name it or bear on it particularly; questions for every threat "
    "are about serious and organised crime as a whole. The tags are the bank's editorial "
    "layer, not the LGA's."
)


def threat_question_groups(
    bank: Bank, threat: Threat
) -> tuple[tuple[str, topics.ByBody, bool], ...]:
    """The threat page's two groups, each as (heading with count, questions by body, whether
    a printed briefing gives the questions' text).

    A printed briefing gives the questions on its threat in full and lists the questions for
    every threat by ID under each body: their text is the same in all seven briefings and is
    in each body's checklist. So an edit to a question for every threat remakes no briefing,
    and a briefing's length grows with its threat's questions, not with the whole bank.
    """
    return tuple(
        (f"{heading} ({sum(len(qs) for _, qs in groups)})", groups, anchor != EVERY_THREAT)
        for anchor, heading, groups in topics.threat_groups(bank, threat.id)
    )


def question_ids(questions: Iterable[Question]) -> str:
    """``PCP-01, PCP-03 and PCP-07``: a body's questions for every threat in a briefing."""
    ids = [q.id for q in questions]
    return ids[0] if len(ids) == 1 else f"{', '.join(ids[:-1])} and {ids[-1]}"


def threat_counts(bank: Bank, threat: Threat) -> str:
    """``3 questions on this threat, 46 for every threat.`` (sentence case)."""
    text = topics.threat_counts(bank, threat.id)
    return f"{text[0].upper()}{text[1:]}."


def general_resources(bank: Bank) -> tuple[Resource, ...]:
    """The general resources every threat page lists under its own."""
    return bank.general_resources
