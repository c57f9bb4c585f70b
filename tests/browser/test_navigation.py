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
