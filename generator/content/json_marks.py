"""The line and column of chosen values in a JSON text, found without placing every value.

Errors in a JSON file are placed as the strict YAML reader places them
(:func:`.yamlsafe.read_yaml`: a mapping's entry at its key, a list's item and the whole file
at their first character, lines broken as YAML breaks them), but the YAML reader marks every
value of the file: near a minute for a file of 16 MB. Here only the containers on the way to
a wanted path are walked; every other value is skipped by the C JSON decoder.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable

Path_ = tuple[str | int, ...]

_SPACE = re.compile(r"[ \t\n\r]*")
_KEY = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
# Where YAML starts a new line: \r\n once, a lone \r, \n, NEL, and the Unicode separators.
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_DECODER = json.JSONDecoder()


class Asked(dict[Path_, tuple[int, int]]):
    """An empty mark table that notes every path looked up in it: hand it to a Document,
    word the problems once, and :attr:`paths` says which values to place."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: set[Path_] = set()

    def __contains__(self, key: object) -> bool:
        if isinstance(key, tuple):
            self.paths.add(key)
        return False


def marks(text: str, wanted: Iterable[Path_]) -> dict[Path_, tuple[int, int]]:
    """(line, column), 1-based, of each wanted path that the (valid JSON) ``text`` holds, and
    of the paths above it."""
    paths = set(wanted)
    inside = {p[:i] for p in paths for i in range(len(p))}  # containers to walk into
    missing = set(paths)
    found: dict[Path_, int] = {}

    def note(where: Path_, pos: int) -> None:
        found[where] = pos
        missing.discard(where)
        if not missing:
            raise _AllFound

    def value(pos: int, where: Path_) -> int:
        """Walk or skip the value at ``pos``; the index after it."""
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        char = text[pos]
        if where not in inside or char not in "{[":
            return _DECODER.raw_decode(text, pos)[1]
        pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        close = "}" if char == "{" else "]"
        index = 0
        while text[pos] != close:
            if char == "{":
                key = _KEY.match(text, pos)
                assert key is not None
                step: str | int = json.loads(key.group())
                note((*where, step), pos)
                pos = _SPACE.match(text, key.end()).end() + 1  # type: ignore[union-attr]
            else:
                step = index
                pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
                note((*where, step), pos)
                index += 1
            pos = _SPACE.match(text, value(pos, (*where, step))).end()  # type: ignore[union-attr]
            if text[pos] == ",":
                pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        return pos + 1

    start = _SPACE.match(text).end()  # type: ignore[union-attr]
    try:
        note((), start)
        value(start, ())
    except _AllFound:  # the rest of the file is not read
        pass
    kept = {path: pos for path, pos in found.items() if path in paths or path in inside}
    return dict(zip(kept, _places(text, list(kept.values())), strict=True))


class _AllFound(Exception):
    pass


def _places(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """(line, column) of each position, counting lines as YAML does."""
    if any(char in text for char in "\r\x85\u2028\u2029"):
        starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        lines = [bisect_right(starts, pos) for pos in positions]
        return [(n, pos - starts[n - 1] + 1) for n, pos in zip(lines, positions, strict=True)]
    placed: dict[int, tuple[int, int]] = {}
    line, last, line_start = 1, 0, 0
    for pos in sorted(set(positions)):  # only newlines: read once, left to right
        line += text.count("\n", last, pos)
        newline = text.rfind("\n", last, pos)
        line_start = newline + 1 if newline >= 0 else line_start
        placed[pos] = (line, pos - line_start + 1)
        last = pos
    return [placed[pos] for pos in positions]
