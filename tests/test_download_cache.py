"""The download cache: unchanged inputs reuse files, any change makes them again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.content.model import Bank
from generator.downloads import Download, registry


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def export(bank: Bank) -> list[tuple[Download, bytes]]:
        calls.append(bank.version)
        return [(Download("x", "downloads/x.txt", "text", "1 byte"), bank.version.encode())]

    monkeypatch.setattr(registry, "EXPORTERS", {"count": export})
    return calls


def test_unchanged_bank_reuses_downloads(bank: Bank, tmp_path: Path, counting: list[str]) -> None:
    first = registry.build_downloads(bank, tmp_path)
    second = registry.build_downloads(bank, tmp_path)
    assert first == second and counting == ["1.0.0"]


def test_changed_bank_or_date_makes_them_again(
    bank: Bank, tmp_path: Path, counting: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    registry.build_downloads(bank, tmp_path)
    changed = dataclasses.replace(bank, version="1.0.1")
    assert registry.build_downloads(changed, tmp_path)[0][1] == b"1.0.1"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    registry.build_downloads(changed, tmp_path)
    assert counting == ["1.0.0", "1.0.1", "1.0.1"]
    assert len(list(tmp_path.glob("count-*.pickle"))) == 1  # old entries are removed


def test_damaged_entry_is_a_miss(bank: Bank, tmp_path: Path, counting: list[str]) -> None:
    registry.build_downloads(bank, tmp_path)
    for entry in tmp_path.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    registry.build_downloads(bank, tmp_path)
    assert len(counting) == 2


def test_no_cache_dir_always_exports(bank: Bank, counting: list[str]) -> None:
    registry.build_downloads(bank)
    registry.build_downloads(bank)
    assert len(counting) == 2
