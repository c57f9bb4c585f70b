"""Read one YAML file strictly, keeping the line and column of every node.

PyYAML's safe loader silently keeps the last of two duplicate keys and expands aliases
without limit; content editing needs neither, so both are errors here. Scalars stay
strings unless YAML types them as int, float, bool or null: dates such as 2026-11-23 are
kept as text, which is how the schemas describe them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed file: its data and the (line, column) where each path starts."""

    path: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

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


def _compose(text: str) -> Node | None:
    """Refuse aliases from the event stream, before anything is built, then compose."""
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise _AliasFound(event.start_mark)
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
    raw = file.read_bytes()
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
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "the file is not valid YAML"
        if exc.context:
            what = f"{exc.context}: {what}"
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
    return doc, problems


def _build(node: Node, where: Path_, doc: Document, problems: list[Problem]) -> Any:
    doc.marks[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, ScalarNode):
        if node.tag in _TYPED_TAGS:
            return _SCALARS.construct_object(node)
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
