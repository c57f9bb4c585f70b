"""Turn a loaded bank into the site's Markdown pages (plain Python; MkDocs is not imported).

Text from YAML reaches a page only through the ``text`` filter (``content/markup.py``), which
HTML-escapes it and then marks up glossary terms. Generated pages put YAML text inside raw HTML
blocks, where Markdown does not run, so a ``*`` or ``[link](…)`` in a question stays literal;
the few places that emit YAML text as Markdown (page titles) go through the ``md`` filter too.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..content import note_plan, topics, views
from ..content.markup import TEMPLATES, Abbreviator, make_env, page_url
from ..content.model import COLUMNS, NOTE_TOPICS, Audience, Bank, Question
from ..downloads import Download


class Renderer:
    """Renders every generated page of one bank."""

    def __init__(
        self, bank: Bank, downloads: Sequence[Download] = (), templates: Path = TEMPLATES
    ) -> None:
        self.bank = bank
        self.downloads = tuple(downloads)
        self._abbreviate = Abbreviator(bank)
        self.env = make_env(templates, self._abbreviate)

    def pages(self) -> dict[str, str]:
        """Every generated page: docs-relative path to Markdown source."""
        bank = self.bank
        out: dict[str, str] = {}
        # Checklist and threat pages link their own downloads, so every page gets the list.
        ctx: dict[str, Any] = {"bank": bank, "columns": COLUMNS, "downloads": self.downloads}
        out["index.md"] = self._render("index.md.jinja", "index.md", ctx)
        for audience in bank.audiences:
            out[audience.page] = self._render(
                "audience.md.jinja",
                audience.page,
                {
                    **ctx,
                    "audience": audience,
                    "threats": self.related_threats(audience),
                    "plan": note_plan.checklist_plan(bank, audience),
                },
            )
        out["threats/index.md"] = self._render(
            "threats-index.md.jinja",
            "threats/index.md",
            {**ctx, "counts": lambda threat_id: topics.threat_counts(bank, threat_id)},
        )
        for threat in bank.threats:
            out[threat.page] = self._render(
                "threat.md.jinja",
                threat.page,
                {
                    **ctx,
                    "threat": threat,
                    "questions": bank.questions_on(threat.id),
                    "question_groups": topics.threat_groups(bank, threat.id),
                    "counts": topics.threat_counts(bank, threat.id),
                    "words": bank.words_for(f"threat:{threat.id}"),
                    "plan": note_plan.plan(bank, f"threat:{threat.id}", ()),
                },
            )
        out["downloads.md"] = self._render(
            "downloads.md.jinja", "downloads.md", {**ctx, "downloads": self.downloads}
        )
        for name in ("all-questions", "the-4ps", "glossary", "about/sources", "about/changelog"):
            page = f"{name}.md"
            out[page] = self._render(f"{posixpath.basename(name)}.md.jinja", page, ctx)
        out["about/changes.md"] = self._render(
            "changes.md.jinja", "about/changes.md", {**ctx, "topics": NOTE_TOPICS}
        )
        out.update(self.meeting_pages(ctx))
        return out

    def meeting_pages(self, ctx: dict[str, Any]) -> dict[str, str]:
        """The pages that prepare a meeting in the browser: the pack builder and "My questions".

        Each part of the pack carries the glossary terms it uses, as indexes into the glossary,
        so the page lists only the abbreviations of the parts chosen (as ``qbank pack`` does).
        """
        bank = self.bank
        index = {t.term: i for i, t in enumerate(bank.glossary)}

        def terms(texts: list[str]) -> list[int]:
            return [index[t.term] for t in views.terms_used(bank, texts)]

        pack_ctx = {
            **ctx,
            "c": views,
            "note_plan": note_plan,
            "audience_terms": {
                a.id: terms(views.audience_texts(bank, a)) for a in bank.audiences
            },
            "threat_terms": {
                t.id: terms([*views.threat_texts(t), *(q.text for q in bank.questions_on(t.id))])
                for t in bank.threats
            },
        }
        return {
            "meeting-pack.md": self._render("meeting-pack.md.jinja", "meeting-pack.md", pack_ctx),
            "my-questions.md": self._render("my-questions.md.jinja", "my-questions.md", ctx),
        }

    def page_notes(self, page: str) -> str:
        """HTML for the editorial notes attached to ``page:<path>`` (empty when there are none).

        The home page places its own, below its start button: a councillor's first screen is
        for "Prepare for a meeting", not an edition's note on which checklists it leaves out.
        """
        notes = self.bank.notes_for(f"page:{page.removesuffix('.md')}")
        if not notes or page == "index.md":
            return ""
        macros = self.env.get_template("_macros.html.jinja").module
        return str(macros.notes(notes, ids=True))  # type: ignore[attr-defined]

    def guidance_links(self, page: str) -> str:
        """Markdown for the end of a hand-written guidance page: "Questions to ask" and
        "Related threats" from ``guidance.yml`` (empty for a page it does not list)."""
        links = self.bank.guidance_page(page.removesuffix(".md"))
        if links is None:
            return ""
        ctx = {
            "bank": self.bank,
            "links": links,
            "groups": topics.by_body(self.bank, (self.bank.question(q) for q in links.questions)),
            "threats": tuple(self.bank.threat(t) for t in links.threats),
            "words": self.bank.words_for(f"page:{links.page}"),
        }
        return self._render("guidance-links.md.jinja", page, ctx)

    def related_threats(self, audience: Audience) -> tuple[Any, ...]:
        named = {t for q in audience.questions for t in q.threats}
        return tuple(t for t in self.bank.threats if t.id in named)

    def render_page(self, template: str, page: str, **extra: Any) -> str:
        """One page from ``template`` with the usual context plus ``extra`` (local pages)."""
        ctx: dict[str, Any] = {"bank": self.bank, "columns": COLUMNS, "downloads": self.downloads}
        return self._render(template, page, {**ctx, **extra})

    def _render(self, template: str, page: str, ctx: dict[str, Any]) -> str:
        bank = self.bank

        def url(to_page: str, anchor: str = "") -> str:
            return page_url(page, to_page, anchor)

        def question_url(q: Question) -> str:
            return url(bank.audience(q.audience_id).page, q.anchor)

        return self.env.get_template(template).render(
            **ctx, page=page, url=url, question_url=question_url
        )
