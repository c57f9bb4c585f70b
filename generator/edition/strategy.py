"""An edition's strategy, 4P action plan and threat priorities, quoted from the council's
strategy document and checked against it word for word."""

from __future__ import annotations

from dataclasses import replace

from ..content import model as m
from .layer import Layer, Where, hint_choice
from .text import fold


def strategy(layer: Layer) -> m.Strategy | None:
    s = layer.d.get("strategy")
    if s is None:
        return None
    doc = s["source"]
    here: Where = ("strategy",)
    # An unknown source is one error, at 'source:', not one at every passage quoted from it.
    checked = layer.known_source((*here, "source"), doc)

    def passage(key: str) -> m.Passage | None:
        if key not in s:
            return None
        if checked:
            layer.heading((*here, key, "section"), doc, s[key]["section"])
            layer.quoted((*here, key, "text"), doc, s[key]["text"])
        return m.Passage(s[key]["section"], fold(s[key]["text"]))

    def listing(key: str) -> m.Listing | None:
        if key not in s:
            return None
        if checked:
            layer.heading((*here, key, "section"), doc, s[key]["section"])
        for i, item in enumerate(s[key]["items"]):
            if checked:
                layer.quoted((*here, key, "items", i), doc, item)
        return m.Listing(s[key]["section"], tuple(fold(x) for x in s[key]["items"]))

    review = None
    if "review" in s:
        r = s["review"]
        if checked:
            layer.heading((*here, "review", "section"), doc, r["section"])
            layer.quoted((*here, "review", "text"), doc, r["text"])
        review = m.Review(r["section"], fold(r["text"]), r["adopted"], r["years"])
    aim, actions, line = passage("aim"), listing("council_actions"), passage("reporting_line")
    assert aim and actions and line  # required by the schema
    return m.Strategy(
        source=doc,
        aim=aim,
        council_actions=actions,
        reporting_line=line,
        member_actions=listing("member_actions"),
        single_point_of_contact=passage("single_point_of_contact"),
        further_information=passage("further_information"),
        review=review,
    )


def action_plan(layer: Layer, strategy: m.Strategy | None) -> tuple[m.PlanRow, ...]:
    rows = []
    for i, r in enumerate(layer.d.get("action_plan", ())):
        if strategy is not None:  # a plan drawn from the strategy is checked against it
            for key in ("recommendation", "milestone", "ownership", "review", "status"):
                if key in r:
                    layer.quoted(("action_plan", i, key), strategy.source, r[key])
        cells = {k: fold(v) for k, v in r.items() if k != "strand"}
        rows.append(m.PlanRow(strand=r["strand"], **cells))
    order = {s: i for i, s in enumerate(m.STRAND_ORDER)}
    return tuple(sorted(rows, key=lambda row: order[row.strand]))


def threats(layer: Layer, strategy: m.Strategy | None) -> tuple[m.Threat, ...]:
    known = [t.id for t in layer.bank.threats]
    ranked: dict[str, tuple[int, str]] = {}
    for i, p in enumerate(layer.d.get("priorities", ())):
        where: Where = ("priorities", i)
        if p["threat"] not in known:
            layer.problem(
                (*where, "threat"),
                f"unknown threat '{p['threat']}'",
                hint_choice(p["threat"], known, "threats in the bank"),
            )
            continue
        if p["threat"] in ranked:
            layer.problem((*where, "threat"), f"threat '{p['threat']}' is ranked twice")
        if strategy is not None:
            layer.heading((*where, "section"), strategy.source, p["section"])
            layer.quoted((*where, "reason"), strategy.source, p["reason"])
        ranked.setdefault(p["threat"], (len(ranked) + 1, fold(p["reason"])))
    threats = [
        replace(t, priority_rank=ranked[t.id][0], priority_reason=ranked[t.id][1])
        if t.id in ranked
        else t
        for t in layer.bank.threats
    ]
    # Ranked threats first, in the edition's order; the rest keep the national order.
    return tuple(sorted(threats, key=lambda t: t.priority_rank or len(known) + 1))
