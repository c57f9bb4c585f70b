"""Tidy the search index MkDocs' search plugin wrote: one result per question, titled well.

The plugin makes one entry per heading, titled with the heading's text. A question's heading
is its ID and text, so its entry is titled with the whole question and has no text of its
own. Here each question's entry is titled by its ID and body ("PCP-14 · Police and crime
panels") and carries the question (with any sub-list) as its text, ahead of whatever the
plugin found under the heading (corrections, dated notes). Forms, tick boxes and
permalinks never reach the index: the templates mark them ``data-search-exclude``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from .model import Bank
from .render import page_url


def _question_entries(bank: Bank) -> dict[str, tuple[str, str]]:
    """Index location of each question -> (title, text as the index holds it: escaped HTML)."""
    entries: dict[str, tuple[str, str]] = {}
    for audience in bank.audiences:
        for q in audience.questions:
            location = page_url("index.md", audience.page, q.anchor)
            text = f"<p>{html.escape(q.text, quote=False)}</p>"
            if q.items:
                items = "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in q.items)
                text += f"<ul>{items}</ul>"
            title = f"{q.id} · {html.escape(audience.name, quote=False)}"
            entries[location] = (title, text)
    return entries


def refine(index: dict[str, Any], bank: Bank) -> dict[str, Any]:
    """The index with every question's entry titled by ID and body, its text the question."""
    questions = _question_entries(bank)
    for doc in index.get("docs", ()):
        found = questions.get(doc.get("location", ""))
        if found is not None:
            title, text = found
            doc["title"] = title
            doc["text"] = f"{text} {doc.get('text', '')}".strip()
    return index


def refine_file(site_dir: Path, bank: Bank) -> None:
    """Rewrite ``search/search_index.json`` in a built site (no-op when search is off)."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps(refine(index, bank), separators=(",", ":")), "utf-8")
