"""Answers files, meeting packs that carry them, dates as people type them, `qbank pack --help`,
the site data the answer scripts read, and spreadsheet cells that must never be formulas."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document

from generator.cli import main
from generator.content import answers as answers_module
from generator.content import views as content
from generator.content.answers import read_answers, read_answers_file
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
            '{"format": "soc-question-bank-answers", "version": 4, "meetings": []}',
            "answers file version 4; this qbank reads versions 1, 2 and 3",
        ),
        (
            '{"format": "soc-question-bank-answers", "version": 2}',
            "missing required key 'meetings'",
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
    answer = schema["$defs"]["answers"]["additionalProperties"]
    assert tuple(answer["properties"]["status"]["enum"]) == ANSWER_STATUSES


# Meetings (answers file version 2) -----------------------------------------------------------


def meetings_file(tmp_path: Path, meetings: list[dict[str, Any]], **extra: object) -> Path:
    path = tmp_path / "my-answers.json"
    data = {"format": "soc-question-bank-answers", "version": 2, **extra, "meetings": meetings}
    path.write_text(json.dumps(data, indent=2), "utf-8")
    return path


SEPTEMBER = {
    "id": "m1",
    "body": "pcp",
    "date": "2026-09-10",
    "title": "Budget",
    "answers": {"PCP-14": {"ask": True, "status": "Assured", "note": "September note"}},
}
DECEMBER = {
    "id": "m2",
    "body": "pcp",
    "date": "2026-12-03",
    "title": "Drugs",
    "answers": {"PCP-02": {"ask": True, "status": "Not asked", "note": "December note"}},
}
OSC_MEETING = {
    "id": "m3",
    "body": "osc",
    "date": "2026-11-20",
    "answers": {"OSC-03": {"ask": True}},
}


def test_a_file_of_meetings_keeps_them_apart(tmp_path: Path) -> None:
    path = meetings_file(tmp_path, [DECEMBER, OSC_MEETING, SEPTEMBER], current="m1")
    file = read_answers_file(path)
    assert [m.id for m in file.meetings] == ["m2", "m3", "m1"]
    by_id = {m.id: m for m in file.meetings}
    assert by_id["m1"].answers["PCP-14"].note == "September note"
    assert set(by_id["m2"].answers) == {"PCP-02"} and set(by_id["m3"].answers) == {"OSC-03"}
    with pytest.raises(ValueError, match="holds 3 meetings: choose one"):
        read_answers(path)


@pytest.mark.parametrize(
    ("typed", "note"), [("3 December 2026", "December note"), ("10/9/2026", "September note")]
)
def test_pack_answers_take_the_meeting_for_its_body_and_date(
    tmp_path: Path, typed: str, note: str
) -> None:
    """``qbank pack --answers`` prints the meeting the file holds for the pack's body and date,
    whichever meeting was open when the file was exported."""
    path = meetings_file(tmp_path, [SEPTEMBER, DECEMBER, OSC_MEETING], current="m3")
    out = tmp_path / "pack.docx"
    args = ["pack", "--body", "pcp", "--date", typed, "--answers", str(path), "-o", str(out)]
    assert main(args) == 0
    # The answer column holds this meeting's answers only (last time's are by the question).
    text = "\n".join(r.cells[3].text for r in Document(str(out)).tables[0].rows)
    assert note in text
    other = {"December note", "September note"} - {note}
    assert other.pop() not in text


def test_a_version_1_file_is_one_general_meeting(tmp_path: Path) -> None:
    path = answers_file(tmp_path, {"OSC-02": {"ask": True, "note": "Kept"}})
    file = read_answers_file(path)
    assert [(m.id, m.body, m.date) for m in file.meetings] == [("general", "", "")]
    assert read_answers(path)["OSC-02"].note == "Kept"


@pytest.mark.parametrize(
    ("meeting", "message"),
    [
        ({**DECEMBER, "date": "0026-12-03"}, "'date' in entry m2 has the wrong form"),
        ({**DECEMBER, "id": "<b>"}, "'id' in entry <b> has the wrong form"),
        ({**DECEMBER, "title": "x" * 201}, "a meeting title of 201 characters"),
        (
            {**DECEMBER, "answers": []},
            "'answers' in entry m2 should be a mapping of keys, not a list",
        ),
    ],
)
def test_a_meeting_the_site_would_not_write_is_refused(
    tmp_path: Path, meeting: dict[str, Any], message: str
) -> None:
    with pytest.raises(ContentError, match=message):
        read_answers(meetings_file(tmp_path, [meeting]))


# Hostile answers files (issue 21, item 5) ----------------------------------------------------


def pack_docx(tmp_path: Path, path: Path) -> Any:
    out = tmp_path / "pack.docx"
    args = ["pack", "--body", "pcp", "--threat", "drugs", "--date", "3 December 2026"]
    assert main([*args, "--answers", str(path), "-o", str(out)]) == 0
    return Document(str(out))


def test_a_note_with_a_vertical_tab_prints(tmp_path: Path) -> None:
    """Word pastes a line break as a vertical tab; the site keeps it and exports it."""
    note = "First line\vsecond line\x0cthird\x00 end \ud800"
    path = answers_file(tmp_path, {"PCP-14": {"ask": True, "note": note}})
    answer = read_answers(path)["PCP-14"]
    assert answer.note == "First line\nsecond line\nthird  end  "
    doc = pack_docx(tmp_path, path)
    row = next(r for r in doc.tables[0].rows if r.cells[0].text == "PCP-14")
    assert "First line\nsecond line" in row.cells[3].text


def test_a_note_as_long_as_the_box_allows_is_read(tmp_path: Path) -> None:
    note = "n" * answers_module.MAX_NOTE
    path = answers_file(tmp_path, {"PCP-14": {"ask": True, "note": note}})
    assert read_answers(path)["PCP-14"].note == note
    pack_docx(tmp_path, path)


def test_a_longer_note_is_refused_at_its_place_without_repeating_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = "secret " * 3000  # 21,000 characters
    path = answers_file(tmp_path, {"PCP-14": {"ask": True, "note": note}})
    out = tmp_path / "pack.docx"
    args = ["pack", "--body", "pcp", "--answers", str(path), "-o", str(out)]
    assert main(args) != 0
    err = capsys.readouterr().err
    line = (
        path.read_text("utf-8")
        .splitlines()
        .index(next(x for x in path.read_text("utf-8").splitlines() if '"note"' in x))
        + 1
    )
    assert f"{path.as_posix()}:{line}:" in err
    assert (
        "the note on PCP-14 is 21,000 characters; a note box on the site holds at most 20,000"
        in err
    )
    assert "secret" not in err and len(err) < 1000 and not out.exists()


def test_long_text_elsewhere_is_never_repeated(tmp_path: Path) -> None:
    long = "z" * 5000
    path = answers_file(tmp_path, {"PCP-14": {"ask": True, "status": long}, long: {"ask": True}})
    with pytest.raises(ContentError) as caught:
        read_answers(path)
    report = caught.value.report()
    assert "zzzz" not in report and len(report) < 2000
    assert "the answer to PCP-14 is a text of 5,000 characters" in report
    assert "a question ID of 5,000 characters" in report


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("w", encoding="utf-8") as f:
        f.write('{"format": "soc-question-bank-answers", "version": 1, "answers": ')
        f.write('{"PCP-14": {"ask": true, "note": "')
        f.write("x" * (17 * 1024 * 1024))
        f.write('"}}}')
    with pytest.raises(ContentError) as caught:
        read_answers(path)
    report = caught.value.report()
    assert "the file is 17.0 MB; an answers file from the site is at most 16 MB" in report
    assert "xxx" not in report


def test_deep_nesting_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": "soc-question-bank-answers", "version": 1, "answers": '
                    '{"PCP-14": ' + "[" * 200_000 + "]" * 200_000 + "}}", "utf-8")  # fmt: skip
    with pytest.raises(ContentError) as caught:
        read_answers(path)
    assert f"{path.as_posix()}:1:" in caught.value.report()
    assert "brackets nest more than 8 deep" in caught.value.report()


def test_brackets_inside_notes_are_not_nesting(tmp_path: Path) -> None:
    note = '[[[[[[[[[[{{{{{{{{{{ \\" ]]]]'
    path = answers_file(tmp_path, {"PCP-14": {"ask": True, "note": note}})
    assert read_answers(path)["PCP-14"].note == note


def test_three_hundred_thousand_ids_are_refused_quickly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused from the parsed JSON alone: placing each of 300,000 entries with the strict
    YAML reader took 33 s and 1 GB before the limit; nothing is placed (``make bench`` times)."""
    path = tmp_path / "many.json"
    ids = ", ".join(f'"Q-{i}": {{"ask": true}}' for i in range(300_000))
    path.write_text('{"format": "soc-question-bank-answers", "version": 1, "answers": '
                    f"{{{ids}}}}}", "utf-8")  # fmt: skip

    def placed(*args: object) -> None:
        raise AssertionError("the file was read again to place its errors")

    monkeypatch.setattr(answers_module, "marks", placed)
    with pytest.raises(ContentError, match="more than 150,000 entries"):
        read_answers(path)


def test_too_many_answers_in_a_meeting_is_refused(tmp_path: Path) -> None:
    answers = {f"Q-{i}": {"ask": True} for i in range(answers_module.MAX_ANSWERS + 1)}
    path = meetings_file(tmp_path, [{**DECEMBER, "answers": answers}])
    with pytest.raises(ContentError, match="2,001 answers in one meeting; the site exports"):
        read_answers(path)


# The pack page's contact tables ---------------------------------------------------------------


def test_contact_tables_leave_out_empty_columns() -> None:
    from markupsafe import Markup, escape

    from generator.content.markup import make_env
    from generator.content.model import Contact

    env = make_env(ROOT / "templates", lambda text: Markup(escape(text)))
    table = env.get_template("_pack.html.jinja").module.contact_table  # type: ignore[attr-defined]
    roles = (Contact("Single point of contact"), Contact("Head of Public Protection"))
    html = str(table(roles, "Local contacts"))
    assert '<th scope="col">Role</th></tr>' in html
    assert "Name" not in html and "Email" not in html and "Phone" not in html
    some = (Contact("Lead", email="a@example.gov.uk"), Contact("Officer", phone="0115"))
    html = str(table(some, "Local contacts"))
    assert re.findall(r'<th scope="col">(\w+)</th>', html) == ["Role", "Email", "Phone"]
    assert "<td>Officer</td><td></td><td>0115</td>" in html


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
