"""Twenty searches councillors make, each with the result it must give first: a question, a
threat briefing or the guidance section about it, shown with a snippet, and never a page of
editorial furniture (sources, changelog, contributor pages) above the content.

The words come from the glossary's search words, the threat names and what councillors type
("PCC", "fraud", "safeguarding"); generator/site/search_index.py weighs the index for them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
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
    # A phrase before its words apart: PCP-04 (and OSC-02) name the Police and Crime Plan;
    # PCP-09 has "plans", "police" and "crime" apart.
    (
        "police and crime plan",
        r"police-and-crime-panels\.html|overview-and-scrutiny-committees\.html",
        "pcp-04|osc-02",
    ),
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


def scores(groups: list[list[dict[str, Any]]]) -> dict[str, float]:
    return {link["hash"] or link["path"]: link["score"] for g in groups for link in g}


def test_a_phrase_outranks_its_words_apart(page: Page, origins: dict[str, str]) -> None:
    base = origins["http"]
    page.goto(base + "index.html")
    search(page, "police and crime plan")
    got = scores(page.evaluate(GROUPS, base))
    assert got["pcp-04"] > got["pcp-09"], got


# A query that names the subject of a note finds the note's own entry first, not a question
# whose entry once carried the note's text: (query, note ID). The note's place is read from
# the built index (a guidance page, a threat briefing, a checklist or the changes page).
NOTE_QUERIES = [
    ("Online Safety Act", "online-safety-act-duties"),
    ("Martyn's Law", "protection-of-premises-act"),
    ("Report Fraud", "report-fraud-replaces-action-fraud"),
]


def index_docs(built_site: Path) -> list[dict[str, Any]]:
    docs = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    assert isinstance(docs, list)
    return docs


@pytest.mark.parametrize(("query", "note"), NOTE_QUERIES)
def test_a_note_comes_before_the_questions_it_bears_on(
    page: Page, origins: dict[str, str], built_site: Path, query: str, note: str
) -> None:
    homes = [
        d["location"] for d in index_docs(built_site) if d["location"].endswith(f"#note-{note}")
    ]
    assert len(homes) == 1, f"note {note} has {len(homes)} entries: {homes}"
    base = origins["http"]
    page.goto(base + "index.html")
    search(page, query)
    groups = page.evaluate(GROUPS, base)
    found, hash_, _ = first_result(groups)
    assert f"{found}#{hash_}" == homes[0], f"{query!r}: {found}#{hash_}; top: {scores(groups)}"


# Queries with nothing specific behind them: the results say so above the nearest matches.
# Whether an entry holds the words (and, for two or more, the phrase) is read from the built
# index the way the browser's search reads it, so "knife crime" expects a note about it first
# if one has been written, and otherwise says that nothing mentions it.
HONEST = ["knife crime", "nail bars", "car wash", "crime", "council", "organised"]
SEPARATOR = re.compile("[\\s\\-\u2018\u2019\u201c\u201d]+")  # mkdocs.yml: plugins.search.separator
COMMON = 0.3  # docs/js/search.js: a word in more than this share of entries picks nothing out


def entry_words(doc: dict[str, Any]) -> list[str]:
    text = re.sub(r"<[^>]*>", " ", f"{doc['title']} {doc['text']}").lower()
    return [w for w in SEPARATOR.split(text) if w]


def bare(words: list[str]) -> list[str]:
    return [w for w in (re.sub(r"^\W+|\W+$", "", w) for w in words) if w]


def expected_answer(docs: list[dict[str, Any]], query: str) -> tuple[str, set[str]]:
    """What the results should say for ``query``: ("phrase", the entries holding it),
    ("words", the entries holding every word), ("none", {}) or ("common", {})."""
    terms = SEPARATOR.split(query.lower())
    words = [entry_words(d) for d in docs]
    full = {
        d["location"]
        for d, ws in zip(docs, words, strict=True)
        if all(any(w.startswith(t) for w in ws) for t in terms)
    }
    if not full:
        return "none", set()
    df = {t: sum(any(w.startswith(t) for w in ws) for ws in words) for t in terms}
    if all(n > COMMON * len(docs) for n in df.values()):
        return "common", set()
    n = len(terms)
    phrase = {
        d["location"]
        for d, ws in zip(docs, words, strict=True)
        if n > 1 and any(bare(ws)[i : i + n] == terms for i in range(len(ws)))
    }
    return ("phrase", phrase) if phrase else ("words", full)


def test_common_words_are_common(built_site: Path) -> None:
    """The honest answers below are not all of one kind: "crime" is common, "nail bars" is
    in no entry."""
    docs = index_docs(built_site)
    assert expected_answer(docs, "crime")[0] == "common"
    assert expected_answer(docs, "nail bars")[0] == "none"


@pytest.mark.parametrize("query", HONEST)
def test_search_says_when_nothing_matches(
    page: Page, origins: dict[str, str], built_site: Path, query: str
) -> None:
    kind, where = expected_answer(index_docs(built_site), query)
    base = origins["http"]
    page.goto(base + "index.html")
    search(page, query)
    meta = page.locator(".md-search-result__meta").inner_text()
    groups = page.evaluate(GROUPS, base)
    assert groups, f"{query!r}: no results, not even the nearest"
    if kind == "none":
        assert meta == f"No question mentions “{query}”. Nearest:", meta
    elif kind == "common":
        assert meta.startswith(f"“{query}” is in too many questions and pages"), meta
    else:
        found, hash_, _ = first_result(groups)
        location = f"{found}#{hash_}" if hash_ else found
        assert location in where, f"{query!r} ({kind}): {location}; expected one of {where}"
        assert "mentions" not in meta and "too many" not in meta, meta
