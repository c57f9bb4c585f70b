"""Typed content: what the loader returns and every template and exporter reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

# How assured a councillor is by the answer to a question: the same words on the
# checklist pages, in the spreadsheet's drop-down and in every export.
ANSWER_STATUSES = ("Assured", "Partly assured", "Not assured", "Not asked")

# Pages the generator always makes, for editorial notes' ``page:`` references.
GENERATED_PAGES = frozenset(
    {
        "index",
        "all-questions",
        "the-4ps",
        "glossary",
        "downloads",
        "threats/index",
        "about/sources",
        "about/changelog",
        "about/changes",
    }
)
# How far a change an editorial note describes has gone, as the note's status shows it.
NOTE_STATUSES = {
    "in-force": "In force",
    "not-yet-in-force": "Law, not yet in force",
    "commencement-unconfirmed": "Law; check whether in force",
    "proposed": "Proposed, not law",
    "information": "Information",
}
# The headings of the "What has changed since 2015" page, in order: what a councillor
# scrutinises, then a last group for what fits none (renamed agencies, web addresses, local
# government structure).
NOTE_TOPICS = (
    "Policing and PCCs",
    "Safeguarding",
    "Health",
    "Exploitation and trafficking",
    "Fraud and economic crime",
    "Drugs",
    "Cyber and online harms",
    "Organisations and links",
)
_EDITION_BASE = ("council", "contacts", "logo", "site_url")
STRAND_ORDER = ("pursue", "prevent", "protect", "prepare")
# The threat tag of a question about serious and organised crime as a whole.
EVERY_THREAT = "all"
COLUMNS = (
    ("what_is_the_threat", "What is the threat?"),
    ("key_concerns", "Key concerns for councils"),
    ("key_stakeholders", "Key stakeholders (national and local)"),
    ("positive_action", "Positive action councils can take"),
)


@dataclass(frozen=True)
class SourceRef:
    document: str
    section: str
    pages: str
    quote: str = ""  # a local edition's source: the document's own words


@dataclass(frozen=True)
class Correction:
    original: str
    corrected: str
    reason: str


@dataclass(frozen=True)
class Question:
    id: str
    audience_id: str
    text: str
    items: tuple[str, ...]
    threats: tuple[str, ...]
    strands: tuple[str, ...]
    themes: tuple[str, ...]
    corrections: tuple[Correction, ...]
    source: SourceRef
    status: str = "active"
    retired_note: str = ""
    local: bool = False
    rationale: str = ""  # editorial: why these tags, where not obvious (not the LGA's text)
    expectation: str = ""  # a local question's "what good looks like"
    # A local question tagged ``threats: []``: on no threat's page or briefing. No named
    # threat and not this is ``[all]``, the question for every threat.
    no_threat: bool = False

    @property
    def for_every_threat(self) -> bool:
        """Tagged ``[all]``: about serious and organised crime as a whole."""
        return not self.threats and not self.no_threat

    @property
    def anchor(self) -> str:
        """The permanent fragment of the question's URL: ``pcp-14``."""
        return self.id.lower()

    @property
    def retired(self) -> bool:
        return self.status == "retired"


@dataclass(frozen=True)
class Expectation:
    text: str
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Audience:
    id: str
    order: int
    name: str
    short_name: str
    slug: str
    heading: str
    about: str
    source: SourceRef
    questions: tuple[Question, ...]
    expectations: tuple[Expectation, ...]
    corrections: tuple[Correction, ...] = ()
    national_name: str = ""  # set when a local edition renames the body
    local_contacts: tuple[Contact, ...] = ()

    @property
    def page(self) -> str:
        return f"{self.slug}.md"

    @property
    def in_sentence(self) -> str:
        """The name inside a sentence: a national name in lower case, a local one as it is."""
        return self.name if self.national_name else self.name.lower()


@dataclass(frozen=True)
class Footnote:
    number: str
    text: str
    url: str = ""


@dataclass(frozen=True)
class Resource:
    name: str = ""
    description: str = ""
    items: tuple[str, ...] = ()
    url: str = ""
    see: str = ""
    # The address a reader clicks (https: the same page, an archived copy or a named
    # replacement) and what it is; ``url`` stays the 2015 address as printed.
    link: str = ""
    link_status: str = ""


@dataclass(frozen=True)
class Threat:
    id: str
    order: int
    name: str
    slug: str
    name_note: str
    source: SourceRef
    columns: tuple[tuple[str, tuple[str, ...]], ...]
    footnotes: tuple[Footnote, ...]
    resources: tuple[Resource, ...]
    corrections: tuple[Correction, ...] = ()
    priority_rank: int = 0  # 1 for a local edition's first priority; 0 when not ranked
    priority_reason: str = ""

    @property
    def page(self) -> str:
        return f"threats/{self.slug}.md"

    def column(self, key: str) -> tuple[str, ...]:
        return dict(self.columns)[key]


@dataclass(frozen=True)
class Strand:
    id: str
    name: str
    national: str
    local: str
    source: SourceRef


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Term:
    term: str
    expansion: str
    source: SourceRef


@dataclass(frozen=True)
class NoteSource:
    """Where a fact in an editorial note was confirmed."""

    title: str
    publisher: str
    date: str
    url: str


@dataclass(frozen=True)
class EditorialNote:
    id: str
    date: str
    title: str
    text: str
    applies_to: tuple[str, ...]
    checked: str = ""  # YYYY-MM-DD: when the note was last checked against its sources
    status: str = ""  # a key of NOTE_STATUSES
    topic: str = ""
    sources: tuple[NoteSource, ...] = ()

    @property
    def status_label(self) -> str:
        return NOTE_STATUSES.get(self.status, "")

    edition_note: bool = False  # owned by a local edition, not the national bank


@dataclass(frozen=True)
class ReadingPoint:
    """How an editorial reading bears on one 2015 question."""

    question: str  # a question ID
    text: str


@dataclass(frozen=True)
class Reading:
    """Editorial text, not the LGA's: how a change since 2015 bears on the 2015 questions,
    shown on the threat briefings and checklists it names (``readings.yml``). Its facts and
    their sources are the editorial notes it names."""

    id: str
    date: str
    title: str
    text: str
    notes: tuple[str, ...]  # editorial note IDs
    shown_on: tuple[str, ...]  # threat:<id> or audience:<id>
    points: tuple[ReadingPoint, ...]


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str
    file: str


@dataclass(frozen=True)
class Change:
    version: str
    date: str
    changes: tuple[str, ...]


@dataclass(frozen=True)
class Contact:
    role: str
    name: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""


NOT_STATED = "not stated"


@dataclass(frozen=True)
class Passage:
    """Words quoted from a local document, with the section they sit under."""

    section: str
    text: str


@dataclass(frozen=True)
class Listing:
    """A list quoted from a local document, item by item, with its section."""

    section: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Review:
    """When a local strategy is to be reviewed: ``years`` after the month it was adopted."""

    section: str
    text: str
    adopted: str  # YYYY-MM
    years: int

    @property
    def due(self) -> date:
        year, month = (int(x) for x in self.adopted.split("-"))
        return date(year + self.years, month, 1)

    @property
    def due_text(self) -> str:
        return f"{self.due:%B %Y}"

    def past_due(self, today: date) -> bool:
        return today >= self.due


@dataclass(frozen=True)
class Strategy:
    """A council's own serious and organised crime strategy, in its own words."""

    source: str  # a source id
    aim: Passage
    council_actions: Listing
    reporting_line: Passage
    member_actions: Listing | None = None
    single_point_of_contact: Passage | None = None
    further_information: Passage | None = None
    review: Review | None = None


@dataclass(frozen=True)
class PlanRow:
    """One row of the multi-agency 4P action plan (the Home Office format)."""

    strand: str
    recommendation: str
    milestone: str = NOT_STATED
    ownership: str = NOT_STATED
    review: str = NOT_STATED
    status: str = NOT_STATED


@dataclass(frozen=True)
class LeftOut:
    """A national body whose checklist this edition leaves to another council."""

    audience_id: str
    name: str
    asked_at: str
    slug: str = ""  # its page in the national edition


@dataclass(frozen=True)
class Accessibility:
    """The council's own accessibility statement details."""

    contact: Contact
    enforcement: str
    tested: str = ""


@dataclass(frozen=True)
class Edition:
    """A council's local layer over the national bank (see ``overlay.py``)."""

    council: str = ""
    contacts: tuple[Contact, ...] = ()
    logo: str = ""  # absolute path of the council's logo image, or ""
    site_url: str = ""
    brand_colour: str = ""
    national_site: str = ""
    left_out: tuple[LeftOut, ...] = ()
    strategy: Strategy | None = None
    action_plan: tuple[PlanRow, ...] = ()
    accessibility: Accessibility | None = None
    local_sources: tuple[str, ...] = ()  # ids of the edition's own sources

    @property
    def web_team_pages(self) -> bool:
        """Whether the site carries the web team's pages (``docs/contributing/``): the
        national site does; a council's edition is for its councillors, and those pages (with
        another council as their worked example) stay in the national site and the repository."""
        return not self.council

    @property
    def reporting_line(self) -> str:
        """Where to report concerns, from the council's strategy ("" when it has none)."""
        return self.strategy.reporting_line.text if self.strategy else ""

    def open_data(self) -> dict[str, Any]:
        """The edition as open data: the national four keys always, the rest when set."""
        data = {k: v for k, v in asdict(self).items() if k in _EDITION_BASE or v}
        if self.logo:
            data["logo"] = self.logo_page_path  # never the builder's file-system path
        return data

    @property
    def logo_page_path(self) -> str:
        """Where the logo sits in the built site."""
        return f"assets/council-logo{Path(self.logo).suffix.lower()}" if self.logo else ""


@dataclass(frozen=True)
class GuidanceLinks:
    """Editorial links from a hand-written guidance page to the questions and threats it
    bears on (``guidance.yml``); shown at the end of the page and beside each question."""

    page: str  # docs path without .md: guidance/county-lines
    title: str
    questions: tuple[str, ...]
    threats: tuple[str, ...]
    why: str = ""

    @property
    def source_page(self) -> str:
        return f"{self.page}.md"


@dataclass(frozen=True)
class Word:
    """A word councillors search for (county lines, NRM), with where it leads.

    ``source`` is set when the meaning is quoted from a source document; otherwise the
    entry is editorial and ``checked``/``reference``/``url`` say where it was confirmed.
    """

    term: str
    meaning: str
    also: tuple[str, ...]
    see: tuple[str, ...]  # threat:<id>, page:<docs path>, question:<ID>
    source: SourceRef | None = None
    reference: str = ""
    url: str = ""
    checked: str = ""

    @property
    def editorial(self) -> bool:
        return self.source is None

    @property
    def anchor(self) -> str:
        return "word-" + "-".join(self.term.lower().split())


@dataclass
class Bank:
    title: str
    version: str
    sources: tuple[Source, ...]
    strands: tuple[Strand, ...]
    themes: tuple[Theme, ...]
    audiences: tuple[Audience, ...]
    threats: tuple[Threat, ...]
    glossary: tuple[Term, ...]
    notes: tuple[EditorialNote, ...]
    general_resources: tuple[Resource, ...]
    changelog: tuple[Change, ...]
    edition: Edition = field(default_factory=Edition)
    guidance: tuple[GuidanceLinks, ...] = ()
    words: tuple[Word, ...] = ()
    readings: tuple[Reading, ...] = ()
    # The whole bank's "as at" date, fixed when it is loaded: a download made from a view of
    # the bank (only its own notes) still carries the date every page and download shows.
    as_at: str = ""

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for a in self.audiences for q in a.questions)

    def audience(self, audience_id: str) -> Audience:
        return next(a for a in self.audiences if a.id == audience_id)

    def threat(self, threat_id: str) -> Threat:
        return next(t for t in self.threats if t.id == threat_id)

    def strand(self, strand_id: str) -> Strand:
        return next(s for s in self.strands if s.id == strand_id)

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def notes_for(self, ref: str) -> tuple[EditorialNote, ...]:
        """Editorial notes attached to ``audience:x``, ``question:X-01``, ``threat:x`` or a page."""
        return tuple(n for n in self.notes if ref in n.applies_to)

    def readings_for(self, ref: str) -> tuple[Reading, ...]:
        """Editorial readings shown on ``threat:x`` or ``audience:x``."""
        return tuple(r for r in self.readings if ref in r.shown_on)

    def reading_points(
        self, reading: Reading, audience_id: str = ""
    ) -> tuple[tuple[Question, str], ...]:
        """A reading's points as (question, text), in the bank's question order: only the
        questions this bank has (an edition may leave a body out), and only ``audience_id``'s
        where one is given (a checklist shows the points on its own questions)."""
        said = {p.question: p.text for p in reading.points}
        return tuple(
            (q, said[q.id])
            for q in self.questions
            if q.id in said and (not audience_id or q.audience_id == audience_id)
        )

    @property
    def notes_as_at(self) -> str:
        """The latest date any editorial note was checked (YYYY-MM-DD), or ""."""
        return self.as_at or max((n.checked for n in self.notes if n.checked), default="")

    def tagged(self, key: str, value: str) -> tuple[Question, ...]:
        """Questions whose ``strands`` or ``themes`` (``key``) include ``value``."""
        return tuple(q for q in self.questions if value in getattr(q, key))

    def questions_on(self, threat_id: str) -> tuple[Question, ...]:
        """Questions tagged with this threat by name (untagged ones bear on every threat)."""
        return tuple(q for q in self.questions if threat_id in q.threats)

    def questions_for_every_threat(self) -> tuple[Question, ...]:
        """Questions tagged ``all``: about serious and organised crime as a whole."""
        return tuple(q for q in self.questions if q.for_every_threat)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def guidance_for(self, question_id: str) -> tuple[GuidanceLinks, ...]:
        """Guidance pages that link to this question (its back-links)."""
        return tuple(g for g in self.guidance if question_id in g.questions)

    def guidance_page(self, page: str) -> GuidanceLinks | None:
        """The links for a guidance page (``guidance/county-lines``), if it has any."""
        return next((g for g in self.guidance if g.page == page), None)

    def words_for(self, ref: str) -> tuple[Word, ...]:
        """Words whose ``see`` names ``ref`` (``threat:drugs``, ``page:guidance/county-lines``)."""
        return tuple(w for w in self.words if ref in w.see)
