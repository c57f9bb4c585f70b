"""Twenty searches councillors make, each with the result it must give first: a question, a
threat briefing or the guidance section about it, shown with a snippet, and never a page of
editorial furniture (sources, changelog, contributor pages) above the content.

The words come from the glossary's search words, the threat names and what councillors type
("PCC", "fraud", "safeguarding"); generator/site/search_index.py weighs the index for them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.test_search import search

pytestmark = pytest.mark.browser

TRAFFICKING = "threats/organised-immigration-crime-and-human-trafficking.html"
# (query, the first result's page, the anchor of its best section (a pattern), or "" for the
# page itself)
SEARCHES = [
    ("PCC", "police-and-crime-panels.html", r"pcp-\d\d"),
    (
        "PCC abolished",
        r"guidance/(national-context|role-of-councillors)\.html",
        "note-pcc-abolition-proposed",
    ),
    (
        "fraud",
        r"threats/(cyber|economic)-crime\.html",
        "note-(report-fraud-replaces-action-fraud|fraud-strategy-2023)",
    ),
    ("county lines", "guidance/county-lines.html", ""),
    ("NRM", "police-and-crime-panels.html", "pcp-11"),
    ("safeguarding", "local-safeguarding-children-boards.html", ""),
    ("cuckooing", "guidance/county-lines.html", "note-cce-cuckooing-offences|cuckooing"),
    ("CCE", "local-safeguarding-children-boards.html", r"lscb-0[457]"),
    ("modern slavery", TRAFFICKING, ""),
    ("money mules", "police-and-crime-panels.html", "pcp-14"),
    ("OCG", "police-and-crime-panels.html", r"pcp-\d\d"),
    ("exploitation", "local-safeguarding-children-boards.html", "lscb-08"),
    ("child sexual exploitation", "local-safeguarding-children-boards.html", "lscb-08"),
    ("firearms", "threats/criminal-use-of-firearms.html", ""),
    ("cyber crime", "threats/cyber-crime.html", ""),
    ("drugs", "threats/drugs.html", ""),
    ("economic crime", "threats/economic-crime.html", ""),
    ("acquisitive crime", "threats/organised-acquisitive-crime.html", ""),
    ("human trafficking", f"{TRAFFICKING}|directors-of-public-health.html", "|dph-02"),
    ("proceeds of crime", "police-and-crime-panels.html", "pcp-14"),
]
FURNITURE = re.compile(
    r"(about/(sources|changelog|accessibility)|contributing/[^/]+|downloads)\.html"
)

# Each group of results: its page's link first, then its sections, each with its score and the
# snippet shown under its heading.
GROUPS = """(base) => [...document.querySelectorAll(".md-search-result__item")].map(item =>
  [...item.querySelectorAll("a.md-search-result__link")].map(a => {
    const url = new URL(a.href);
    const article = a.querySelector("article").cloneNode(true);
    article.querySelectorAll("h1, h2, .md-search-result__icon").forEach(h => h.remove());
    return {path: url.pathname.slice(new URL(base).pathname.length), hash: url.hash.slice(1),
            score: parseFloat(a.querySelector("article").dataset.mdScore || "0"),
            snippet: article.textContent.trim()};
  }))"""


def first_result(groups: list[list[dict[str, Any]]]) -> tuple[str, str, str]:
    """The best result: the first group's page, its best scoring entry's anchor ("" for the
    page itself) and the snippet shown for it."""
    best = max(groups[0], key=lambda link: link["score"])
    return groups[0][0]["path"], best["hash"], best["snippet"]


@pytest.mark.parametrize(("query", "target", "anchor"), SEARCHES)
def test_search_gives_content_first(
    page: Page, origins: dict[str, str], query: str, target: str, anchor: str
) -> None:
    base = origins["http"]
    page.goto(base + "index.html")
    search(page, query)
    groups = page.evaluate(GROUPS, base)
    assert groups, f"{query!r}: no results"
    found, hash_, snippet = first_result(groups)
    shown = [
        [(link["hash"] or link["path"], round(link["score"])) for link in g[:3]] for g in groups[:4]
    ]
    assert re.fullmatch(target, found), f"{query!r}: first result {found}; top: {shown}"
    if anchor:
        assert re.fullmatch(anchor, hash_), f"{query!r}: best section #{hash_}; top: {shown}"
    assert snippet, f"{query!r}: the first result shows no snippet"
    pages = [g[0]["path"] for g in groups]
    content = [i for i, p in enumerate(pages) if not FURNITURE.fullmatch(p)]
    furniture = [i for i, p in enumerate(pages) if FURNITURE.fullmatch(p)]
    assert not furniture or not content or min(furniture) > max(content[:5]), (
        f"{query!r}: furniture ranks above content: {pages}"
    )
