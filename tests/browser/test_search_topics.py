"""Searching by topic, as councillors do: the words they use lead to a page with questions (a
checklist, or a page that links at least three).

"NRM" and "CCE" are not in the 2015 guidance; the glossary's editorial words and the
"Also searched as" lines on threat and guidance pages make them findable.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_search import search

pytestmark = pytest.mark.browser

QUESTION_LINK = re.compile(r"(^|/)[a-z-]+\.html#[a-z]+-\d+$")
TOPICS = ["NRM", "county lines", "National Referral Mechanism", "CCE", "money mules"]


@pytest.mark.parametrize("origin", ["http", "file"])
@pytest.mark.parametrize("query", TOPICS)
def test_topic_search_lands_on_a_page_that_links_questions(
    page: Page, origins: dict[str, str], origin: str, query: str
) -> None:
    base = origins[origin]
    page.goto(base + "index.html")
    first = search(page, query).first
    expect(first, f"{query!r} over {origin}").to_be_visible()
    first.click()
    expect(page).not_to_have_url(re.compile(r"/index\.html"))
    page.wait_for_load_state()  # the new page's links, not the old one's or none
    hrefs = page.locator("article a[href]").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    questions = {h for h in hrefs if QUESTION_LINK.search(h.split("?")[0])}
    questions |= set(page.locator(".qb-checklist .qb-question h3").all_inner_texts())
    assert len(questions) >= 3, f"{query!r} led to {page.url}, which links {sorted(questions)}"


def test_question_result_is_titled_by_id_and_body(page: Page, origins: dict[str, str]) -> None:
    page.goto(origins["http"] + "index.html")
    result = search(page, "PCP-14").and_(page.locator("[href*='#pcp-14']")).first
    expect(result).to_contain_text("PCP-14 · Police and crime panels: What use is being made")


def test_filter_form_is_not_a_search_result(page: Page, origins: dict[str, str]) -> None:
    page.goto(origins["http"] + "index.html")
    search(page, "AnyCommunity")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"No matching"))
