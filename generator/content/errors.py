"""The one error type the library raises: a list of content problems, each with its place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# How the MkDocs hook words content errors it hands to MkDocs, which logs them before it
# aborts; a build that reports them itself drops that log line (see ``site.py``).
CONTENT_ERRORS_LOGGED = "the content has errors:"


@dataclass(frozen=True, order=True)
class Problem:
    """One content error at ``path:line:column`` (1-based), with what to do about it; or,
    with ``warning``, something a build only warns about (``--strict`` refuses it)."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        text = f"{self.path}:{self.line}:{self.column}: {kind}{self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class ContentError(Exception):
    """Raised with every problem found in a bank, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))  # each printed once, however often found
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} content error{'s' if count != 1 else ''} found.")
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """A path as an editor would type it: relative to the bank root where possible.

    A symbolic link is named as itself, never as the file it points to.
    """
    for here, base in (
        (os.path.abspath(path), os.path.abspath(root)),
        (path.resolve(), root.resolve()),
    ):
        try:
            return Path(here).relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
