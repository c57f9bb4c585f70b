"""A strategy read whole: a table's cells kept apart in a PDF as in its Word original, a
warning for a PDF table that cannot be read reliably, and an edition drafted by
``qbank new-edition --strategy`` that builds with no hand edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.content.errors import ContentError
from generator.content.load import ROOT
from generator.edition import load_bank
from generator.edition.blocks import EMPTY
from generator.edition.extract import read
from tests.strategy_docs import COUNCIL, HEADER, make_strategy_docx, plan_rows, to_pdf

needs_office = pytest.mark.skipif(not shutil.which("soffice"), reason="no LibreOffice")


@needs_office
def test_a_pdf_and_its_word_original_give_the_same_cells(tmp_path: Path) -> None:
    word = make_strategy_docx(tmp_path / "strategy.docx")
    pdf = read(to_pdf(word))
    assert [t.rows for t in pdf.tables()] == [t.rows for t in read(word).tables()]
    rows = pdf.tables()[0].rows
    assert rows[0] == HEADER and len(rows) == 1 + len(plan_rows())
    assert rows[1:] == tuple(tuple(cell for cell in r) for r in plan_rows())
    # The row cut by the page break is joined, and said to be.
    assert any("runs over the page break" in w for w in pdf.warnings)


def test_an_empty_cell_is_marked_in_the_text(tmp_path: Path) -> None:
    word = make_strategy_docx(tmp_path / "strategy.docx")
    assert main(["extract", str(word), "-o", str(tmp_path / "s.txt")]) == 0
    text = (tmp_path / "s.txt").read_text("utf-8")
    assert f"| Environmental Health | {EMPTY}\n" in text
    assert "Strand | Action | Lead | By when" in text


@needs_office
def test_a_pdf_table_without_ruling_lines_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = to_pdf(make_strategy_docx(tmp_path / "strategy.docx", ruled=False))
    assert main(["extract", str(pdf), "-o", str(tmp_path / "s.txt")]) == 0
    err = capsys.readouterr().err
    assert "without ruling lines" in err and "extract the .docx" in err
    ruled = to_pdf(make_strategy_docx(tmp_path / "ruled.docx"))
    assert not any("ruling lines" in w for w in read(ruled).warnings)


def test_new_edition_from_a_word_strategy_builds_with_its_plan_and_no_hand_edits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    word = make_strategy_docx(tmp_path / "strategy.docx")
    folder = tmp_path / "fenmere"
    assert main(["new-edition", str(folder), "--council", COUNCIL, "--strategy", str(word)]) == 0
    edition = (folder / "edition.yml").read_text("utf-8")
    assert '#   "Lead" -> ownership' in edition  # the column mapping, to confirm
    data = yaml.safe_load(edition)
    assert data["sources"][0]["title"] == "Fenmere Serious and Organised Crime Strategy 2026"
    assert data["strategy"]["aim"]["section"] == "Our aim"
    assert data["strategy"]["reporting_line"]["text"].startswith("Report any concern")
    plan = data["action_plan"]
    assert [r["strand"] for r in plan[:4]] == ["pursue", "prevent", "protect", "prepare"]
    assert "milestone" not in plan[4]  # the empty cell is left out: "not stated"
    capsys.readouterr()
    out = tmp_path / "site"
    assert main(["build", "-o", str(out), "--edition", str(folder)]) == 0
    page = (out / "local" / "action-plan.html").read_text("utf-8")
    assert "round 8" in page and "Community Safety Manager" in page


@pytest.mark.parametrize(
    "council",
    ["Acme $folder Council", 'Ryedale "Old" $council District', "Fen: #mere $council_yaml"],
)
def test_new_edition_writes_the_name_as_data(tmp_path: Path, council: str) -> None:
    folder = tmp_path / "two\nlines $council"
    assert main(["new-edition", str(folder), "--council", council]) == 0
    text = (folder / "edition.yml").read_text("utf-8")
    assert str(tmp_path) not in text
    bank = load_bank(ROOT, folder)
    assert bank.edition.council == council


@pytest.mark.parametrize(
    ("council", "says"),
    [
        ("x" * 101, "is 101 characters long; the most is 100"),
        ("Acme \u202eCouncil", "right-to-left override (U+202E)"),
        ("Acme \u2066Council", "left-to-right isolate (U+2066)"),
    ],
)
def test_one_check_of_the_council_name_in_new_edition_and_validate(
    tmp_path: Path, council: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new-edition", str(tmp_path / "a"), "--council", council]) == 2
    assert says in capsys.readouterr().err and not (tmp_path / "a").exists()
    assert main(["new-edition", str(tmp_path / "b"), "--council", "Acme Council"]) == 0
    path = tmp_path / "b" / "edition.yml"
    path.write_text(path.read_text("utf-8").replace("Acme Council", council), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_bank(ROOT, tmp_path / "b")
    report = caught.value.report()
    assert "edition.yml:" in report and (says in report or "U+20" in report)


def test_a_misspelt_cell_gets_the_nearest_text(tmp_path: Path) -> None:
    word = make_strategy_docx(tmp_path / "strategy.docx")
    folder = tmp_path / "fenmere"
    assert main(["new-edition", str(folder), "--council", COUNCIL, "--strategy", str(word)]) == 0
    path = folder / "edition.yml"
    text = path.read_text("utf-8").replace(
        "ownership: Environmental Health", "ownership: Environmentl Health", 1
    )
    path.write_text(text, "utf-8")
    with pytest.raises(ContentError) as caught:
        load_bank(ROOT, folder)
    assert "nearest in strategy.txt: 'Environmental Health'" in caught.value.report()
