"""Each download is cached by exactly what it prints: an edit remakes only the files it shows in."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator.content.model import Bank, Edition
from generator.downloads import Download, cache, registry


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The parts each build made (not found in the cache), by part name; no real files."""
    builds: list[set[str]] = []

    def fake(todo: Sequence[cache.Part], workers: int | None = None) -> list[cache.Output]:
        builds.append({part_name(p.entry) for p in todo})
        return [[(Download(p.entry, p.entry, "test", "1 byte"), p.entry.encode())] for p in todo]

    monkeypatch.setattr(registry, "make_parts", fake)
    return builds


def part_name(entry: str) -> str:
    """``pdf-audience-pcp`` from ``pdf-audience-pcp-<key>.pickle``."""
    return entry.rsplit("-", 1)[0]


def edit_question(bank: Bank, question_id: str, text: str) -> Bank:
    audiences = tuple(
        dataclasses.replace(
            a,
            questions=tuple(
                dataclasses.replace(q, text=text) if q.id == question_id else q for q in a.questions
            ),
        )
        for a in bank.audiences
    )
    return dataclasses.replace(bank, audiences=audiences)


def test_editing_one_question_remakes_its_bodys_files_and_the_bank_wide_ones(
    bank: Bank, tmp_path: Path, made: list[set[str]]
) -> None:
    registry.build_downloads(bank, tmp_path)
    every = made[0]
    assert {"pdf-audience-pcp", "pdf-threat-cyber", "xlsx-bank", "json-bank"} <= every
    before = {p.name for p in tmp_path.glob("*.pickle")}

    # PCP-01 is a question for every threat: briefings list it by ID, so none is remade.
    assert bank.question("PCP-01").threats == ()
    registry.build_downloads(edit_question(bank, "PCP-01", "An edited question?"), tmp_path)
    remade = {"docx-audience-pcp", "pdf-audience-pcp", "xlsx-audience-pcp"}
    # Bank-wide files (the action plan's part is bank-wide too, though the national bank has
    # no plan).
    remade |= {"xlsx-bank", "csv-bank", "json-bank", "action-plan-bank"}
    assert made[1] == remade
    after = {p.name for p in tmp_path.glob("*.pickle")}
    reused = before & after
    assert {part_name(e) for e in reused} == every - remade
    # The edited parts' old entries are gone: the cache holds the latest build, no more.
    assert len(after) == len(before)


def test_editing_a_question_on_a_threat_remakes_that_threats_briefings_too(
    bank: Bank, tmp_path: Path, made: list[set[str]]
) -> None:
    registry.build_downloads(bank, tmp_path)
    threats = bank.question("PCP-14").threats
    assert threats, "PCP-14 no longer names a threat: pick another question for this test"
    registry.build_downloads(edit_question(bank, "PCP-14", "An edited question?"), tmp_path)
    briefings = {f"{fmt}-threat-{t}" for fmt in ("docx", "pdf") for t in threats}
    assert briefings < made[0]
    assert made[1] == {
        "docx-audience-pcp", "pdf-audience-pcp", "xlsx-audience-pcp",
        "xlsx-bank", "csv-bank", "json-bank", "action-plan-bank",
    } | briefings  # fmt: skip


def test_editing_a_bodys_description_remakes_no_briefing(
    bank: Bank, tmp_path: Path, made: list[set[str]]
) -> None:
    registry.build_downloads(bank, tmp_path)
    audiences = tuple(
        dataclasses.replace(a, about="Edited.") if a.id == "pcp" else a for a in bank.audiences
    )
    registry.build_downloads(dataclasses.replace(bank, audiences=audiences), tmp_path)
    assert not {p for p in made[1] if "-threat-" in p}, made[1]


def test_unchanged_bank_makes_nothing(bank: Bank, tmp_path: Path, made: list[set[str]]) -> None:
    first = registry.build_downloads(bank, tmp_path)
    assert registry.build_downloads(bank, tmp_path) == first
    assert len(made) == 1  # the second build found every part


def test_editions_share_the_files_that_print_nothing_of_them(
    bank: Bank, tmp_path: Path, made: list[set[str]]
) -> None:
    county = dataclasses.replace(bank, edition=Edition(council="Borsetshire County Council"))
    district = dataclasses.replace(bank, edition=Edition(council="Felpersham District Council"))
    registry.cached_downloads([county, district], tmp_path)
    entries = [part_name(p.name) for p in tmp_path.glob("*.pickle")]
    assert entries.count("csv-bank") == 1  # no site address: the same CSV for both
    assert entries.count("pdf-audience-pcp") == 2  # each checklist names its council
    assert len(made) == 1

    # A council's own site address goes into the CSV's links, so it gets its own.
    linked = dataclasses.replace(
        district, edition=Edition(council="Felpersham District Council", site_url="https://x/")
    )
    registry.build_downloads(linked, tmp_path)
    assert made[1] == {"csv-bank", "xlsx-bank", "json-bank", "action-plan-bank"} | {
        f"xlsx-audience-{a.id}" for a in bank.audiences
    }


def test_one_editions_build_keeps_the_others_entries(
    bank: Bank, tmp_path: Path, made: list[set[str]]
) -> None:
    county = dataclasses.replace(bank, edition=Edition(council="Borsetshire County Council"))
    registry.build_downloads(county, tmp_path)
    registry.build_downloads(bank, tmp_path)
    registry.build_downloads(edit_question(bank, "CSP-01", "Edited?"), tmp_path)
    registry.build_downloads(county, tmp_path)
    assert len(made) == 3  # the county's files outlived two national builds
    assert registry.manifest_name(county) != registry.manifest_name(bank) == "national"
