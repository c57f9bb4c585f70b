"""Nothing destroyed, nothing leaked: where a build may write, what a pack is, what a file says.

A build replaces its output folder whole, so ``-o`` must never name the project, its content,
an edition or a file (issue 14, points 1-3).
"""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build

from generator.cli import main
from generator.content.load import ROOT
from tests.conftest import copy_bank

MARKER = ".qbank-site"


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every entry under ``folder`` with its mode and bytes: what "nothing touched" means."""
    shot: dict[str, tuple[int, bytes]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
        shot[path.relative_to(folder).as_posix()] = (info.st_mode, data)
    return shot


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the bank, an edition beside it, and an unrelated folder of someone's files."""
    root = copy_bank(tmp_path / "bank")
    (root / "README.md").write_text("# A project\n", "utf-8")
    edition = tmp_path / "council"
    edition.mkdir()
    (edition / "edition.yml").write_text("council: Testshire\n", "utf-8")
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "minutes.txt").write_text("Minutes of the last meeting\n", "utf-8")
    return root


def _no_build(config: object) -> None:
    raise AssertionError("a refused output folder must be refused before anything is built")


REFUSED = {
    "the project itself": "bank",
    "the folder holding the project": ".",
    "the content folder docs": "bank/docs",
    "the content folder questions": "bank/questions",
    "the templates": "bank/templates",
    "the schemas": "bank/schema",
    "the generator": "bank/generator",
    "a folder inside the content": "bank/docs/built",
    "the edition folder": "council",
    "a file": "bank/README.md",
    "a content file": "bank/bank.yml",
    "a folder of someone's files": "papers",
}


@pytest.mark.parametrize("target", REFUSED.values(), ids=REFUSED.keys())
def test_build_refuses_an_output_that_would_destroy_work(
    project: Path,
    target: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(mkdocs_build, "build", _no_build)
    base = project.parent
    before = snapshot(base)
    edition = ["--edition", str(base / "council")] if target == "council" else []
    code = main(["--root", str(project), "build", "-o", str(base / target), *edition])
    err = capsys.readouterr().err
    assert code == 2
    assert "refusing to build into" in err and "Traceback" not in err
    assert snapshot(base) == before


def test_build_refuses_the_real_project_and_its_parent(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(mkdocs_build, "build", _no_build)
    for target in (ROOT, ROOT.parent, ROOT / "editions" / "example", ROOT / "tests"):
        assert main(["build", "-o", str(target)]) == 2
        assert "refusing to build into" in capsys.readouterr().err
    assert (ROOT / "bank.yml").is_file() and (ROOT / "generator" / "cli.py").is_file()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_build_marks_its_folder_gives_it_normal_permissions_and_replaces_only_its_own(
    tmp_path: Path, umask_022: None
) -> None:
    from generator.site.build import build_site

    empty = tmp_path / "empty"
    empty.mkdir()
    out = build_site(ROOT, empty)
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert stat.S_IMODE((out / "index.html").stat().st_mode) == 0o644
    (out / "stale-page.html").write_text("from an earlier build", "utf-8")
    build_site(ROOT, out)  # an earlier build (it carries the marker) is replaced
    assert not (out / "stale-page.html").exists() and (out / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_next_build_removes_stale_folders_of_an_interrupted_one(tmp_path: Path) -> None:
    from generator.site.build import build_site

    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = [".site-building-k3j9x_2a", ".site-building-999999999-ab12", ".site-old-999999998"]
        running = f".site-building-{live.pid}-cd34"  # another build still at work: kept
        for name in [*stale, running]:
            (tmp_path / name).mkdir()
            (tmp_path / name / "index.html").write_text("half a site", "utf-8")
            (tmp_path / name / MARKER).write_text("made by qbank build", "utf-8")
        # Named like a build's leftovers, but without its marker: someone's, kept (issue 21.2).
        theirs = _lookalikes(tmp_path)
        build_site(ROOT, tmp_path / "site")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running, "site", *theirs])
        assert (tmp_path / ".site-old-mybackup" / "m.docx").read_bytes() == b"my work"
    finally:
        live.kill()
        live.wait()


def _lookalikes(folder: Path) -> list[str]:
    """Folders and a file named like a build's leftovers, made by someone else."""
    backup = folder / ".site-old-mybackup"
    backup.mkdir()
    (backup / "m.docx").write_bytes(b"my work")
    notes = folder / ".site-building-notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("notes", "utf-8")
    (folder / ".site-old-12345678").write_text("a file, not a build", "utf-8")
    linked = folder / ".site-old-999999997"  # a link to a marked build is still not ours
    target = folder / "elsewhere"
    target.mkdir()
    (target / MARKER).write_text("x", "utf-8")
    linked.symlink_to(target, target_is_directory=True)
    return [backup.name, notes.name, ".site-old-12345678", linked.name, target.name]


def test_only_folders_a_build_marked_are_removed_as_leftovers(tmp_path: Path) -> None:
    from generator.site.outdir import make_temporary, remove_stale

    theirs = _lookalikes(tmp_path)
    before = snapshot(tmp_path)
    leftover = make_temporary(tmp_path / "site")  # as an interrupted build leaves it
    assert (leftover / MARKER).is_file()  # marked from the start, not only when complete
    os.rename(leftover, tmp_path / ".site-building-999999999-ab12")
    removed = remove_stale(tmp_path / "site")
    assert [p.name for p in removed] == [".site-building-999999999-ab12"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(theirs)
    assert snapshot(tmp_path) == before


def test_ctrl_c_prints_one_line_and_leaves_no_temporary_folder(tmp_path: Path) -> None:
    # A copy of the bank has no download cache, so its build is slow enough to interrupt.
    root = copy_bank(tmp_path / "bank")
    work = tmp_path / "out"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "generator.cli", "--root", str(root), "build", "-o", "site"]
    proc = subprocess.Popen(
        cmd, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not list(work.glob(".site-building-*")):
        assert proc.poll() is None and time.monotonic() < deadline, "the build never started"
        time.sleep(0.005)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    lines = [line for line in err.splitlines() if line.strip()]
    assert proc.returncode == 130, err
    assert len(lines) == 1 and "interrupted" in lines[0] and "Traceback" not in err, err
    assert list(work.iterdir()) == []


# Point 2 -----------------------------------------------------------------------------------


def test_pack_format_comes_from_the_file_name(tmp_path: Path) -> None:
    pdf, docx = tmp_path / "pack.pdf", tmp_path / "pack.docx"
    assert main(["pack", "--audience", "pcp", "--threat", "drugs", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert main(["pack", "--audience", "pcp", "-o", str(docx)]) == 0
    assert zipfile.is_zipfile(docx)


@pytest.mark.parametrize(
    ("name", "fmt", "says"),
    [
        ("pack.pdf", "docx", "does not match"),
        ("pack.docx", "pdf", "does not match"),
        ("pack.txt", None, ".docx or .pdf"),
        ("pack", "pdf", ".docx or .pdf"),
    ],
)
def test_pack_refuses_a_name_that_does_not_match_the_format(
    tmp_path: Path, name: str, fmt: str | None, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / name
    args = ["pack", "--audience", "pcp", "-o", str(out)]
    args += ["--format", fmt] if fmt else []
    assert main(args) == 2
    assert says in capsys.readouterr().err
    assert not out.exists()


# Issue 21.12: -o never overwrites unasked, never follows a link, never publishes -----------


def _pack(capsys: pytest.CaptureFixture[str], out: Path, *more: str) -> tuple[int, str]:
    code = main([*more, "pack", "--audience", "pcp", "-o", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def test_pack_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], umask_022: None
) -> None:
    out = tmp_path / "pack.docx"
    out.write_bytes(b"last week's pack, with notes")
    code, err = _pack(capsys, out)
    assert code == 2 and "already exists" in err and "--force" in err
    assert out.read_bytes() == b"last week's pack, with notes"
    assert main(["pack", "--audience", "pcp", "-o", str(out), "--force"]) == 0
    assert zipfile.is_zipfile(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # an ordinary file, not a temporary's 0600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.docx"]  # no temporary left


def test_pack_never_writes_through_a_symbolic_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"someone's file")
    for name in ("pack.docx", "dangling.pdf"):
        link = tmp_path / name
        link.symlink_to(precious if name == "pack.docx" else tmp_path / "nowhere.pdf")
        for force in ((), ("--force",)):
            code = main(["pack", "--audience", "pcp", "-o", str(link), *force])
            err = capsys.readouterr().err
            assert code == 2 and "symbolic link" in err, err
            assert link.is_symlink()
    assert precious.read_bytes() == b"someone's file"
    assert not (tmp_path / "nowhere.pdf").exists()


def test_a_pack_is_never_written_where_the_next_build_would_publish_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_bank(tmp_path / "bank")
    (tmp_path / "to-docs").symlink_to(root / "docs", target_is_directory=True)
    before = snapshot(root)
    for out in (
        root / "docs" / "x.docx",
        root / "docs" / "about" / "x.pdf",
        root / "overrides" / "x.pdf",
        root / "questions" / "x.docx",
        tmp_path / "to-docs" / "x.docx",  # a link to docs/ is docs/
    ):
        code, err = _pack(capsys, out, "--root", str(root))
        assert code == 2 and "refusing to write" in err, (out, err)
        assert "docs/" not in str(out) or "would publish it" in err
    assert snapshot(root) == before
    code, err = _pack(capsys, ROOT / "docs" / "x.docx")  # the real project, by default
    assert code == 2 and "would publish it" in err
    assert not (ROOT / "docs" / "x.docx").exists()
    assert _pack(capsys, root / "pack.docx", "--root", str(root))[0] == 0  # beside bank.yml


# Point 3 -----------------------------------------------------------------------------------


def _texts(path: Path) -> Iterator[bytes]:
    """A file's bytes, each entry of a Word or Excel zip, and each compressed PDF stream."""
    data = path.read_bytes()
    yield data
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                yield archive.read(name)
    if data.startswith(b"%PDF"):
        for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
            try:
                text = zlib.decompress(m.group(1))
            except zlib.error:
                continue
            yield text


def _leaks(path: Path, needles: list[str]) -> list[str]:
    wanted = [n.encode() for n in needles]
    return sorted({n.decode() for text in _texts(path) for n in wanted if n in text})


def test_no_download_or_page_carries_a_builders_path(
    built_edition_site: Path, tmp_path: Path
) -> None:
    import json

    # The scripts may name the file: protocol (they work from a shared drive); no file may
    # name a place on the builder's disk, as a path or as a file: address.
    needles = [str(ROOT), str(built_edition_site.parent), "file:///tmp", "file:///work"]
    theme = built_edition_site / "assets"  # Material's own bundles and source maps
    found = {
        p.relative_to(built_edition_site).as_posix(): leaks
        for p in built_edition_site.rglob("*")
        if p.is_file() and theme not in p.parents and (leaks := _leaks(p, needles))
    }
    assert found == {}
    data = json.loads((built_edition_site / "downloads" / "question-bank.json").read_bytes())
    assert data["edition"]["logo"] == "assets/council-logo.svg"
    for ext in ("pdf", "docx"):
        pack = tmp_path / f"pack.{ext}"
        edition = str(ROOT / "editions" / "example")
        assert main(["pack", "--audience", "csp", "--edition", edition, "-o", str(pack)]) == 0
        assert _leaks(pack, [str(ROOT), str(tmp_path), "file://"]) == []
