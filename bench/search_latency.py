"""How long Material's search takes to show its first result, in Chromium, from file://."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from tests.browser.pages import CHROMIUM, FLAGS

# Set the whole query at once and time until the first result is in the list. Material
# reads the box on keyup; the race keeps a broken search from hanging the benchmark.
TIME_QUERY = """async (query) => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const shown = new Promise(resolve => {
    const seen = new MutationObserver(() => {
      if (list.children.length) { seen.disconnect(); resolve(); }
    });
    seen.observe(list, {childList: true});
  });
  const started = performance.now();
  box.focus();
  box.value = query;
  box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  const late = new Promise(resolve => setTimeout(() => resolve("late"), 60000));
  return (await Promise.race([shown, late])) === "late" ? NaN : performance.now() - started;
}"""
CLEAR = """() => {
  const box = document.querySelector("input.md-search__input");
  box.value = "";
  box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
}"""
EMPTY = "() => !document.querySelector('.md-search-result__list').children.length"


@dataclass(frozen=True)
class SearchLatency:
    cold_ms: float  # typed the moment the page loaded, while the index is still being built
    warm_ms: float  # a second query, with the index ready


def search_latency(site: Path, runs: int) -> SearchLatency | None:
    """Median times over ``runs`` fresh page loads; None where Chromium is missing."""
    if not CHROMIUM.is_file():
        return None
    from playwright.sync_api import sync_playwright

    cold, warm = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for _ in range(runs):
            page = context.new_page()
            page.goto((site / "index.html").as_uri(), wait_until="load")
            cold.append(page.evaluate(TIME_QUERY, "proceeds of crime"))
            page.evaluate(CLEAR)
            page.wait_for_function(EMPTY)
            warm.append(page.evaluate(TIME_QUERY, "community engagement strategy"))
            page.close()
        browser.close()
    return SearchLatency(statistics.median(cold), statistics.median(warm))
