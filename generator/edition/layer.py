"""A council's local edition, layered over the national bank without changing it.

An edition folder holds ``edition.yml`` and the files it names (logo, the council's own
documents as text). The layer yields the same :class:`Bank` the renderer knows: bodies
carry their local names, local questions sit among the national ones marked ``local``,
left-out bodies are gone, threats follow the local priorities, and edition notes join the
editorial notes. Templates and exporters then ask the data ("is this question local?"),
never "is there an edition?". The national files are read as they are, never written.

Each part of ``edition.yml`` is applied by its own module (identity, questions, strategy and
action plan, notes), all sharing one :class:`Layer` from here: the document, the problems
found so far and the council's source texts that quotes are checked against.
``compose.compose`` runs them.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from ..content import model as m
from ..content.errors import Problem
from ..content.yamlsafe import Document
from .files import inside
from .text import PLACEHOLDER, first_difference, nearest, sentences
from .text import fold as fold  # where the other parts have always found it

Where = tuple[str | int, ...]


def hint_choice(value: str, choices: list[str], kind: str) -> str:
    """``did you mean 'x'?`` for a near miss (or a part of one), else the choices there are."""
    guess = difflib.get_close_matches(value, choices, n=1)
    if not guess and len(value) >= 3:
        # ``enforcement`` is too short beside ``enforcement-and-disruption`` for difflib.
        low = value.lower()
        guess = sorted((c for c in choices if low in c.lower()), key=len)[:1]
    return f"did you mean '{guess[0]}'?" if guess else f"{kind}: {', '.join(choices)}"


class Layer:
    """One edition being checked against the bank: every problem is collected, none raised."""

    def __init__(
        self,
        bank: m.Bank,
        doc: Document,
        folder: Path,
        root: Path | None,
        skipped: frozenset[str] = frozenset(),
    ) -> None:
        self.bank, self.doc, self.folder, self.root = bank, doc, folder, root
        self.d: dict[str, Any] = doc.data
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}  # edition source id -> folded text
        self.files: dict[str, str] = {}  # edition source id -> its file, as edition.yml names it
        self.lines: dict[str, list[str]] = {}  # edition source id -> its folded, non-empty lines
        # What an earlier error already accounts for: entries the schema refused
        # (``source:<id>``, ``question:<ID>``, ``page:<path>``) and sources that cannot be
        # read. Whatever refers to them is not checked again, so one mistake is one error.
        self.skipped = set(skipped)

    def problem(self, where: Where, message: str, hint: str = "") -> None:
        self.problems.append(self.doc.problem(where, message, hint))

    def sources(self) -> tuple[m.Source, ...]:
        """The council's documents, each read from its plain-text copy for the quote checks."""
        national = {s.id for s in self.bank.sources}
        out = []
        for i, s in enumerate(self.d.get("sources", ())):
            where: Where = ("sources", i)
            if s["id"] in national or s["id"] in self.texts:
                self.problem(
                    (*where, "id"),
                    f"source id '{s['id']}' is already used",
                    "give the council's document its own id, e.g. 'local-strategy'",
                )
                continue
            path, problem = inside(self.folder, s["file"], "source file")
            text = ""
            if path is None:
                self.problem(
                    (*where, "file"),
                    str(problem),
                    "put a plain-text copy beside edition.yml: "
                    f"qbank extract YOUR-DOCUMENT.pdf -o {Path(s['file']).name}",
                )
                self.skipped.add(f"source:{s['id']}")
            else:
                try:
                    text = path.read_text("utf-8")
                except (UnicodeDecodeError, OSError):
                    self.problem(
                        (*where, "file"),
                        "source file is not UTF-8 text",
                        "save it as UTF-8, or make it again with qbank extract",
                    )
                    self.skipped.add(f"source:{s['id']}")
            self.texts[s["id"]] = fold(text)
            self.lines[s["id"]] = [f for f in (fold(x) for x in text.splitlines()) if f]
            self.files[s["id"]] = s["file"]
            out.append(
                m.Source(s["id"], s["title"], s["publisher"], s["date"], Path(s["file"]).name)
            )
        return tuple(out)

    def known_source(self, where: Where, document: str) -> bool:
        """Whether quotes from ``document`` can be checked; an unknown one is a problem."""
        if f"source:{document}" in self.skipped:
            return False  # its own error is already reported
        if document not in self.texts:
            self.problem(
                where,
                f"unknown source document '{document}'",
                hint_choice(document, sorted(self.texts), "sources in this edition")
                if self.texts
                else "list the document under 'sources:' first",
            )
            self.skipped.add(f"source:{document}")  # reported once, at its first use
            return False
        return True

    def quoted(self, where: Where, document: str, words: str) -> bool:
        """Whether ``words`` occur in the source ``document``; a problem is recorded if not.

        A placeholder from the starter is not checked: it is warned about instead.
        """
        if PLACEHOLDER.search(words) or not self.known_source(where, document):
            return False
        source = self.texts[document]
        if fold(words) in source:
            return True
        missing = next((s for s in sentences(fold(words)) if s not in source), fold(words))
        near = nearest(missing, source)
        file = self.files.get(document, document)
        hint = f"copy the words exactly from {file}"
        if near:
            diff = first_difference(missing, near)
            hint = f"nearest in {file}: {near[:160]!r}" + (f"; {diff}" if diff else "")
        self.problem(
            where,
            f"not found word for word in source '{document}': {missing[:100]!r}",
            hint,
        )
        return False

    def heading(self, where: Where, document: str, section: str) -> bool:
        """Whether the heading ``section`` is in the source ``document`` (as whole words, any
        case); a problem naming the nearest line is recorded if not. Placeholders and unknown
        sources are left to their own messages."""
        if PLACEHOLDER.search(section) or not self.known_source(where, document):
            return False
        want = fold(section).casefold()
        if re.search(rf"(?<!\w){re.escape(want)}(?!\w)", self.texts[document].casefold()):
            return True
        lines = {line.casefold(): line for line in self.lines.get(document, ())}
        near = difflib.get_close_matches(want, list(lines), n=1, cutoff=0.6)
        file = self.files.get(document, document)
        self.problem(
            where,
            f"section heading not found in source '{document}': {fold(section)[:100]!r}",
            f"nearest in {file}: {lines[near[0]][:160]!r}; copy the heading as the document "
            "gives it"
            if near
            else f"copy the heading word for word from {file}",
        )
        return False

    def ref(self, where: Where, s: dict[str, Any]) -> m.SourceRef:
        self.heading((*where, "section"), s["document"], s["section"])
        self.quoted((*where, "quote"), s["document"], s["quote"])
        return m.SourceRef(s["document"], s["section"], "", fold(s["quote"]))
