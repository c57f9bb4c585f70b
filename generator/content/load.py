"""Read every content file, validate it, and return one typed :class:`Bank`.

All problems across all files are collected before anything is raised, so an editor
fixes a bank in one pass rather than one error per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import model as m
from . import readings as readings_module
from .errors import ContentError, Problem, display_path
from .schemas import check
from .yamlsafe import Document, read_yaml

ROOT = Path(__file__).resolve().parents[2]


def _src(d: dict[str, Any]) -> m.SourceRef:
    return m.SourceRef(d["document"], d["section"], d["pages"])


def _corrections(items: Iterable[dict[str, Any]]) -> tuple[m.Correction, ...]:
    return tuple(m.Correction(c["original"], c["corrected"], c["reason"]) for c in items)


def _resource(d: dict[str, Any]) -> m.Resource:
    return m.Resource(
        d.get("name", ""),
        d.get("description", ""),
        tuple(d.get("items", ())),
        d.get("url", ""),
        d.get("see", ""),
        d.get("link", ""),
        d.get("link_status", ""),
    )


def _note(n: dict[str, Any]) -> m.EditorialNote:
    sources = tuple(
        m.NoteSource(s["title"], s["publisher"], s["date"], s["url"]) for s in n["sources"]
    )
    return m.EditorialNote(
        n["id"],
        n["date"],
        n["title"],
        n["text"],
        tuple(n["applies_to"]),
        n["checked"],
        n["status"],
        n["topic"],
        sources,
    )


class _Reader:
    """Reads files, remembering each document so later checks can point into it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def read(self, path: Path, kind: str) -> Document | None:
        shown = display_path(path, self.root)
        doc, problems = read_yaml(path, shown)
        self.problems += problems
        if doc is None:
            return None
        schema_problems = check(doc, kind)
        self.problems += schema_problems
        return None if (problems or schema_problems) else doc

    def files(self, folder: str) -> list[Path]:
        here = self.root / folder
        if not here.is_dir():
            self.problems.append(
                Problem(folder, 1, 1, "folder not found", f"create {folder}/ with .yml files")
            )
            return []
        stray = sorted(here.glob("*.yaml"))
        for path in stray:
            self.problems.append(
                Problem(
                    display_path(path, self.root),
                    1,
                    1,
                    "content files must end in .yml",
                    f"rename it to {path.stem}.yml",
                )
            )
        return sorted(here.glob("*.yml"))


def load_national(root: Path = ROOT) -> m.Bank:
    """Load and validate the national bank under ``root`` (``edition.load_bank`` puts a
    council's edition on top).

    Raises :class:`ContentError` listing every problem in every file.
    """
    r = _Reader(root)
    bank_doc = r.read(root / "bank.yml", "bank")
    glossary_doc = r.read(root / "glossary.yml", "glossary")
    notes_doc = r.read(root / "editorial-notes.yml", "editorial-notes")
    guidance_doc = r.read(root / "guidance.yml", "guidance")
    # Editorial readings are optional: a bank without readings.yml has none.
    readings_path = root / readings_module.FILE
    readings_doc = r.read(readings_path, "readings") if readings_path.is_file() else None
    audience_docs = [d for p in r.files("questions") if (d := r.read(p, "audience"))]
    threat_docs = [d for p in r.files("threats") if (d := r.read(p, "threat"))]
    if r.problems or not (bank_doc and glossary_doc and notes_doc and guidance_doc):
        raise ContentError(r.problems)

    b = bank_doc.data
    threats = tuple(sorted((_threat(d.data) for d in threat_docs), key=lambda t: t.order))
    audiences = tuple(sorted((_audience(d.data) for d in audience_docs), key=lambda a: a.order))
    bank = m.Bank(
        title=b["title"],
        version=b["version"],
        sources=tuple(m.Source(**s) for s in b["sources"]),
        strands=tuple(
            m.Strand(s["id"], s["name"], s["national"], s["local"], _src(s["source"]))
            for s in b["strands"]
        ),
        themes=tuple(m.Theme(**t) for t in b["themes"]),
        audiences=audiences,
        threats=threats,
        glossary=tuple(
            m.Term(t["term"], t["expansion"], _src(t["source"])) for t in glossary_doc.data["terms"]
        ),
        notes=tuple(_note(n) for n in notes_doc.data["notes"]),
        general_resources=tuple(_resource(x) for x in b.get("general_resources", ())),
        changelog=tuple(
            m.Change(c["version"], c["date"], tuple(c["changes"])) for c in b["changelog"]
        ),
        guidance=tuple(_guidance(g) for g in guidance_doc.data["pages"]),
        words=tuple(_word(w) for w in glossary_doc.data.get("words", ())),
        readings=readings_module.readings(readings_doc),
    )
    from .crosscheck import crosscheck  # the references need the whole bank first
    from .topics import crosscheck_topics

    problems = crosscheck(bank, bank_doc, glossary_doc, notes_doc, audience_docs, threat_docs, root)
    if not problems:  # topic links only once IDs are sound: a renamed ID is reported once
        problems = crosscheck_topics(bank, glossary_doc, guidance_doc, audience_docs, root)
        problems += readings_module.crosscheck_readings(bank, readings_doc)
    if problems:
        raise ContentError(problems)
    return replace(bank, as_at=bank.notes_as_at)


def _audience(d: dict[str, Any]) -> m.Audience:
    source = _src(d["source"])
    questions = tuple(
        m.Question(
            id=q["id"],
            audience_id=d["id"],
            text=q["text"],
            items=tuple(q.get("items", ())),
            # "all" is stored as no named threat: the model's long-standing "every threat".
            threats=tuple(t for t in q["threats"] if t != m.EVERY_THREAT),
            strands=tuple(s for s in m.STRAND_ORDER if s in q["strands"])
            + tuple(s for s in q["strands"] if s not in m.STRAND_ORDER),
            themes=tuple(q["themes"]),
            corrections=_corrections(q.get("corrections", ())),
            source=_src(q["source"]) if "source" in q else source,
            status=q.get("status", "active"),
            retired_note=q.get("retired_note", ""),
            rationale=q.get("rationale", ""),
        )
        for q in d["questions"]
    )
    return m.Audience(
        id=d["id"],
        order=d["order"],
        name=d["name"],
        short_name=d["short_name"],
        slug=d["slug"],
        heading=d["heading"],
        about=d["about"],
        source=source,
        questions=questions,
        expectations=tuple(
            m.Expectation(e["text"], _corrections(e.get("corrections", ())))
            for e in d["expectations"]
        ),
        corrections=_corrections(d.get("corrections", ())),
    )


def _threat(d: dict[str, Any]) -> m.Threat:
    return m.Threat(
        id=d["id"],
        order=d["order"],
        name=d["name"],
        slug=d["slug"],
        name_note=d.get("name_note", ""),
        source=_src(d["source"]),
        columns=tuple((key, tuple(d[key])) for key, _ in m.COLUMNS),
        footnotes=tuple(
            m.Footnote(f["number"], f["text"], f.get("url", "")) for f in d.get("footnotes", ())
        ),
        resources=tuple(_resource(x) for x in d.get("resources", ())),
        corrections=_corrections(d.get("corrections", ())),
    )


def _guidance(d: dict[str, Any]) -> m.GuidanceLinks:
    return m.GuidanceLinks(
        page=d["page"],
        title=d["title"],
        questions=tuple(d["questions"]),
        threats=tuple(d["threats"]),
        why=d.get("why", ""),
    )


def _word(d: dict[str, Any]) -> m.Word:
    editorial = d.get("editorial", {})
    return m.Word(
        term=d["term"],
        meaning=d["meaning"],
        also=tuple(d["also"]),
        see=tuple(d["see"]),
        source=_src(d["source"]) if "source" in d else None,
        reference=editorial.get("reference", ""),
        url=editorial.get("url", ""),
        checked=editorial.get("checked", ""),
    )
