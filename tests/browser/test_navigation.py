"""Getting around: from the home page to every checklist, and every page on this machine only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.content.model import Bank
from tests.browser.pages import RequestLog, site_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("origin", ["http", "file"])
def test_home_page_reaches_every_checklist(
    page: Page, origins: dict[str, str], origin: str, bank: Bank
) -> None:
    home = origins[origin] + "index.html"
    for audience in bank.audiences:
        page.goto(home)
        page.locator("ul.qb-roles a", has_text=audience.name).click()
        expect(page).to_have_url(re.compile(re.escape(f"/{audience.slug}.html") + "$"))
        expect(page.locator("h1")).to_contain_text(audience.name)
        expect(page.locator(".qb-question")).to_have_count(len(audience.questions))


@pytest.mark.parametrize("origin", ["http", "file"])
def test_no_page_asks_another_host_for_anything(
    page: Page,
    origins: dict[str, str],
    origin: str,
    built_site: Path,
    request_log: RequestLog,
) -> None:
    start = len(request_log.urls)
    pages = site_pages(built_site)
    for path in pages:
        page.goto(origins[origin] + path)
    # The search worker fetches its index after the load event.
    page.wait_for_load_state("networkidle")
    requested = request_log.urls[start:]
    assert not request_log.foreign(start), "\n".join(request_log.foreign(start))
    assert len(requested) > 3 * len(pages)  # the log saw every page's own assets too
    assert any(url.endswith("search_index.json") or "search_index.js" in url for url in requested)


FOCUSED_TICK = "document.activeElement.name === 'ask' ? document.activeElement.value : ''"


def presses_to_first_tick(page: Page, keys: list[str], limit: int = 80) -> int:
    """Tab presses after ``keys`` until a tick box has focus; the keys count as presses."""
    for key in keys:
        page.keyboard.press(key)
    presses = len(keys)
    while not page.evaluate(FOCUSED_TICK):
        assert presses < limit, f"no tick box within {limit} presses"
        page.keyboard.press("Tab")
        presses += 1
    return presses


@pytest.mark.parametrize("origin", ["http", "file"])
def test_skip_link_reaches_the_first_question_in_three_presses(
    page: Page, origins: dict[str, str], origin: str, bank: Bank
) -> None:
    """Before: 61 Tab presses from load to the first tick box, 21 through "Skip to content"."""
    for audience in bank.audiences:
        page.goto(origins[origin] + f"{audience.slug}.html")
        skip = page.get_by_role("link", name="Skip to the first question")
        expect(skip).to_have_count(1)
        # Tab, Tab, Enter: the second stop on the page, after Material's "Skip to content".
        assert presses_to_first_tick(page, ["Tab", "Tab", "Enter"]) == 3, audience.id
        first = audience.questions[0]
        assert page.evaluate(FOCUSED_TICK) == first.id
        # The tick box is described by its question, so a screen reader reads it there.
        tick = page.get_by_label(f"Ask {first.id}")
        expect(tick).to_have_accessible_description(re.compile(re.escape(first.id) + r"\s+\S"))
        expect(tick).to_be_in_viewport()


@pytest.mark.parametrize("origin", ["http", "file"])
def test_malformed_address_fragment_stops_nothing(
    page: Page, origins: dict[str, str], origin: str
) -> None:
    """`#%E0%A4%A` cannot be decoded: it used to throw "URI malformed" and stop qbank.js."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(origins[origin] + "all-questions.html#%E0%A4%A")
    expect(page.locator("form.qb-filter")).to_be_visible()
    expect(page.locator(".qb-filter-status")).to_contain_text("questions shown")
    page.goto(origins[origin] + "police-and-crime-panels.html#%E0%A4%A")
    # The rest of qbank.js's set-up ran: Material's search results box is out of the tab order.
    expect(page.locator(".md-search__scrollwrap").first).to_have_attribute("tabindex", "-1")
    # A link to a note, clicked after the bad address, still opens it.
    note = page.locator("details[id^='note-']").first
    note_id = note.get_attribute("id")
    page.evaluate(f"location.hash = '#{note_id}'")
    expect(note).to_have_attribute("open", "")
    assert errors == []
