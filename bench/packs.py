"""Printed meeting packs made from an answers file: pages and time, whole and ticked only.

    .venv/bin/python bench/packs.py

A police and crime panel pack (14 questions, 3 ticked, one threat briefing), as PDF and Word,
with every question and with `--ticked-only`; then how long reading a large version 3 answers
file takes (every answer stamped, as the site writes it). Prints a Markdown table.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: import the generator from the repository
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from generator.cli import main as qbank  # noqa: E402
from generator.content.answers import read_answers_file  # noqa: E402

TICKED = ("PCP-01", "PCP-04", "PCP-10")


def stamp(n: int) -> dict[str, object]:
    return {"at": "2027-01-14T09:10:00.000Z", "by": "k3f2a9x1", "clock": {"k3f2a9x1": n}}


def answers_file(folder: Path, meetings: int = 1, per_meeting: int = 14) -> Path:
    made = []
    for m in range(meetings):
        answers = {
            f"PCP-{i:02d}": {
                "ask": f"PCP-{i:02d}" in TICKED,
                "status": "Partly assured",
                "note": f"Note on question {i} at meeting {m}.",
                "stamps": {"ask": stamp(1), "status": stamp(2), "note": stamp(3)},
            }
            for i in range(1, per_meeting + 1)
        }
        day = f"2027-{1 + m // 28 % 12:02d}-{1 + m % 28:02d}"
        made.append({"id": f"m{m}", "body": "pcp", "date": day, "title": "", "answers": answers})
    data = {"format": "soc-question-bank-answers", "version": 3, "meetings": made}
    path = folder / f"answers-{meetings}.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def pages(path: Path) -> str:
    if path.suffix == ".pdf":
        return str(len(PdfReader(path).pages))
    rows = len(Document(str(path)).tables[0].rows) - 1
    return f"{rows} question rows"


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
        for meetings in (50, 300):
            big = answers_file(folder, meetings, per_meeting=40)
            started = time.perf_counter()
            read_answers_file(big)
            took = time.perf_counter() - started
            size = big.stat().st_size / 1024 / 1024
            print(
                f"read a version 3 file of {meetings} meetings x 40 stamped answers "
                f"({size:.1f} MB): {took:.2f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
