"""Reflow (WCAG 1.4.10) and layout shift on the all-questions page, in Chromium: nothing scrolls
sideways at 320 and 375 px (each question becomes a card), every filter label stays on one
line beside its control, and the filter appearing moves nothing (CLS)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

CLS = """() => new Promise(resolve => {
  let cls = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(cls), 1000);
})"""
# A label and its control side by side: their boxes overlap vertically; a label on one line.
SIDE_BY_SIDE = """() => [...document.querySelectorAll("form.qb-filter label")].map(label => {
  const control = document.getElementById(label.htmlFor).getBoundingClientRect();
  const box = label.getBoundingClientRect();
  return [label.textContent, label.getClientRects().length === 1
          && box.top < control.bottom && control.top < box.bottom && box.right <= control.left];
})"""


@pytest.mark.parametrize("width", [320, 375])
def test_all_questions_reflows_into_cards(browser: Browser, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + "all-questions.html")
        expect(page.locator(".qb-filter-status")).to_contain_text("questions shown")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        card = page.locator("table.qb-all tbody tr").first
        assert card.evaluate("r => getComputedStyle(r).display") == "block"
        expect(card.locator("td[data-label='Body']")).to_be_visible()
        assert all(ok for _, ok in page.evaluate(SIDE_BY_SIDE)), page.evaluate(SIDE_BY_SIDE)
        # The filter still narrows the cards.
        page.select_option("#f-strand", "prepare")
        shown = page.locator("table.qb-all tbody tr:visible").count()
        assert 0 < shown < page.locator("table.qb-all tbody tr").count()
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_filter_appearing_shifts_nothing(browser: Browser, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + "all-questions.html")
        assert page.evaluate(CLS) < 0.01
    finally:
        context.close()
