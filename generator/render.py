"""Turn a loaded bank into the site's Markdown pages (plain Python; MkDocs is not imported).

Text from YAML reaches a page only through the ``text`` filter, which HTML-escapes it and
then marks up glossary terms. Generated pages put YAML text inside raw HTML blocks, where
Markdown does not run, so a ``*`` or ``[link](…)`` in a question stays literal; the few
places that emit YAML text as Markdown (page titles) go through the ``md`` filter too.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import topics
from .exporters import Download
from .model import ANSWER_STATUSES, COLUMNS, NOTE_TOPICS, Audience, Bank, Question
from .textrules import one_line

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Python-Markdown's escapable characters (with `|` from the tables extension); escaping
# any other character would leave a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_escape(value: str) -> Markup:
    """Escape text for a Markdown context (a heading, a title): HTML first, then Markdown."""
    # Body text, never an attribute: quotes stay literal, so heading ids read "childrens".
    # One line: a line break would end the heading and start Markdown of the text's choosing.
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(one_line(value), quote=False)))


def page_url(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative ``.html`` URL from one page's source path to another's.

    Pages are plain files (``use_directory_urls: false``), so links work from ``file://``.
    """
    target = re.sub(r"\.md$", ".html", to_page)
    here = posixpath.dirname(from_page)
    url = posixpath.relpath(target, here or ".")
    return f"{url}#{anchor}" if anchor else url


def long_date(value: str) -> str:
    d = date.fromisoformat(value)
    return f"{d.day} {d:%B %Y}"


class Renderer:
    """Renders every generated page of one bank."""

    def __init__(
        self, bank: Bank, downloads: Sequence[Download] = (), templates: Path = TEMPLATES
    ) -> None:
        self.bank = bank
        self.downloads = tuple(downloads)
        self.env = make_env(templates, self._abbreviate)

    @cached_property
    def _terms(self) -> tuple[re.Pattern[str], dict[str, str]] | None:
        terms = {t.term: t.expansion for t in self.bank.glossary}
        if not terms:
            return None
        names = sorted(terms, key=len, reverse=True)
        # Whole words only; a trailing plural "s" (PCCs, OCGs) stays outside the <abbr>.
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?=s?(?![\w-]))")
        return pattern, terms

    def _abbreviate(self, value: str) -> Markup:
        escaped = str(escape(value))
        if self._terms is None:
            return Markup(escaped)
        pattern, terms = self._terms

        def wrap(match: re.Match[str]) -> str:
            title = escape(terms[match.group(1)])
            return f'<abbr title="{title}">{match.group(1)}</abbr>'

        return Markup(pattern.sub(wrap, escaped))

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
                {**ctx, "audience": audience, "threats": self.related_threats(audience)},
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
        from .exporters import content

        bank = self.bank
        index = {t.term: i for i, t in enumerate(bank.glossary)}

        def terms(texts: list[str]) -> list[int]:
            return [index[t.term] for t in content.terms_used(bank, texts)]

        pack_ctx = {
            **ctx,
            "c": content,
            "audience_terms": {
                a.id: terms(content.audience_texts(bank, a)) for a in bank.audiences
            },
            "threat_terms": {
                t.id: terms([*content.threat_texts(t), *(q.text for q in bank.questions_on(t.id))])
                for t in bank.threats
            },
        }
        return {
            "meeting-pack.md": self._render("meeting-pack.md.jinja", "meeting-pack.md", pack_ctx),
            "my-questions.md": self._render("my-questions.md.jinja", "my-questions.md", ctx),
        }

    def page_notes(self, page: str) -> str:
        """HTML for the editorial notes attached to ``page:<path>`` (empty when there are none)."""
        notes = self.bank.notes_for(f"page:{page.removesuffix('.md')}")
        if not notes:
            return ""
        macros = self.env.get_template("_macros.html.jinja").module
        return str(macros.notes(notes))  # type: ignore[attr-defined]

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


def make_env(templates: Path, abbreviate: Callable[[str], Markup]) -> jinja2.Environment:
    """The one Jinja environment: strict about missing fields, escaping by default."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Compiled templates are reused across builds (keyed by source checksum, so an
        # edited template is recompiled): compiling is most of the generator's fixed cost.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    env.globals["statuses"] = ANSWER_STATUSES
    env.filters["text"] = abbreviate
    env.filters["md"] = md_escape
    env.filters["long_date"] = long_date
    # Front matter: MkDocs themes print page titles unescaped, so escape before quoting.
    env.filters["json"] = lambda v: Markup(json.dumps(one_line(str(escape(v))), ensure_ascii=False))
    return env
