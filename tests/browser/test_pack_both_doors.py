"""One pack, two doors (issue 25, item 4): the same answers file printed by the browser's pack
page and by `qbank pack --answers FILE --meeting ID --ticked-only` holds the same questions,
ratings, notes, "Last time, …" lines and editorial notes (docs/contributing/answers-format.md,
"Which meeting a pack prints" and "Since last time").

The file is version 3 and holds two meetings of the police and crime panel, so the later one
has a "last time"; a deleted meeting between them must not be taken for it. Both packs are
read as printed: the command line's PDF through pdftotext, the browser's page through its
print styles (what `window.print()` puts on paper).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from generator.cli import main
from generator.content.load import ROOT
from generator.content.note_plan import checklist_plan
from generator.edition import load_bank
from tests.browser.pages import RequestLog, unavailable

pytestmark = pytest.mark.browser

NOT_ASKED = "Not asked"
RATINGS = ("Assured", "Partly assured", "Not assured")
BROWSER = "k3f2a9x1"
LATER, EARLIER = "m-pcp-2027-01-21", "m-pcp-2027-01-14"


def stamped(ask: bool, status: str, note: str, at: str) -> dict[str, Any]:
    """One answer as a version 3 browser writes it: each field stamped."""
    stamp = {"at": at, "by": BROWSER, "clock": {BROWSER: 1}}
    return {
        "ask": ask,
        "status": status,
        "note": note,
        "stamps": {"ask": stamp, "status": stamp, "note": stamp},
    }


JAN14, JAN20 = "2027-01-14T09:00:00.000Z", "2027-01-20T09:00:00.000Z"
ANSWERS = {
    "format": "soc-question-bank-answers",
    "version": 3,
    "bank": "SOC Scrutiny Question Bank",
    "exported": "2027-01-20T09:30:00.000Z",
    "browser": BROWSER,
    "browsers": {BROWSER: {"name": "Work laptop", "at": JAN14}},
    "current": "general",  # exported with "General" open
    "meetings": [
        {
            "id": LATER,
            "body": "pcp",
            "date": "2027-01-21",
            "title": "Budget scrutiny",
            "answers": {
                "PCP-01": stamped(True, "Not assured", "No county lines figure.", JAN20),
                "PCP-04": stamped(True, "Assured", "Measure now\nin the plan.", JAN20),
                "PCP-10": stamped(True, NOT_ASKED, "", JAN20),
                "PCP-12": stamped(False, "Partly assured", "Not ticked: not printed.", JAN20),
            },
        },
        {
            "id": "m-pcp-2027-01-17",
            "deleted": True,
            "body": "pcp",
            "date": "2027-01-17",
            "title": "",
            "answers": {},
            "stamps": {"deleted": {"at": JAN20, "by": BROWSER, "clock": {BROWSER: 1}}},
        },
        {
            "id": EARLIER,
            "body": "pcp",
            "date": "2027-01-14",
            "title": "Police and crime panel",
            "answers": {
                "PCP-01": stamped(False, NOT_ASKED, "Asked in writing.", JAN14),
                "PCP-04": stamped(True, "Partly assured", "January 14 note.", JAN14),
                "PCP-07": stamped(True, "Not assured", "Not asked again.", JAN14),
                "PCP-10": stamped(True, NOT_ASKED, "", JAN14),
            },
        },
        {"id": "general", "body": "", "date": "", "title": "", "answers": {}},
    ],
}
TICKED = ["PCP-01", "PCP-04", "PCP-10"]
NOTE_REF = re.compile(r"((?:Editorial|Local) note \d+: .+?) \(in full at the end\)\.?")


@dataclass(frozen=True)
class Printed:
    """One question as a pack prints it."""

    id: str
    rating: str
    notes: str  # the councillor's, white space as one space (paper wraps lines anew)
    last_time: str
    note_refs: tuple[str, ...]  # "Editorial note 2: <title>", in the order printed


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def page(browser: Browser, request_log: RequestLog) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.on("request", lambda r: request_log.urls.append(r.url))
    yield context.new_page()
    context.close()


def browser_pack(page: Page, base: str, answers: Path) -> list[Printed]:
    """Imports the file into a new browser (which holds no answers, so it just takes it),
    opens the pack page for the later meeting and reads the questions as printed."""
    page.goto(base + "my-questions.html")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(answers)
    expect(page.get_by_role("button", name="Merge with my answers")).to_be_hidden()
    expect(page.locator(".qb-mine")).to_contain_text("Imported")
    page.goto(base + "meeting-pack.html?body=pcp&threat=drugs&date=2027-01-21")
    expect(page.get_by_label("Meeting", exact=True).locator("option:checked")).to_have_text(
        "Police and crime panels, 21 January 2027: Budget scrutiny"
    )
    expect(page.get_by_label("Only the questions I ticked")).to_be_checked()
    page.emulate_media(media="print")
    blocks = page.locator(".qb-pack-checklist:visible .qb-question:visible")
    expect(blocks).to_have_count(len(TICKED))
    printed = []
    for i in range(blocks.count()):
        block = blocks.nth(i)
        rating = block.locator('select[name="status"]').input_value() or NOT_ASKED
        last = block.locator(".qb-last-time")
        refs = block.locator(
            ".qb-note-ref, .qb-note-first > .admonition-title, details.qb-note-top > summary"
        ).all_inner_texts()
        printed.append(
            Printed(
                id=block.locator(".qb-id").first.inner_text().strip(),
                rating=rating,
                notes=words(block.locator('textarea[name="note"]').input_value()),
                last_time=words(last.inner_text()) if last.count() else "",
                note_refs=tuple(m.group(1) for r in refs if (m := NOTE_REF.search(words(r)))),
            )
        )
    return printed


def pdf_lines(path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        unavailable("pdftotext is missing (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8").splitlines()


def command_line_pack(tmp_path: Path, answers: Path) -> list[Printed]:
    """The PDF of `qbank pack --ticked-only`, read back: each question's block of lines, from
    its ID to the next question's (or "What good answers look like")."""
    out = tmp_path / "pack.pdf"
    args = ["pack", "--body", "pcp", "--threat", "drugs", "--answers", str(answers)]
    assert main([*args, "--meeting", LATER, "--ticked-only", "-o", str(out)]) == 0
    lines = pdf_lines(out)
    numbered = [int(m.group(1)) for ln in lines if (m := re.match(r"(\d+)\. \w+ note, ", ln))]
    start = lines.index("Questions") + 1
    end = lines.index("What good answers look like", start)
    blocks: list[list[str]] = []
    for line in lines[start:end]:
        if re.match(r"PCP-\d\d ", line):
            blocks.append([line])
        elif blocks and line.strip() not in ("", "✓"):
            blocks[-1].append(line)
    printed = []
    for block in blocks:
        text = words(" ".join(block))
        rating = re.search(r"Answer: (" + "|".join(RATINGS) + ")", text)
        notes = re.search(r"Notes: (.*)$", text)
        last = re.search(r"(Last time, .+?)(?= Answer: | Notes: |$)", text)
        printed.append(
            Printed(
                id=text.split()[0],
                rating=rating.group(1) if rating else NOT_ASKED,
                notes=notes.group(1) if notes else "",
                last_time=last.group(1) if last else "",
                note_refs=tuple(NOTE_REF.findall(text)),
            )
        )
    assert numbered == [int(ref.split(":")[0]) for ref in in_full(printed)]
    return printed


def briefing_notes(pdf: Path) -> list[str]:
    """The notes of the PDF's threat briefing, as "Editorial note, <date>: <title>"."""
    lines = pdf_lines(pdf)
    text = words(" ".join(lines[lines.index("Threat briefing: Drugs") :]))
    found = re.findall(r"((?:Editorial|Local) note, \d+ \w+ \d{4}: .+?)\. ", text)
    titles = {words(n.title) for n in load_bank(ROOT).notes}
    return [f for f in found if f.split(": ", 1)[1] in titles]


def in_full(printed: list[Printed]) -> list[str]:
    """The notes a pack gives in full at the end, by the references to them: "2: <title>"."""
    refs = {ref.split(" note ", 1)[1] for p in printed for ref in p.note_refs}
    return sorted(refs, key=lambda ref: int(ref.split(":")[0]))


def test_browser_and_command_line_packs_print_the_same_answers(
    page: Page, origins: dict[str, str], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS, indent=2), "utf-8")
    command_line = command_line_pack(tmp_path, answers)
    # What the file says, so that two doors printing the same wrong thing still fail.
    assert [(p.id, p.rating, p.notes, p.last_time) for p in command_line] == [
        ("PCP-01", "Not assured", "No county lines figure.",
         "Last time, 14 January 2027: Asked in writing."),
        ("PCP-04", "Assured", "Measure now in the plan.",
         "Last time, 14 January 2027: Partly assured — January 14 note."),
        ("PCP-10", NOT_ASKED, "", ""),
    ]  # fmt: skip
    # Only the notes the ticked questions carry, never the body's own (issue 25).
    bank = load_bank(ROOT)
    full = checklist_plan(bank, bank.audience("pcp"))
    carried = {words(n.note.title) for q in TICKED for n in full.at(q)}
    printed_titles = {ref.split(": ", 1)[1] for p in command_line for ref in p.note_refs}
    assert printed_titles == carried
    assert {words(n.note.title) for n in full.top} - carried  # some are the body's only

    assert browser_pack(page, origins["file"], answers) == command_line
    # The notes in full at the end: the same, numbered the same, and nothing of the body's
    # own at the top of the browser's checklist.
    expect(page.locator(".qb-pack-checklist:visible .qb-page-notes")).to_be_hidden()
    at_end = page.evaluate(
        """() => Array.from(document.querySelectorAll(
             '.qb-pack-checklist:not([hidden]) .qb-notes-end li')).filter(li => !li.hidden)
             .map(li => li.value + ': ' + li.querySelector('strong').textContent)"""
    )
    assert [words(t) for t in at_end] == in_full(command_line)
    # The threat briefing is printed whole, with its own notes, in both.
    briefing = page.locator(".qb-pack-threat:visible .qb-note .admonition-title")
    titles = [words(t) for t in briefing.all_inner_texts()]
    assert titles and titles == briefing_notes(tmp_path / "pack.pdf")
