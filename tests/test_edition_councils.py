"""An edition names only its own council: on every page, in search and in every download.

The national bank once listed Broxtowe's strategy among its sources, and every edition carried
the web team's pages (Broxtowe as their worked example): a renamed copy of the Broxtowe
edition, or a new one, still showed Broxtowe on its Sources page, in question-bank.json and in
search. The build now checks every file it wrote against the councils of ``editions/``.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from generator.cli import main
from generator.content.errors import ContentError
from generator.content.load import ROOT
from generator.edition import load_bank
from generator.site import councils
from generator.site.build import build_site
from tests.conftest import copy_bank

BROXTOWE = "Broxtowe Borough Council"
EXAMPLE = "Exampleshire District Council"
NEW = "Northwold District Council"


def _read(path: Path) -> str:
    """A file's text as its reader sees it, read here without the build's own check."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".docx":
        doc = WordDocument(io.BytesIO(data))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        parts = [p.text for p in doc.paragraphs] + cells
        for section in doc.sections:
            parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        return "\n".join([*parts, doc.core_properties.title or ""])
    if suffix == ".xlsx":
        book = load_workbook(io.BytesIO(data), read_only=True)
        values = [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row]
        return "\n".join([*values, book.properties.title or ""])
    if suffix == ".pdf":
        reader = PdfReader(io.BytesIO(data))
        meta = [str(v) for v in (reader.metadata or {}).values()]
        return "\n".join([*(p.extract_text() for p in reader.pages), *meta])
    if suffix in {".png", ".jpg", ".gz", ".woff2", ".ico"}:
        return ""
    return data.decode("utf-8", errors="replace")


def _naming(site: Path, name: str) -> list[str]:
    """Every file of the built ``site`` whose text names ``name`` (spaces and case aside)."""
    want = " ".join(name.lower().split())
    return [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*"))
        if p.is_file() and want in " ".join(_read(p).replace("&amp;", "&").lower().split())
    ]


def _renamed_copy(tmp_path: Path) -> Path:
    """The Broxtowe edition copied and renamed throughout, its strategy text too, as a council
    starting from the worked example would."""
    folder = tmp_path / "northwold"
    shutil.copytree(ROOT / "editions" / "broxtowe", folder)
    for name in ("edition.yml", "strategy-2019.txt"):
        path = folder / name
        text = re.sub(r"Broxtowe\s+Borough\s+Council", NEW, path.read_text("utf-8"))
        path.write_text(text, "utf-8")
    assert not re.search(r"Broxtowe\s+Borough", (folder / "edition.yml").read_text("utf-8"))
    return folder


def test_a_renamed_copy_of_broxtowe_names_no_other_council_anywhere(tmp_path: Path) -> None:
    site = build_site(ROOT, tmp_path / "site", edition=_renamed_copy(tmp_path))
    kinds = {p.suffix for p in site.rglob("*") if p.is_file()}
    assert {".html", ".json", ".js", ".csv", ".xlsx", ".docx", ".pdf"} <= kinds
    assert _naming(site, BROXTOWE) == []
    assert _naming(site, EXAMPLE) == []
    assert "about/sources.html" in _naming(site, NEW)  # the scan does find a council's name
    assert "search/search_index.json" in _naming(site, NEW)


def test_a_new_edition_names_no_other_council_anywhere(tmp_path: Path) -> None:
    folder = tmp_path / "northwold"
    assert main(["new-edition", str(folder), "--council", NEW]) == 0
    site = build_site(ROOT, tmp_path / "site", edition=folder)
    assert _naming(site, BROXTOWE) == []
    assert _naming(site, EXAMPLE) == []
    assert "index.html" in _naming(site, NEW)


def test_an_edition_leaves_out_the_web_teams_pages(
    built_site: Path, built_broxtowe_site: Path
) -> None:
    assert (built_site / "contributing" / "make-your-edition.html").is_file()
    assert "For web teams" in (built_site / "index.html").read_text("utf-8")
    assert not (built_broxtowe_site / "contributing").exists()
    for page in built_broxtowe_site.rglob("*.html"):
        assert "contributing/" not in page.read_text("utf-8"), page
    assert "contributing/" not in (built_broxtowe_site / "search/search_index.json").read_text(
        "utf-8"
    )


def test_the_national_sources_are_the_documents_it_cites(tmp_path: Path) -> None:
    root = copy_bank(tmp_path / "bank")
    bank_yml = root / "bank.yml"
    text = bank_yml.read_text("utf-8")
    bank_yml.write_text(
        text.replace(
            "\nstrands:",
            "  - id: council-strategy\n    title: Strategy\n    publisher: A Council\n"
            "    date: '2019'\n    file: strategy.txt\n\nstrands:",
            1,
        ),
        "utf-8",
    )
    with pytest.raises(ContentError) as info:
        load_bank(root)
    [problem] = info.value.problems
    assert problem.message == "source 'council-strategy' is cited by no question, threat or note"
    assert "belongs in its edition's sources" in problem.hint
    assert [s.id for s in load_bank(ROOT).sources] == ["lga-2015"]


def test_the_check_fails_a_build_whose_logo_names_another_council(tmp_path: Path) -> None:
    folder = tmp_path / "northwold"
    assert main(["new-edition", str(folder), "--council", NEW]) == 0
    logo = (ROOT / "editions" / "example" / "logo.svg").read_text("utf-8")
    svg_end = logo.index(">", logo.index("<svg")) + 1
    (folder / "logo.svg").write_text(
        f"{logo[:svg_end]}<title>{BROXTOWE}</title>{logo[svg_end:]}", "utf-8"
    )
    edition = folder / "edition.yml"
    text = edition.read_text("utf-8")
    if "\nlogo:" not in text:
        text += "\nlogo: logo.svg\n"
    edition.write_text(text, "utf-8")
    out = tmp_path / "site"
    with pytest.raises(councils.OtherCouncil) as info:
        build_site(ROOT, out, edition=folder)
    message = str(info.value)
    assert f"assets/council-logo.svg: '{BROXTOWE}' (the council of editions/broxtowe/" in message
    assert "hint: an edition names only its own council" in message
    assert not out.exists()  # nothing half-published


def _word(text: str) -> bytes:
    doc = WordDocument()
    doc.add_paragraph("Asked at ")
    doc.paragraphs[0].add_run("Broxtowe Borough ").bold = True
    doc.paragraphs[0].add_run("Council")  # a name split over runs is still one name
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_the_check_reads_inside_word_excel_and_pdf(tmp_path: Path) -> None:
    from openpyxl import Workbook
    from weasyprint import HTML

    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    (site / "downloads" / "a.docx").write_bytes(_word(BROXTOWE))
    book = Workbook()
    book.active.append(["Owner", BROXTOWE])  # type: ignore[union-attr]
    book.save(site / "downloads" / "b.xlsx")
    HTML(string=f"<p>Report to<br>{BROXTOWE.replace(' ', '<br>')}</p>").write_pdf(
        site / "downloads" / "c.pdf"
    )
    (site / "index.html").write_text("<p>Broxtowe&#32;Borough\n Council</p>", "utf-8")
    (site / "d.csv").write_text("id,who\n1,Someone else\n", "utf-8")
    names = {BROXTOWE: "editions/broxtowe/edition.yml"}
    found = councils.find(site, names)
    assert sorted(f for f, _ in found) == [
        "downloads/a.docx",
        "downloads/b.xlsx",
        "downloads/c.pdf",
        "index.html",
    ]
    with zipfile.ZipFile(site / "downloads" / "a.docx") as z:  # the run split is real
        assert BROXTOWE not in z.read("word/document.xml").decode()


def test_a_council_the_edition_itself_names_is_its_own_to_show(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(ROOT / "editions" / "broxtowe", root / "editions" / "broxtowe")
    county = "Nottinghamshire County Council"
    assert main(["new-edition", str(root / "editions" / "notts"), "--council", county]) == 0
    assert set(councils.council_names(root)) == {BROXTOWE, county}
    # Broxtowe's edition names the county, where two bodies' questions are asked: its own.
    assert councils.others(root, root / "editions" / "broxtowe") == {}
    assert councils.others(root, root / "editions" / "notts") == {
        BROXTOWE: "editions/broxtowe/edition.yml"
    }
