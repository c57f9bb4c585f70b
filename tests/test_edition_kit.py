"""Making a council's edition in an afternoon: ``qbank new-edition``, ``qbank extract``, and a
site built from the two with no other edits; the starter never replaces anything."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml

from generator.cli import main
from generator.content.errors import ContentError
from generator.content.load import ROOT
from generator.edition import fold, load_bank
from generator.edition.extract import tidy
from generator.edition.starter import placeholder_source

COUNCIL = "Northwold District Council"
# A made-up council's strategy, as a web team would be sent it: curly quotes, a ligature
# ("ﬁ" in "ofﬁcers", as some PDFs' text holds it) and a non-breaking space.
STRATEGY = [
    ("h1", "Northwold Serious and Organised Crime Strategy 2025"),
    ("h2", "Our aim"),
    ("p", "To make Northwold a hostile place for serious and organised crime."),
    ("h2", "What the Council will do"),
    ("p", "Train all front-line ofﬁcers to spot the signs of exploitation."),
    ("p", "Share information with Fenland Police and the “Safer Northwold” partnership."),
    ("h2", "Reporting concerns"),
    ("p", "Report any concern to Fenland Police on 101, or anonymously to Crimestoppers."),
]


def make_pdf(path: Path) -> Path:
    from weasyprint import HTML

    body = "".join(f"<{tag}>{text}</{tag}>" for tag, text in STRATEGY)
    HTML(string=f"<html lang='en'><body>{body}</body></html>").write_pdf(path)
    return path


def make_docx(path: Path) -> Path:
    document = docx.Document()
    for tag, text in STRATEGY:
        if tag == "p":
            document.add_paragraph(text)
        else:
            document.add_heading(text, level=int(tag[1]))
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Owner"
    table.rows[0].cells[1].text = "Head\u00a0of Community Safety"
    document.save(str(path))
    return path


MAKERS = {"pdf": make_pdf, "docx": make_docx}


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_new_edition_builds_from_the_starter_and_an_extracted_strategy(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "northwold"
    assert main(["new-edition", str(folder), "--council", COUNCIL]) == 0
    document = MAKERS[kind](tmp_path / f"strategy.{kind}")
    # The starter's placeholder strategy.txt is replaced without --force: qbank wrote it.
    assert main(["extract", str(document), "-o", str(folder / "strategy.txt")]) == 0
    capsys.readouterr()
    out = tmp_path / "site"
    assert main(["build", "-o", str(out), "--edition", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "warning: the reporting line is still the starter's placeholder" in err
    assert "still the starter's placeholder" not in err.replace("reporting line is still", "")
    home = (out / "index.html").read_text("utf-8")
    assert COUNCIL in home
    assert "L-OSC-01" in (out / "all-questions.html").read_text("utf-8")
    text = (folder / "strategy.txt").read_text("utf-8")
    assert "officers" in text and "\ufb01" not in text
    assert '"Safer Northwold"' in text and "\u201c" not in text
    # A quote copied from the document itself (curly quotes, ligature) is found in the copy.
    for quote in (STRATEGY[4][1], STRATEGY[5][1], STRATEGY[7][1]):
        assert fold(quote) in fold(text)


def test_new_edition_writes_a_valid_edition_and_the_schema_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "ed"
    assert main(["new-edition", str(folder), "--council", 'Gedling "Borough": Council']) == 0
    edition = (folder / "edition.yml").read_text("utf-8")
    assert edition.startswith("# yaml-language-server: $schema=schema/edition.schema.json\n")
    assert (folder / "schema" / "edition.schema.json").is_file()
    assert (folder / "schema" / "common.schema.json").is_file()  # edition's $refs resolve
    assert yaml.safe_load(edition)["action_plan"] == []
    bank = load_bank(ROOT, folder)  # valid: no ContentError
    assert bank.edition.council == 'Gedling "Borough": Council'
    assert [q.id for q in bank.questions if q.local] == ["L-OSC-01"]
    assert bank.edition.reporting_line.startswith("[REPLACE:")


def test_new_edition_never_writes_into_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ed"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", "utf-8")
    assert main(["new-edition", str(folder), "--council", COUNCIL]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    (tmp_path / "file").write_text("mine", "utf-8")
    assert main(["new-edition", str(tmp_path / "file"), "--council", COUNCIL]) == 2
    assert main(["new-edition", str(tmp_path / "x"), "--council", "Two\nlines"]) == 2
    assert not (tmp_path / "x").exists()


def test_extract_never_replaces_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make_pdf(tmp_path / "s.pdf")
    out = tmp_path / "strategy.txt"
    out.write_text("the team's own notes\n", "utf-8")
    assert main(["extract", str(pdf), "-o", str(out)]) == 2
    assert "already exists: add --force" in capsys.readouterr().err
    assert out.read_text("utf-8") == "the team's own notes\n"
    assert main(["extract", str(pdf), "-o", str(out), "--force"]) == 0
    assert "hostile place" in out.read_text("utf-8")
    # The starter's placeholder, once edited, is the team's: it needs --force too.
    out.write_bytes(placeholder_source() + b"edited\n")
    assert main(["extract", str(pdf), "-o", str(out)]) == 2


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0", "reads .pdf and .docx files"),
        ("broken.pdf", b"%PDF-1.7\nnot really", "could not be read as a PDF"),
        ("broken.docx", b"PK\x03\x04 not really", "could not be read as a Word .docx"),
    ],
)
def test_extract_refuses_what_it_cannot_read_without_a_traceback(
    tmp_path: Path, name: str, data: bytes, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / name).write_bytes(data)
    assert main(["extract", str(tmp_path / name), "-o", str(tmp_path / "s.txt")]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert not (tmp_path / "s.txt").exists()


def test_extract_tidies_as_the_quote_check_folds() -> None:
    raw = (
        "Of\ufb01cers\u00a0 and \u2018partners\u2019\tmeet.\r\n\r\n\r\n\x0cNext\u00adpage \ufb02ows"
    )
    assert tidy(raw) == "Officers and 'partners' meet.\n\nNextpage flows\n"
    assert fold(tidy(raw)) == fold(raw)


def test_a_placeholder_is_warned_about_never_quote_checked(tmp_path: Path) -> None:
    folder = tmp_path / "ed"
    assert main(["new-edition", str(folder), "--council", COUNCIL]) == 0
    (folder / "strategy.txt").write_text("Nothing the starter quotes.\n", "utf-8")
    load_bank(ROOT, folder)  # no "not found word for word" for the placeholders
    text = (folder / "edition.yml").read_text("utf-8")
    (folder / "edition.yml").write_text(
        text.replace("[REPLACE: the aim, copied from strategy.txt]", "Words not there."), "utf-8"
    )
    with pytest.raises(ContentError) as info:
        load_bank(ROOT, folder)
    (problem,) = info.value.problems
    assert problem.message == "not found word for word in source 'strategy': 'Words not there.'"


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (["EDITION=editions/broxtowe/"], "-o site-broxtowe --edition editions/broxtowe/"),
        (["EDITION=/any/where/northwold"], "-o site-northwold --edition /any/where/northwold"),
        (["EDITION=/any/where/northwold", "OUT=out"], "-o out --edition /any/where/northwold"),
        ([], "-o site "),
    ],
)
def test_make_site_builds_an_edition_beside_the_national_site(args: list[str], output: str) -> None:
    import subprocess

    run = subprocess.run(
        ["make", "-n", "site", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    (build,) = [line for line in run.stdout.splitlines() if "qbank build" in line]
    # The engine follows the edition (`--engine mkdocs` by default).
    words = " ".join(build.split())
    assert f"qbank build {output}".rstrip() + " --engine mkdocs" in words
