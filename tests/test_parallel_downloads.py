"""Downloads made in parts across processes are byte for byte the downloads of a serial build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.load import ROOT
from generator.content.model import Bank
from generator.downloads import human_size, pool, registry
from generator.downloads.stamp import describing, download
from generator.edition import load_bank
from generator.site.build import build_site

EPOCH = "1763464000"


def serial_export(bank: Bank) -> list[tuple[str, bytes]]:
    """Every registered exporter run whole, one after another, in this process."""
    return [(d.path, data) for export in registry.EXPORTERS.values() for d, data in export(bank)]


def test_parallel_parts_are_the_bytes_of_a_serial_build(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("QBANK_JOBS", "2")
    parallel = [(d.path, data) for d, data in registry.build_downloads(bank)]
    assert pool._pool, "the parts were not made in a process pool"
    serial = serial_export(bank)
    assert [path for path, _ in parallel] == [path for path, _ in serial]
    for (path, made), (_, expected) in zip(parallel, serial, strict=True):
        assert made == expected, f"{path} differs between a parallel and a serial build"


def test_an_editions_parts_are_its_whole_export(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each part is made from a view of the bank; a view that left out something its file
    # prints would change the file. The example edition prints a council and a site address.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("QBANK_JOBS", "1")
    bank = load_bank(ROOT, ROOT / "editions" / "example")
    parts = [(d.path, data) for d, data in registry.build_downloads(bank)]
    whole = serial_export(bank)
    assert [p for p, _ in parts] == [p for p, _ in whole]
    for (path, made), (_, expected) in zip(parts, whole, strict=True):
        assert made == expected, f"{path}: its view of the bank left out something it prints"


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_qbank_jobs_must_be_a_whole_number(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QBANK_JOBS", value)
    with pytest.raises(ValueError, match="QBANK_JOBS must be a whole number of processes"):
        registry.jobs()


def test_qbank_jobs_sets_the_pool_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QBANK_JOBS", "3")
    assert registry.jobs() == 3
    monkeypatch.delenv("QBANK_JOBS")
    assert registry.jobs() >= 1


def test_pages_give_each_download_the_size_of_the_file_the_site_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first build makes its downloads in workers while MkDocs builds the pages, which list
    # them with placeholder sizes until the files are made; none may be left in the site.
    monkeypatch.setenv("QBANK_CACHE", "0")
    monkeypatch.setenv("QBANK_JOBS", "2")
    pool._close_pool()
    site = build_site(ROOT, tmp_path / "site")
    listed = re.findall(
        r'<a href="([^"]+)" download>[^<]*</a> \((?:[^,)]+, )?([0-9]+\u00a0(?:KB|bytes))\)',
        (site / "downloads.html").read_text("utf-8"),
    )
    assert len(listed) >= 30, "the downloads page no longer lists files as this test expects"
    for href, size in listed:
        assert size == human_size((site / href).stat().st_size), href
    for path in site.rglob("*"):
        if path.suffix in {".html", ".json", ".js"}:
            assert "QBSIZE" not in path.read_text("utf-8"), path


def test_a_part_can_say_which_files_it_makes_without_making_them() -> None:
    made: list[int] = []

    def pdf() -> bytes:
        made.append(1)
        return b"%PDF"

    with describing():
        listed, data = download("Checklist (PDF)", "downloads/x.pdf", "PDF", pdf)
    assert (listed.path, listed.size, data, made) == ("downloads/x.pdf", "", b"", [])
    listed, data = download("Checklist (PDF)", "downloads/x.pdf", "PDF", pdf)
    assert (listed.size, data, made) == ("4\u00a0bytes", b"%PDF", [1])
