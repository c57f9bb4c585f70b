"""One round of errors: the schema's problems, and the edition without the entries they are in.

Schema errors used to stop an edition before its files, IDs and quotes were checked, so a new
``edition.yml`` took several builds, its errors coming in rounds. Here each entry the schema
refuses (a local question, a source, a note, a body, or a whole part such as ``strategy``) is
taken out of a copy of the document, and the layer checks the rest in the same run. A
missing text key or a word not in a list (``strand: protekt``) gets a stand-in instead, so
the rest of its entry (its tags, its quote) is checked too. What
referred to an entry taken out is not checked against it (``skipped``): the schema error is
the one to fix, and an "unknown source" or "no such question" after it would only follow
from it.
"""

from __future__ import annotations

from typing import Any

from ..content.errors import Problem
from ..content.schemas import check, validator
from ..content.yamlsafe import Document, Path_

# A whole document is never refused for one entry: it is pruned a few times at most.
_ROUNDS = 5


def usable(doc: Document) -> tuple[list[Problem], Document | None, frozenset[str]]:
    """The schema problems of ``doc``, the document without the entries that have them (None
    when nothing usable is left) and the references to what was taken out."""
    problems = check(doc, "edition")
    if not problems:
        return problems, doc, frozenset()
    if not isinstance(doc.data, dict):
        return problems, None, frozenset()
    current = doc
    skipped: set[str] = set()
    for _ in range(_ROUNDS):
        targets: set[Path_] = set()
        filled: dict[Path_, Any] = {}
        for error in validator("edition").iter_errors(current.data):
            where = tuple(error.absolute_path)
            schema = error.schema if isinstance(error.schema, dict) else {}
            instance: Any = error.instance
            if error.validator == "additionalProperties":  # only the unknown keys go
                allowed = set(schema.get("properties", {}))
                targets |= {(*where, k) for k in instance if k not in allowed}
            elif error.validator == "enum" and where:  # a stand-in: the rest is still checked
                choices: Any = error.validator_value
                filled[where] = choices[0]
            elif error.validator == "required" and where:
                key = str(error.message).split("'")[1]
                stand_in = _stand_in(schema.get("properties", {}).get(key))
                if stand_in is None:
                    targets.add(_entry(where))
                else:
                    filled[(*where, key)] = stand_in
            elif where:
                targets.add(_entry(where))
            elif error.validator != "required":  # a missing 'council' is filled in by compose
                return problems, None, frozenset()
        if not targets and not filled:
            return problems, current, frozenset(skipped)
        skipped |= {_reference(current.data, t) for t in targets} - {""}
        current = _without(current, targets, filled)
    return problems, None, frozenset()


# What may stand in for a missing key while the rest of its entry is checked: a placeholder
# (never quote-checked) or an empty list, neither of which another check could trip on.
_STAND_INS: tuple[Any, ...] = ("[REPLACE: missing]", [])


def _stand_in(schema: Any) -> Any:
    """A stand-in the key's schema accepts, or None (the entry is then taken out)."""
    if not isinstance(schema, dict):
        return None
    for value in _STAND_INS:
        try:
            if validator("edition").evolve(schema=schema).is_valid(value):
                return value
        except Exception:  # a reference that resolves only from the whole schema
            return None
    return None


def _entry(where: Path_) -> Path_:
    """The entry an error is in: the deepest list item or body on its path, else the part."""
    for end in range(len(where), 0, -1):
        prefix = where[:end]
        if isinstance(prefix[-1], int) or (len(prefix) == 2 and prefix[0] == "bodies"):
            return prefix
    return where[:1]


def _reference(data: Any, where: Path_) -> str:
    """How other entries refer to the one at ``where`` (``source:strategy``), or ""."""
    node = data
    for step in where:
        node = node[step]
    if where[:1] == ("strategy",) and len(where) == 1:
        return "page:local/strategy"
    if where[:1] == ("action_plan",) and len(where) == 1:
        return "page:local/action-plan"
    if len(where) == 2 and isinstance(node, dict) and isinstance(node.get("id"), str):
        kind = {"sources": "source", "local_questions": "question"}.get(str(where[0]), "")
        return f"{kind}:{node['id']}" if kind else ""
    return ""


def _without(doc: Document, removed: set[Path_], filled: dict[Path_, Any]) -> Document:
    """A copy of ``doc`` without the entries at ``removed`` and with the stand-ins in
    ``filled``; every mark follows its node, so the layer still reports each problem at
    its line in the file."""
    marks: dict[Path_, tuple[int, int]] = {}

    def keep(node: Any, old: Path_, new: Path_) -> Any:
        if old in doc.marks:
            marks[new] = doc.marks[old]
        if old in filled:
            return filled[old]
        if isinstance(node, dict):
            out = {
                k: keep(v, (*old, k), (*new, k))
                for k, v in node.items()
                if (*old, k) not in removed
            }
            for where, value in filled.items():
                if where[:-1] == old and where[-1] not in out:
                    out[str(where[-1])] = value
            return out
        if isinstance(node, list):
            items: list[Any] = []
            for i, v in enumerate(node):
                if (*old, i) not in removed:
                    items.append(keep(v, (*old, i), (*new, len(items))))
            return items
        return node

    return Document(doc.path, keep(doc.data, (), ()), marks)
