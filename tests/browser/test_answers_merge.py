"""Answers carried between two computers by export and import (issue 25, item 1): ten round
trips between two browsers with different notes and ratings, and no edit in between, leave
every note and rating as the first merge made them, and the tenth import says nothing
changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
    status = page.locator(".qb-toolbar-status").first
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


def import_into(page: Page, path: Path) -> str:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(path)
    status = page.locator(".qb-toolbar-status").first
    expect(status).not_to_be_empty()
    return status.inner_text()


def v2(path: Path, meetings: list[dict[str, Any]]) -> Path:
    data = {"format": "soc-question-bank-answers", "version": 2, "meetings": meetings}
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_a_meeting_of_a_body_the_edition_leaves_out_keeps_its_body(
    two: tuple[Page, Page], built_broxtowe_site: Path, tmp_path: Path
) -> None:
    """Issue 26, item 4: Broxtowe leaves out directors of public health; a national meeting
    for them came back from an import and an export with `body: ""`."""
    page = two[0]
    page.goto(built_broxtowe_site.as_uri() + "/" + PAGE)
    dph: dict[str, Any] = {"id": "m-dph", "body": "dph", "date": "2027-02-01", "title": "Health"}
    dph["answers"] = {"DPH-01": {"ask": True, "status": "Not asked", "note": "n"}}
    said = import_into(page, v2(tmp_path / "national.json", [dph]))
    assert "Meetings of 1 body this edition does not have (dph) are kept aside" in said
    expect(page.get_by_label("Meeting", exact=True).locator("option")).to_have_count(1)
    page.get_by_label("Ask PCP-01").check()  # and on every save after
    with page.expect_download() as info:
        page.get_by_role("button", name="Export my answers").click()
    info.value.save_as(tmp_path / "again.json")
    again = json.loads((tmp_path / "again.json").read_text("utf-8"))
    kept = [m for m in again["meetings"] if m["id"] == "m-dph"]
    assert [(m["body"], m["title"], sorted(m["answers"])) for m in kept] == [
        ("dph", "Health", ["DPH-01"])
    ]


def test_ids_named_like_object_properties_and_keys_given_twice(
    two: tuple[Page, Page], origins: dict[str, str], tmp_path: Path
) -> None:
    """Issue 26, items 8 and 10: an answer `constructor` threw a TypeError; meetings
    `__proto__` and `constructor` were "two meetings with the same ID"; a key given twice was
    silently last-wins."""
    page = two[0]
    page.goto(origins["file"] + PAGE)
    odd: list[dict[str, Any]] = [
        {"id": "__proto__", "body": "pcp", "date": "2027-01-14", "title": "", "answers": {}},
        {"id": "constructor", "body": "pcp", "date": "2027-01-15", "title": "", "answers": {}},
    ]
    odd[0]["answers"] = {"constructor": {"ask": True}, "PCP-14": {"ask": True}}
    said = import_into(page, v2(tmp_path / "odd.json", odd))
    assert said.startswith("Imported the answers in odd.json: 1 question added")
    assert "2 meetings added" in said and "kept aside (constructor)" in said
    twice = tmp_path / "twice.json"
    twice.write_text(
        '{"format": "soc-question-bank-answers", "version": 1, "answers": {"PCP-14": '
        '{"ask": true, "note": "first"}, "PCP-14": {"ask": false}}}',
        "utf-8",
    )
    assert import_into(page, twice) == (
        "Could not import twice.json: it gives \u201cPCP-14\u201d twice in one place, and only "
        "one of them would be read: remove the other and import again."
    )
