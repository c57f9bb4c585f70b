"""``qbank extract`` on hostile and awkward documents: a Word package that inflates, a PDF
whose pages draw one huge shared stream, a slow PDF, AES encryption, and where it may write.
Figures (seconds, memory) are measured by ``python -m bench.extract``, not here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.hostile import inflating_docx, shared_stream_pdf
from generator.cli import main
from generator.content.load import ROOT
from generator.edition.extract import extract
from generator.edition.limits import Limits
from tests.test_edition_kit import make_pdf


def _extract(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["extract", *args])
    return code, capsys.readouterr().err


def test_a_word_package_that_inflates_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = inflating_docx(tmp_path / "bomb.docx", 48 * 1024 * 1024)
    assert bomb.stat().st_size < 200_000
    code, err = _extract(capsys, str(bomb), "-o", str(tmp_path / "s.txt"))
    assert code == 2 and "Traceback" not in err
    assert re.search(r"inflates to 4\d MB \(the limit is 32 MB a part\)", err)
    assert not (tmp_path / "s.txt").exists()


def test_a_part_that_inflates_a_thousandfold_is_refused_though_small(tmp_path: Path) -> None:
    bomb = inflating_docx(tmp_path / "bomb.docx", 4 * 1024 * 1024)
    with pytest.raises(ValueError, match=r"inflates [\d,]+ times, to \d MB \(the limit is 100"):
        extract(bomb, tmp_path / "s.txt")


def test_the_text_written_is_capped(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "s.pdf")
    with pytest.raises(ValueError, match="more than 100 characters of text"):
        extract(pdf, tmp_path / "s.txt", limits=Limits(characters=100))
    assert not (tmp_path / "s.txt").exists()


def test_a_pdf_of_many_pages_drawing_one_shared_stream_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = shared_stream_pdf(tmp_path / "pages.pdf", 2000)
    assert pdf.stat().st_size < 400_000
    code, err = _extract(capsys, str(pdf), "-o", str(tmp_path / "s.txt"))
    assert code == 2 and "has 2,000 pages; extract reads at most 500" in err


def test_pages_too_heavy_to_read_are_named_and_the_drawing_is_capped(tmp_path: Path) -> None:
    pdf = shared_stream_pdf(tmp_path / "heavy.pdf", 5)  # 2 MB a page
    with pytest.raises(ValueError, match=r"page 1 is left out: it holds 1 MB of drawing"):
        extract(pdf, tmp_path / "s.txt")
    lighter = shared_stream_pdf(tmp_path / "many.pdf", 60, stream_bytes=400_000)
    with pytest.raises(ValueError, match=r"more than 16 MB of drawing instructions \(by page 42"):
        extract(lighter, tmp_path / "s.txt")


def test_a_slow_pdf_is_stopped_by_the_clock(tmp_path: Path) -> None:
    pdf = shared_stream_pdf(tmp_path / "slow.pdf", 4, stream_bytes=400_000)
    with pytest.raises(ValueError, match=r"reading stopped after 0.5 s, the most extract"):
        extract(pdf, tmp_path / "s.txt", limits=Limits(seconds=0.5))


def test_an_owner_password_aes_pdf_is_read_and_a_locked_one_is_named(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf(tmp_path / "plain.pdf")
    for name, user in (("owner.pdf", ""), ("locked.pdf", "secret")):
        writer = PdfWriter(clone_from=PdfReader(plain))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-256")
        writer.write(tmp_path / name)
    extract(tmp_path / "owner.pdf", tmp_path / "s.txt")
    assert "hostile place" in (tmp_path / "s.txt").read_text("utf-8")
    with pytest.raises(ValueError, match="protected by a password that opening it needs"):
        extract(tmp_path / "locked.pdf", tmp_path / "t.txt")


@pytest.mark.parametrize("folder", ["docs", "overrides", "docs/contributing", "questions"])
def test_extract_and_new_edition_never_write_into_the_projects_own_folders(
    folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = make_pdf(tmp_path / "s.pdf")
    target = ROOT / folder / "draft-strategy.txt"
    code, err = _extract(capsys, str(pdf), "-o", str(target))
    assert code == 2 and f"inside the project's {folder.split('/')[0]}/ folder" in err
    assert not target.exists()
    edition = ROOT / folder / "my-edition"
    assert main(["new-edition", str(edition), "--council", "Fenmere District Council"]) == 2
    assert "refusing to write" in capsys.readouterr().err
    assert not edition.exists()


def test_extract_may_write_into_an_edition_folder(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "editions" / "fenmere").mkdir(parents=True)
    out = root / "editions" / "fenmere" / "strategy.txt"
    pdf = make_pdf(tmp_path / "s.pdf")
    assert main(["--root", str(root), "extract", str(pdf), "-o", str(out)]) == 0
    assert out.is_file()
