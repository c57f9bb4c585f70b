"""The answers schema's rules in plain Python (generator/content/answers_fast.py) agree with
jsonschema on the schema itself, and a file read with them gives the errors jsonschema gives,
at the same line and column as the YAML reader placed them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.content import answers_fast, schemas, yamlsafe
from generator.content.answers import read_answers_file
from generator.content.errors import ContentError
from generator.content.yamlsafe import Document, read_yaml

BY = "k3f2a9x1"
GOOD = {"at": "2027-01-14T09:10:00.000Z", "by": BY, "clock": {BY: 2, "p8d7c6b5": 1}}


def validator(definition: str) -> Any:
    """jsonschema's check of one of the schema's definitions."""
    ref = {"$ref": f"answers.schema.json#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(ref, registry=schemas._registry())


def but(**changed: Any) -> dict[str, Any]:
    stamp = copy.deepcopy(GOOD)
    for key, value in changed.items():
        if value is None:
            del stamp[key]
        else:
            stamp[key] = value
    return stamp


STAMPS: list[Any] = [
    GOOD,
    but(at="2027-01-14T09:10:00Z"),
    but(at="2027-01-14T09:10:00.5Z"),
    but(at="2027-01-14T09:10:00.000Z\n"),  # a pattern's $ ends before a final line break
    but(at="2027-01-14T09:10:00.000"),
    but(at="2027-01-14 09:10:00.000Z"),
    but(at="2027-01-14T09:10:00.0000Z"),
    but(at="x2027-01-14T09:10:00.000Z"),
    but(at="2027-01-14T09:10:00.000Z" + "0" * 30),
    but(at=20270114),
    but(at=None),
    but(by="abc"),
    but(by="abcd"),
    but(by="a" * 40),
    but(by="a" * 41),
    but(by="k3f2 a9x1"),
    but(by="k3f2a9x1!"),
    but(by=None),
    but(by=7),
    but(clock={}),
    but(clock={BY: 0}),
    but(clock={BY: -1}),
    but(clock={BY: 2147483647}),
    but(clock={BY: 2147483648}),
    but(clock={BY: 1.0}),
    but(clock={BY: 1.5}),
    but(clock={BY: True}),
    but(clock={BY: "1"}),
    but(clock={BY: None}),
    but(clock={"abc": 1}),
    but(clock={"k3f2/a9x1": 1}),
    but(clock={f"b{i:04d}": 1 for i in range(100)}),
    but(clock={f"b{i:04d}": 1 for i in range(101)}),
    but(clock=[BY, 1]),
    but(clock=None),
    but(extra=1),
    but(At="2027-01-14T09:10:00.000Z"),
    {},
    [],
    "stamp",
    None,
]


@pytest.mark.parametrize("stamp", STAMPS, ids=range(len(STAMPS)))
def test_the_fast_rules_and_the_schema_agree_on_a_stamp(stamp: Any) -> None:
    rules = answers_fast.rules()
    assert rules is not None, "the schema uses a keyword answers_fast does not know"
    assert rules.stamp(stamp) == validator("stamp").is_valid(stamp)


def test_the_stamps_above_hold_good_and_bad_ones() -> None:
    """The agreement above would prove little if the schema took, or refused, them all."""
    verdicts = [validator("stamp").is_valid(s) for s in STAMPS]
    assert 5 < verdicts.count(True) < verdicts.count(False)


ANSWER = {"ask": True, "status": "Partly assured", "note": "A note.", "stamps": {"ask": GOOD}}
ANSWERS: list[Any] = [
    ANSWER,
    {"ask": False},
    {"ask": 1},
    {"status": "Assured"},
    {**ANSWER, "status": "assured"},
    {**ANSWER, "status": None},
    {**ANSWER, "note": "x" * 20_000},
    {**ANSWER, "note": "x" * 20_001},
    {**ANSWER, "note": 3},
    {**ANSWER, "stamps": {}},
    {**ANSWER, "stamps": {"ask": GOOD, "status": GOOD, "note": GOOD}},
    {**ANSWER, "stamps": {"ask": but(by="abc")}},
    {**ANSWER, "stamps": {"title": GOOD}},
    {**ANSWER, "stamps": []},
    {**ANSWER, "asked": True},
    "yes",
]


@pytest.mark.parametrize("answer", ANSWERS, ids=range(len(ANSWERS)))
@pytest.mark.parametrize("qid", ["PCP-04", "pcp.4_a", "-PCP", "P" * 64, "P" * 65, "PCP 04", ""])
def test_the_fast_rules_and_the_schema_agree_on_an_answer(answer: Any, qid: str) -> None:
    rules = answers_fast.rules()
    assert rules is not None
    answers = {qid: answer}
    assert (rules.question(qid) and rules.answer(answer)) == validator("answers").is_valid(answers)


def test_a_keyword_the_fast_rules_do_not_know_turns_them_off() -> None:
    """A schema that gains a rule these checks lack is then checked by jsonschema alone."""
    with pytest.raises(answers_fast._Unknown):
        answers_fast._compile({"type": "string", "format": "date-time"}, {})
    with pytest.raises(answers_fast._Unknown):
        answers_fast._compile({"type": "object", "patternProperties": {}}, {})


def a_file(tmp_path: Path, meetings: list[dict[str, Any]], newline: str = "\n") -> Path:
    data = {"format": "soc-question-bank-answers", "version": 3, "meetings": meetings}
    path = tmp_path / "answers.json"
    path.write_bytes(json.dumps(data, indent=1).replace("\n", newline).encode("utf-8"))
    return path


def as_before(path: Path) -> list[tuple[int, int, str]]:
    """The problems as the reader found them before: the whole file through jsonschema,
    placed by the strict YAML reader."""
    shown = path.as_posix()
    placed, problems = read_yaml(path, shown)
    assert placed is not None and not problems
    doc = Document(shown, json.loads(path.read_text("utf-8")), placed.marks)
    found = ContentError(schemas.check(doc, "answers")).problems  # sorted, as reported
    return [(p.line, p.column, p.message) for p in found]


def now(path: Path) -> list[tuple[int, int, str]]:
    with pytest.raises(ContentError) as caught:
        read_answers_file(path)
    return [(p.line, p.column, p.message) for p in caught.value.problems]


def meeting(number: int, answers: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"id": f"m{number}", "body": "pcp", "date": "2027-01-14", "answers": answers, **extra}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_file_gives_the_errors_jsonschema_gives_at_the_same_places(
    tmp_path: Path, newline: str
) -> None:
    good = {f"PCP-{i:02d}": ANSWER for i in range(1, 15)}
    meetings = [
        meeting(0, good, stamps={"title": GOOD}),
        meeting(1, {**good, "PCP-03": {**ANSWER, "stamps": {"note": but(at="14/01/2027")}}}),
        meeting(2, good, stamps={"title": but(clock={BY: 0}), "colour": GOOD}),
        meeting(3, {**good, "PCP-09": {**ANSWER, "stamps": {"ask": but(extra=1)}}}),
        meeting(4, {**good, "PCP 10": ANSWER, "PCP-11": {"ask": "yes", "noted": ""}}),
        meeting(5, good, title=7),
    ]
    path = a_file(tmp_path, meetings, newline)
    expected = as_before(path)
    assert len(expected) >= 7
    assert now(path) == expected


def test_a_hostile_file_is_worded_for_its_first_failing_answers_only(tmp_path: Path) -> None:
    """300 answers, each with a bad stamp: the first 100 worded, the rest counted."""
    bad = {"ask": True, "stamps": {"ask": but(by="x!")}}
    meetings = [meeting(m, {f"PCP-{i:02d}": bad for i in range(30)}) for m in range(10)]
    problems = now(a_file(tmp_path, meetings))
    assert len(problems) == answers_fast.MAX_WORDED + 1
    *worded, (line, _, message) = problems
    assert worded == as_before(a_file(tmp_path, meetings))[: answers_fast.MAX_WORDED]
    assert message.startswith("200 more answers or stamps from here on break the schema")
    # The 101st failing answer: meeting 3 (30 a meeting), its 11th answer, PCP-10.
    text = (tmp_path / "answers.json").read_text("utf-8").splitlines()
    assert text[line - 1].strip().startswith('"PCP-10"')
    assert sum('"id": "m3"' in row for row in text[:line]) == 1


def test_errors_are_placed_without_reading_the_file_as_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The YAML reader marks every value: near a minute for a file of 16 MB."""
    path = a_file(tmp_path, [meeting(0, {"PCP-01": {"ask": "yes"}})])
    expected = as_before(path)

    def composed(text: str) -> None:
        raise AssertionError("the file was read as YAML")

    monkeypatch.setattr(yamlsafe, "_compose", composed)
    assert now(path) == expected


def test_a_version_1_file_is_thinned_too(tmp_path: Path) -> None:
    """One set of answers, no meetings: 300 bad answers, the first 100 worded."""
    answers: dict[str, Any] = {f"PCP-{i:03d}": {"ask": "yes"} for i in range(300)}
    answers["PCP-000"] = {"ask": True, "status": "Assured", "note": "Fine."}
    data = {"format": "soc-question-bank-answers", "version": 1, "answers": answers}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, indent=1), "utf-8")
    *worded, (_, _, message) = now(path)
    assert worded == as_before(path)[: answers_fast.MAX_WORDED]
    assert message.startswith("199 more answers or stamps from here on break the schema")
