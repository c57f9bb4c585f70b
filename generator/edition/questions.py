"""An edition's bodies and questions: local names and contacts, left-out bodies, and the
council's own questions (``L-`` IDs), each checked against the bank and quoted from its source."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..content import model as m
from .identity import contact
from .layer import Layer, Where, hint_choice


def audiences(layer: Layer) -> tuple[tuple[m.Audience, ...], tuple[m.LeftOut, ...]]:
    bodies: dict[str, Any] = layer.d.get("bodies", {})
    known = [a.id for a in layer.bank.audiences]
    for key in bodies:
        if key not in known:
            layer.problem(
                ("bodies", key),
                f"unknown body '{key}'",
                hint_choice(key, known, "bodies in the national bank"),
            )
    local = local_questions(layer, bodies)
    audiences, left = [], []
    for a in layer.bank.audiences:
        body = bodies.get(a.id, {})
        if "source" in body:
            layer.ref(("bodies", a.id, "source"), body["source"])
        if "leave_out" in body:
            left.append(m.LeftOut(a.id, a.name, body["leave_out"]["asked_at"], a.slug))
            continue
        contacts = tuple(
            contact(layer, ("bodies", a.id, "contacts", i), c)
            for i, c in enumerate(body.get("contacts", ()))
        )
        name = body.get("name", a.name)
        audiences.append(
            replace(
                a,
                name=name,
                national_name=a.name if name != a.name else "",
                local_contacts=contacts,
                questions=a.questions + tuple(local.get(a.id, ())),
            )
        )
    return tuple(audiences), tuple(left)


def local_questions(layer: Layer, bodies: dict[str, Any]) -> dict[str, list[m.Question]]:
    national = {q.id for q in layer.bank.questions}
    known = [a.id for a in layer.bank.audiences]
    threats = [t.id for t in layer.bank.threats]
    themes = [t.id for t in layer.bank.themes]
    seen: set[str] = set()
    out: dict[str, list[m.Question]] = {}
    for i, q in enumerate(layer.d.get("local_questions", ())):
        where: Where = ("local_questions", i)
        qid = q["id"]
        if qid in national or qid in seen:
            layer.problem(
                (*where, "id"),
                f"local question ID '{qid}' collides with "
                + ("a national question" if qid in national else "another local question"),
                "give each local question its own ID, e.g. L-CSP-01, L-CSP-02",
            )
        seen.add(qid)
        body = q["body"]
        code = qid.split("-")[1]  # L-<BODY>-<number>, checked by the schema
        if body not in known:
            hint = hint_choice(body, known, "bodies in the national bank")
            if code.lower() in known:  # the ID says which body was meant
                hint = f"did you mean '{code.lower()}'? (its ID, {qid}, says {code})"
            layer.problem((*where, "body"), f"unknown body '{body}' for local question {qid}", hint)
            continue
        if code.lower() != body:
            layer.problem(
                (*where, "body"),
                f"local question {qid} is for '{body}', but its ID says '{code}'",
                (f"give it body: {code.lower()}, or " if code.lower() in known else "give it ")
                + f"an ID for {body}: {_free_id(body, layer.d.get('local_questions', ()))}",
            )
        if "leave_out" in bodies.get(body, {}):
            layer.problem(
                (*where, "body"),
                f"local question {qid} is for '{body}', which this edition leaves out",
                "put it on a body the edition keeps, or keep the body",
            )
        tags = q["threats"]
        if m.EVERY_THREAT in tags and len(tags) > 1:
            layer.problem(
                (*where, "threats", tags.index(m.EVERY_THREAT)),
                f"local question {qid} is tagged both 'all' and named threats",
                "use [all] on its own for every threat, [] for no particular threat, "
                "or name only the threats it bears on",
            )
        for key, vocab in (("threats", [*threats, m.EVERY_THREAT]), ("themes", themes)):
            for j, value in enumerate(q[key]):
                if value not in vocab:
                    layer.problem(
                        (*where, key, j),
                        f"unknown {key[:-1]} '{value}' in local question {qid}",
                        hint_choice(value, vocab, f"{key} in the bank"),
                    )
        out.setdefault(body, []).append(
            m.Question(
                id=qid,
                audience_id=body,
                text=q["text"],
                items=tuple(q.get("items", ())),
                # [all]: every threat; []: no particular threat (on no threat's page).
                threats=tuple(t for t in tags if t != m.EVERY_THREAT),
                no_threat=not tags,
                strands=tuple(s for s in m.STRAND_ORDER if s in q["strands"]),
                themes=tuple(q["themes"]),
                corrections=(),
                source=layer.ref((*where, "source"), q["source"]),
                local=True,
                expectation=q["expectation"],
            )
        )
    return out


def _free_id(body: str, questions: Any) -> str:
    """The first ``L-<BODY>-<nn>`` no local question uses yet."""
    used = {q.get("id") for q in questions if isinstance(q, dict)}
    n = 1
    while f"L-{body.upper()}-{n:02d}" in used:
        n += 1
    return f"L-{body.upper()}-{n:02d}"


def without_left_out(bank: m.Bank) -> m.Bank:
    """The bank's links (search words, guidance pages, what editorial notes are shown with)
    without the bodies the edition leaves out and their questions: a link to a checklist
    that is not there would be dead."""
    present = {q.id for q in bank.questions}
    bodies = {a.id for a in bank.audiences}

    def kept(ref: str) -> bool:
        kind, _, value = ref.partition(":")
        if kind == "audience":
            return value in bodies
        return kind != "question" or value in present

    words = tuple(replace(w, see=tuple(r for r in w.see if kept(r))) for w in bank.words)
    guidance = tuple(
        replace(g, questions=tuple(q for q in g.questions if q in present)) for g in bank.guidance
    )
    notes = tuple(
        replace(n, applies_to=tuple(r for r in n.applies_to if kept(r))) for n in bank.notes
    )
    return replace(bank, words=words, guidance=guidance, notes=notes)
