"""Checks for the editorial topic layer: threat tags, guidance links and search words.

The tags (``threats: [all]`` or named threats), ``guidance.yml`` and the glossary's
``words`` are ours, not the LGA's; these checks make every link in them resolve, so a
page can never point at a question, threat or guidance page that does not exist.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import Problem
from .model import EVERY_THREAT, Audience, Bank, Question
from .yamlsafe import Document

_H1 = re.compile(r"^# (.+)$", re.MULTILINE)


def _hint(value: str, known: Iterable[str]) -> str:
    known = sorted(known)
    guess = difflib.get_close_matches(value, known, n=1)
    return f"did you mean '{guess[0]}'?" if guess else f"known: {', '.join(known)}"


def crosscheck_topics(
    bank: Bank,
    glossary_doc: Document,
    guidance_doc: Document,
    audience_docs: list[Document],
    root: Path,
) -> list[Problem]:
    """Every problem in threat tags, guidance links and search words, all at once."""
    problems: list[Problem] = []
    for doc in audience_docs:
        for i, q in enumerate(doc.data["questions"]):
            tags = q["threats"]
            if EVERY_THREAT in tags and len(tags) > 1:
                problems.append(
                    doc.problem(
                        ("questions", i, "threats", tags.index(EVERY_THREAT)),
                        f"question {q['id']} is tagged both 'all' and named threats",
                        "use [all] on its own for a question about serious and organised crime "
                        "as a whole, or name only the threats it bears on",
                    )
                )
    problems += _guidance(bank, guidance_doc, root)
    problems += _words(bank, glossary_doc)
    return problems


def _guidance(bank: Bank, doc: Document, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    questions = {q.id for q in bank.questions}
    threats = {t.id for t in bank.threats}
    seen: set[str] = set()
    for i, entry in enumerate(doc.data["pages"]):
        at = ("pages", i)
        page = entry["page"]
        if page in seen:
            problems.append(
                doc.problem((*at, "page"), f"page '{page}' is listed twice", "merge the entries")
            )
        seen.add(page)
        path = root / "docs" / f"{page}.md"
        if not path.is_file():
            problems.append(
                doc.problem(
                    (*at, "page"),
                    f"guidance page '{page}' does not exist (no docs/{page}.md)",
                    "give the page path under docs/ without .md",
                )
            )
        else:
            heading = _H1.search(path.read_text("utf-8"))
            if heading is None or heading.group(1).strip() != entry["title"]:
                found = heading.group(1).strip() if heading else "no heading"
                problems.append(
                    doc.problem(
                        (*at, "title"),
                        f"title of '{page}' does not match its first heading ({found!r})",
                        "copy the page's '# ' heading exactly",
                    )
                )
        for j, qid in enumerate(entry["questions"]):
            if qid not in questions:
                problems.append(
                    doc.problem(
                        (*at, "questions", j),
                        f"'{page}' links to unknown question '{qid}'",
                        _hint(qid, questions),
                    )
                )
        for j, tid in enumerate(entry["threats"]):
            if tid not in threats:
                problems.append(
                    doc.problem(
                        (*at, "threats", j),
                        f"'{page}' links to unknown threat '{tid}'",
                        _hint(tid, threats),
                    )
                )
    return problems


def _words(bank: Bank, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    targets = {
        "threat": {t.id for t in bank.threats},
        "question": {q.id for q in bank.questions},
        "page": {g.page for g in bank.guidance},
    }
    seen: set[str] = set()
    for i, word in enumerate(doc.data.get("words", ())):
        at = ("words", i)
        for j, name in enumerate([word["term"], *word["also"]]):
            key = name.lower()
            if key in seen:
                where = (*at, "term") if j == 0 else (*at, "also", j - 1)
                problems.append(
                    doc.problem(where, f"the word '{name}' is listed twice", "keep one")
                )
            seen.add(key)
        for j, ref in enumerate(word["see"]):
            kind, _, value = ref.partition(":")
            known = targets.get(kind)
            if known is None or value not in known:
                hint = (
                    "use threat:<id>, question:<ID> or page:<a page in guidance.yml>"
                    if known is None
                    else _hint(value, known)
                )
                problems.append(
                    doc.problem(
                        (*at, "see", j),
                        f"word '{word['term']}' leads to unknown {kind or 'target'} '{value}'",
                        hint,
                    )
                )
    return problems


def plural(n: int, one: str, many: str = "") -> str:
    """``1 question``, ``3 questions``, ``no questions``."""
    if n == 0:
        return f"no {many or one + 's'}"
    return f"{n} {one if n == 1 else many or one + 's'}"


def threat_counts(bank: Bank, threat_id: str) -> str:
    """``3 questions on this threat, 46 for every threat``: the honest count, by group."""
    on = len(bank.questions_on(threat_id))
    every = len(bank.questions_for_every_threat())
    return f"{plural(on, 'question')} on this threat, {every} for every threat"


ByBody = tuple[tuple[Audience, tuple[Question, ...]], ...]


def by_body(bank: Bank, questions: Iterable[Question]) -> ByBody:
    """Questions grouped under their body (audience), in the bank's order."""
    chosen = {q.id for q in questions}
    groups = []
    for audience in bank.audiences:
        mine = tuple(q for q in audience.questions if q.id in chosen)
        if mine:
            groups.append((audience, mine))
    return tuple(groups)


def threat_groups(bank: Bank, threat_id: str) -> tuple[tuple[str, str, ByBody], ...]:
    """The two groups a threat page, PDF and Word briefing list: (anchor, heading, by body)."""
    return (
        ("on-this-threat", "Questions on this threat", by_body(bank, bank.questions_on(threat_id))),
        (
            "for-every-threat",
            "Questions for every threat",
            by_body(bank, bank.questions_for_every_threat()),
        ),
    )
