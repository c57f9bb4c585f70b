"""An edition's own dated notes, and the pages and items they may be attached to."""

from __future__ import annotations

from ..content import model as m
from ..content.crosscheck import checked_before_written
from .layer import Layer, hint_choice

# The pages an edition adds, for notes' ``page:`` references.
LOCAL_PAGES = {"strategy": "local/strategy", "action_plan": "local/action-plan"}


def notes(layer: Layer, bank: m.Bank, pages: set[str]) -> tuple[m.EditorialNote, ...]:
    refs = {f"audience:{a.id}" for a in bank.audiences}
    refs |= {f"question:{q.id}" for q in bank.questions}
    refs |= {f"threat:{t.id}" for t in bank.threats}
    refs |= {f"page:{p}" for p in pages}
    ids = {n.id for n in layer.bank.notes}
    out = []
    for i, n in enumerate(layer.d.get("notes", ())):
        if n["id"] in ids:
            layer.problem(("notes", i, "id"), f"note id '{n['id']}' is already used", "rename it")
        ids.add(n["id"])
        if problem := checked_before_written(layer.doc, ("notes", i), n):
            layer.problems.append(problem)
        for j, ref in enumerate(n["applies_to"]):
            if ref not in refs and ref not in layer.skipped:  # skipped: reported already
                layer.problem(
                    ("notes", i, "applies_to", j),
                    f"note '{n['id']}' applies to '{ref}', which this edition does not have",
                    hint_choice(ref, sorted(refs), "for example"),
                )
        sources = tuple(
            m.NoteSource(s["title"], s["publisher"], s["date"], s["url"])
            for s in n.get("sources", ())
        )
        out.append(
            m.EditorialNote(
                n["id"],
                n["date"],
                n["title"],
                n["text"],
                tuple(n["applies_to"]),
                n.get("checked", ""),
                n.get("status", ""),
                n.get("topic", ""),
                sources,
                edition_note=True,
            )
        )
    return tuple(out)


def pages(layer: Layer, edition: m.Edition) -> set[str]:
    pages = set(m.GENERATED_PAGES)
    if layer.root is not None:
        docs = layer.root / "docs"
        pages |= {p.relative_to(docs).with_suffix("").as_posix() for p in docs.rglob("*.md")}
    if edition.strategy:
        pages.add(LOCAL_PAGES["strategy"])
    if edition.action_plan:
        pages.add(LOCAL_PAGES["action_plan"])
    return pages
