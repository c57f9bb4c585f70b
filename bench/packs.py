"""Printed meeting packs made from an answers file: pages and time, whole and ticked only.

    .venv/bin/python bench/packs.py

A police and crime panel pack (14 questions, 3 ticked, one threat briefing), as PDF and Word,
with every question and with `--ticked-only`; then how long reading a large version 3 answers
file takes (every answer stamped, as the site writes it), now and as before the stamps were
checked in plain Python: 0.7, 4.3 and 16 MB, and 16 MB with a bad stamp in every answer.
Prints Markdown tables; ``--quick`` leaves out the reads as before (a minute or two).
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: import the generator from the repository
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from generator.cli import main as qbank  # noqa: E402
from generator.content import answers, schemas  # noqa: E402
from generator.content.answers import read_answers_file  # noqa: E402
from generator.content.errors import ContentError, Problem  # noqa: E402
from generator.content.yamlsafe import read_yaml  # noqa: E402

TICKED = ("PCP-01", "PCP-04", "PCP-10")


def stamp(n: int, by: str = "k3f2a9x1") -> dict[str, object]:
    return {"at": "2027-01-14T09:10:00.000Z", "by": by, "clock": {"k3f2a9x1": n}}


def answers_file(
    folder: Path, meetings: int = 1, per_meeting: int = 14, note: int = 0, bad: bool = False
) -> Path:
    """``note`` pads each note to that many characters; ``bad`` gives every answer a stamp
    the schema refuses (a browser ID of two characters), as a hostile file might."""
    made = []
    for m in range(meetings):
        answers = {
            f"PCP-{i:02d}": {
                "ask": f"PCP-{i:02d}" in TICKED,
                "status": "Partly assured",
                "note": f"Note on question {i} at meeting {m}.".ljust(note, "."),
                "stamps": {
                    "ask": stamp(1, "x!" if bad else "k3f2a9x1"),
                    "status": stamp(2),
                    "note": stamp(3),
                },
            }
            for i in range(1, per_meeting + 1)
        }
        day = f"2027-{1 + m // 28 % 12:02d}-{1 + m % 28:02d}"
        made.append({"id": f"m{m}", "body": "pcp", "date": day, "title": "", "answers": answers})
    data = {"format": "soc-question-bank-answers", "version": 3, "meetings": made}
    path = folder / f"answers-{meetings}-{note}-{bad}.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def pages(path: Path) -> str:
    if path.suffix == ".pdf":
        return str(len(PdfReader(path).pages))
    rows = len(Document(str(path)).tables[0].rows) - 1
    return f"{rows} question rows"


def read_as_before(path: Path) -> None:
    """How the file was read before the schema's rules for answers and stamps were checked
    in plain Python: the whole file through jsonschema, and on an error the whole file read
    again as YAML to place it."""
    shown = path.as_posix()
    doc, _ = answers._document(path, shown)

    def problems() -> list[Problem]:
        return answers._limits(doc) or answers._long_text(doc) or schemas.check(doc, "answers")

    if problems():
        placed, _ = read_yaml(path, shown)
        doc.marks = placed.marks if placed else {}
        raise ContentError(problems())


def timed(read: Callable[[Path], object], path: Path) -> str:
    started = time.perf_counter()
    try:
        read(path)
        done = "read"
    except ContentError as error:
        done = f"refused ({len(error.problems)} errors)"
    return f"{time.perf_counter() - started:.2f} s, {done}"


def reads(folder: Path, before: bool) -> None:
    """Reading version 3 files of 40 stamped answers a meeting, now and as before
    (``--quick`` leaves out before: near a minute at 16 MB on a 2-core machine)."""
    print("| version 3 file | MB | read now | read as before |\n|---|---|---|---|")
    for meetings, note, bad in (
        (50, 0, False),
        (300, 0, False),
        (450, 560, False),
        (450, 560, True),
    ):
        path = answers_file(folder, meetings, per_meeting=40, note=note, bad=bad)
        label = f"{meetings} meetings x 40 answers" + (", every answer's stamp bad" if bad else "")
        size = path.stat().st_size / 1024 / 1024
        then = timed(read_as_before, path) if before else "(--quick)"
        print(f"| {label} | {size:.1f} | {timed(read_answers_file, path)} | {then} |")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        answers = answers_file(folder)
        print("| pack | format | printed | seconds |\n|---|---|---|---|")
        for fmt in ("pdf", "docx"):
            for label, extra in (("all 14 questions", []), ("3 ticked only", ["--ticked-only"])):
                out = folder / f"pack.{fmt}"
                args = ["pack", "--body", "pcp", "--threat", "drugs", "--answers", str(answers)]
                started = time.perf_counter()
                with contextlib.redirect_stdout(io.StringIO()):
                    assert qbank([*args, *extra, "-o", str(out), "--force"]) == 0
                took = time.perf_counter() - started
                print(f"| {label} | {fmt} | {pages(out)} | {took:.2f} |")
        print()
        reads(folder, before="--quick" not in sys.argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
