"""Read one YAML file strictly, keeping the line and column of every node.

PyYAML's safe loader silently keeps the last of two duplicate keys and expands aliases
without limit; content editing needs neither, so both are errors here. Scalars stay
strings unless YAML types them as int, float, bool or null: dates such as 2026-11-23 are
kept as text, which is how the schemas describe them.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem
from .textrules import CELL_LIMIT, FORBIDDEN_IN_FILE, describe, hint

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed file: its data and the (line, column) where each path starts."""

    path: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # Keys left empty because their value began with '#', which YAML reads as a comment
    # (``brand_colour: #1d4e3a``): the path to the comment's text, for a message that says so.
    comments: dict[Path_, str] = field(default_factory=dict)

    def mark(self, where: Path_) -> tuple[int, int]:
        """The nearest recorded place for a path, walking up to its parents."""
        while where not in self.marks and where:
            where = where[:-1]
        return self.marks.get(where, (1, 1))

    def problem(self, where: Path_, message: str, hint: str = "") -> Problem:
        line, column = self.mark(where)
        return Problem(self.path, line, column, message, hint)


class _AliasFound(Exception):
    def __init__(self, mark: Any) -> None:  # a pure-Python or a libyaml Mark
        self.mark = mark


# libyaml's parser where PyYAML has it: the pure-Python one dominates load time at scale.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


# Content files nest five or six levels deep; far deeper is a runaway bracket or an attack,
# and would exhaust the recursion of the composer and of everything after it.
MAX_DEPTH = 20


def _compose(text: str) -> Node | None:
    """Refuse aliases and runaway nesting from the event stream, before anything is built,
    then compose."""
    loader = _Loader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise _AliasFound(event.start_mark)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


_TYPED_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


_SCALARS = yaml.constructor.SafeConstructor()


def read_yaml(file: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Parse ``file``; return the document, or ``None`` and the problems that stopped it."""
    raw, refused = _read_regular_file(file, shown_as)
    if refused is not None:
        return None, [refused]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                shown_as,
                line,
                column,
                f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} cannot be decoded)",
                "save the file as UTF-8 in your editor",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    forbidden = _forbidden_characters(text, shown_as)
    if forbidden:
        return None, forbidden
    try:
        node = _compose(text)
    except _AliasFound as exc:
        return None, [
            Problem(
                shown_as,
                exc.mark.line + 1,
                exc.mark.column + 1,
                "YAML aliases (*name) are not allowed in content files",
                "write the text out in full instead of referring to an anchor",
            )
        ]
    except _TooDeep as exc:
        return None, [
            Problem(
                shown_as,
                exc.mark.line + 1,
                exc.mark.column + 1,
                f"the YAML nests more than {MAX_DEPTH} levels deep here",
                "content files need only a few levels: look for unclosed [ or { brackets",
            )
        ]
    except yaml.reader.ReaderError as exc:  # a character the scan above did not foresee
        line, column = _place(text, exc.position)
        return None, [
            Problem(
                shown_as,
                line,
                column,
                f"YAML cannot read the character U+{exc.character:04X}"
                if isinstance(exc.character, int)
                else "YAML cannot read a character here",
                "delete it, or replace it with a space",
            )
        ]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "the file is not valid YAML"
        if exc.context:
            what = f"{exc.context}: {what}"
        tab = _tab_near(text, line)
        if tab:
            return None, [
                Problem(
                    shown_as,
                    line,
                    tab,
                    f"YAML syntax error: a tab character at column {tab}: YAML indents with spaces",
                    "replace the tab with spaces (set your editor to indent with spaces)",
                )
            ]
        return None, [
            Problem(
                shown_as,
                line,
                column,
                f"YAML syntax error: {what}",
                "check indentation and quoting; text with ': ' or '#' needs quotes",
            )
        ]
    if node is None or (isinstance(node, ScalarNode) and node.value.strip() == ""):
        return None, [
            Problem(shown_as, 1, 1, "the file is empty", "add content or delete the file")
        ]
    doc = Document(shown_as, None)
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, problems)
    _find_comment_values(doc, text)
    return doc, problems


_COMMENT_VALUE = re.compile(r"\s*:[ \t]+(#\S.*?)\s*$")


def _find_comment_values(doc: Document, text: str) -> None:
    """Record each empty value whose line goes on ``key: #text``: what was meant as a value."""
    lines = text.splitlines()
    for where, value in _empty_values(doc.data, ()):
        line, column = doc.marks.get(where, (0, 0))
        if value is None and where and isinstance(where[-1], str) and 0 < line <= len(lines):
            rest = lines[line - 1][column - 1 + len(where[-1]) :]
            found = _COMMENT_VALUE.match(rest)
            if found:
                doc.comments[where] = found.group(1)


def _empty_values(data: Any, where: Path_) -> Iterator[tuple[Path_, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if value is None:
                yield (*where, key), value
            else:
                yield from _empty_values(value, (*where, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _empty_values(value, (*where, i))


def _build(node: Node, where: Path_, doc: Document, problems: list[Problem]) -> Any:
    doc.marks[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, ScalarNode):
        if node.tag in _TYPED_TAGS:
            return _SCALARS.construct_object(node)
        if len(node.value) > CELL_LIMIT:
            problems.append(
                doc.problem(
                    where,
                    f"this text is {len(node.value):,} characters long; a spreadsheet cell "
                    f"holds at most {CELL_LIMIT:,}",
                    "shorten it, or split it into several items",
                )
            )
        return node.value
    if isinstance(node, SequenceNode):
        return [_build(item, (*where, i), doc, problems) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            if key in result:
                first = doc.marks[(*where, key)]
                problems.append(
                    Problem(
                        doc.path,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        f"duplicate key '{key}' (first at line {first[0]}); "
                        "YAML would silently keep only the last one",
                        "merge the two entries or rename one of them",
                    )
                )
                continue
            result[key] = _build(value_node, (*where, key), doc, problems)
            # Point at the key: "'order' should be a whole number" reads best there.
            doc.marks[(*where, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        return result
    return None


# A file is opened only once it is known to be a plain file, never through a link, and
# without blocking: a FIFO named *.yml would otherwise hang the build.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _not_regular(mode: int) -> tuple[str, str] | None:
    if stat.S_ISLNK(mode):
        return (
            "this is a symbolic link; content files are read only as plain files",
            "copy the file here instead of linking to it",
        )
    if stat.S_ISDIR(mode):
        return (
            "this is a folder, not a content file",
            "rename the folder so its name does not end in .yml",
        )
    if not stat.S_ISREG(mode):
        return (
            "this is not a regular file (a pipe, socket or device)",
            "remove it, or replace it with a plain .yml file",
        )
    return None


def _read_regular_file(file: Path, shown_as: str) -> tuple[bytes, Problem | None]:
    """The bytes of ``file`` if it is a plain file; else a problem, with nothing opened."""

    def refuse(message: str, fix: str) -> tuple[bytes, Problem | None]:
        return b"", Problem(shown_as, 1, 1, message, fix)

    try:
        found = _not_regular(os.lstat(file).st_mode)
        if found:
            return refuse(*found)
        fd = os.open(file, _OPEN_FLAGS)
    except FileNotFoundError:
        return refuse("file not found", f"create {file.name}, or restore it from version control")
    except PermissionError:
        return refuse("the file cannot be read (permission denied)", "check its permissions")
    except OSError as exc:  # ELOOP: replaced by a link since it was looked at
        return refuse(f"the file cannot be opened: {exc.strerror}", "replace it with a plain file")
    with os.fdopen(fd, "rb") as handle:
        found = _not_regular(os.fstat(handle.fileno()).st_mode)
        if found:
            return refuse(*found)
        return handle.read(), None


# More than this many bad characters in one file are summed up, not listed one by one.
_MAX_LISTED = 10


def _tab_near(text: str, line: int) -> int:
    """The column of a tab in the indentation of ``line`` (1-based), or 0: the YAML scanner
    stops there with "cannot start any token", which does not name the tab."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return 0
    row = lines[line - 1]
    indent = row[: len(row) - len(row.lstrip(" \t"))]
    return indent.index("\t") + 1 if "\t" in indent else 0


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting characters as YAML marks do."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _forbidden_characters(text: str, shown_as: str) -> list[Problem]:
    """Each control character in the file, named and placed, with how to remove it."""
    found = list(FORBIDDEN_IN_FILE.finditer(text))
    problems = []
    for match in found[:_MAX_LISTED]:
        char = match.group()
        line, column = _place(text, match.start())
        problems.append(
            Problem(shown_as, line, column, f"{describe(char)} in the text", hint(char))
        )
    if len(found) > _MAX_LISTED:
        line, column = _place(text, found[_MAX_LISTED].start())
        problems.append(
            Problem(
                shown_as,
                line,
                column,
                f"{len(found) - _MAX_LISTED:,} more like it from here to the end of the file",
                "search and replace them all at once in your editor",
            )
        )
    return problems
