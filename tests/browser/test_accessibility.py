"""WCAG 2.2 AA in a real browser: axe-core on every page in both colour schemes, keyboard focus
that can be seen, and glossary terms a keyboard user can expand."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.content.load import ROOT
from tests.browser.pages import site_pages, unavailable

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Material's palette for each emulated prefers-color-scheme (mkdocs.yml theme.palette).
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.flatMap(v => v.nodes.map(n =>
    `${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary.split("\\n")[1] || ""}`));
}"""


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.2 AA violations on the page as it is now, one line per element."""
    if not AXE.is_file():
        unavailable(f"{AXE.relative_to(ROOT)} is missing: run `npm ci`")
    # Evaluated, not added as a <script>: the page's Content Security Policy refuses inline
    # scripts, and DevTools evaluation is outside it.
    page.evaluate(AXE.read_text("utf-8") + "\n;0")
    return list(page.evaluate(RUN_AXE, AXE_TAGS))


def open_in_scheme(page: Page, url: str, scheme: str) -> None:
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", MATERIAL_SCHEME[scheme])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(page: Page, scheme: str, site_url: str, built_site: Path) -> None:
    found = []
    for path in site_pages(built_site):
        # Over http: 404.html has root-absolute links, for a server to serve it at any depth.
        open_in_scheme(page, site_url + path, scheme)
        found += [f"{path}: {v}" for v in axe_violations(page)]
    assert not found, f"{len(found)} axe violations in {scheme} scheme:\n" + "\n".join(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 400])
def test_search_results_pass_axe(page: Page, scheme: str, width: int, site_url: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_in_scheme(page, site_url + "police-and-crime-panels.html", scheme)
    # On a narrow screen the search box hides behind a header button.
    opener = "input.md-search__input" if width > 960 else "label.md-header__button[for=__search]"
    page.locator(opener).click()
    page.keyboard.type("crime")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    violations = axe_violations(page)
    assert not violations, f"search open, {scheme}, {width}px:\n" + "\n".join(violations)


FOCUS_STYLE = """el => {
  // The colour toggle's radios are hidden; the label that shows carries their focus ring.
  const shown = el.getBoundingClientRect().width ? el
    : el.closest(".md-header__option")?.querySelector("label:not([hidden])") || el;
  const s = getComputedStyle(shown);
  const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  return {
    name: `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}"`,
    style: ring ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "",
    shadow: s.boxShadow === "none" ? "" : s.boxShadow,
    size: shown.getBoundingClientRect().width * shown.getBoundingClientRect().height,
  };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible(page: Page, scheme: str, site_url: str) -> None:
    open_in_scheme(page, site_url + "police-and-crime-panels.html", scheme)
    problems = []
    for _ in range(14):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("document.activeElement")
        seen = focused.evaluate(FOCUS_STYLE)
        focused.evaluate("el => el.blur()")
        unseen = focused.evaluate(FOCUS_STYLE)
        focused.evaluate("el => el.focus()")
        indicator = (seen["style"], seen["shadow"])
        if not seen["size"]:
            problems.append(f"{seen['name']}: focus lands on something invisible")
        elif not any(indicator) or indicator == (unseen["style"], unseen["shadow"]):
            problems.append(f"{seen['name']}: no visible focus indicator ({indicator})")
    assert not problems, "\n".join(problems)


def test_glossary_term_expands_on_keyboard_focus(page: Page, site_url: str) -> None:
    page.goto(site_url + "police-and-crime-panels.html")
    # The first shown: the body's notes, with more, are closed one-line disclosures.
    term = page.locator(".md-content abbr:visible", has_text="PCC").first
    expect(term).to_have_attribute("tabindex", "0")  # in the tab order
    term.focus()
    expect(term).to_be_focused()
    # Material's content.tooltips turns the title into a tooltip that opens on focus (and on
    # hover); without JavaScript, qbank.css shows the title after the term on focus instead.
    expect(term).to_have_attribute("aria-describedby", re.compile(r"\S"))
    tooltip = page.locator(f"#{term.get_attribute('aria-describedby')}")
    expect(tooltip).to_have_text("police and crime commissioner")
    expect(tooltip).to_have_class(re.compile(r"\bmd-tooltip2--active\b"))
    expect(tooltip).to_be_in_viewport()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_example_edition_passes_axe(page: Page, scheme: str, built_edition_site: Path) -> None:
    """Every page an edition changes (header, logo, contacts, print header) in both schemes."""
    found = []
    for path in site_pages(built_edition_site):
        if path == "404.html":  # root-absolute links: checked over http for the national site
            continue
        open_in_scheme(page, (built_edition_site / path).as_uri(), scheme)
        found += [f"{path}: {v}" for v in axe_violations(page)]
    assert not found, f"{len(found)} axe violations in the edition, {scheme}:\n" + "\n".join(found)
