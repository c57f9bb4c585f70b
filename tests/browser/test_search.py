"""Material's search, as a councillor uses it, from an intranet server and from a shared drive.

Under file:// the search worker runs through the offline plugin and the iframe-worker shim.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

# (query, page the search starts on, page and anchor of the best section result)
SEARCHES = [
    ("proceeds of crime", "index.html", "police-and-crime-panels.html", "pcp-14"),
    ("community engagement strategy", "index.html", "community-safety-partnerships.html", "csp-05"),
    # The dated note that made cuckooing an offence, on the county lines guidance page.
    (
        "cuckooing",
        "threats/drugs.html",
        "guidance/county-lines.html",
        "note-cce-cuckooing-offences",
    ),
    ("PCP-14", "index.html", "police-and-crime-panels.html", "pcp-14"),
    ("DCS-03", "threats/drugs.html", "directors-of-childrens-services.html", "dcs-03"),
]


# The results for the whole query are shown: a result link highlights its last word (or none
# matched, or the message above the results quotes the query: docs/js/search.js), and nothing
# has changed for half a second. Typing sends a query per key, and a
# loaded machine can show the results for "national" a moment after "National Referral
# Mechanism" is typed in full: a test must not click those.
SETTLED = """(last) => {
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const links = [...document.querySelectorAll(".md-search-result__link")];
  const whole = links.some(a => (new URL(a.href).searchParams.get("h") || "")
    .toLowerCase().split(/[\\s+-]+/).includes(last))
    || (!links.length && /No matching/.test(meta ? meta.textContent : ""))
    || (meta ? meta.textContent : "").toLowerCase().includes(last + "”");
  const now = (list ? list.innerHTML : "") + "|" + (meta ? meta.textContent : "");
  const seen = window.__qbankResults || (window.__qbankResults = {text: null, since: 0});
  if (now !== seen.text) { seen.text = now; seen.since = performance.now(); return false; }
  return whole && performance.now() - seen.since >= 500;
}"""


def search(page: Page, query: str) -> Locator:
    """Type a query into the header search box, as a person would; return the result links
    once the results for the whole query are shown."""
    box = page.locator("input.md-search__input")
    box.click()
    page.evaluate("() => { window.__qbankResults = undefined; }")
    box.press_sequentially(query)
    last = re.split(r"[\s-]+", query.strip().lower())[-1]
    page.wait_for_function(SETTLED, arg=last, polling=50)
    return page.locator(".md-search-result__link")


def result_href(base: str, target: str, anchor: str) -> re.Pattern[str]:
    # Material adds ?h=<terms> so that the target page highlights them.
    return re.compile(rf"^{re.escape(base + target)}(\?[^#]*)?#{re.escape(anchor)}$")


@pytest.mark.parametrize("origin", ["http", "file"])
@pytest.mark.parametrize(("query", "start", "target", "anchor"), SEARCHES)
def test_search_leads_to_the_question(
    page: Page,
    origins: dict[str, str],
    origin: str,
    query: str,
    start: str,
    target: str,
    anchor: str,
) -> None:
    base = origins[origin]
    page.goto(base + start)
    # Results come grouped by page; the first link to a section is the best section match.
    best = search(page, query).and_(page.locator("[href*='#']")).first
    expect(best, f"{query!r} from {start} over {origin}").to_have_attribute(
        "href", result_href(base, target, anchor)
    )
    best.click()
    expect(page).to_have_url(result_href(base, target, anchor))
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
