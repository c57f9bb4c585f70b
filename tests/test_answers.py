"""Answers files, meeting packs that carry them, dates as people type them, `qbank pack --help`,
the site data the answer scripts read, and spreadsheet cells that must never be formulas."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document

from generator.cli import main
from generator.content import views as content
from generator.content.answers import read_answers
from generator.content.errors import ContentError
from generator.content.load import ROOT
from generator.content.model import ANSWER_STATUSES, Bank
from generator.downloads import tabular, xlsx
from generator.downloads.stamp import Stamp
from generator.site.outputs import site_data

FORMULA = '=HYPERLINK("http://evil.example/","Click")'


def answers_file(tmp_path: Path, answers: object, **extra: object) -> Path:
    path = tmp_path / "my-answers.json"
    data = {"format": "soc-question-bank-answers", "version": 1, **extra, "answers": answers}
    path.write_text(json.dumps(data, indent=2), "utf-8")
    return path


def test_an_exported_file_reads_back(tmp_path: Path) -> None:
    path = answers_file(
        tmp_path,
        {
            "OSC-02": {"ask": True, "status": "Partly assured", "note": "Report due\nin March"},
            "OSC-05": {"ask": False, "status": "Not asked", "note": ""},
        },
        bank_version="1.0.0",
        edition="",
        exported="2026-12-01T09:00:00Z",
    )
    answers = read_answers(path)
    assert answers["OSC-02"].ask and answers["OSC-02"].status == "Partly assured"
    assert answers["OSC-02"].note == "Report due\nin March" and answers["OSC-02"].rated
    assert not answers["OSC-05"].ask and not answers["OSC-05"].rated


def test_every_problem_in_an_answers_file_is_placed(tmp_path: Path) -> None:
    path = answers_file(tmp_path, {"OSC-02": {"ask": "yes", "status": "Fine", "notes": ""}})
    with pytest.raises(ContentError) as caught:
        read_answers(path)
    report = caught.value.report()
    assert f"{path.as_posix()}:6:7: 'ask' should be true or false, not text" in report
    assert "'status' is 'Fine'\n    hint: use one of: Assured, Partly assured" in report
    assert "unknown key 'notes'" in report and "did you mean 'note'?" in report
    assert report.endswith("3 content errors found.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "soc-question-bank-answers",', ":1:40: not valid JSON"),
        ('{"format": "something-else", "answers": {}}', "'format'"),
        (
            '{"format": "soc-question-bank-answers", "version": 2, "answers": {}}',
            "answers file version 2; this qbank reads version 1",
        ),
    ],
)
def test_a_file_that_is_not_an_answers_file_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(text, "utf-8")
    with pytest.raises(ContentError, match=message):
        read_answers(path)


def test_the_schema_uses_the_one_answer_scale() -> None:
    schema = json.loads((ROOT / "schema" / "answers.schema.json").read_text("utf-8"))
    answer = schema["properties"]["answers"]["additionalProperties"]
    assert tuple(answer["properties"]["status"]["enum"]) == ANSWER_STATUSES


@pytest.mark.parametrize(
    "typed",
    ["3 December 2026", "3/12/2026", "03/12/2026", "2026-12-03", "3rd Dec 2026",
     "Thursday 3 December 2026", " 3  december 2026 "],
)  # fmt: skip
def test_meeting_dates_as_people_type_them(typed: str) -> None:
    assert content.parse_date(typed) == date(2026, 12, 3)


@pytest.mark.parametrize("typed", ["31/2/2026", "3 Decembre 2026", "12/3/26", "next Tuesday"])
def test_a_date_that_is_not_one_says_how_to_write_it(typed: str) -> None:
    with pytest.raises(ValueError, match="write it as 3 December 2026, 3/12/2026 or 2026-12-03"):
        content.parse_date(typed)


def test_pack_help_lists_body_and_threat_codes(
    bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["pack", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for item in (*bank.audiences, *bank.threats):
        assert any(line.split()[:1] == [item.id] and item.name in line for line in out.splitlines())
    assert "--answers" in out and "3/12/2026" in out


def pack_with_answers(tmp_path: Path, fmt: str) -> Path:
    path = answers_file(
        tmp_path,
        {
            "OSC-02": {"ask": True, "status": "Partly assured", "note": FORMULA},
            "OSC-07": {"ask": True, "status": "Not asked", "note": ""},
        },
    )
    out = tmp_path / f"pack.{fmt}"
    args = ["pack", "--body", "osc", "--threat", "firearms", "--threat", "economic"]
    args += ["--threat", "drugs"]
    args += ["--date", "3 December 2026", "--title", "Crime & disorder review"]
    assert main([*args, "--answers", str(path), "--format", fmt, "-o", str(out)]) == 0
    return out


def test_a_word_pack_carries_the_councillors_answers(tmp_path: Path, bank: Bank) -> None:
    doc = Document(str(pack_with_answers(tmp_path, "docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Meeting: Crime & disorder review" in text
    assert "Meeting date: 3 December 2026" in text
    rows = {r.cells[0].text: r.cells for r in doc.tables[0].rows[1:]}

    # The tick box is a Word check-box content control, ticked for the questions chosen.
    def ticked(cell: Any) -> bool:
        xml = cell._tc.xml
        assert "w14:checkbox" in xml, "not a check-box content control"
        return 'w14:checked w14:val="1"' in xml

    assert ticked(rows["OSC-02"][2]) and ticked(rows["OSC-07"][2])
    assert not ticked(rows["OSC-01"][2]) and rows["OSC-01"][3].text == ""
    assert rows["OSC-02"][3].text == f"Partly assured\n{FORMULA}"
    assert text.count("Questions on this threat") == 3
    unnamed = [t for t in ("firearms", "economic", "drugs") if not bank.questions_on(t)]
    assert text.count(content.NO_THREAT_QUESTIONS) == len(unnamed)
    for q in bank.questions_on("drugs"):
        assert any(p.text.startswith(f"{q.id} {q.text}") for p in doc.paragraphs)


def test_a_pdf_pack_carries_the_councillors_answers(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run(
        ["pdftotext", str(pack_with_answers(tmp_path, "pdf")), "-"],
        capture_output=True,
        check=True,
    )
    text = " ".join(done.stdout.decode("utf-8").split())
    assert "Meeting: Crime & disorder review" in text
    assert "Answer: Partly assured" in text and f"Notes: {FORMULA}" in text
    assert text.count("Answer: ") == 1  # "Not asked" is not an answer worth printing
    assert "Threat briefing: Criminal use of firearms" in text
    assert "Threat briefing: Economic crime" in text
    assert text.count("Questions on this threat") == 3


# Spreadsheet safety -------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_could_be_a_formula_is_text(start: str) -> None:
    assert tabular.safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert tabular.safe_cell("What is the threat?") == "What is the threat?"


@pytest.fixture
def pasted(bank: Bank) -> Bank:
    """The bank with a question pasted from Word that a spreadsheet would run as a formula."""
    first = bank.audiences[0]
    question = dataclasses.replace(first.questions[0], text=FORMULA, items=("-1+2",))
    audience = dataclasses.replace(first, questions=(question, *first.questions[1:]))
    return dataclasses.replace(bank, audiences=(audience, *bank.audiences[1:]))


def test_csv_writes_a_formula_like_question_as_text(pasted: Bank) -> None:
    data = tabular.to_csv(pasted, pasted.questions, Stamp.of(pasted))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][2] == "'" + FORMULA + "\n• -1+2"
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_workbook_stores_a_formula_like_question_as_text(pasted: Bank, tmp_path: Path) -> None:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(xlsx.workbook(pasted, pasted.questions, "All audiences"))
    ws = openpyxl.load_workbook(path)["Questions"]
    cell = ws["C2"]
    assert cell.data_type == "s" and cell.value.startswith(FORMULA)
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_site_data_cannot_end_its_script() -> None:
    from generator.edition import load_bank

    bank = load_bank(ROOT)
    hostile = dataclasses.replace(
        bank, edition=dataclasses.replace(bank.edition, council="</script><b>&\u2028")
    )
    text = site_data(hostile)
    assert "</script>" not in text and "<b>" not in text and "\u2028" not in text
    payload = text.split("window.qbankSite = ", 1)[1].rstrip().removesuffix(";")
    assert json.loads(payload)["edition"] == "</script><b>&\u2028"
    assert json.loads(payload)["statuses"] == list(ANSWER_STATUSES)
