"""Word checklists: real check boxes (w14:checkbox content controls) that a second reader,
LibreOffice, takes as check boxes too; and every page's footer names the council, the bank
version and the date."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from generator.content import views as c
from generator.content.load import ROOT
from generator.content.model import Bank
from generator.downloads.docx import checklist_docx
from generator.downloads.pack import make_pack
from generator.downloads.stamp import Stamp
from generator.edition import load_bank
from tests.test_exports import need

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def checklist(bank: Bank, audience_id: str = "pcp") -> bytes:
    audience = bank.audience(audience_id)
    return checklist_docx(bank, audience, c.Meeting(bank.edition.council, audience.name)).to_bytes()


def boxes(data: bytes) -> list[tuple[str, str, str]]:
    """(tag, checked, shown character) of every check-box content control in the body."""
    body = Document(io.BytesIO(data)).element.body
    found = []
    for sdt in body.iter(f"{W}sdt"):
        box = sdt.find(f"{W}sdtPr/{W14}checkbox")
        if box is None:
            continue
        tag = sdt.find(f"{W}sdtPr/{W}tag")
        shown = "".join(t.text or "" for t in sdt.iter(f"{W}t"))
        checked = box.find(f"{W14}checked").get(f"{W14}val")
        found.append((tag.get(f"{W}val") if tag is not None else "", checked, shown))
    return found


def test_each_question_has_an_unticked_check_box(bank: Bank) -> None:
    audience = bank.audience("pcp")
    found = boxes(checklist(bank))
    assert found == [(f"ask-{q.id}", "0", "\u2610") for q in audience.questions]
    ids = re.findall(rb'<w:id w:val="(\d+)"/>', zipfile.ZipFile(io.BytesIO(checklist(bank)))
                     .read("word/document.xml"))  # fmt: skip
    assert len(ids) == len(set(ids)) == len(audience.questions)


def _libreoffice(data: bytes, tmp_path: Path, to: str) -> Path:
    soffice = need("soffice")
    source = tmp_path / "checklist.docx"
    source.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", to, "--outdir", str(out), str(source)],
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    return next(out.iterdir())


def test_libreoffice_reads_them_as_check_boxes(bank: Bank, tmp_path: Path) -> None:
    # LibreOffice writes a check box back as a w14:checkbox only if it took it for one: a
    # plain ☐ character comes back as text.
    saved = _libreoffice(checklist(bank), tmp_path, "docx:MS Word 2007 XML").read_bytes()
    # (LibreOffice 7.4 keeps the box and its state but drops the tag.)
    n = len(bank.audience("pcp").questions)
    assert [(checked, shown) for _, checked, shown in boxes(saved)] == [("0", "\u2610")] * n


def test_a_ticked_box_shows_ticked_in_libreoffice(bank: Bank, tmp_path: Path) -> None:
    # What a click does in Word: w14:checked 1 and the checked face shown.
    data = checklist(bank)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    xml = entries["word/document.xml"].decode("utf-8")
    first = xml.index('<w14:checked w14:val="0"/>')
    xml = xml[:first] + '<w14:checked w14:val="1"/>' + xml[first + 26 :]
    glyph = xml.index("\u2610", first)
    entries["word/document.xml"] = (xml[:glyph] + "\u2612" + xml[glyph + 1 :]).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in entries.items():
            z.writestr(name, body)
    text = _libreoffice(out.getvalue(), tmp_path, "txt:Text").read_text("utf-8-sig")
    assert (
        text.count("\u2612") == 1
        and text.count("\u2610") == len(bank.audience("pcp").questions) - 1
    )


@pytest.mark.parametrize("edition", [None, ROOT / "editions" / "example"])
def test_every_page_footer_names_council_version_and_date(edition: Path | None) -> None:
    bank = load_bank(ROOT, edition)
    stamp = Stamp.of(bank)
    for data in (checklist(bank), make_pack(bank, "pcp", ["drugs"], fmt="docx")):
        doc = Document(io.BytesIO(data))
        for section in doc.sections:  # a pack's landscape briefings are sections of their own
            footer = section.footer.paragraphs[0].text
            assert stamp.line in footer
            if bank.edition.council:
                assert footer.startswith(f"{bank.edition.council} · "), footer
