"""Downloads read back with the tools a council would open them with, and meeting packs."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from generator.cli import main
from generator.content import views as content
from generator.content.load import ROOT
from generator.content.model import Bank
from generator.downloads import stamp
from generator.downloads.pack import make_pack
from generator.downloads.registry import build_downloads
from generator.edition import load_bank

EPOCH = "1795000000"  # 18 November 2026, 11:06:40 UTC
EXAMPLE = ROOT / "editions" / "example"
A4 = (595, 842)  # points
REQUIRE = os.environ.get("QBANK_REQUIRE_BROWSER") == "1"
AUDIENCES = [a.id for a in load_bank(ROOT).audiences]


def need(tool: str) -> str:
    """The path of a command-line tool; skip the test without it (fail if it is required)."""
    found = shutil.which(tool)
    if found is None:
        if REQUIRE:
            pytest.fail(f"{tool} is missing and QBANK_REQUIRE_BROWSER=1")
        pytest.skip(f"{tool} is not installed")
    return found


def pdf_text(data: bytes) -> str:
    out = subprocess.run(
        [need("pdftotext"), "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def page_sizes(data: bytes) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(data)).pages
    ]


@pytest.fixture(scope="module")
def downloads(built_site: Path) -> Path:
    return built_site / "downloads"


# Word ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("audience_id", AUDIENCES)
def test_word_checklist(downloads: Path, bank: Bank, audience_id: str) -> None:
    audience = bank.audience(audience_id)
    doc = Document(str(downloads / f"{audience.slug}.docx"))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Head")]
    assert headings[0] == ("Heading 1", content.checklist_title(audience))
    assert ("Heading 2", "Questions") in headings
    assert ("Heading 2", "What good answers look like") in headings
    assert ("Heading 2", "Source") in headings

    (table,) = doc.tables
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["ID", "Question", "Asked", "Answer and notes"]
    assert header._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert table.autofit is False
    assert all(col.width for col in table.columns)
    assert [r.cells[0].text for r in table.rows[1:]] == [q.id for q in audience.questions]
    # A check-box content control in each row (tests/test_word_checkboxes.py ticks them).
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}checkbox"
    assert all(len(list(r.cells[2]._tc.iter(w14))) == 1 for r in table.rows[1:])

    text = "\n".join(p.text for p in doc.paragraphs)
    assert audience.expectations[0].text in text
    assert "Meeting date: ____" in text
    props = doc.core_properties
    assert props.title == content.checklist_title(audience)
    assert props.subject == content.subject(audience)
    assert props.version == bank.version


def test_word_corrections_and_notes_are_kept(downloads: Path, bank: Bank) -> None:
    doc = Document(str(downloads / "police-and-crime-panels.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Editorial correction: the published text “make full use the intelligence”" in text
    assert "Editorial note, 23 November 2026: Some areas have a mayor" in text


def test_word_carries_the_council_of_an_edition() -> None:
    local = load_bank(ROOT, EXAMPLE)
    data = make_pack(local, "pcp", [], "", "docx")
    doc = Document(io.BytesIO(data))
    assert "Council: Exampleshire District Council" in doc.paragraphs[1].text
    assert doc.core_properties.author == "Exampleshire District Council"


def test_word_converts_in_libreoffice(downloads: Path, tmp_path: Path) -> None:
    soffice = need("soffice")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(downloads / "police-and-crime-panels.docx")],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    data = (tmp_path / "police-and-crime-panels.pdf").read_bytes()
    assert set(page_sizes(data)) == {A4}
    assert "PCP-14" in pdf_text(data)


# PDF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("audience_id", AUDIENCES)
def test_pdf_checklist(downloads: Path, bank: Bank, audience_id: str) -> None:
    audience = bank.audience(audience_id)
    data = (downloads / f"{audience.slug}.pdf").read_bytes()
    sizes = page_sizes(data)
    assert set(sizes) == {A4}
    # The checklist itself (questions, what good answers look like) fits on 3 pages: where a
    # note bears it prints as a one-line reference, and each note is printed in full once,
    # under "Editorial notes" after the questions.
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    answers_page = next(i for i, t in enumerate(pages) if "What good answers look like" in t)
    assert answers_page < 3, f"the checklist runs to {answers_page + 1} pages"
    # Compared without spaces: the PDF's text breaks lines inside words ("group- based").
    joined = "".join("".join(pages).split())
    for at in content.checklist_plan(bank, audience).in_order:
        assert joined.count("".join(content.note_title(at.note).split())) == 1, at.note.id
    text = pdf_text(data)
    for q in audience.questions:
        assert q.id in text
    assert "What good answers look like" in text
    reader = PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata is not None and reader.metadata.title == content.checklist_title(
        audience
    )


def test_pdf_threat_briefings(downloads: Path, bank: Bank) -> None:
    for threat in bank.threats:
        data = (downloads / "threats" / f"{threat.slug}.pdf").read_bytes()
        sizes = page_sizes(data)
        # Landscape; the briefing lists the questions on the threat as its page does.
        assert set(sizes) == {A4[::-1]} and len(sizes) <= 5, threat.id
        text = " ".join(pdf_text(data).split())
        assert f"Threat briefing: {threat.name}" in text
        assert "Positive action councils can take" in text
        assert "See Organised Crime Command" not in text  # cross-references resolved


# Spreadsheets and CSV -----------------------------------------------------------------------


def test_whole_bank_workbook(downloads: Path, bank: Bank) -> None:
    wb = openpyxl.load_workbook(downloads / "question-bank.xlsx")
    ws = wb["Questions"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:7] == ("ID", "Audience", "Question", "Threats", "4P strand", "Theme", "Status")
    assert [r[0] for r in rows[1:]] == [q.id for q in bank.questions]
    assert ws.freeze_panes == "A2"
    assert all(cell.font.bold for cell in ws[1])
    assert ws.column_dimensions["C"].width == 60
    (choices,) = ws.data_validations.dataValidation
    assert choices.formula1 == '"Assured,Partly assured,Not assured,Not asked"'
    assert "G2:G" in str(choices.sqref)
    about = dict(wb["About"].iter_rows(values_only=True))
    assert about["Bank version"] == bank.version
    assert wb.properties.version == bank.version


@pytest.mark.parametrize("audience_id", AUDIENCES)
def test_audience_workbook_links_every_question(
    downloads: Path, built_site: Path, bank: Bank, audience_id: str
) -> None:
    audience = bank.audience(audience_id)
    ws = openpyxl.load_workbook(downloads / f"{audience.slug}.xlsx")["Questions"]
    assert [r[0].value for r in ws.iter_rows(min_row=2)] == [q.id for q in audience.questions]
    # The national bank has no site_url: no links (a relative one dies once the file is saved
    # elsewhere); tests/test_spreadsheet_setup.py checks an edition's absolute links.
    assert all(row[10].hyperlink is None for row in ws.iter_rows(min_row=2))
    assert ws["K1"].value.startswith("Link (left out")


def test_csv_opens_in_excel_and_holds_every_question(downloads: Path, bank: Bank) -> None:
    raw = (downloads / "question-bank.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["ID"] for r in rows] == [q.id for q in bank.questions]
    assert {r["Bank version"] for r in rows} == {bank.version}
    assert {r["Status"] for r in rows} == {"Not asked"}
    dcs3 = next(r for r in rows if r["ID"] == "DCS-03")
    assert "\n• schools and education settings" in dcs3["Question"]


# Open data ----------------------------------------------------------------------------------


def test_json_matches_its_schema(downloads: Path, bank: Bank) -> None:
    schema = json.loads((downloads / "question-bank.schema.json").read_text("utf-8"))
    assert schema == json.loads((ROOT / "schema" / "question-bank.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads((downloads / "question-bank.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["version"] == bank.version
    assert [q["id"] for a in data["audiences"] for q in a["questions"]] == [
        q.id for q in bank.questions
    ]
    cyber = next(t for t in data["threats"] if t["id"] == "cyber")
    assert set(cyber["columns"]) == {key for key, _ in bank.threat("cyber").columns}
    assert cyber["footnotes"] and cyber["resources"]
    assert data["glossary"] and data["notes"]
    assert data["audiences"][1]["questions"][13]["url"] == "police-and-crime-panels.html#pcp-14"


def test_schema_rejects_an_unknown_field(downloads: Path) -> None:
    schema = json.loads((downloads / "question-bank.schema.json").read_text("utf-8"))
    data = json.loads((downloads / "question-bank.json").read_text("utf-8"))
    data["audiences"][0]["questions"][0]["threads"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# Every download: the page, the stamp, reproducibility ----------------------------------------


def test_downloads_page_and_checklists_link_the_files(built_site: Path) -> None:
    page = (built_site / "downloads.html").read_text("utf-8")
    files = sorted(
        p.relative_to(built_site).as_posix() for p in (built_site / "downloads").rglob("*.*")
    )
    assert len(files) == 39  # 7 audiences x 3, 7 threats x 2 (PDF, Word), 4 whole-bank
    for path in files:
        assert f'href="{path}"' in page, path
    checklist = (built_site / "police-and-crime-panels.html").read_text("utf-8")
    for ext in ("docx", "pdf", "xlsx"):
        assert f'href="downloads/police-and-crime-panels.{ext}" download' in checklist
    threat = (built_site / "threats" / "cyber-crime.html").read_text("utf-8")
    assert 'href="../downloads/threats/cyber-crime.pdf" download' in threat


def test_builds_are_reproducible_and_stamped(bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = build_downloads(bank)
    second = build_downloads(bank)
    assert [d for d, _ in first] == [d for d, _ in second]
    for (d, a), (_, b) in zip(first, second, strict=True):
        assert a == b, f"{d.path} differs between two builds"
    files = {d.path: data for d, data in first}
    line = f"version {bank.version}, built 18 November 2026"
    assert line in pdf_text(files["downloads/police-and-crime-panels.pdf"])
    word = Document(io.BytesIO(files["downloads/police-and-crime-panels.docx"]))
    assert any(line in p.text for p in word.paragraphs)
    assert word.core_properties.created.isoformat() == "2026-11-18T11:06:40+00:00"
    with zipfile.ZipFile(io.BytesIO(files["downloads/question-bank.xlsx"])) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 18, 11, 6, 40)}
    assert (
        f",1.0.0,2026-11-18,{bank.notes_as_at}\r\n".encode() in files["downloads/question-bank.csv"]
    )
    assert b'"build_date": "2026-11-18"' in files["downloads/question-bank.json"]


def test_build_date_without_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert stamp.build_date() == date.today()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ValueError, match="whole seconds since 1970"):
        stamp.build_time()


# Meeting packs ------------------------------------------------------------------------------


def pack(tmp_path: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"pack.{fmt}"
    args = ["pack", "--audience", "pcp", "--threat", "drugs", "--threat", "cyber"]
    assert main([*args, "--date", "2026-12-03", "--format", fmt, "-o", str(out), *extra]) == 0
    return out


def test_pack_docx(tmp_path: Path, bank: Bank) -> None:
    doc = Document(str(pack(tmp_path, "docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Meeting date: 3 December 2026" in text
    assert "No local contacts in this edition." in text
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        content.checklist_title(bank.audience("pcp")),
        "Threat briefing: Drugs",
        "Threat briefing: Cyber crime",
    ]
    ids = [r.cells[0].text for r in doc.tables[0].rows[1:]]
    assert ids == [q.id for q in bank.audience("pcp").questions]
    threat_headers = [c.text for c in doc.tables[1].rows[0].cells]
    assert threat_headers[-1] == "Positive action councils can take"


def test_pack_pdf(tmp_path: Path, bank: Bank) -> None:
    data = pack(tmp_path, "pdf").read_bytes()
    text = " ".join(pdf_text(data).split())
    assert "Meeting date: 3 December 2026" in text
    assert "No local contacts in this edition." in text
    assert "Threat briefing: Drugs" in text and "Threat briefing: Cyber crime" in text
    for q in bank.audience("pcp").questions:
        assert q.id in text
    assert A4 in page_sizes(data) and A4[::-1] in page_sizes(data)


def test_pack_lists_an_editions_contacts(tmp_path: Path) -> None:
    text = " ".join(pdf_text(pack(tmp_path, "pdf", "--edition", str(EXAMPLE)).read_bytes()).split())
    assert "Local contacts" in text and "community.safety@example.gov.uk" in text
    assert "Council: Exampleshire District Council" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--audience", "pcx"], "unknown audience id 'pcx': choose from csp, pcp, osc"),
        (
            ["--audience", "pcp", "--threat", "drugs", "--threat", "guns"],
            "unknown threat id 'guns': choose from cse, firearms",
        ),
        (["--audience", "pcp", "--date", "31/2/2026"], "is not a date: write it as 3 December"),
    ],
)
def test_pack_rejects_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "pack.docx"
    assert main(["pack", *args, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
