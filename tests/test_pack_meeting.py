"""Answers files version 3 and the meeting a printed pack carries (issue 25, item 4; issue 26,
item 10): which meeting `qbank pack --answers` prints, what it refuses and how it says so,
duplicate keys, deleted meetings, unknown bodies, `--ticked-only`, the footer of every page
and "since last time" in PDF and Word (docs/contributing/answers-format.md)."""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from docx import Document
from pypdf import PdfReader

from generator.cli import main
from generator.content import answers as answers_module
from generator.content.answers import read_answers_file
from generator.content.errors import ContentError
from generator.content.load import ROOT
from generator.content.model import Bank
from generator.content.note_plan import checklist_plan
from generator.content.pack_meeting import MeetingChoiceError, choose, last_time
from tests.test_pdf_structure import structure

CONTRACT = ROOT / "docs" / "contributing" / "answers-format.md"


def stamp(n: int = 1, by: str = "k3f2a9x1", at: str = "2027-01-14T09:10:00.000Z") -> dict[str, Any]:
    return {"at": at, "by": by, "clock": {by: n}}


def meeting(
    mid: str, body: str, date: str, title: str, answers: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    return {"id": mid, "body": body, "date": date, "title": title, "answers": answers, **extra}


JANUARY_14 = meeting(
    "m-pcp-2027-01-14",
    "pcp",
    "2027-01-14",
    "Police and crime panel",
    {
        "PCP-04": {
            "ask": True,
            "status": "Partly assured",
            "note": "Plan names county lines; no measure.",
            "stamps": {"ask": stamp(), "status": stamp(2), "note": stamp(3)},
        },
        "PCP-07": {"ask": False, "status": "Not assured", "stamps": {"status": stamp()}},
        "PCP-09": {"ask": True, "status": "Not asked", "note": "Only a note last time."},
    },
    stamps={"title": stamp()},
)
JANUARY_21 = meeting(
    "m-pcp-2027-01-21",
    "pcp",
    "2027-01-21",
    "Budget scrutiny",
    {
        "PCP-01": {"ask": True, "status": "Not assured", "note": "No county lines figure."},
        "PCP-04": {"ask": True, "status": "Assured", "note": "Measure now in the plan."},
        "PCP-10": {"ask": True},
    },
)
GENERAL = meeting("general", "", "", "", {})
DELETED = {
    **meeting("m-old", "pcp", "2027-01-07", "Deleted one", {}),
    "deleted": True,
    "stamps": {"deleted": stamp(by="p8d7c6b5")},
}


def write(tmp_path: Path, meetings: list[dict[str, Any]], name: str = "answers.json") -> Path:
    data = {
        "format": "soc-question-bank-answers",
        "version": 3,
        "exported": "2027-01-21T09:30:00.000Z",
        "browser": "k3f2a9x1",
        "browsers": {"k3f2a9x1": {"name": "Work laptop"}, "p8d7c6b5": {"name": "Home PC"}},
        "current": meetings[0]["id"],
        "meetings": meetings,
    }
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), "utf-8")
    return path


def pack(
    tmp_path: Path, answers: Path, *options: str, fmt: str = "pdf", name: str = "pack"
) -> tuple[int, Path]:
    out = tmp_path / f"{name}.{fmt}"
    args = ["pack", "--body", "pcp", "--answers", str(answers), "-o", str(out), *options]
    return main(args), out


def pdf_pages(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(str(path)).pages]


# Reading version 3 --------------------------------------------------------------------------


def test_the_contracts_example_file_reads(tmp_path: Path) -> None:
    """The example in the contract itself: stamps checked by the schema, then ignored."""
    text = CONTRACT.read_text("utf-8")
    example = re.search(r"```json\n(.*?)\n```", text, re.S)
    assert example is not None
    path = tmp_path / "example.json"
    path.write_text(example.group(1), "utf-8")
    file = read_answers_file(path)
    assert [(m.id, m.deleted) for m in file.meetings] == [
        ("m-pcp-2027-01-14", False),
        ("m-old", True),
        ("general", False),
    ]
    assert [m.id for m in file.live] == ["m-pcp-2027-01-14", "general"]
    answer = file.live[0].answers["PCP-04"]
    assert (answer.ask, answer.status, answer.note) == (
        True,
        "Partly assured",
        "Plan names county lines; no measure.",
    )


def test_a_bad_stamp_is_refused_at_its_place(tmp_path: Path) -> None:
    bad = copy.deepcopy(JANUARY_14)
    bad["answers"]["PCP-04"]["stamps"]["note"] = {"at": "yesterday", "by": "k3f2a9x1"}
    path = write(tmp_path, [bad])
    with pytest.raises(ContentError) as caught:
        read_answers_file(path)
    report = caught.value.report()
    line = next(i for i, x in enumerate(path.read_text().splitlines(), 1) if "yesterday" in x)
    assert f":{line}:" in report and "'at' in entry" in report
    assert "missing required key 'clock'" in report


def test_a_version_3_file_nests_as_deep_as_its_clocks_and_no_deeper(tmp_path: Path) -> None:
    path = write(tmp_path, [JANUARY_14])
    assert read_answers_file(path).live[0].answers["PCP-04"].status == "Partly assured"
    deeper = copy.deepcopy(JANUARY_14)
    deeper["answers"]["PCP-04"]["stamps"]["note"]["clock"] = {"k3f2a9x1": [1]}
    with pytest.raises(ContentError, match="brackets nest more than 8 deep; an answers file"):
        read_answers_file(write(tmp_path, [deeper]))
    assert answers_module.MAX_DEPTH == 8  # file, meetings, meeting, answers, answer, stamps…


def test_a_body_the_edition_does_not_have_is_kept(tmp_path: Path) -> None:
    elsewhere = meeting("m-x", "youth-panel", "2027-02-01", "", {"YP-01": {"ask": True}})
    file = read_answers_file(write(tmp_path, [elsewhere, GENERAL]))
    assert file.live[0].body == "youth-panel" and "YP-01" in file.live[0].answers


# Duplicate keys (issue 26, item 10) --------------------------------------------------------


DUPLICATED = """{
  "format": "soc-question-bank-answers",
  "version": 2,
  "meetings": [
    {"id": "m1", "body": "pcp", "date": "2027-01-14", "title": "Panel",
     "answers": {
       "PCP-14": {"ask": true, "status": "Not assured", "note": "The one that matters"},
       "PCP-02": {"ask": true},
       "PCP\\u002d14": {"ask": false}
     },
     "title": "Again"}
  ]
}
"""


def test_duplicate_keys_are_refused_each_named_at_its_place(tmp_path: Path) -> None:
    """JSON readers keep the last of two keys: the ticked, noted PCP-14 was dropped."""
    path = tmp_path / "twice.json"
    path.write_text(DUPLICATED, "utf-8")
    with pytest.raises(ContentError) as caught:
        read_answers_file(path)
    report = caught.value.report()
    shown = path.as_posix()
    assert (
        f"{shown}:9:8: duplicate key 'PCP-14' (first at line 7); a JSON reader would "
        "silently keep only the last one" in report
    )
    assert f"{shown}:11:6: duplicate key 'title' (first at line 5)" in report
    assert report.endswith("2 content errors found.")


def test_the_same_key_in_different_objects_is_no_duplicate(tmp_path: Path) -> None:
    path = write(tmp_path, [JANUARY_21, JANUARY_14])  # PCP-04, ask, note... in each
    assert len(read_answers_file(path).live) == 2


def test_a_duplicate_key_stops_the_pack_with_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "twice.json"
    path.write_text(DUPLICATED, "utf-8")
    code, out = pack(tmp_path, path, fmt="docx")
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "duplicate key 'PCP-14'" in err and "Traceback" not in err


# Which meeting a pack prints ---------------------------------------------------------------


TWO = [JANUARY_21, JANUARY_14, GENERAL]


def test_several_meetings_and_none_named_is_refused_with_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, TWO)
    code, out = pack(tmp_path, path)
    err = capsys.readouterr().err
    assert code == 2 and not out.exists() and "Traceback" not in err
    assert f"{path.as_posix()} holds 3 meetings and no --date names one of them" in err
    assert "name the one to print with --meeting (its ID, title or date)" in err
    assert "  m-pcp-2027-01-21, body pcp, 21 January 2027, “Budget scrutiny”, 3 answers" in err
    assert "  m-pcp-2027-01-14, body pcp, 14 January 2027, “Police and crime panel”, 3 " in err
    assert "  general, no body (general), no date, 0 answers" in err


@pytest.mark.parametrize(
    "named", ["m-pcp-2027-01-14", "POLICE AND CRIME PANEL", "2027-01-14", "14/01/2027", "old-id"]
)
def test_meeting_named_by_id_title_date_or_merged_id(tmp_path: Path, named: str) -> None:
    merged = {**JANUARY_14, "also": ["old-id"]}
    file = read_answers_file(write(tmp_path, [JANUARY_21, merged, GENERAL]))
    assert choose(file, "f", named=named, body="pcp").id == "m-pcp-2027-01-14"


def test_a_name_that_fits_two_meetings_is_refused_with_both(tmp_path: Path) -> None:
    same = {**JANUARY_14, "title": "Budget scrutiny"}
    file = read_answers_file(write(tmp_path, [JANUARY_21, same]))
    with pytest.raises(MeetingChoiceError) as caught:
        choose(file, "f", named="budget scrutiny", body="pcp")
    message = str(caught.value)
    assert "--meeting 'budget scrutiny' fits 2 meetings in f" in message
    assert "m-pcp-2027-01-21" in message and "m-pcp-2027-01-14" in message
    assert "hint: name one by its ID" in message


def test_a_name_that_fits_none_lists_them(tmp_path: Path) -> None:
    file = read_answers_file(write(tmp_path, TWO))
    with pytest.raises(MeetingChoiceError, match="no meeting in f has the ID, title or date"):
        choose(file, "f", named="Licensing", body="pcp")


def test_body_and_date_pick_the_meeting_when_none_is_named(tmp_path: Path) -> None:
    file = read_answers_file(write(tmp_path, TWO))
    assert choose(file, "f", body="pcp", date="2027-01-14").id == "m-pcp-2027-01-14"


def test_never_one_meetings_answers_under_anothers_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 25: --date 21/01/2027 with a file whose open meeting was 14 January printed 14
    January's ticks, ratings and notes under 21 January."""
    path = write(tmp_path, [JANUARY_14, GENERAL])
    code, out = pack(tmp_path, path, "--date", "21/01/2027")
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert (
        "meeting m-pcp-2027-01-14 is on 14 January 2027, not 21 January 2027: a pack never "
        "prints one meeting's answers under another's date" in err
    )
    code, out = pack(tmp_path, path, "--date", "21/01/2027", "--meeting", "14/01/2027")
    assert code == 2 and "not 21 January 2027" in capsys.readouterr().err


def test_a_file_exported_with_general_open_prints_the_meeting_that_holds_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 25: it silently ticked nothing. Without --date, the meeting's date and title."""
    path = write(tmp_path, [GENERAL, JANUARY_14])  # "current" is general
    code, out = pack(tmp_path, path, fmt="docx")
    assert code == 0
    assert "the answers of meeting m-pcp-2027-01-14 (14 January 2027)" in capsys.readouterr().out
    doc = Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Meeting: Police and crime panel" in text and "Meeting date: 14 January 2027" in text
    rows = {r.cells[0].text: r.cells for r in doc.tables[0].rows[1:]}
    assert 'w14:checked w14:val="1"' in rows["PCP-04"][2]._tc.xml
    assert rows["PCP-04"][3].text == "Partly assured\nPlan names county lines; no measure."


def test_a_deleted_meeting_is_never_chosen_nor_counted(tmp_path: Path) -> None:
    deleted_same_day = {**DELETED, "date": "2027-01-14"}
    file = read_answers_file(write(tmp_path, [deleted_same_day, JANUARY_14, GENERAL]))
    assert choose(file, "f", body="pcp").id == "m-pcp-2027-01-14"  # one live meeting holds any
    assert choose(file, "f", body="pcp", date="2027-01-14").id == "m-pcp-2027-01-14"
    with pytest.raises(MeetingChoiceError, match="no meeting in f has the ID"):
        choose(file, "f", named="m-old", body="pcp")
    with pytest.raises(MeetingChoiceError, match="holds no meetings"):
        choose(read_answers_file(write(tmp_path, [DELETED])), "f", body="pcp")


def test_a_meeting_of_another_body_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = meeting("m-x", "youth-panel", "2027-02-01", "", {"YP-01": {"ask": True}})
    code, _ = pack(tmp_path, write(tmp_path, [elsewhere, GENERAL]))
    err = capsys.readouterr().err
    assert code == 2 and "meeting m-x is of body youth-panel, not pcp" in err


def test_meeting_and_ticked_only_need_an_answers_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.pdf"
    assert main(["pack", "--body", "pcp", "--ticked-only", "-o", str(out)]) == 2
    assert "--ticked-only needs --answers FILE" in capsys.readouterr().err


def test_ticked_only_with_nothing_ticked_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rated = meeting("m1", "pcp", "2027-01-14", "", {"PCP-02": {"ask": False, "note": "x"}})
    code, out = pack(tmp_path, write(tmp_path, [rated]), "--ticked-only", fmt="docx")
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert "no Police and crime panels question is ticked in the meeting chosen" in err


# Since last time ----------------------------------------------------------------------------


def test_last_time_is_the_latest_earlier_meeting_of_the_body(tmp_path: Path) -> None:
    earlier = meeting("m-dec", "pcp", "2026-12-03", "", {"PCP-04": {"ask": True}})
    osc = meeting("m-osc", "osc", "2027-01-20", "", {"OSC-01": {"ask": True}})
    later_deleted = {**DELETED, "date": "2027-01-20"}
    file = read_answers_file(write(tmp_path, [JANUARY_21, later_deleted, osc, JANUARY_14, earlier]))
    by_id = {m.id: m for m in file.meetings}
    last = last_time(file, by_id["m-pcp-2027-01-21"])
    assert last is not None and last.meeting.id == "m-pcp-2027-01-14"
    assert last.label == "Last time, 14 January 2027:"
    assert last.text("PCP-04") == "Partly assured — Plan names county lines; no measure."
    assert last.text("PCP-07") == "Not assured"
    assert last.text("PCP-09") == "Only a note last time."
    assert last.text("PCP-01") == ""
    assert last_time(file, by_id["m-dec"]) is None  # the first of its body
    assert last_time(file, by_id["m-osc"]) is None  # no earlier osc meeting


LAST_04 = "Last time, 14 January 2027: Partly assured — Plan names county lines; no measure."


def test_last_time_in_the_pdf_pack_as_a_tagged_paragraph(tmp_path: Path) -> None:
    code, out = pack(tmp_path, write(tmp_path, TWO), "--meeting", "Budget scrutiny")
    assert code == 0
    text = " ".join(pdf_pages(out))
    assert LAST_04 in text and "Last time, 14 January 2027: Not assured" in text
    assert text.count("Last time,") == 3  # PCP-04, 07 and 09: nothing else was rated or noted
    # Tagged: each "last time" is a paragraph of its own in the structure tree, after its
    # question's heading.
    with pikepdf.open(out) as pdf:
        tags = [str(e.S) for e in structure(pdf.Root.StructTreeRoot.K)]
    assert tags.count("/H3") >= 14 and "/P" in tags


def test_last_time_in_the_word_pack_has_its_own_style(tmp_path: Path) -> None:
    code, out = pack(tmp_path, write(tmp_path, TWO), "--meeting", "m-pcp-2027-01-21", fmt="docx")
    assert code == 0
    doc = Document(str(out))
    rows = {r.cells[0].text: r.cells for r in doc.tables[0].rows[1:]}
    lasts = {
        qid: [p.text for p in cells[1].paragraphs if p.style.name == "Last time"]
        for qid, cells in rows.items()
    }
    assert lasts["PCP-04"] == [LAST_04]
    assert lasts["PCP-01"] == [] and lasts["PCP-09"] == [
        "Last time, 14 January 2027: Only a note last time."
    ]
    label = next(p for p in rows["PCP-04"][1].paragraphs if p.style.name == "Last time")
    assert label.runs[0].bold and label.runs[0].text == "Last time, 14 January 2027: "
    assert rows["PCP-04"][3].text == "Assured\nMeasure now in the plan."  # this meeting's


# The footer and the ticked-only pack ----------------------------------------------------------


def test_every_pdf_page_footer_names_body_meeting_and_date(tmp_path: Path) -> None:
    """Issue 25: pages 2-10 of a command-line pack named no meeting or date."""
    path = write(tmp_path, TWO)
    code, out = pack(tmp_path, path, "--meeting", "m-pcp-2027-01-21", "--threat", "drugs")
    assert code == 0
    pages = pdf_pages(out)
    assert len(pages) >= 5
    footer = "Police and crime panels · Budget scrutiny · 21 January 2027 ·"
    missing = [n for n, text in enumerate(pages, 1) if footer not in text]
    assert not missing, f"no footer on pages {missing} of {len(pages)}"


def test_every_pdf_and_word_footer_names_the_council(tmp_path: Path) -> None:
    path = write(tmp_path, TWO)
    edition = ["--edition", str(ROOT / "editions" / "example"), "--meeting", "21/01/2027"]
    code, out = pack(tmp_path, path, *edition, "--threat", "cyber")
    assert code == 0
    footer = (
        "Exampleshire District Council · Police and crime panels · Budget scrutiny · "
        "21 January 2027 ·"
    )
    pages = pdf_pages(out)
    assert all(footer in text for text in pages), [footer in t for t in pages]
    code, out = pack(tmp_path, path, *edition, "--threat", "cyber", fmt="docx")
    sections = Document(str(out)).sections
    assert len(sections) == 2
    for section in sections:  # the briefing's landscape section keeps the same footer
        assert section.footer.paragraphs[0].text.startswith(footer)


def ticked_notes(bank: Bank, ticked: list[str]) -> tuple[set[str], set[str]]:
    """The titles of the notes a ticked-only PCP pack should print, and those it should not."""
    full = checklist_plan(bank, bank.audience("pcp"))
    keep = {n.note.id for q in ticked for n in full.at(q)}
    titles = {n.note.id: n.note.title for n in full.in_order}
    return {titles[i] for i in keep}, {t for i, t in titles.items() if i not in keep}


def test_a_ticked_only_pack_prints_only_its_questions_and_their_notes(
    tmp_path: Path, bank: Bank
) -> None:
    """Issue 25: a pack of 3 ticked questions printed all 9 notes, then the body's own
    notes too; it prints only the notes its ticked questions carry."""
    path = write(tmp_path, TWO)
    ticked = ["PCP-01", "PCP-04", "PCP-10"]
    keep, drop = ticked_notes(bank, ticked)
    full = checklist_plan(bank, bank.audience("pcp"))
    own = {n.note.title for n in full.top} - keep  # the body's, on no ticked question
    assert keep and own and own <= drop
    code, out = pack(tmp_path, path, "--meeting", "Budget scrutiny", "--ticked-only")
    assert code == 0
    text = " ".join(pdf_pages(out))
    assert "This pack holds the 3 questions ticked for the meeting, of 14." in text
    assert re.findall(r"\bPCP-\d\d\b(?= \w)", text.split("Notes in full")[0]) == ticked
    for title in keep:
        assert " ".join(title.split()) in text
    for title in drop:
        assert " ".join(title.split()) not in text, title
    code, out = pack(tmp_path, path, "--meeting", "Budget scrutiny", "--ticked-only", fmt="docx")
    doc = Document(str(out))
    assert [r.cells[0].text for r in doc.tables[0].rows[1:]] == ticked
    words = "\n".join(p.text for p in doc.paragraphs)
    assert all(t in words for t in keep) and not any(t in words for t in drop)
    code, out = pack(tmp_path, path, "--meeting", "Budget scrutiny", name="whole")
    whole = " ".join(pdf_pages(out))  # a full pack keeps the body's own notes
    assert all(" ".join(title.split()) in whole for title in own)


def test_pdf_page_counts_of_a_ticked_only_pack(tmp_path: Path) -> None:
    """Fewer pages than the whole checklist (the figures are in ``make bench``)."""
    path = write(tmp_path, TWO)
    _, whole = pack(tmp_path, path, "--meeting", "Budget scrutiny", name="whole")
    _, ticked = pack(tmp_path, path, "--meeting", "Budget scrutiny", "--ticked-only")
    assert len(PdfReader(io.BytesIO(ticked.read_bytes())).pages) < len(
        PdfReader(io.BytesIO(whole.read_bytes())).pages
    )
