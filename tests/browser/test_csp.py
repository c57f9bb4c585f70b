"""The Content Security Policy in Chromium: every page loads with nothing refused, over http
and from file://, and search (which runs through the iframe-worker shim under file://) works.

A refused script or style is reported by Chromium on the console; that is what we watch.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.pages import site_pages

pytestmark = pytest.mark.browser


def _watch(page: Page) -> list[str]:
    refused: list[str] = []

    def seen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(f"{page.url}: {message.text[:300]}")

    page.on("console", seen)
    return refused


@pytest.mark.parametrize("origin", ["http", "file"])
def test_no_page_breaks_its_policy(
    page: Page, origins: dict[str, str], origin: str, built_site: Path
) -> None:
    refused = _watch(page)
    for path in site_pages(built_site):
        page.goto(origins[origin] + path)
        page.wait_for_load_state("load")
    assert not refused, "\n".join(dict.fromkeys(refused))


@pytest.mark.parametrize("origin", ["http", "file"])
@pytest.mark.parametrize("start", ["index.html", "threats/drugs.html"])
def test_search_works_under_the_policy(
    page: Page, origins: dict[str, str], origin: str, start: str
) -> None:
    refused = _watch(page)
    page.goto(origins[origin] + start)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("cuckooing")
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    assert not refused, "\n".join(refused)
