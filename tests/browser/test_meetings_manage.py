"""Meetings as people use them: started from the pack page, renamed, deleted (and brought
back), kept to their body; "since last time"; and a pack of ticked questions that prints only
the notes they carry, with the meeting named in the footer of every page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.content.load import ROOT
from generator.content.note_plan import checklist_plan, plan
from generator.edition import load_bank
from tests.browser.pages import RequestLog
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_meeting import import_file, meeting, new_meeting, printed, saved, tick

pytestmark = pytest.mark.browser

BANK = load_bank(ROOT)
PCP = "police-and-crime-panels"
NOTE = "Plan names county lines; no measure."


@pytest.fixture
def page(browser: Browser, request_log: RequestLog) -> Iterator[Page]:
    """A page in a browser context of its own: empty storage, as a new browser has."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    context.on("request", lambda r: request_log.urls.append(r.url))
    yield context.new_page()
    context.close()


def visible_questions(page: Page) -> list[str]:
    return page.locator(
        ".qb-pack-checklist:visible .qb-question:visible h4 .qb-id"
    ).all_text_contents()


@pytest.mark.parametrize("origin", ["http", "file"])
def test_the_pack_page_starts_a_meeting_whose_ticks_the_ticked_pack_shows(
    page: Page, origins: dict[str, str], origin: str
) -> None:
    base = origins[origin]
    page.goto(base + "index.html")
    page.get_by_role("link", name="Prepare for a meeting").first.click()
    expect(page).to_have_url(re.compile(r"meeting-pack\.html"))
    page.get_by_label("Body").select_option("pcp")
    page.get_by_label("Drugs", exact=True).check()
    page.get_by_label("Meeting date").fill("2027-01-14")
    page.get_by_label("Meeting title (optional)").fill("Winter panel")
    page.get_by_role("button", name="Show the pack").click()
    start = page.get_by_role("group", name=re.compile("No meeting for Police and crime panels"))
    expect(start).to_be_visible()
    page.get_by_role("button", name="Start this meeting").click()
    expect(start).to_be_hidden()
    expect(page.locator(".qb-pack-status")).to_contain_text("Started the meeting")
    expect(meeting(page)).to_have_value(re.compile(r"^m"))
    for qid in ("PCP-04", "PCP-10", "PCP-12"):
        page.get_by_label(f"Ask {qid}").check()
    page.get_by_label("Only the questions I ticked").check()
    assert visible_questions(page) == ["PCP-04", "PCP-10", "PCP-12"]

    # The meeting is kept: the pack's address opens it again, and so does the chooser.
    page.reload()
    expect(page.locator(".qb-meeting-start")).to_be_hidden()
    expect(meeting(page).locator("option:checked")).to_have_text(
        "Police and crime panels, 14 January 2027: Winter panel"
    )
    assert visible_questions(page) == ["PCP-04", "PCP-10", "PCP-12"]
    # Only the notes the ticked questions carry, numbered 1, 2, 3… as `qbank pack
    # --ticked-only` numbers them: not the body's own (issue 25).
    carried = plan(BANK, "", ["PCP-04", "PCP-10", "PCP-12"]).in_order
    notes = page.evaluate(
        """() => Array.from(document.querySelectorAll(
             '.qb-pack-checklist:not([hidden]) .qb-notes-end li')).filter(li => !li.hidden)
             .map(li => [li.value, li.querySelector('strong').textContent])"""
    )
    assert notes == [[n.number, n.note.title] for n in carried]
    own = {n.note.title for n in checklist_plan(BANK, BANK.audience("pcp")).top}
    own -= {n.note.title for n in carried}
    assert own  # the body's own notes, on no ticked question
    expect(page.locator(".qb-pack-checklist:visible .qb-page-notes")).to_be_hidden()
    pages, text = printed(page)
    for qid in ("PCP-04", "PCP-10", "PCP-12"):
        assert qid in text
    assert "PCP-02" not in text and "PCP-14" not in text
    assert "Report Fraud" in text  # a note PCP-10 carries
    assert "2013 Serious and Organised Crime Strategy" not in text  # PCP-02's, not ticked
    for title in own:
        assert " ".join(title.split()) not in text, title
    footer = "Police and crime panels · Winter panel · 14 January 2027"
    assert text.count(footer) == pages, f"footer on {text.count(footer)} of {pages} pages"

    # All the questions: every note again, numbered as the page was built.
    page.get_by_label("All the questions on the checklist").check()
    assert len(visible_questions(page)) == 14
    _, everything = printed(page)
    assert "2013 Serious and Organised Crime Strategy" in everything
    assert all(" ".join(title.split()) in everything for title in own)


def test_rename_and_delete_a_meeting_with_undo(page: Page, origins: dict[str, str]) -> None:
    base = origins["file"]
    tick(page, base, PCP, "PCP-03")  # General
    page.goto(base + f"{PCP}.html")
    new_meeting(page, "2027-01-14", "Winter")
    tick(page, base, PCP, "PCP-05", note="Ask about the plan.")
    page.get_by_role("button", name="Rename this meeting").click()
    page.get_by_label("New title for the meeting").fill("Winter budget panel")
    page.get_by_label("New date for the meeting").fill("2027-01-15")
    page.get_by_role("button", name="Save the new name").click()
    renamed = "Police and crime panels, 15 January 2027: Winter budget panel"
    expect(page.locator(".qb-meeting-status")).to_have_text(f"Renamed the meeting: {renamed}.")
    page.reload()
    expect(meeting(page).locator("option:checked")).to_have_text(renamed)
    expect(page.get_by_label("Notes on PCP-05")).to_have_value("Ask about the plan.")

    # Delete asks first: dismissed, nothing changes.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Delete this meeting").click()
    expect(page.locator(".qb-meeting-status")).to_have_text("Nothing deleted.")
    expect(meeting(page).locator("option")).to_have_count(2)

    asked: list[str] = []

    def accept(dialog: object) -> None:
        asked.append(dialog.message)  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    page.once("dialog", accept)
    page.get_by_role("button", name="Delete this meeting").click()
    assert asked and renamed in asked[0] and "1 answer" in asked[0]
    expect(meeting(page).locator("option")).to_have_text(["General: not for a particular meeting"])
    expect(page.get_by_label("Ask PCP-05")).not_to_be_checked()
    expect(page.get_by_label("Ask PCP-03")).to_be_checked()  # General's
    undo = page.get_by_role("button", name="Undo: bring the meeting back")
    expect(undo).to_be_focused()
    undo.click()
    expect(meeting(page).locator("option:checked")).to_have_text(renamed)
    expect(page.get_by_label("Notes on PCP-05")).to_have_value("Ask about the plan.")
    expect(undo).to_be_hidden()
    page.reload()
    expect(meeting(page).locator("option:checked")).to_have_text(renamed)

    # Deleted and the page left: gone for good.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete this meeting").click()
    page.reload()
    expect(meeting(page).locator("option")).to_have_count(1)
    expect(page.get_by_role("button", name="Undo: bring the meeting back")).to_be_hidden()
    expect(page.get_by_role("button", name="Delete this meeting")).to_be_hidden()  # General


def stored_meetings(page: Page) -> list[dict[str, object]]:
    """The meetings of the answers record this page keeps, as saved."""
    meetings: list[dict[str, object]] = page.evaluate(
        """() => {
          const key = Object.keys(localStorage).find(k => k.startsWith('qbank:answers:v2'));
          return JSON.parse(localStorage.getItem(key)).meetings;
        }"""
    )
    return meetings


def test_a_deleted_meeting_stays_deleted_when_an_older_copy_is_merged(
    page: Page, origins: dict[str, str], tmp_path: Path
) -> None:
    """Delete keeps a tombstone (answers version 3), so merging a file exported before the
    deletion does not bring the meeting back; it shows in no chooser and no count."""
    base = origins["file"]
    page.goto(base + f"{PCP}.html")
    new_meeting(page, "2027-01-14", "Winter")
    tick(page, base, PCP, "PCP-05", note="Ask about the plan.")
    before = saved(
        page,
        lambda: page.get_by_role("button", name="Export my answers").click(),
        tmp_path / "a.json",
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete this meeting").click()
    page.reload()
    kept = [m for m in stored_meetings(page) if m["id"] != "general"]
    assert len(kept) == 1 and kept[0]["deleted"] is True and kept[0]["answers"] == {}, kept
    assert "Ask about the plan." not in json.dumps(stored_meetings(page))

    import_file(page, before)
    expect(page.locator(".qb-toolbar-status").first).to_contain_text("Nothing changed")
    expect(meeting(page).locator("option")).to_have_text(["General: not for a particular meeting"])
    expect(page.get_by_label("Ask PCP-05")).not_to_be_checked()
    page.goto(base + "my-questions.html")
    expect(meeting(page).locator("option")).to_have_count(1)
    assert [m.get("deleted") for m in stored_meetings(page) if m["id"] != "general"] == [True]


def test_another_bodys_checklist_does_not_join_a_meeting(
    page: Page, origins: dict[str, str]
) -> None:
    base = origins["file"]
    page.goto(base + f"{PCP}.html")
    new_meeting(page, "2027-01-14", "Winter")
    tick(page, base, PCP, "PCP-01")
    page.goto(base + "community-safety-partnerships.html")
    # Only this body's meetings (none yet) and General.
    expect(meeting(page).locator("option")).to_have_text(["General: not for a particular meeting"])
    expect(page.locator(".qb-meeting-elsewhere")).to_contain_text(
        "Police and crime panels, 14 January 2027: Winter, is of another body"
    )
    page.get_by_label("Ask CSP-01").check()
    page.goto(base + "my-questions.html")
    expect(meeting(page).locator("option:checked")).to_have_text(
        "General: not for a particular meeting"
    )
    expect(page.locator(".qb-mine-question:visible")).to_have_count(1)
    expect(page.locator(".qb-mine-question:visible")).to_have_attribute("data-question", "CSP-01")
    meeting(page).select_option(label="Police and crime panels, 14 January 2027: Winter")
    expect(page.locator(".qb-mine-question:visible")).to_have_count(1)
    expect(page.locator(".qb-mine-question:visible")).to_have_attribute("data-question", "PCP-01")
    # Its own body's checklist still offers it.
    page.goto(base + f"{PCP}.html")
    expect(meeting(page).locator("option:checked")).to_have_text(
        "Police and crime panels, 14 January 2027: Winter"
    )


def test_since_last_time_on_screen_and_in_the_pack(page: Page, origins: dict[str, str]) -> None:
    base = origins["file"]
    page.goto(base + f"{PCP}.html")
    new_meeting(page, "2027-01-14", "Winter")
    tick(page, base, PCP, "PCP-04", NOTE, "Partly assured")
    tick(page, base, PCP, "PCP-07", "", "Not assured")
    tick(page, base, PCP, "PCP-09", "Good answer.", "Assured")
    expect(page.locator(".qb-last-time")).to_have_count(0)  # the first meeting of its body

    # A new meeting of the body offers to tick again what was not assured.
    page.get_by_role("button", name="New meeting").click()
    page.get_by_label("Meeting date").fill("2027-03-04")
    carry = page.get_by_label(re.compile("Tick again the 2 questions rated Not assured"))
    expect(carry).to_be_visible()
    carry.check()
    page.get_by_role("button", name="Save the new meeting").click()
    expect(page.locator(".qb-meeting-status")).to_contain_text("2 questions from last time ticked")
    expect(page.get_by_label("Ask PCP-04")).to_be_checked()
    expect(page.get_by_label("Ask PCP-07")).to_be_checked()
    expect(page.get_by_label("Ask PCP-09")).not_to_be_checked()
    expect(page.get_by_label("Notes on PCP-04")).to_have_value("")  # a new meeting's notes
    last = page.locator(".qb-question", has=page.get_by_label("Ask PCP-04")).locator(
        ".qb-last-time"
    )
    expect(last).to_have_text(f"Last time, 14 January 2027: Partly assured — {NOTE}")
    expect(page.locator(".qb-last-time")).to_have_count(3)

    page.goto(base + "meeting-pack.html?body=pcp&date=2027-03-04&questions=ticked")
    expect(page.locator(".qb-meeting-start")).to_be_hidden()
    assert visible_questions(page) == ["PCP-04", "PCP-07"]
    shown = page.locator(".qb-pack-checklist:visible .qb-last-time:visible")
    expect(shown).to_have_text(
        [
            f"Last time, 14 January 2027: Partly assured — {NOTE}",
            "Last time, 14 January 2027: Not assured",
        ]
    )
    _, text = printed(page)
    assert f"Last time, 14 January 2027: Partly assured — {NOTE}" in text
    assert "Last time, 14 January 2027: Not assured" in text
    assert "Good answer." not in text  # PCP-09 is not in this pack

    # The pack page starts a meeting the same way, offering the same questions.
    page.goto(base + "meeting-pack.html?body=pcp&date=2027-02-10&questions=ticked")
    offer = page.get_by_label(re.compile("Tick again the 2 questions rated Not assured"))
    expect(offer).to_be_visible()
    expect(page.locator(".qb-carry")).to_contain_text("14 January 2027: Winter")
    offer.check()
    page.get_by_role("button", name="Start this meeting").click()
    assert visible_questions(page) == ["PCP-04", "PCP-07"]


def test_answers_kept_only_until_the_browser_is_closed(
    browser: Browser, request_log: RequestLog, origins: dict[str, str]
) -> None:
    """From file:// every local page shares one storage origin: the page says so, and a
    setting keeps answers in sessionStorage, gone when the browser is closed (here, the
    window: a new one starts with empty sessionStorage and the same localStorage)."""
    base = origins["file"]
    context = browser.new_context()
    context.on("request", lambda r: request_log.urls.append(r.url))
    page = context.new_page()
    page.goto(base + "my-questions.html")
    expect(page.locator(".qb-where-kept")).to_contain_text("any other web page saved as a file")
    setting = page.get_by_label("Keep my answers only until I close this browser")
    expect(setting).not_to_be_checked()
    expect(setting).to_have_accessible_description(re.compile("any other web page saved"))
    tick(page, base, PCP, "PCP-01")  # kept in lasting storage
    page.goto(base + "my-questions.html")
    setting.check()
    expect(page.locator(".qb-session-status")).to_have_text(
        "Your answers are now kept only until you close this browser."
    )
    tick(page, base, PCP, "PCP-02", note="Only for today.")
    page.goto(base + "meeting-pack.html?body=pcp")
    expect(page.get_by_label("Keep my answers only until I close this browser")).to_be_checked()
    stored = page.evaluate(
        """() => ({
          local: Object.keys(localStorage).filter(k => k.startsWith('qbank:answers:v2')),
          session: Object.keys(sessionStorage).filter(k => k.startsWith('qbank:answers:v2')),
        })"""
    )
    assert stored["local"] == [] and len(stored["session"]) == 1, stored
    # Closed: a new window starts with empty sessionStorage, and localStorage as it was.
    page.close()
    page = context.new_page()
    page.goto(base + f"{PCP}.html")
    expect(page.get_by_label("Ask PCP-01")).not_to_be_checked()
    expect(page.get_by_label("Ask PCP-02")).not_to_be_checked()
    page.goto(base + "my-questions.html")
    setting = page.get_by_label("Keep my answers only until I close this browser")
    expect(setting).to_be_checked()  # the choice lasts; the answers did not
    tick(page, base, PCP, "PCP-03")
    page.goto(base + "my-questions.html")
    setting.uncheck()
    page.reload()
    expect(page.locator(".qb-mine-question:visible")).to_have_attribute("data-question", "PCP-03")
    kept = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('qbank:answers:v2')).length"
    )
    assert kept == 1
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_meeting_controls_pass_axe(
    browser: Browser, request_log: RequestLog, origins: dict[str, str], scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    context.on("request", lambda r: request_log.urls.append(r.url))
    page = context.new_page()
    base = origins["http"]
    found = []
    page.goto(base + "meeting-pack.html?body=pcp&threat=drugs&date=2027-01-14&title=Winter")
    expect(page.locator(".qb-meeting-start")).to_be_visible()
    found += [f"start offered: {v}" for v in axe_violations(page)]
    page.get_by_role("button", name="Start this meeting").click()
    page.get_by_label("Ask PCP-04").check()
    page.locator("#status-pcp-04").select_option("Partly assured")
    page.goto(base + "meeting-pack.html?body=pcp&threat=drugs&date=2027-03-01")
    page.get_by_label(re.compile("Tick again the question rated")).check()
    page.get_by_role("button", name="Start this meeting").click()
    expect(page.locator(".qb-last-time:visible")).to_have_count(1)
    found += [f"pack, last time: {v}" for v in axe_violations(page)]
    page.goto(base + f"{PCP}.html")
    page.get_by_role("button", name="Rename this meeting").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete this meeting").click()
    expect(page.get_by_role("button", name="Undo: bring the meeting back")).to_be_visible()
    page.get_by_role("button", name="New meeting").click()
    page.get_by_label("Meeting date").fill("2027-05-01")
    expect(page.locator(".qb-carry")).to_be_visible()
    found += [f"checklist: {v}" for v in axe_violations(page)]
    page.goto(base + "community-safety-partnerships.html")
    found += [f"another body: {v}" for v in axe_violations(page)]
    context.close()
    assert not found, f"{len(found)} axe violations, {scheme}:\n" + "\n".join(found)
