"""Answers files: a councillor's ticks, ratings and notes, exported from the site.

The site's "Export my answers" writes one (``schema/answers.schema.json``); its "Import
answers" and ``qbank pack --answers FILE`` read it. Every problem is reported at once, at its
line and column, as for content files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import schemas
from .errors import ContentError, Problem
from .model import ANSWER_STATUSES
from .yamlsafe import Document, read_yaml

FORMAT = "soc-question-bank-answers"
VERSION = 1
NOT_ASKED = ANSWER_STATUSES[-1]


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


def read_answers(path: Path) -> Answers:
    """The answers in an exported file, by question ID. Raises ContentError naming each fix."""
    shown = path.as_posix()
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(
            [Problem(shown, 1, 1, "not a UTF-8 text file", "export the answers from the site")]
        ) from None
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        hint = "use the file the site's Export my answers wrote, unedited"
        raise ContentError(
            [Problem(shown, exc.lineno, exc.colno, f"not valid JSON: {exc.msg}", hint)]
        ) from None
    # JSON is YAML: the strict YAML reader keeps each value's line and column for errors.
    # The data is JSON's own reading; marks are kept where the YAML reading succeeds.
    doc, problems = read_yaml(path, shown)
    if doc is None or problems:
        doc = Document(shown, None)
    doc.data = json.loads(text)
    if isinstance(doc.data, dict) and doc.data.get("format") == FORMAT:
        version = doc.data.get("version")
        if version != VERSION:
            raise ContentError(
                [
                    doc.problem(
                        ("version",),
                        f"answers file version {version!r}; this qbank reads version {VERSION}",
                        "export the answers again from the site, or update qbank",
                    )
                ]
            )
    problems = schemas.check(doc, "answers")
    if problems:
        raise ContentError(problems)
    return {
        qid: Answer(bool(a["ask"]), a.get("status", NOT_ASKED), a.get("note", ""))
        for qid, a in doc.data["answers"].items()
    }
