"""What ``qbank new-edition --strategy`` drafts from the strategy it read: the source's title,
the strategy page's sections (aim, council actions, reporting line) under the headings that
name them, and the action plan from the first table that looks like one.

Every drafted value is the document's own words as ``qbank extract`` writes them, so each
is found word for word and the edition builds at once; what was guessed (which heading,
which column) is said in comments for the officer to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..content.textrules import one_line
from .blocks import MERGED, Extracted, Paragraph, Table
from .extract import tidy

STRANDS = ("pursue", "prevent", "protect", "prepare")
# A heading's words -> the strategy page's section it most likely is.
SECTIONS = {
    "aim": re.compile(r"\b(aims?|vision|purpose|ambitions?|objectives?)\b", re.I),
    "council_actions": re.compile(
        r"\b(will do|we will|council will|actions?|commitments?)\b", re.I
    ),
    "reporting_line": re.compile(r"\b(report\w*|concerns?|contact us)\b", re.I),
}
# A column heading's words -> the action plan's field (the Home Office format's columns).
COLUMNS = {
    "strand": re.compile(r"\b(strand|4 ?ps?)\b", re.I),
    "recommendation": re.compile(r"\b(actions?|recommendations?|activity|what)\b", re.I),
    "ownership": re.compile(r"\b(lead|leads|owner|ownership|responsible|who)\b", re.I),
    "milestone": re.compile(
        r"\b(by when|when|milestones?|timescales?|deadline|target|date)\b", re.I
    ),
    "status": re.compile(r"\b(status|progress|rag)\b", re.I),
    "review": re.compile(r"\b(review|update)\b", re.I),
}
MAX_ITEMS = 8  # council actions drafted; the officer adds the rest
MAX_ROWS = 100


def words(text: str) -> str:
    """Text as ``qbank extract`` writes it, on one line: a quote that is found."""
    return one_line(tidy(text))


@dataclass
class Draft:
    title: str = ""
    headings: list[str] = field(default_factory=list)
    strategy: dict[str, Any] = field(default_factory=dict)  # section -> drafted value
    plan: list[dict[str, str]] = field(default_factory=list)
    plan_notes: list[str] = field(default_factory=list)  # one comment line per row, or ""
    mapping: list[tuple[str, str]] = field(default_factory=list)  # column heading -> field
    table: int = 0  # which table the plan came from (1-based), 0 for none


def draft(extracted: Extracted) -> Draft:
    d = Draft()
    blocks = extracted.blocks
    heads = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.level]
    d.headings = [words(b.text) for _, b in heads if words(b.text)]
    titles = [words(b.text) for _, b in heads if b.level == 1]
    d.title = titles[0] if titles else ""
    for section, pattern in SECTIONS.items():
        for i, head in heads:
            if head.level == 1 or not pattern.search(head.text):
                continue
            body = _body(blocks, i)
            if body:
                name = words(head.text)
                if section == "council_actions":
                    d.strategy[section] = {"section": name, "items": body[:MAX_ITEMS]}
                else:
                    d.strategy[section] = {"section": name, "text": body[0]}
                break
    for number, table in enumerate(extracted.tables(), 1):
        if _plan(d, table):
            d.table = number
            break
    return d


def _body(blocks: list[Any], heading: int) -> list[str]:
    """The paragraphs under the heading at ``heading``, up to the next heading or table."""
    out = []
    for block in blocks[heading + 1 :]:
        if not isinstance(block, Paragraph) or block.level:
            break
        if text := words(block.text):
            out.append(text)
    return out


def _plan(d: Draft, table: Table) -> bool:
    """Draft the action plan from ``table`` if its heading row names an action column."""
    if len(table.rows) < 2:
        return False
    header = [words(c) for c in table.rows[0]]
    mapping: dict[int, str] = {}
    for field_name, pattern in COLUMNS.items():
        for col, name in enumerate(header):
            if col not in mapping and pattern.search(name):
                mapping[col] = field_name
                break
    if "recommendation" not in mapping.values():
        return False
    d.mapping = [(header[c], mapping[c]) for c in sorted(mapping)]
    current = ""  # a strand named by a row of its own, for the rows below it
    for row in table.rows[1 : MAX_ROWS + 1]:
        cells = [words(c) if c != MERGED else "" for c in row]
        filled = [c for c in cells if c]
        if len(filled) == 1 and filled[0].lower() in STRANDS:
            current = filled[0].lower()
            continue
        entry: dict[str, str] = {}
        for col, field_name in mapping.items():
            if col < len(cells) and cells[col] and field_name != "strand":
                entry[field_name] = cells[col]
        if "recommendation" not in entry:
            continue
        stated = next(
            (c.lower() for col, c in enumerate(cells) if mapping.get(col) == "strand" and c), ""
        )
        strand, note = _strand(stated, current, " ".join(filled))
        d.plan.append({"strand": strand, **entry})
        d.plan_notes.append(note)
    return bool(d.plan)


def _strand(stated: str, current: str, row: str) -> tuple[str, str]:
    """The row's 4P strand, and a note when it was not stated plainly."""
    for s in STRANDS:
        if stated.startswith(s):
            return s, ""
    if current:
        return current, f"strand from the row '{current.title()}' above it: confirm it"
    named = [s for s in STRANDS if re.search(rf"\b{s}\b", row, re.I)]
    if len(named) == 1:
        return named[0], f"strand guessed from the word '{named[0]}' in the row: confirm it"
    return "protect", "strand not stated in the table: 'protect' put in; choose the right one"
