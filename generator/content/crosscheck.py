"""Checks that need the whole bank: unique IDs and references that must resolve."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import Problem
from .model import EVERY_THREAT, GENERATED_PAGES, Bank
from .yamlsafe import Document, Path_


def _walk_sources(data: Any, where: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "source" and isinstance(value, dict):
                yield (*where, key), value
            else:
                yield from _walk_sources(value, (*where, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk_sources(value, (*where, i))


def _hint(value: str, known: Iterable[str]) -> str:
    known = sorted(known)
    guess = difflib.get_close_matches(value, known, n=1)
    return f"did you mean '{guess[0]}'?" if guess else f"known: {', '.join(known)}"


class _Unique:
    """Reports the second and later uses of a value that must be unique."""

    def __init__(self, what: str, problems: list[Problem]) -> None:
        self.what, self.problems = what, problems
        self.seen: dict[str, str] = {}

    def add(self, value: str, doc: Document, where: Path_) -> None:
        line, _ = doc.mark(where)
        here = f"{doc.path}:{line}"
        if value in self.seen:
            self.problems.append(
                doc.problem(
                    where,
                    f"duplicate {self.what} '{value}' (already used at {self.seen[value]})",
                    f"give it a {self.what} of its own",
                )
            )
        else:
            self.seen[value] = here


def crosscheck(
    bank: Bank,
    bank_doc: Document,
    glossary_doc: Document,
    notes_doc: Document,
    audience_docs: list[Document],
    threat_docs: list[Document],
    root: Path,
) -> list[Problem]:
    """Every cross-file problem in the bank."""
    problems: list[Problem] = []
    sources = {s.id for s in bank.sources}
    strands = {s.id for s in bank.strands}
    themes = {t.id for t in bank.themes}
    threats = {t.id for t in bank.threats}
    audiences = {a.id for a in bank.audiences}
    question_ids = {q.id for q in bank.questions}
    general = {r.name for r in bank.general_resources}

    cited: set[str] = set()
    for doc in [bank_doc, glossary_doc, notes_doc, *audience_docs, *threat_docs]:
        for where, ref in _walk_sources(doc.data):
            cited.add(ref["document"])
            if ref["document"] not in sources:
                problems.append(
                    doc.problem(
                        (*where, "document"),
                        f"unknown source document '{ref['document']}'",
                        _hint(ref["document"], sources),
                    )
                )

    # The national bank's sources are the documents it cites: every edition's Sources page
    # and open data list them, so a document no entry quotes (a council's strategy, say)
    # would name it in every other council's edition.
    for i, item in enumerate(bank_doc.data["sources"]):
        if item["id"] not in cited:
            problems.append(
                bank_doc.problem(
                    ("sources", i, "id"),
                    f"source '{item['id']}' is cited by no question, threat or note",
                    "list only the documents the bank quotes: remove it, or cite it with "
                    f"source: {{document: {item['id']}, ...}}; a council's own document "
                    "belongs in its edition's sources",
                )
            )

    for key, what in (("sources", "source id"), ("strands", "strand id"), ("themes", "theme id")):
        seen = _Unique(what, problems)
        for i, item in enumerate(bank_doc.data[key]):
            seen.add(item["id"], bank_doc, (key, i, "id"))
    seen = _Unique("glossary term", problems)
    for i, term in enumerate(glossary_doc.data["terms"]):
        seen.add(term["term"], glossary_doc, ("terms", i, "term"))

    ids = {k: _Unique(k, problems) for k in ("audience id", "short name", "page slug", "order")}
    qids = _Unique("question ID", problems)
    for doc in audience_docs:
        d = doc.data
        ids["audience id"].add(d["id"], doc, ("id",))
        ids["short name"].add(d["short_name"], doc, ("short_name",))
        ids["page slug"].add(d["slug"], doc, ("slug",))
        ids["order"].add(str(d["order"]), doc, ("order",))
        texts = [d["about"], d["heading"], *(e["text"] for e in d["expectations"])]
        problems += _corrections(doc, ("corrections",), d.get("corrections", ()), texts)
        for i, e in enumerate(d["expectations"]):
            problems += _corrections(
                doc, ("expectations", i, "corrections"), e.get("corrections", ()), [e["text"]]
            )
        for i, q in enumerate(d["questions"]):
            at: Path_ = ("questions", i)
            qids.add(q["id"], doc, (*at, "id"))
            prefix = q["id"].rsplit("-", 1)[0]
            if prefix != d["short_name"]:
                problems.append(
                    doc.problem(
                        (*at, "id"),
                        f"question ID '{q['id']}' does not start with this audience's "
                        f"short name '{d['short_name']}'",
                        f"use {d['short_name']}-NN, or move the question",
                    )
                )
            tags = (("threats", threats | {EVERY_THREAT}), ("strands", strands), ("themes", themes))
            for key, known in tags:
                for j, value in enumerate(q[key]):
                    if value not in known:
                        problems.append(
                            doc.problem(
                                (*at, key, j),
                                f"unknown {key[:-1]} '{value}' in question {q['id']}",
                                _hint(value, known),
                            )
                        )
            if q.get("status") == "retired" and not q.get("retired_note"):
                problems.append(
                    doc.problem(
                        at,
                        f"retired question {q['id']} has no retired_note",
                        "say when and why it was retired",
                    )
                )
            problems += _corrections(
                doc,
                (*at, "corrections"),
                q.get("corrections", ()),
                [q["text"], *q.get("items", ())],
            )

    tids = {k: _Unique(k, problems) for k in ("threat id", "threat slug", "threat order")}
    for doc in threat_docs:
        d = doc.data
        tids["threat id"].add(d["id"], doc, ("id",))
        tids["threat slug"].add(d["slug"], doc, ("slug",))
        tids["threat order"].add(str(d["order"]), doc, ("order",))
        texts = [d["name"], d.get("name_note", "")]
        texts += [
            item
            for key in ("what_is_the_threat", "key_concerns", "key_stakeholders", "positive_action")
            for item in d[key]
        ]
        texts += [f["text"] for f in d.get("footnotes", ())]
        texts += [r.get(k, "") for r in d.get("resources", ()) for k in ("name", "description")]
        problems += _corrections(doc, ("corrections",), d.get("corrections", ()), texts)
        for i, res in enumerate(d.get("resources", ())):
            if "see" in res and res["see"] not in general:
                problems.append(
                    doc.problem(
                        ("resources", i, "see"),
                        f"'see' names '{res['see']}', which is not a general resource",
                        _hint(res["see"], general),
                    )
                )

    nids = _Unique("note id", problems)
    targets = {"audience": audiences, "question": question_ids, "threat": threats}
    for i, note in enumerate(notes_doc.data["notes"]):
        nids.add(note["id"], notes_doc, ("notes", i, "id"))
        if problem := checked_before_written(notes_doc, ("notes", i), note):
            problems.append(problem)
        for j, ref in enumerate(note["applies_to"]):
            kind, _, value = ref.partition(":")
            if kind == "page":
                if value not in GENERATED_PAGES and not (root / "docs" / f"{value}.md").is_file():
                    problems.append(
                        notes_doc.problem(
                            ("notes", i, "applies_to", j),
                            f"note '{note['id']}' applies to page '{value}', but "
                            f"docs/{value}.md does not exist",
                            "give the page path under docs/ without .md",
                        )
                    )
            elif value not in targets[kind]:
                problems.append(
                    notes_doc.problem(
                        ("notes", i, "applies_to", j),
                        f"note '{note['id']}' applies to unknown {kind} '{value}'",
                        _hint(value, targets[kind]),
                    )
                )
    return problems


def _corrections(
    doc: Document, where: Path_, corrections: Iterable[dict[str, Any]], texts: list[str]
) -> list[Problem]:
    problems = []
    for i, c in enumerate(corrections):
        if not any(c["original"] in t for t in texts):
            problems.append(
                doc.problem(
                    (*where, i, "original"),
                    f"correction original {c['original']!r} does not occur in the text "
                    "it is attached to",
                    "copy the published words exactly, or attach the correction "
                    "to the right question",
                )
            )
    return problems


def checked_before_written(
    doc: Document, where: tuple[str | int, ...], note: dict[str, Any]
) -> Problem | None:
    """A note (national or an edition's) whose check date comes before its date written."""
    if note.get("checked", note["date"]) >= note["date"]:
        return None
    return doc.problem(
        (*where, "checked"),
        f"note '{note['id']}' was checked ({note['checked']}) before it was written "
        f"({note['date']})",
        "set checked to the day you last confirmed the note against its sources",
    )
