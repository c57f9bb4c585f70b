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

**Weighed for what councillors search for,** so that their words lead to questions and
briefings first.

Material's search (lunr in the browser) weighs a word in an entry's title a thousand times one
in its text, and a page's own entry above its sections. Left alone, "fraud" led to "What has
changed since 2015" (empty snippet), "Sources and editorial policy" sat in the top five for
most queries, and "PCC abolished" found the police and crime panel page and said "Missing:
abolished" before the note. Here:

- **Questions carry text.** A question's entry is titled by its ID, body and question
  (``search_index.refine``); its text starts with the question and ends with the words the
  glossary says lead to it ("Also searched as: NRM, National Referral Mechanism"), so a result
  shows a snippet and "NRM" finds the questions about referrals.
- **Notes are entries of their own,** on each page that shows the note in full (a checklist,
  a threat briefing, a guidance page) and on "What has changed since 2015", titled by the
  note's title: "PCC abolished" finds the note, and "fraud" the fraud notes on the economic
  crime briefing. The topic headings of "What has changed since 2015" carry their notes'
  titles instead of nothing.
- **Weights** (lunr's per-entry ``boost``): questions and briefings count more, the
  glossary and "What has changed since 2015" less, and the furniture (sources, changelog,
  contributor pages, downloads, accessibility) least; furniture's sections with no text
  are left out.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..content import note_plan
from ..content.markup import page_url
from ..content.model import Bank, EditorialNote

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


# Weights ---------------------------------------------------------------------------------

WEIGHTS = (
    ("about/sources.html*", 0.05),
    ("about/changelog.html*", 0.05),
    ("about/accessibility.html*", 0.05),
    ("contributing/*", 0.05),
    ("downloads.html*", 0.05),
    ("404.html*", 0.05),
    # A word's own section is titled by the word: at 0.1 it outranked the questions the word
    # leads to (a title counts a thousand times the text that names the word there).
    ("glossary.html#word-*", 0.001),
    ("glossary.html*", 0.1),
    ("about/changes.html*", 0.3),
    ("index.html*", 0.5),
)
FURNITURE = 0.05
QUESTION = 2.5
# A note, on a page that shows it in full, weighs about as much as a question: a note's title
# names what changed ("... abolished in 2028"), and a word in a title counts a thousand times
# one in the text, so a lighter note lost "PCC abolished" to every question naming the PCC.
# Where the same note is on several pages: a guidance page first, then a threat briefing,
# then a checklist.
NOTE = {"page": 2.0, "threat": 1.95, "audience": 1.9}
CHANGES = "about/changes.html"


def weight(location: str) -> float:
    """The boost of an entry at ``location`` (``page.html#anchor``): 1 unless listed."""
    for pattern, boost in WEIGHTS:
        if pattern.endswith("*") and location.startswith(pattern[:-1]) or location == pattern:
            return boost
    return 1.0


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _note_entry(location: str, note: EditorialNote, boost: float) -> dict[str, Any]:
    status = f" {note.status_label}." if note.status_label else ""
    return {
        "location": location,
        "title": _escape(note.title),
        "text": f"<p>{_escape(note.text)}</p><p>{_escape(note.date)}.{_escape(status)}</p>",
        "boost": boost,
    }


def note_places(bank: Bank) -> Iterator[tuple[str, EditorialNote, str]]:
    """Every page location that shows a note in full (``page.html#note-id``), with the note
    and the kind of page (a key of :data:`NOTE`)."""
    for audience in bank.audiences:
        plan = note_plan.checklist_plan(bank, audience)
        for at in plan.in_order:
            yield page_url("index.md", audience.page, at.anchor), at.note, "audience"
    for threat in bank.threats:
        for note in bank.notes_for(f"threat:{threat.id}"):
            yield page_url("index.md", threat.page, f"note-{note.id}"), note, "threat"
    for note in bank.notes:
        for ref in note.applies_to:
            kind, _, page = ref.partition(":")
            if kind == "page":
                yield page_url("index.md", f"{page}.md", f"note-{note.id}"), note, "page"


def _words_by_question(bank: Bank) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for word in bank.words:
        for ref in word.see:
            kind, _, target = ref.partition(":")
            if kind == "question":
                words.setdefault(target, []).extend((word.term, *word.also))
    return words


def _question_text(bank: Bank) -> dict[str, str]:
    """Location of each question's entry -> the text that leads its entry."""
    words = _words_by_question(bank)
    out = {}
    for audience in bank.audiences:
        for q in audience.questions:
            parts = [f"<p>{_escape(q.text)}</p>"]
            parts += [f"<p>{_escape(item)}</p>" for item in q.items]
            if q.id in words:
                also = ", ".join(dict.fromkeys(words[q.id]))
                parts.append(f"<p>Also searched as: {_escape(also)}.</p>")
            out[page_url("index.md", audience.page, q.anchor)] = "".join(parts)
    return out


def weigh(index: dict[str, Any], bank: Bank) -> dict[str, Any]:
    """The index with questions given text, notes as entries and every entry weighed."""
    pages = {d.get("location", "") for d in index.get("docs", ())}
    questions = _question_text(bank)
    topics: dict[str, list[str]] = {}
    for note in bank.notes:
        topics.setdefault(note.topic, []).append(note.title)
    docs = []
    for doc in index.get("docs", ()):
        location = doc.get("location", "")
        boost = weight(location)
        if boost <= FURNITURE and "#" in location and not doc.get("text"):
            continue  # a bare heading on a furniture page: nothing to show or find
        if location in questions:
            doc["text"] = questions[location] + doc.get("text", "")
            boost = QUESTION
        elif location.startswith(f"{CHANGES}#") and not doc.get("text"):
            titles = topics.get(html.unescape(doc.get("title", "")), [])
            if titles:
                doc["text"] = "<p>" + _escape("; ".join(titles)) + ".</p>"
        if boost != 1.0:
            doc["boost"] = boost
        docs.append(doc)
    seen = set()
    for location, note, kind in note_places(bank):
        page = location.partition("#")[0]
        if page in pages and location not in seen:
            seen.add(location)
            docs.append(_note_entry(location, note, NOTE[kind]))
    if CHANGES in pages:
        for note in bank.notes:
            docs.append(_note_entry(f"{CHANGES}#note-{note.id}", note, weight(CHANGES)))
    return {**index, "docs": docs}


# Titles and the one step ------------------------------------------------------------------


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
    every entry weighed, with notes as entries of their own (:func:`weigh`)."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    # The search plugin's own format: compact, ASCII-escaped.
    tidied = weigh(refine(lean(index), bank), bank)
    path.write_text(json.dumps(tidied, separators=(",", ":")), "utf-8")
