"""Validate documents against the shipped JSON Schemas and word the errors for editors."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource

from .errors import Problem
from .textrules import CONTROL, hint, with_article
from .yamlsafe import Document

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


@cache
def _registry() -> Registry:
    """Every shipped schema by file name, crawled once: references resolve without I/O."""
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text("utf-8"))))
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    ]
    return Registry().with_resources(resources).crawl()


_REF = re.compile(r'"\$ref"\s*:\s*"([^"#]+)')


def referenced(name: str) -> tuple[str, ...]:
    """``name`` and every schema file it refers to, however indirectly: what a copy of the
    schema needs so that an editor can resolve every ``$ref`` in it."""
    found: list[str] = []
    todo = [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.append(current)
        todo += _REF.findall((SCHEMA_DIR / current).read_text("utf-8"))
    return tuple(found)


@cache
def validator(kind: str) -> jsonschema.protocols.Validator:
    """The validator for one kind of file: audience, threat, bank, glossary, editorial-notes."""
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=_registry())


_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of keys",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing (empty value)"
    return "a number"


def _label(doc: Document, where: tuple[str | int, ...]) -> str:
    """Name the thing at a path as an editor sees it, e.g. "in question CSP-03"."""
    node: Any = doc.data
    label = ""
    for step in where:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            kind = "question" if "text" in node and "strands" in node else "entry"
            label = f" in {kind} {node['id']}"
    return label


def check(doc: Document, kind: str) -> list[Problem]:
    """Every schema error in ``doc``, each placed at its line and column."""
    problems: list[Problem] = []
    errors = list(validator(kind).iter_errors(doc.data))
    misspelt = _misspelt_required(errors)
    for error in errors:
        if (
            error.validator == "required"
            and (
                tuple(error.absolute_path),
                _missing_key(error),
            )
            in misspelt
        ):
            continue  # the unknown key's message says it: one message for one mistake
        problem = _word(doc, error)
        if problem not in problems:  # "" breaks both minLength and pattern: say it once
            problems.append(problem)
    return problems


def _missing_key(error: jsonschema.ValidationError) -> str:
    return str(error.message).split("'")[1]


def _misspelling(error: jsonschema.ValidationError) -> tuple[str, str] | None:
    """An unknown key and the allowed key it is nearest to, if any."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    allowed = sorted(schema.get("properties", {}))
    instance: Any = error.instance
    extra = sorted(set(instance) - set(allowed)) if isinstance(instance, dict) else []
    guess = difflib.get_close_matches(extra[0], allowed, n=1) if extra else []
    return (extra[0], guess[0]) if guess else None


def _misspelt_required(
    errors: list[jsonschema.ValidationError],
) -> set[tuple[tuple[Any, ...], str]]:
    """(place, key) of each missing required key that an unknown key beside it misspells."""
    missing = {
        (tuple(e.absolute_path), _missing_key(e)) for e in errors if e.validator == "required"
    }
    found = set()
    for e in errors:
        pair = _misspelling(e) if e.validator == "additionalProperties" else None
        if pair and (tuple(e.absolute_path), pair[1]) in missing:
            found.add((tuple(e.absolute_path), pair[1]))
    return found


def _word(doc: Document, error: jsonschema.ValidationError) -> Problem:
    where = tuple(error.absolute_path)
    instance: Any = error.instance
    expected: Any = error.validator_value
    field = f"'{where[-1]}'" if where and isinstance(where[-1], str) else "this entry"
    label = _label(doc, where)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(instance) - set(allowed))
        key = extra[0]
        guess = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else f"allowed keys: {', '.join(allowed)}"
        if guess and guess[0] in schema.get("required", ()) and guess[0] not in instance:
            hint += " (it is required)"
        return doc.problem((*where, key), f"unknown key '{key}'{label}", hint)
    if error.validator == "required":
        missing = _missing_key(error)
        return doc.problem(where, f"missing required key '{missing}'{label}", f"add '{missing}:'")
    if error.validator == "type" and instance is None and where in doc.comments:
        comment = doc.comments[where]
        return doc.problem(
            where,
            f"{field}{label} is empty: YAML reads {comment!r} as a comment "
            "('#' after a space starts one)",
            f'put it in quotes: {where[-1]}: "{comment}"',
        )
    if error.validator == "type":
        wanted = expected
        want = _TYPE_NAMES.get(wanted, str(wanted)) if isinstance(wanted, str) else str(wanted)
        got = _describe(instance)
        hint = _type_hint(wanted, instance, schema, field)
        return doc.problem(where, f"{field}{label} should be {want}, not {got}", hint)
    if (error.validator in ("minLength", "pattern") and instance == "") or (
        error.validator == "pattern" and isinstance(instance, str) and not instance.strip()
    ):
        return doc.problem(where, f"{field}{label} is empty", "fill it in or remove the key")
    if error.validator == "pattern" and isinstance(instance, str):
        control = _control_problem(doc, where, f"{field}{label}", instance)
        if control is not None:
            return control
    if error.validator == "minItems":
        return doc.problem(where, f"{field}{label} is an empty list", "give at least one entry")
    if error.validator == "pattern":
        what = schema.get("description", f"text matching {expected}")
        return doc.problem(
            where, f"{field}{label} has the wrong form: {instance!r}", f"expected {what}"
        )
    if error.validator == "enum":
        choices = ", ".join(str(c) for c in expected)
        guess = difflib.get_close_matches(str(instance), [str(c) for c in expected], n=1)
        hint = (
            f"did you mean '{guess[0]}'? (one of: {choices})" if guess else f"use one of: {choices}"
        )
        return doc.problem(where, f"{field}{label} is {instance!r}", hint)
    if error.validator == "uniqueItems":
        return doc.problem(where, f"{field}{label} lists an entry twice", "remove the repeat")
    if error.validator == "oneOf":
        keys = [s["required"][0] for s in expected if isinstance(s, dict) and "required" in s]
        either = " or ".join(f"'{k}'" for k in keys) or "'name' or 'see'"
        return doc.problem(where, f"{field}{label} needs either {either}", "give one, not both")
    return doc.problem(where, f"{field}{label}: {error.message}")


def _type_hint(wanted: Any, instance: Any, schema: dict[str, Any], field: str) -> str:
    """A fix that fits what was written and what is wanted: only text that YAML read as a
    number, date or true/false is helped by quotes."""
    if wanted == "string" and isinstance(instance, bool | int | float):
        return "quote text that YAML reads as a number, date or true/false"
    if wanted == "string" and instance is None:
        return "fill it in, or remove the key"
    if wanted == "string":
        return "write it as one piece of text; text holding ': ' or '#' needs quotes"
    if wanted == "object":
        keys = list(schema.get("required", [])) or list(schema.get("properties", {}))
        name = field.strip("'") if field.startswith("'") else "it"
        if keys:
            return (
                f"give its keys on the lines below it, indented, e.g. {name}: {{{keys[0]}: …}}"
                f" (keys: {', '.join(keys)})"
            )
        return "give its keys on the lines below it, indented"
    if wanted == "array":
        return "write a list: [a, b] on one line, or one '- item' a line below it"
    if wanted in ("integer", "number"):
        return "write the number without quotes"
    if wanted == "boolean":
        return "write true or false, without quotes"
    return "check the value against the schema's description"


def _control_problem(
    doc: Document, where: tuple[str | int, ...], what: str, value: str
) -> Problem | None:
    """A control character (any text) or line break (a single line) refused by a pattern."""
    found = CONTROL.search(value) or re.search("[\t\n\r\x85\u2028\u2029]", value)
    if found is None:
        return None
    char = found.group()
    message = f"{what} has {with_article(char)} at character {found.start() + 1}"
    if CONTROL.match(char):
        return doc.problem(where, message, hint(char))
    return doc.problem(
        where,
        message,
        f"keep it on one line: {hint(char)} (a name, title or glossary expansion is one line)",
    )
