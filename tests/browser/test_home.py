"""The home page as a start page: "Prepare for a meeting" (the GOV.UK start button pattern)
leads to the meeting pack builder, and "My questions" sits beside it, on the first screen of a
desktop and of a phone, in both colour schemes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.test_accessibility import MATERIAL_SCHEME, axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
def test_start_page_leads_to_the_pack_and_my_questions(
    browser: Browser, built_site: Path, width: int, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto((built_site / "index.html").as_uri())
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", MATERIAL_SCHEME[scheme]
        )
        start = page.get_by_role("link", name="Prepare for a meeting", exact=True)
        mine = page.get_by_role("article").get_by_role("link", name="My questions", exact=True)
        for link in (start, mine):
            expect(link).to_be_in_viewport(ratio=1)
        # A big button, not a link in running text: at least 44 px tall, no underline.
        box = start.bounding_box()
        assert box is not None and box["height"] >= 44
        assert start.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
        assert axe_violations(page) == []
        start.click()
        expect(page).to_have_url(re.compile(r"/meeting-pack\.html$"))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.go_back()
        mine.click()
        expect(page).to_have_url(re.compile(r"/my-questions\.html$"))
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_an_editions_notes_do_not_push_the_start_button_off_the_first_screen(
    browser: Browser, built_broxtowe_site: Path, width: int
) -> None:
    """Broxtowe's home page carries two long local notes (why two checklists are left out,
    reorganisation): they follow the start button, which stays on the first screen."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto((built_broxtowe_site / "index.html").as_uri())
        notes = page.locator("article .qb-note")
        assert notes.count() >= 2
        start = page.get_by_role("link", name="Prepare for a meeting", exact=True)
        expect(start).to_be_in_viewport(ratio=1)
        start_box, note_box = start.bounding_box(), notes.first.bounding_box()
        assert start_box is not None and note_box is not None
        assert start_box["y"] < note_box["y"]
    finally:
        context.close()
