"""Answers carried between two computers by export and import (issue 25, item 1): ten round
trips between two browsers with different notes and ratings, and no edit in between, leave
every note and rating as the first merge made them, and the tenth import says nothing
changed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.pages import RequestLog

pytestmark = pytest.mark.browser

PAGE = "police-and-crime-panels.html"


@pytest.fixture
def two(browser: Browser, request_log: RequestLog) -> Iterator[tuple[Page, Page]]:
    """Two browsers with storage of their own: a work laptop and a home computer."""
    made: list[BrowserContext] = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        context.on("request", lambda r: request_log.urls.append(r.url))
        made.append(context)
    yield made[0].new_page(), made[1].new_page()
    for context in made:
        context.close()


def answer(page: Page, base: str, name: str, note: str, status: str) -> None:
    page.goto(base + PAGE)
    page.get_by_label("Ask PCP-14").check()
    page.locator("#status-pcp-14").select_option(status)
    page.get_by_label("Notes on PCP-14").fill(note)
    page.get_by_role("button", name="Name this browser").click()
    page.get_by_label("Name of this browser (for example, Work laptop)").fill(name)
    page.get_by_role("button", name="Save the name").click()


def export(page: Page, path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name="Export my answers").click()
    info.value.save_as(path)
    return path


def merge_in(page: Page, path: Path) -> str:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(path)
    page.get_by_role("button", name="Merge with my answers").click()
    status = page.locator(".qb-toolbar-status")
    expect(status).not_to_be_empty()
    return status.inner_text()


def test_ten_round_trips_converge(
    two: tuple[Page, Page], origins: dict[str, str], tmp_path: Path
) -> None:
    base = origins["file"]
    work, home = two
    answer(work, base, "Work laptop", "WORK note", "Partly assured")
    answer(home, base, "Home PC", "HOME note", "Not assured")  # the newer rating
    now = datetime.now(UTC)
    day = f"{now.day} {now:%B %Y}"
    both = f"[Work laptop, {day}]\nWORK note\n\n[Home PC, {day}]\nHOME note"

    said: list[str] = []
    notes: list[tuple[int, int]] = []
    for trip in range(10):
        source, target = (work, home) if trip % 2 == 0 else (home, work)
        path = export(source, tmp_path / f"trip-{trip}.json")
        said.append(merge_in(target, path))
        for page in (work, home):
            page.reload()
        notes.append(
            (
                len(work.get_by_label("Notes on PCP-14").input_value()),
                len(home.get_by_label("Notes on PCP-14").input_value()),
            )
        )
        if trip >= 1:
            # Both sides hold the same note, labelled by where each text was written.
            for page in (work, home):
                expect(page.get_by_label("Notes on PCP-14")).to_have_value(both)
                expect(page.locator("#status-pcp-14")).to_have_value("Not assured")

    assert said[0].startswith("Merged the answers in trip-0.json: 0 questions added, 1 changed")
    assert "1 note was changed in both places" in said[0]
    assert said[1].startswith("Merged the answers in trip-1.json: 0 questions added, 1 changed")
    assert said[2:] == [
        f"Nothing changed: this browser already holds everything in trip-{n}.json."
        for n in range(2, 10)
    ]
    assert notes[1:] == [(len(both), len(both))] * 9  # no note grows
