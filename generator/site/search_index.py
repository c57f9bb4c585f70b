"""The search index Material's search builds in the browser, tidied in one step after MkDocs'
search plugin has written it: leaner, and with each question titled well.

**Leaner.** Sections that only repeat text found elsewhere, or that are page furniture, are
left out.

At 10,000 questions the browser spends about a second building the index before a query
typed as a page opens can be answered (``make bench``); every section left out is text it
does not have to read. A section stays findable where its text first lives: a body's
description on its checklist, a correction beside its question.

This runs as its own step after the search plugin has written the index and before the
offline plugin copies it into ``search_index.js`` (see ``mkdocs_hook.on_post_build``), so it
composes with markup that keeps form furniture out of the index (``data-search-exclude``).

**Titled well.** The plugin makes one entry per heading, titled with the heading's text: a
question's entry is titled "PCP-14 What use is …", with nothing to say which body it is asked
of. Here each question's entry is titled by its ID and body, then the question ("PCP-14 ·
Police and crime panels: What use is …"); the question stays in the title because Material
weighs a word in a title a thousand times one in text, which keeps the question itself first
for a search of its words. Its text is what the plugin found under the heading (a sub-list,
corrections, dated notes).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from ..content.markup import page_url
from ..content.model import Bank
from .search_weights import weigh

# (page, section anchor, why); "*" matches any page or any section of the page.
LEFT_OUT = (
    ("index.html", "by-role", "each body's description, repeated from its checklist page"),
    ("about/sources.html", "editorial-corrections", "each correction, beside its question"),
    ("downloads.html", "*", "file lists; the page itself stays findable"),
    ("*", "source", "the citation and version line at the foot of each page"),
    ("*", "related-threats", "threat names, repeated from the threat pages"),
    ("*", "questions-on-this-threat", "questions, repeated from their checklists"),
)


def left_out(location: str) -> bool:
    """Whether a search entry (``page.html#anchor``) is one :data:`LEFT_OUT` names."""
    page, _, anchor = location.partition("#")
    if not anchor:
        return False  # a page's own entry: its title keeps it findable
    return any(p in ("*", page) and a in ("*", anchor) for p, a, _ in LEFT_OUT)


def lean(index: dict[str, Any]) -> dict[str, Any]:
    """The index without the sections :func:`left_out` names, nor bare headings that hold
    no text and name nothing but themselves (the "Questions" above a checklist's questions)."""
    docs = [
        d
        for d in index.get("docs", [])
        if not left_out(d.get("location", ""))
        and not (d.get("text") == "" and d.get("location", "").endswith("#questions"))
    ]
    return {**index, "docs": docs}


def _question_titles(bank: Bank) -> dict[str, str]:
    """Index location of each question -> its title, escaped as the index holds titles."""
    return {
        page_url("index.md", audience.page, q.anchor): html.escape(
            f"{q.id} · {audience.name}: {q.text}", quote=False
        )
        for audience in bank.audiences
        for q in audience.questions
    }


def refine(index: dict[str, Any], bank: Bank) -> dict[str, Any]:
    """The index with every question's entry titled by ID, body and question."""
    titles = _question_titles(bank)
    for doc in index.get("docs", ()):
        title = titles.get(doc.get("location", ""))
        if title is not None:
            doc["title"] = title
    return index


def tidy_search_index(site_dir: Path, bank: Bank) -> None:
    """Rewrite ``search/search_index.json`` in a built site, if search wrote one: leaner
    (:func:`lean`), each question titled by ID, body and question (:func:`refine`), and
    every entry weighed, with notes as entries of their own (``search_weights.weigh``)."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    # The search plugin's own format: compact, ASCII-escaped.
    tidied = weigh(refine(lean(index), bank), bank)
    path.write_text(json.dumps(tidied, separators=(",", ":")), "utf-8")
