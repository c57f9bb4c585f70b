"""Tidy the search index MkDocs' search plugin wrote: one result per question, titled well.

The plugin makes one entry per heading, titled with the heading's text: a question's entry
is titled "PCP-14 What use is …", with nothing to say which body it is asked of. Here each
question's entry is titled by its ID and body, then the question ("PCP-14 · Police and crime
panels: What use is …"); the question stays in the title because Material weighs a word in
a title a thousand times one in text, which keeps the question itself first for a search
of its words. Its text is what the plugin found under the heading (a sub-list, corrections,
dated notes). Forms, tick boxes and permalinks never reach the index: the templates mark
them ``data-search-exclude``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from .model import Bank
from .render import page_url


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


def refine_file(site_dir: Path, bank: Bank) -> None:
    """Rewrite ``search/search_index.json`` in a built site (no-op when search is off)."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps(refine(index, bank), separators=(",", ":")), "utf-8")
