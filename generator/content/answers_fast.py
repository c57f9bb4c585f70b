"""The answers schema's rules for the parts of a file that repeat (every answer and every
stamp), checked in plain Python so that jsonschema need not walk them one by one.

jsonschema takes about 2 ms an answer of version 3 (an answer, its three stamps, their
clocks): near a minute for a file at the size limit. :func:`thin` copies a parsed file
leaving out every answer and stamp that these rules pass; jsonschema then checks the rest.
The rules are read from ``schema/answers.schema.json`` (its ``$defs``), which stays the one
authority: a piece is left out only when the schema would accept it, and any piece these
rules do not pass is left in for jsonschema to word and place, so the errors are the same,
at the same line and column. Should the schema's definitions use a keyword this module does
not know, nothing is left out and jsonschema checks the whole file, as before.

A hostile file can fail on every answer; jsonschema words only the first :data:`MAX_WORDED`
failing pieces, and :func:`thin` says how many more there are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from .schemas import SCHEMA_DIR

# Failing answers (or meeting stamps) jsonschema words; the rest are counted, not worded.
MAX_WORDED = 100

Check = Callable[[Any], bool]

# The keywords each kind of definition may use for the checks below to be the schema's.
_ANNOTATIONS = {"description", "title", "$ref"}
_KNOWN = {
    "string": {"type", "pattern", "maxLength"} | _ANNOTATIONS,
    "enum": {"enum"} | _ANNOTATIONS,
    "boolean": {"type"} | _ANNOTATIONS,
    "integer": {"type", "minimum", "maximum"} | _ANNOTATIONS,
    "object": {
        "type",
        "additionalProperties",
        "required",
        "properties",
        "propertyNames",
        "minProperties",
        "maxProperties",
    }
    | _ANNOTATIONS,
}


class _Unknown(Exception):
    """The schema uses a keyword these checks do not reproduce."""


def _is_integer(value: Any) -> bool:
    # jsonschema's "integer": an int that is not a bool, or a float with no fraction.
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _compile(node: dict[str, Any], defs: dict[str, Any]) -> Check:
    """A check for one schema node (no $ref beside other keywords, as this schema writes)."""
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/$defs/") or set(node) - {"$ref", "description"}:
            raise _Unknown(ref)
        return _compile(defs[ref.removeprefix("#/$defs/")], defs)
    if "enum" in node:
        if set(node) - _KNOWN["enum"]:
            raise _Unknown(node)
        allowed = frozenset(v for v in node["enum"] if isinstance(v, str))
        if len(allowed) != len(node["enum"]):
            raise _Unknown(node)
        return lambda v: isinstance(v, str) and v in allowed
    kind = node.get("type")
    if kind not in _KNOWN or set(node) - _KNOWN[kind]:
        raise _Unknown(node)
    if kind == "boolean":
        return lambda v: isinstance(v, bool)
    if kind == "string":
        pattern = re.compile(node["pattern"]).search if "pattern" in node else None
        longest = node.get("maxLength")
        return lambda v: (
            isinstance(v, str)
            and (longest is None or len(v) <= longest)
            and (pattern is None or pattern(v) is not None)
        )
    if kind == "integer":
        low, high = node.get("minimum"), node.get("maximum")
        return lambda v: (
            _is_integer(v) and (low is None or v >= low) and (high is None or v <= high)
        )
    return _object(node, defs)


def _object(node: dict[str, Any], defs: dict[str, Any]) -> Check:
    props = {k: _compile(v, defs) for k, v in node.get("properties", {}).items()}
    extra_schema = node.get("additionalProperties", True)
    if extra_schema is False:
        extra: Check | None = None
    elif extra_schema is True:
        extra = _any
    elif isinstance(extra_schema, dict):
        extra = _compile(extra_schema, defs)
    else:
        raise _Unknown(node)
    names = _compile(node["propertyNames"], defs) if "propertyNames" in node else None
    required = tuple(node.get("required", ()))
    fewest, most = node.get("minProperties", 0), node.get("maxProperties")

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return False
        if len(value) < fewest or (most is not None and len(value) > most):
            return False
        for key in required:
            if key not in value:
                return False
        for key, item in value.items():
            if names is not None and not names(key):
                return False
            rule = props.get(key, extra)
            if rule is None or not rule(item):
                return False
        return True

    return check


def _any(value: Any) -> bool:
    return True


def _with_type(node: dict[str, Any]) -> dict[str, Any]:
    """A propertyNames node as a string check (the schema writes only its pattern)."""
    return {"type": "string", **node}


@dataclass(frozen=True)
class Rules:
    """The schema's checks of one answer and of one stamp, and which fields carry stamps."""

    question: Check  # a question ID, the key of an answer
    answer: Check  # an answer with its stamps
    stamp: Check
    meeting_stamped: frozenset[str]  # the fields of a meeting that may carry a stamp
    most_answers: int | None  # the schema's maxProperties of one meeting's answers


@cache
def rules() -> Rules | None:
    """The rules read from the shipped schema, or None if it uses a keyword unknown here."""
    schema = json.loads((SCHEMA_DIR / "answers.schema.json").read_text("utf-8"))
    defs = schema["$defs"]
    try:
        answers = defs["answers"]
        if (
            set(answers)
            - {
                "type",
                "description",
                "maxProperties",
                "propertyNames",
                "additionalProperties",
            }
            or answers.get("type") != "object"
        ):
            raise _Unknown(answers)
        names = answers.get("propertyNames")
        question = _compile(_with_type(names), defs) if names is not None else _any
        answer = _compile(answers["additionalProperties"], defs)
        stamp = _compile(defs["stamp"], defs)
        meeting = schema["properties"]["meetings"]["items"]["properties"]["stamps"]
        at_meeting = _stamp_fields(meeting)
    except (_Unknown, KeyError, TypeError, re.error):
        return None
    return Rules(question, answer, stamp, at_meeting, answers.get("maxProperties"))


def _stamp_fields(node: dict[str, Any]) -> frozenset[str]:
    """The fields a ``stamps`` object may hold, each a plain reference to the stamp."""
    if node.get("type") != "object" or node.get("additionalProperties") is not False:
        raise _Unknown(node)
    if set(node) - {"type", "additionalProperties", "properties", "description"}:
        raise _Unknown(node)
    props = node["properties"]
    if any(p != {"$ref": "#/$defs/stamp"} for p in props.values()):
        raise _Unknown(node)
    return frozenset(props)


@dataclass
class Thinned:
    """The file with the pieces the rules pass left out, and the failing ones not worded."""

    data: Any
    unworded: int = 0  # failing answers or meeting stamps left out beyond MAX_WORDED
    first_unworded: tuple[str | int, ...] = ()


def thin(data: Any) -> Thinned:
    """A copy of a parsed answers file for jsonschema to check: the answers (each meeting's,
    or a version 1 file's) and meeting stamps that the schema would accept left out. Only
    the dicts and lists on the way are copied; ``data`` is not changed."""
    found = rules()
    if found is None or not isinstance(data, dict):
        return Thinned(data)
    result = Thinned(dict(data))
    failing = 0

    def worded(where: tuple[str | int, ...]) -> bool:
        nonlocal failing
        failing += 1
        if failing <= MAX_WORDED:
            return True
        if not result.unworded:
            result.first_unworded = where
        result.unworded += 1
        return False

    def answers(held: dict[str, Any], where: tuple[str | int, ...]) -> dict[str, Any]:
        if found.most_answers is not None and len(held) > found.most_answers:
            return held
        return {
            qid: answer
            for qid, answer in held.items()
            if not (found.question(qid) and found.answer(answer)) and worded((*where, qid))
        }

    if isinstance(data.get("answers"), dict):  # version 1
        result.data["answers"] = answers(data["answers"], ("answers",))
    if not isinstance(data.get("meetings"), list):
        return result
    meetings: list[Any] = []
    for i, meeting in enumerate(data["meetings"]):
        if not isinstance(meeting, dict):
            meetings.append(meeting)
            continue
        meeting = dict(meeting)
        stamps = meeting.get("stamps")
        if isinstance(stamps, dict):
            meeting["stamps"] = {
                key: value
                for key, value in stamps.items()
                if not (key in found.meeting_stamped and found.stamp(value))
                and worded(("meetings", i, "stamps", key))
            }
        if isinstance(meeting.get("answers"), dict):
            meeting["answers"] = answers(meeting["answers"], ("meetings", i, "answers"))
        meetings.append(meeting)
    result.data["meetings"] = meetings
    return result
