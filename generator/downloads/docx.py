"""Word downloads: each audience's checklist as a .docx built with python-docx.

:class:`WordDocument` is the one place Word layout lives; the meeting pack (``pack.py``)
adds a checklist, contacts and threat briefings to one of these.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm, Pt
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from ..content import views as c
from ..content.model import (
    COLUMNS,
    Audience,
    Bank,
    Contact,
    Correction,
    EditorialNote,
    Question,
    Threat,
)
from ..content.pack_meeting import PrintedAnswers
from . import Download, by_audience_and_threat, ooxml
from .stamp import Stamp, download, normalise_zip

A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(1.8)
# ID, Question, Asked, Answer and notes: 17.4 cm, the A4 width inside the margins.
CHECKLIST_COLUMNS = (("ID", 1.9), ("Question", 8.2), ("Asked", 1.5), ("Answer and notes", 5.8))
BOX = "☐"
TICKED = "☒"
FONT = "Arial"


def _add_row(table: Table) -> _Row:
    return table.add_row()  # type: ignore[no-untyped-call,no-any-return]


class WordDocument:
    """A Word document in the bank's house layout: A4, Arial, a stamped footer on every page."""

    def __init__(
        self, bank: Bank, stamp: Stamp, title: str, subject: str, footer_title: str
    ) -> None:
        self.bank = bank
        self.stamp = stamp
        self._boxes = 0  # check boxes so far: each content control needs its own id
        self._style_ids: dict[str, str | None] = {}
        self.doc = Document()
        self._styles()
        self._properties(title, subject)
        section = self.doc.sections[0]
        section.page_width, section.page_height = A4
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, MARGIN)
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        # Every printed page says whose it is, and which bank version and date it is from.
        council = f"{bank.edition.council} · " if bank.edition.council else ""
        footer.add_run(f"{council}{footer_title} · {stamp.line} · Page ")
        ooxml.field(footer, "PAGE")
        footer.add_run(" of ")
        ooxml.field(footer, "NUMPAGES")

    def _styles(self) -> None:
        styles = self.doc.styles
        ooxml.set_language(self.doc, "en-GB")
        sizes: tuple[tuple[str, float], ...] = (
            ("Normal", 10), ("Heading 1", 16), ("Heading 2", 13), ("Footer", 7.5),
            ("Heading 3", 11), ("Heading 4", 10),
        )  # fmt: skip
        for name, size in sizes:
            style = styles[name]
            ooxml.set_font(style, FONT)
            style.font.size = Pt(size)
        styles["Normal"].paragraph_format.space_after = Pt(4)

    def _properties(self, title: str, subject: str) -> None:
        props = self.doc.core_properties
        props.title = title
        props.subject = subject
        props.author = self.bank.edition.council or self.bank.title
        props.last_modified_by = self.bank.title
        props.keywords = "serious and organised crime; scrutiny; councillors; checklist"
        props.comments = f"{self.stamp.line}. From the LGA guidance (August 2015)."
        props.version = self.bank.version
        props.language = "en-GB"
        props.category = "Checklist"
        props.revision = 1
        props.created = props.modified = props.last_printed = self.stamp.time

    # Small pieces -------------------------------------------------------------------------

    def styled(self, p: Paragraph, name: str) -> Paragraph:
        """Give a paragraph a style, as ``p.style = name`` would, at a fraction of the cost.

        python-docx looks the style up by scanning every style on each assignment (two
        thirds of a threat briefing's time); the ID is found that way once per document."""
        if name not in self._style_ids:
            style = self.doc.styles[name]
            part: Any = self.doc.part  # python-docx leaves get_style_id untyped
            self._style_ids[name] = part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
        p._p.get_or_add_pPr().style = self._style_ids[name]
        return p

    def heading(self, text: str, level: int) -> Paragraph:
        """``Document.add_heading``, with the style set through :meth:`styled`."""
        return self.styled(self.doc.add_paragraph(text), f"Heading {level}")

    def para(
        self, text: str = "", style: str | None = None, size: float | None = None
    ) -> Paragraph:
        p = self.doc.add_paragraph()
        if style is not None:
            self.styled(p, style)
        if text:
            run = p.add_run(text)
            if size:
                run.font.size = Pt(size)
        return p

    def labelled(self, label: str, text: str, size: float | None = None) -> Paragraph:
        """A paragraph starting with a bold label: ``Editorial correction: …``."""
        p = self.doc.add_paragraph()
        for part, bold in ((f"{label} ", True), (text, False)):
            run = p.add_run(part)
            run.bold = bold
            if size:
                run.font.size = Pt(size)
        return p

    def notes(self, notes: Iterable[EditorialNote]) -> None:
        for n in notes:
            self.labelled(c.note_title(n) + ".", n.text, size=9)
            self.para(c.note_sources(n), size=8)

    def corrections(self, corrections: Iterable[Correction]) -> list[Paragraph]:
        return [
            self.labelled("Editorial correction:", c.correction_text(x), size=9)
            for x in corrections
        ]

    def table(self, headings: Iterable[tuple[str, float]], caption: str) -> Table:
        """A fixed-width table with a bold, shaded header row repeated on every page."""
        headings = tuple(headings)
        table = self.doc.add_table(rows=1, cols=len(headings))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for i, (name, width) in enumerate(headings):
            table.columns[i].width = Cm(width)
            cell = table.rows[0].cells[i]
            cell.width = Cm(width)
            cell.paragraphs[0].add_run(name).bold = True
        ooxml.repeat_header(table.rows[0])
        ooxml.shade(table.rows[0], "D9D9D9")
        ooxml.describe_table(table, caption, caption)
        return table  # type: ignore[no-any-return]

    def source(self, text: str) -> None:
        self.para(text, size=8.5)

    # Parts --------------------------------------------------------------------------------

    def header(self, meeting: c.Meeting) -> None:
        """Council, committee and meeting date (a blank to fill in when not given)."""
        p = self.doc.add_paragraph()
        parts = [("Council: ", meeting.council)] if meeting.council else []
        parts += [("Committee: ", meeting.committee)]
        parts += [("Meeting: ", meeting.title)] if meeting.title else []
        parts += [("Meeting date: ", meeting.date_text or "____________________")]
        for i, (label, value) in enumerate(parts):
            if i:
                p.add_run().add_break()
            p.add_run(label).bold = True
            p.add_run(value)
        self.para(self.stamp.line + ".", size=8.5)

    def checklist(
        self,
        audience: Audience,
        meeting: c.Meeting,
        contacts: bool = False,
        printed: PrintedAnswers | None = None,
    ) -> None:
        """An audience's questions as a table to tick and write in, then what good looks like
        (and, for a meeting pack, the local contacts). ``printed`` (from an answers file)
        ticks questions, fills in their answers and notes, gives last time's beside each,
        and with ``ticked_only`` holds only the ticked questions and their notes."""
        bank = self.bank
        answers = printed.answers if printed else {}
        questions = printed.questions(audience) if printed else audience.questions
        self.heading(c.checklist_title(audience), level=1)
        self.header(meeting)
        self.para(audience.about)
        self.para(
            f"{c.question_count(bank, audience)}, published as "
            f"“{audience.heading}”. Tick the ones you ask and note the answers."
        )
        if printed and printed.ticked_only:
            self.para(printed.shown(audience))
        plan = printed.plan(bank, audience) if printed else c.checklist_plan(bank, audience)
        for at in plan.top:
            self.para(c.note_reference(at), size=9)
        self.heading("Questions", level=2)
        table = self.table(CHECKLIST_COLUMNS, f"Questions for {audience.in_sentence}")
        for q in questions:
            row = _add_row(table)
            row.height = Cm(2.2)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            ooxml.keep_row_together(row)
            id_cell, text_cell, box_cell, answer_cell = row.cells
            id_cell.paragraphs[0].add_run(q.id).bold = True
            text_cell.paragraphs[0].add_run(q.text)
            if q.local:
                label = text_cell.add_paragraph()
                label.add_run(f"{c.LOCAL_LABEL} ").bold = True
                label.add_run(f"from {bank.edition.council}. ").font.size = Pt(8.5)
                label.add_run("What good looks like: ").bold = True
                label.add_run(q.expectation)
                text_cell.add_paragraph().add_run(c.local_source(bank, q)).font.size = Pt(8)
            for item in q.items:
                self.styled(text_cell.add_paragraph(item), "List Bullet")
            if q.retired:
                text_cell.add_paragraph(f"Retired: {q.retired_note}")
            asides = [f"Editorial correction: {c.correction_text(x)}" for x in q.corrections]
            asides += [c.note_reference(at) for at in plan.at(q.id)]
            for aside in asides:
                text_cell.add_paragraph().add_run(aside).font.size = Pt(8.5)
            last = printed.last_time(q.id) if printed else None
            if last:
                p = self.styled(text_cell.add_paragraph(), self._last_time_style())
                p.add_run(f"{last[0]} ").bold = True
                p.add_run(last[1])
            answer = answers.get(q.id)
            ticked = bool(answer and answer.ask)
            # A real check box, ticked with a click in Word and LibreOffice (ticked already
            # for a question the user chose in the site).
            self._boxes += 1
            ooxml.checkbox(
                box_cell.paragraphs[0], self._boxes, f"ask-{q.id}", f"Ask {q.id}", 32, ticked
            )
            if answer:
                lines = [answer.status] if answer.rated else []
                lines += answer.note.splitlines()
                for i, line in enumerate(lines):
                    p = answer_cell.paragraphs[0] if i == 0 else answer_cell.add_paragraph()
                    p.add_run(line)
        self.heading("What good answers look like", level=2)
        boxed = [self.para(e.text) for e in audience.expectations]
        boxed += self.corrections(x for e in audience.expectations for x in e.corrections)
        boxed += self.corrections(audience.corrections)
        for p in boxed:
            ooxml.box(p)
        if plan.in_order:
            self.heading(c.NOTES_HEADING, level=2)
            for at in plan.in_order:
                self.labelled(f"{at.number}. {c.note_title(at.note)}.", at.note.text, size=9)
                self.para(c.note_sources(at.note), size=8)
        if contacts:
            self.contacts(audience.local_contacts)
        self.glossary(c.audience_texts(bank, audience))
        self.heading("Source", level=2)
        self.source(c.citation(bank, audience.source))
        self.source(f"{c.QUOTED} {self.stamp.line}.")
        if bank.edition.reporting_line:
            self.labelled("Reporting concerns:", bank.edition.reporting_line)

    def _last_time_style(self) -> str:
        """A paragraph style of its own for last time's rating and note, so a reader (and a
        screen reader's list of styles) tells it from this meeting's answers."""
        name = "Last time"
        if name not in [s.name for s in self.doc.styles]:
            style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
            style.font.size = Pt(9)
            style.font.italic = True
        return name

    def glossary(self, texts: Iterable[str]) -> None:
        terms = c.terms_used(self.bank, texts)
        if terms:
            self.heading("Abbreviations", level=2)
            self.para("; ".join(f"{t.term}: {t.expansion}" for t in terms) + ".", size=9)

    def contacts(self, body_contacts: tuple[Contact, ...] = ()) -> None:
        """The body's and the edition's local contacts, or a line saying there are none."""
        self.heading("Local contacts", level=2)
        contacts = body_contacts + self.bank.edition.contacts
        if not contacts:
            self.para("No local contacts in this edition.")
            return
        table = self.table(
            (("Role", 5.0), ("Name", 4.0), ("Email", 5.0), ("Phone", 3.4)), "Local contacts"
        )
        for contact in contacts:
            values = (contact.role, contact.name, contact.email, contact.phone)
            for cell, value in zip(_add_row(table).cells, values, strict=True):
                cell.paragraphs[0].add_run(value)

    def threat(
        self,
        threat: Threat,
        full: bool = False,
        new_section: bool = True,
        questions: Iterable[Question] | None = None,
    ) -> None:
        """A threat briefing on landscape pages: the four columns of the threat summary.

        ``full`` (the stand-alone briefing, as the threat page) adds the questions on the
        threat and the general resources; a meeting pack gives ``questions``, the chosen
        body's questions on the threat.
        """
        # A pack starts each briefing on a new page; a briefing on its own turns page one.
        section = self.doc.add_section(WD_SECTION.NEW_PAGE) if new_section else self.doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = A4[1], A4[0]
        self.heading(f"Threat briefing: {threat.name}", level=1)
        if threat.name_note:
            self.para(threat.name_note)
        self.para(c.THREAT_INTRO)
        self.notes(self.bank.notes_for("threat:" + threat.id))
        width = (A4[1] - 2 * MARGIN) / Cm(1) / len(COLUMNS)
        table = self.table(((h, width) for _, h in COLUMNS), f"{threat.name}: threat summary")
        for cell, (key, _) in zip(_add_row(table).cells, COLUMNS, strict=True):
            for i, item in enumerate(threat.column(key)):
                p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                self.styled(p, "List Bullet")
                p.add_run(item).font.size = Pt(9)
        self.corrections(threat.corrections)
        if full:
            self.threat_questions(threat)
        if questions is not None:
            self.heading("Questions on this threat", level=2)
            if not (questions := tuple(questions)):
                self.para(c.NO_THREAT_QUESTIONS)
            for q in questions:
                name = self.bank.audience(q.audience_id).name
                p = self.para(style="List Bullet")
                p.add_run(f"{q.id} ").bold = True
                p.add_run(f"{q.text} ({name})")
        self.resources(threat)
        if full:
            self.general_resources()
        self.source(c.citation(self.bank, threat.source))

    def threat_questions(self, threat: Threat) -> None:
        """The threat page's two groups of questions, each grouped by body."""
        self.heading("Questions to ask", level=2)
        intro = f"{c.THREAT_QUESTIONS_INTRO} {c.EVERY_THREAT_BY_ID}"
        self.para(f"{c.threat_counts(self.bank, threat)} {intro}")
        for heading, groups, in_full in c.threat_question_groups(self.bank, threat):
            self.heading(heading, level=3)
            if not groups:
                self.para(c.NO_QUESTION_ON_THREAT)
            for audience, questions in groups:
                if not in_full:
                    self.labelled(f"{audience.name}:", f"{c.question_ids(questions)}.", 9)
                    continue
                self.heading(audience.name, level=4)
                for q in questions:
                    p = self.para("", style="List Bullet", size=9)
                    p.add_run(q.id).bold = True
                    p.add_run(f" {q.text}")

    def general_resources(self) -> None:
        resources = c.general_resources(self.bank)
        if resources:
            self.heading("General resources (as published in 2015)", level=2)
            for r in resources:
                p = self.para(c.resource_text(r), style="List Bullet", size=9)
                if r.url:
                    p.add_run(f" 2015 link: {r.url}").font.size = Pt(8)

    def resources(self, threat: Threat) -> None:
        if threat.resources:
            self.heading("Resources (as published in 2015)", level=2)
            for r in c.resources(self.bank, threat):
                p = self.para(c.resource_text(r), style="List Bullet", size=9)
                if r.url:
                    p.add_run(f" 2015 link: {r.url}.{c.resource_link(r)}").font.size = Pt(8)
        if threat.footnotes:
            self.heading("Notes from the guidance", level=2)
            for f in threat.footnotes:
                url = f" (2015 link: {f.url})" if f.url else ""
                self.para(f"Note {f.number}: {f.text}{url}", style="List Bullet", size=8.5)

    def to_bytes(self) -> bytes:
        """The saved document, with zip timestamps fixed to the build time."""
        out = io.BytesIO()
        self.doc.save(out)
        return normalise_zip(out.getvalue(), self.stamp.time)


def checklist_docx(
    bank: Bank,
    audience: Audience,
    meeting: c.Meeting,
    contacts: bool = False,
    printed: PrintedAnswers | None = None,
    footer: str = "",
) -> WordDocument:
    """A Word document holding one audience's checklist (with the local contacts for a pack).
    ``footer`` (a pack's body, meeting and date) replaces the body's name in the footer."""
    word = WordDocument(
        bank,
        Stamp.of(bank),
        c.checklist_title(audience),
        c.subject(audience),
        footer or audience.name,
    )
    word.checklist(audience, meeting, contacts, printed)
    return word


def threat_docx(bank: Bank, threat: Threat) -> bytes:
    """One threat briefing in Word, with the same content as the threat page and its PDF."""
    title = f"Threat briefing: {threat.name}"
    word = WordDocument(
        bank,
        Stamp.of(bank),
        title,
        f"Serious and organised crime threat briefing for councillors: {threat.name}",
        threat.name,
    )
    word.threat(threat, full=True, new_section=False)
    return word.to_bytes()


def audience_downloads(bank: Bank, audience: Audience) -> list[tuple[Download, bytes]]:
    """One audience's Word checklist: a part the registry makes and caches on its own."""
    return [
        download(
            f"{audience.name} checklist (Word)",
            c.audience_path(audience, "docx"),
            "Word",
            lambda: checklist_docx(
                bank, audience, c.Meeting(bank.edition.council, audience.name)
            ).to_bytes(),
            audience_id=audience.id,
        )
    ]


def threat_downloads(bank: Bank, threat: Threat) -> list[tuple[Download, bytes]]:
    """One threat's Word briefing: a part the registry makes and caches on its own."""
    return [
        download(
            f"{threat.name} threat briefing (Word)",
            c.threat_path(threat, "docx"),
            "Word",
            lambda: threat_docx(bank, threat),
            threat_id=threat.id,
        )
    ]


def export(bank: Bank) -> list[tuple[Download, bytes]]:
    """One Word checklist per audience and one Word briefing per threat."""
    return by_audience_and_threat(bank, audience_downloads, threat_downloads)
