"""The search index Material's search builds in the browser, tidied in one step after MkDocs'
search plugin has written it: leaner, and with each question titled well.

**Leaner.** Each piece of text is in the index once: sections that only repeat text found
elsewhere, or that are page furniture, are left out, and each note is one entry.

At 10,000 questions the browser spends about a second building the index before a query
typed as a page opens can be answered (``make bench``); every section left out is text it
does not have to read. A section stays findable where its text first lives: a body's
description on its checklist, a correction beside its question.

This runs as its own step after the search plugin has written the index and before the
offline plugin copies it into ``search_index.js`` (see ``mkdocs_hook.on_post_build``), so it
composes with markup that keeps form furniture out of the index (``data-search-exclude``).

**Titled well.** The plugin makes one entry per heading, titled with the heading's text: a
question's entry is titled "PCP-14 What use is …", with nothing to say which body it is asked
of. Here each question's entry is titled by its ID, then the question ("PCP-14 · What use is
…"), and the search script shows it with its body between ("PCP-14 · Police and crime panels:
What use is …", the body being the title of the page the entry is on); the question stays in
the title because Material weighs a word in a title a thousand times one in text, which keeps
the question itself first for a search of its words. Its text is what the plugin found under
the heading (a sub-list, corrections; notes are entries of their own).

**Weighed for what councillors search for,** so that their words lead to questions and
briefings first.

Material's search (lunr in the browser) weighs a word in an entry's title a thousand times one
in its text, and a page's own entry above its sections. Left alone, "fraud" led to "What has
changed since 2015" (empty snippet), "Sources and editorial policy" sat in the top five for
most queries, and "PCC abolished" found the police and crime panel page and said "Missing:
abolished" before the note. Here:

- **Questions** are titled by their ID and question (:func:`refine`); their text is what
  the page shows under them (a sub-list, corrections) and ends with the words the glossary
  says lead to them ("Also searched as: NRM, National Referral Mechanism"), so "NRM" finds the
  questions about referrals. The question is not repeated in the text: the search script
  (``docs/js/search.js``) shows it as the snippet.
- **Notes are one entry each** (:func:`note_homes`), where a councillor reads the note in full:
  a guidance page, else a threat briefing, else a checklist, else "What has changed since
  2015"; titled by the note's title, so "PCC abolished" finds the note. Every other entry that
  showed the note in full (a question it bears on, a checklist's top, the sources page's list)
  has it cut out (:func:`without_notes`): a note shown on four pages was four entries and
  part of many more, and the browser read its text each time before it could answer.
- **Weights** (lunr's per-entry ``boost``): questions and notes count more, the glossary and
  "What has changed since 2015" less, and the furniture (sources, changelog, contributor
  pages, downloads, accessibility) least; headings with no text on furniture and on the
  changes page are left out.

Ranking by phrase, and saying when nothing matches, happen in the browser
(``docs/js/search.js``): lunr scores each word of a query on its own.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..content import note_plan
from ..content.markup import page_url
from ..content.model import Bank, EditorialNote

# (page, section anchor, why); "*" matches any page or any section of the page, "folder/*"
# any page in the folder.
LEFT_OUT = (
    ("index.html", "by-role", "each body's description, repeated from its checklist page"),
    ("about/sources.html", "editorial-corrections", "each correction, beside its question"),
    ("about/sources.html", "editorial-notes", "each note, in its own entry"),
    ("downloads.html", "*", "file lists; the page itself stays findable"),
    # A fifth of the index at the real size, read at every page load, for the few who build an
    # edition; weighed as furniture, their sections came last whatever was searched.
    ("contributing/*", "*", "contributor guides' sections; each guide stays findable by its title"),
    ("*", "source", "the citation and version line at the foot of each page"),
    ("*", "related-threats", "threat names, repeated from the threat pages"),
    ("*", "questions-on-this-threat", "questions, repeated from their checklists"),
)


def left_out(location: str) -> bool:
    """Whether a search entry (``page.html#anchor``) is one :data:`LEFT_OUT` names."""
    page, _, anchor = location.partition("#")
    if not anchor:
        return False  # a page's own entry: its title keeps it findable
    return any(
        (p in ("*", page) or (p.endswith("/*") and page.startswith(p[:-1]))) and a in ("*", anchor)
        for p, a, _ in LEFT_OUT
    )


# A contributor guide's own entry keeps its opening paragraph only: a guide with no headings
# (meetings, reliability, performance) would otherwise put all of itself in every page load.
GUIDES = "contributing/"


def _opening(text: str) -> str:
    end = text.find("</p>")
    return text[: end + len("</p>")] if end != -1 else text


def lean(index: dict[str, Any]) -> dict[str, Any]:
    """The index without the sections :func:`left_out` names, nor bare headings that hold
    no text and name nothing but themselves (the "Questions" above a checklist's questions);
    a contributor guide by its title and opening paragraph."""
    docs = [
        {**d, "text": _opening(d.get("text", ""))}
        if d.get("location", "").startswith(GUIDES)
        else d
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
# A note is one entry, where a councillor reads it in full: a guidance page first, then a threat
# briefing, then a checklist, else "What has changed since 2015". It weighs about as much as a
# question there: a note's title names what changed ("... abolished in 2028"), and a word in a
# title counts a thousand times one in the text, so a lighter note lost "PCC abolished" to
# every question naming the PCC.
NOTE = {"page": 2.0, "threat": 1.95, "audience": 1.9}
CHANGES = "about/changes.html"


def weight(location: str) -> float:
    """The boost of an entry at ``location`` (``page.html#anchor``): 1 unless listed."""
    for pattern, boost in WEIGHTS:
        if (pattern.endswith("*") and location.startswith(pattern[:-1])) or location == pattern:
            return boost
    return 1.0


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _flat(text: str) -> str:
    """Text as the search plugin writes it: escaped, each line break a space."""
    return _escape(text.replace("\n", " "))


def _note_entry(location: str, note: EditorialNote, boost: float) -> dict[str, Any]:
    status = f"<p>{_escape(note.status_label)}.</p>" if note.status_label else ""
    return {
        "location": location,
        "title": _escape(note.title),
        "text": f"<p>{_flat(note.text)}</p>{status}",
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


def note_homes(bank: Bank, pages: set[str]) -> dict[str, tuple[str, float]]:
    """Each note's one entry: note ID -> (location, boost), at the first of the pages in
    ``pages`` that shows it in full, in the order of :data:`NOTE`; else on the changes page."""
    rank = {kind: i for i, kind in enumerate(NOTE)}
    best: dict[str, tuple[int, str, float]] = {}
    for location, note, kind in note_places(bank):
        if location.partition("#")[0] in pages and rank[kind] < best.get(note.id, (99,))[0]:
            best[note.id] = (rank[kind], location, NOTE[kind])
    homes = {nid: (location, boost) for nid, (_, location, boost) in best.items()}
    if CHANGES in pages:
        for note in bank.notes:
            homes.setdefault(note.id, (f"{CHANGES}#note-{note.id}", weight(CHANGES)))
    return homes


# A note shown in full, as the search plugin writes it into the entry of the section or page
# that shows it: its heading ("Editorial note, 1 December 2026: Title", or the title then the
# date on a checklist's top notes), its text, its status line and its sources.
_KIND = re.compile(r"(?:<p>)?(?:Editorial|Local) note\b")
_SOURCES = re.compile(r"\s*<p>Sources?:</p>\s*<ul>.*?</ul>", re.DOTALL)


def _note_span(text: str, note: EditorialNote) -> tuple[int, int] | None:
    """Where ``note`` is shown in full in an entry's ``text``, heading to sources, if it is."""
    body = f"<p>{_flat(note.text)}</p>"
    at = text.find(body)
    if at < 0:
        return None
    start, end = at, at + len(body)
    title = _flat(note.title)
    named = text.rfind(title, max(0, at - len(title) - 200), at)
    if named >= 0:
        kinds = [m.start() for m in _KIND.finditer(text, max(0, named - 80), named)]
        start = kinds[-1] if kinds else named
    if note.status_label:
        status = re.compile(rf"\s*<p>{re.escape(_escape(note.status_label))}[^<]*</p>")
        if m := status.match(text, end):
            end = m.end()
    if m := _SOURCES.match(text, end):
        end = m.end()
    return start, end


def without_notes(text: str, notes: tuple[EditorialNote, ...]) -> str:
    """``text`` without the notes it shows in full: each note is its own entry."""
    if "note" not in text:
        return text
    cut = False
    for note in notes:
        while span := _note_span(text, note):
            text = text[: span[0]] + " " + text[span[1] :]
            cut = True
    return re.sub(r"\s{2,}", " ", text).strip() if cut else text


def _words_by_question(bank: Bank) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for word in bank.words:
        for ref in word.see:
            kind, _, target = ref.partition(":")
            if kind == "question":
                words.setdefault(target, []).extend((word.term, *word.also))
    return words


def _question_words(bank: Bank) -> dict[str, str]:
    """Location of each question's entry -> the words that lead to it, as its text's end."""
    words = _words_by_question(bank)
    out = {}
    for audience in bank.audiences:
        for q in audience.questions:
            also = ", ".join(dict.fromkeys(words.get(q.id, ())))
            text = f"<p>Also searched as: {_escape(also)}.</p>" if also else ""
            out[page_url("index.md", audience.page, q.anchor)] = text
    return out


def weigh(index: dict[str, Any], bank: Bank) -> dict[str, Any]:
    """The index with each note one entry of its own (and in no other entry's text), questions
    given the words that lead to them, and every entry weighed.

    A question's text is not repeated in its entry's text: its title holds it (see
    :func:`refine`), and the site's search script shows it as the snippet."""
    pages = {d.get("location", "") for d in index.get("docs", ())}
    questions = _question_words(bank)
    docs = []
    for doc in index.get("docs", ()):
        location = doc.get("location", "")
        boost = weight(location)
        doc["text"] = without_notes(doc.get("text", ""), bank.notes)
        if location in questions:
            doc["text"] = " ".join(t for t in (doc["text"], questions[location]) if t)
            boost = QUESTION
        elif (
            "#" in location
            and not doc["text"]
            and (boost <= FURNITURE or location.startswith(f"{CHANGES}#"))
        ):
            continue  # a bare heading on furniture or above notes: nothing to show or find
        if boost != 1.0:
            doc["boost"] = boost
        docs.append(doc)
    homes = note_homes(bank, pages)
    for note in bank.notes:
        if note.id in homes:
            docs.append(_note_entry(homes[note.id][0], note, homes[note.id][1]))
    return {**index, "docs": docs}


# Titles and the one step ------------------------------------------------------------------


def _question_titles(bank: Bank) -> dict[str, str]:
    """Index location of each question -> its title, escaped as the index holds titles: its ID
    and the question. The body's name is its page's title, which the search script puts
    between the two when it shows the result ("PCP-14 · Police and crime panels: What use
    …"): in each question's entry it was a fifth of what the browser read at load, at 1,000
    questions, and made every question of a body match a search for the body's name."""
    return {
        page_url("index.md", audience.page, q.anchor): html.escape(
            f"{q.id} · {q.text}", quote=False
        )
        for audience in bank.audiences
        for q in audience.questions
    }


def refine(index: dict[str, Any], bank: Bank) -> dict[str, Any]:
    """The index with every question's entry titled by its ID and the question."""
    titles = _question_titles(bank)
    for doc in index.get("docs", ()):
        title = titles.get(doc.get("location", ""))
        if title is not None:
            doc["title"] = title
    return index


def tidy_search_index(site_dir: Path, bank: Bank) -> None:
    """Rewrite ``search/search_index.json`` in a built site, if search wrote one: leaner
    (:func:`lean`), each question titled by its ID and the question (:func:`refine`), and
    every entry weighed, with notes as entries of their own (:func:`weigh`)."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text("utf-8"))
    # The search plugin's own format: compact, ASCII-escaped.
    tidied = weigh(refine(lean(index), bank), bank)
    path.write_text(json.dumps(tidied, separators=(",", ":")), "utf-8")
