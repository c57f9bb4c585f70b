"""Answers files: a councillor's ticks, ratings and notes, exported from the site.

The site's "Export my answers" writes one (``schema/answers.schema.json``,
``docs/contributing/answers-format.md``); its "Import answers" and ``qbank pack --answers
FILE`` read it. Version 3 stamps every field for the browser's merge: the schema checks the
stamps, and printing ignores them. Deleted meetings are read and never chosen
(:mod:`.pack_meeting`); a body the edition does not have is kept as it is. Version 2 keeps
answers per meeting; version 1 (one set of answers) is read as a single general meeting, as
the site migrates it.

The file is untrusted: its size, nesting, counts and note lengths are checked before it is
parsed in full, with the same limits as the site (``docs/js/answers-store.js``), and no message
ever repeats what the file holds beyond a short key. Every other problem is reported at once,
at its line and column, as for content files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import schemas
from .answers_fast import MAX_WORDED, Thinned, thin
from .errors import ContentError, Problem
from .json_marks import Asked, marks
from .model import ANSWER_STATUSES
from .yamlsafe import Document

FORMAT = "soc-question-bank-answers"
VERSION = 3
VERSIONS = (1, 2, 3)
NOT_ASKED = ANSWER_STATUSES[-1]
GENERAL = "general"

# The site's limits (docs/js/answers-store.js): a note box holds MAX_NOTE characters; a browser
# keeps about 5 million characters, so a file it exports is well under MAX_BYTES.
MAX_NOTE = 20_000
MAX_BYTES = 16 * 1024 * 1024
MAX_MEETINGS = 500
MAX_ANSWERS = 2_000
# Every object in the file. A version 3 answer is up to 8 (itself, its stamps, three stamps
# and their clocks) and takes at least 300 characters; a browser keeps about 5 million, so
# a file it exports holds well under 150,000 objects.
MAX_OBJECTS = 150_000
# How deep a site file nests: file, meetings, meeting, answers, answer, then (version 3)
# stamps, a stamp, its clock. Nothing the site writes is deeper.
MAX_DEPTH = 8
# Longest text a message may quote (an ID is at most 64 characters).
_QUOTE = 64

# Characters XML 1.0 (Word, PDF) cannot hold. A vertical tab or form feed is how Word pastes
# a line or page break: a line break here. Anything else, and a lone surrogate, a space.
_BREAKS = re.compile("[\x0b\x0c]")
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Answer:
    """One question's answer: ticked to ask, how assured, and the notes typed."""

    ask: bool
    status: str = NOT_ASKED
    note: str = ""

    @property
    def rated(self) -> bool:
        return self.status != NOT_ASKED


Answers = dict[str, Answer]


@dataclass(frozen=True)
class Meeting:
    """A meeting the councillor named (body, date as YYYY-MM-DD, title) and its answers.

    ``body`` is kept as the file has it, even for a body the edition does not have;
    ``deleted`` meetings (version 3) hold no answers and are never printed; ``also`` names
    the IDs of meetings merged into this one."""

    id: str
    body: str
    date: str
    title: str
    answers: Answers
    deleted: bool = False
    also: tuple[str, ...] = ()

    @property
    def held(self) -> int:
        """How many questions it holds an answer to: ticked, rated or noted."""
        return sum(1 for a in self.answers.values() if a.ask or a.rated or a.note)


@dataclass(frozen=True)
class AnswersFile:
    meetings: tuple[Meeting, ...]  # deleted ones too, as the file has them
    current: str  # the meeting open in the site when the file was exported, or ""

    @property
    def live(self) -> tuple[Meeting, ...]:
        """The meetings not deleted: the only ones anything but a merge counts or shows."""
        return tuple(m for m in self.meetings if not m.deleted)


class _TooMany(Exception):
    pass


class _Duplicate(Exception):
    pass


def _limited_objects() -> Any:
    """A JSON object hook that stops the parse once a file holds more objects than any the
    site writes (300,000 IDs would otherwise take seconds and a gigabyte), or at a key given
    twice in one object (JSON readers keep the last silently; :func:`_duplicates` places it)."""
    count = 0

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal count
        count += 1
        if count > MAX_OBJECTS:
            raise _TooMany
        made = dict(pairs)
        if len(made) != len(pairs):
            raise _Duplicate
        return made

    return hook


_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_KEYS = re.compile(rf"({_STRING})(\s*:)?|[\[\]{{}}]")


def _place(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - text.rfind("\n", 0, pos)


def _duplicates(shown: str, text: str) -> list[Problem]:
    """Every key given twice in one object, at the second, naming the first's line: found in
    one pass over the brackets and keys (the parser's hook knows neither place)."""
    problems: list[Problem] = []
    stack: list[dict[str, int] | None] = []  # per open bracket: an object's keys, or a list
    for token in _KEYS.finditer(text):
        char = token.group()
        if char in "{[":
            stack.append({} if char == "{" else None)
        elif char in "}]":
            if stack:
                stack.pop()
        elif token.group(2) and stack and stack[-1] is not None:
            try:
                key = json.loads(token.group(1))
            except ValueError:
                continue
            keys = stack[-1]
            if key in keys:
                line, col = _place(text, token.start())
                problems.append(
                    Problem(
                        shown,
                        line,
                        col,
                        f"duplicate key {_quote(key)} (first at line "
                        f"{_place(text, keys[key])[0]}); a JSON reader would silently keep "
                        "only the last one",
                        "remove one of the two entries, or export the answers again from the site",
                    )
                )
            else:
                keys[key] = token.start()
    return problems


_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _deepest(text: str) -> int:
    """How deep the brackets outside strings nest, as :func:`_depth_problem` counts them but
    by string methods rather than one token at a time (a second rather than three at 16 MB);
    that reads them one at a time only to place a file that nests too deep."""
    # Valid JSON has backslashes only in strings: with escaped backslashes and quotes gone,
    # every other piece between quotes is outside a string.
    bare = text.replace("\\\\", "").replace('\\"', "")
    depth = deepest = 0
    for char in _NOT_BRACKET.sub("", "".join(bare.split('"')[::2])):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _depth_problem(shown: str, text: str) -> Problem | None:
    """Where brackets nest deeper than a site file ever does, found in one pass over the
    brackets outside strings (a parser would recurse once per level and fail with no place
    to point to)."""
    if _deepest(text) <= MAX_DEPTH:
        return None
    depth = 0
    for token in _TOKENS.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                pos = token.start()
                line = text.count("\n", 0, pos) + 1
                col = pos - text.rfind("\n", 0, pos)
                return Problem(
                    shown,
                    line,
                    col,
                    f"brackets nest more than {MAX_DEPTH} deep; an answers file from the site "
                    f"nests at most {MAX_DEPTH} deep",
                    "use the file the site's Export my answers wrote, unedited",
                )
        elif char in "]}":
            depth -= 1
    return None


def _quote(value: object) -> str:
    """A value for a message: itself when short, else only its size."""
    if isinstance(value, str) and len(value) > _QUOTE:
        return f"a text of {len(value):,} characters"
    shown = repr(value)
    return shown if len(shown) <= _QUOTE else f"a value of {len(shown):,} characters"


def _limits(doc: Document) -> list[Problem]:
    """Counts and lengths the site never exceeds, checked before the schema (whose messages
    would quote the text)."""
    data = doc.data
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return problems
    if data.get("version") == 1:
        groups: list[tuple[tuple[str | int, ...], Any]] = [(("answers",), data.get("answers"))]
    else:
        meetings = data.get("meetings")
        if isinstance(meetings, list) and len(meetings) > MAX_MEETINGS:
            return [
                doc.problem(
                    ("meetings",),
                    f"{len(meetings):,} meetings; the site exports at most {MAX_MEETINGS}",
                    "export the answers again from the site",
                )
            ]
        groups = []
        for i, m in enumerate(meetings if isinstance(meetings, list) else []):
            if isinstance(m, dict):
                groups.append((("meetings", i, "answers"), m.get("answers")))
                title = m.get("title")
                if isinstance(title, str) and len(title) > 200:
                    problems.append(
                        doc.problem(
                            ("meetings", i, "title"),
                            f"a meeting title of {len(title):,} characters; the site "
                            "keeps at most 200",
                            "shorten it",
                        )
                    )
    for where, answers in groups:
        if not isinstance(answers, dict):
            continue
        if len(answers) > MAX_ANSWERS:
            problems.append(
                doc.problem(
                    where,
                    f"{len(answers):,} answers in one meeting; the site exports at most "
                    f"{MAX_ANSWERS:,}",
                    "export the answers again from the site",
                )
            )
            continue
        for qid, a in answers.items():
            if len(qid) > _QUOTE:
                problems.append(
                    doc.problem(
                        (*where, qid),
                        f"a question ID of {len(qid):,} characters",
                        "question IDs are like PCP-14",
                    )
                )
                continue
            if not isinstance(a, dict):
                continue
            note, status = a.get("note"), a.get("status")
            if isinstance(note, str) and len(note) > MAX_NOTE:
                problems.append(
                    doc.problem(
                        (*where, qid, "note"),
                        f"the note on {qid} is {len(note):,} characters; a note box on the "
                        f"site holds at most {MAX_NOTE:,}",
                        "shorten the note on the site and export again",
                    )
                )
            if isinstance(status, str) and len(status) > _QUOTE:
                problems.append(
                    doc.problem(
                        (*where, qid, "status"),
                        f"the answer to {qid} is {_quote(status)}",
                        f"use one of: {', '.join(ANSWER_STATUSES)}",
                    )
                )
    return problems


# Text fields the site fills freely; every other string it writes is short (IDs, dates, a
# status, a body's ID, the bank's title and version, the council's name).
_FREE = frozenset({"note", "title"})
_SHORT = 300


def _long_text(doc: Document) -> list[Problem]:
    """Keys and short fields far longer than the site writes, before any message quotes them."""
    problems: list[Problem] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), doc.data)]
    while stack:
        where, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(key, str) and len(key) > _SHORT:
                problems.append(doc.problem(where, f"a key of {len(key):,} characters"))
                continue
            if isinstance(value, (dict, list)):
                stack.append(((*where, key), value))
            elif isinstance(value, str) and len(value) > _SHORT and key not in _FREE:
                problems.append(
                    doc.problem(
                        (*where, key),
                        f"{key!r} is a text of {len(value):,} characters; the site writes "
                        f"at most {_SHORT}",
                        "use the file the site's Export my answers wrote, unedited",
                    )
                )
    return problems


def _printable(note: str) -> str:
    """A note as Word and PDF can hold it: what the site lets a councillor type or paste."""
    return _NOT_XML.sub(" ", _BREAKS.sub("\n", note))


def _answers(raw: dict[str, Any]) -> Answers:
    return {
        qid: Answer(bool(a["ask"]), a.get("status", NOT_ASKED), _printable(a.get("note", "")))
        for qid, a in raw.items()
    }


def _document(path: Path, shown: str) -> tuple[Document, str]:
    """The file parsed, with its limits checked first, and its text (to place errors)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ContentError(
            [Problem(shown, 1, 1, f"cannot read it: {exc.strerror}", "check the path")]
        ) from None
    if size > MAX_BYTES:
        raise ContentError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f"the file is {size / 1024 / 1024:.1f} MB; an answers file from the site "
                    f"is at most {MAX_BYTES // 1024 // 1024} MB",
                    "use the file the site's Export my answers wrote",
                )
            ]
        )
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(
            [Problem(shown, 1, 1, "not a UTF-8 text file", "export the answers from the site")]
        ) from None
    deep = _depth_problem(shown, text)
    if deep is not None:
        raise ContentError([deep])
    hint = "use the file the site's Export my answers wrote, unedited"
    try:
        data = json.loads(text, object_pairs_hook=_limited_objects())
    except json.JSONDecodeError as exc:
        raise ContentError(
            [Problem(shown, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}", hint)]
        ) from None
    except RecursionError:  # not foreseen by the count of brackets: placed by the slow one
        raise ContentError(
            [_depth_problem(shown, text) or Problem(shown, 1, 1, "brackets nest too deep", hint)]
        ) from None
    except ValueError:  # a number of more than 4,300 digits
        raise ContentError(
            [Problem(shown, 1, 1, "not valid JSON: a number far too long", hint)]
        ) from None
    except _Duplicate:
        found = _duplicates(shown, text) or [Problem(shown, 1, 1, "a key given twice", hint)]
        raise ContentError(found) from None
    except _TooMany:
        raise ContentError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f"more than {MAX_OBJECTS:,} entries; the site exports at most "
                    f"{MAX_MEETINGS} meetings of {MAX_ANSWERS:,} answers",
                    hint,
                )
            ]
        ) from None
    return Document(shown, data), text


def _problems(doc: Document, thinned: list[Thinned]) -> list[Problem]:
    """Every problem of the parsed file; ``thinned`` keeps the thinned copy for a second
    wording (once the problems' places are known)."""
    data = doc.data
    if isinstance(data, dict) and data.get("format") == FORMAT:
        version = data.get("version")
        if version not in VERSIONS:
            return [
                doc.problem(
                    ("version",),
                    f"answers file version {_quote(version)}; this qbank reads "
                    f"versions {', '.join(map(str, VERSIONS[:-1]))} and {VERSIONS[-1]}",
                    "export the answers again from the site, or update qbank",
                )
            ]
    # Counts and lengths first: the schema's own messages would quote long text.
    limits = _limits(doc)
    if limits:
        return limits
    # The answers and stamps the schema's own rules pass (:mod:`.answers_fast`) left out:
    # jsonschema takes about 2 ms an answer. What is left out holds no long text to quote.
    if not thinned:
        thinned.append(thin(doc.data))
    slim = Document(doc.path, thinned[0].data, doc.marks)
    problems = _long_text(slim) or schemas.check(slim, "answers")
    if thinned[0].unworded:
        problems.append(
            doc.problem(
                thinned[0].first_unworded,
                f"{thinned[0].unworded:,} more answers or stamps from here on break the schema "
                f"as well; only the first {MAX_WORDED} are listed",
                "use the file the site's Export my answers wrote, unedited",
            )
        )
    return problems


def read_answers_file(path: Path) -> AnswersFile:
    """Every meeting in an exported file. Raises ContentError naming each fix."""
    shown = path.as_posix()
    doc, text = _document(path, shown)
    asked = doc.marks = Asked()
    thinned: list[Thinned] = []
    problems = _problems(doc, thinned)
    if problems:
        # Worded once with no places, noting the paths the problems name; then those
        # paths placed in the text, as the YAML reader places them, and worded again.
        doc.marks = marks(text, asked.paths)
        problems = _problems(doc, thinned)
        raise ContentError(problems)
    data = doc.data
    if data["version"] == 1:
        general = Meeting(GENERAL, "", "", "", _answers(data["answers"]))
        return AnswersFile((general,), GENERAL)
    meetings = tuple(
        Meeting(
            m["id"],
            m.get("body", ""),
            m.get("date", ""),
            m.get("title", ""),
            {} if m.get("deleted") else _answers(m["answers"]),
            deleted=bool(m.get("deleted")),
            also=tuple(m.get("also", ())),
        )
        for m in data["meetings"]
    )
    if not meetings:
        raise ContentError(
            [doc.problem(("meetings",), "the file holds no meetings", "export it again")]
        )
    return AnswersFile(meetings, data.get("current", ""))


def read_answers(path: Path) -> Answers:
    """The answers of a file that holds one meeting (as a version 1 file does), by question
    ID. Raises ContentError naming each fix, and ValueError for a file of several meetings
    (``qbank pack`` chooses one with :func:`.pack_meeting.choose`)."""
    live = read_answers_file(path).live
    if len(live) != 1:
        raise ValueError(f"{path.as_posix()} holds {len(live)} meetings: choose one")
    return live[0].answers
