"""A council's edition in a real browser: axe on every page of the worked example in both
schemes, the local/national filter, the action plan printed on A4 landscape, and a long
council name with a brand colour in the header."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from generator.site.build import build_site
from tests.browser.pages import site_pages
from tests.browser.test_accessibility import axe_violations, open_in_scheme

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LONG_NAME = "The Royal Borough Council of Somewhere-upon-Very-Long-River and the Outlying Parishes"


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worked example with a long council name and a brand colour."""
    folder = tmp_path_factory.mktemp("branded") / "edition"
    shutil.copytree(ROOT / "editions" / "broxtowe", folder)
    yml = folder / "edition.yml"
    text = yml.read_text("utf-8").replace(
        "council: Broxtowe Borough Council", f"council: {LONG_NAME}"
    )
    yml.write_text(text + "brand_colour: '#1d5c3a'\n", "utf-8")
    return build_site(ROOT, tmp_path_factory.mktemp("branded-site") / "site", edition=folder)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_broxtowe_edition_passes_axe(page: Page, scheme: str, built_broxtowe_site: Path) -> None:
    found = []
    for path in site_pages(built_broxtowe_site):
        if path == "404.html":  # root-absolute links: checked over http for the national site
            continue
        open_in_scheme(page, (built_broxtowe_site / path).as_uri(), scheme)
        found += [f"{path}: {v}" for v in axe_violations(page)]
    assert not found, f"{len(found)} axe violations in Broxtowe, {scheme}:\n" + "\n".join(found)


def test_local_national_filter(page: Page, built_broxtowe_site: Path) -> None:
    page.goto((built_broxtowe_site / "all-questions.html").as_uri())
    status = page.locator(".qb-filter-status")
    expect(status).to_have_text("63 of 63 questions shown.")
    page.select_option("#f-origin", "local")
    expect(status).to_have_text("16 of 63 questions shown.")
    expect(page.locator("table.qb-all tbody tr:visible .qb-local-tag")).to_have_count(16)
    page.select_option("#f-origin", "national")
    expect(status).to_have_text("47 of 63 questions shown.")
    assert axe_violations(page) == []


def test_action_plan_prints_on_a4_landscape(page: Page, built_broxtowe_site: Path) -> None:
    page.goto((built_broxtowe_site / "local" / "action-plan.html").as_uri())
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages}
    assert sizes == {(842, 595)}  # A4 landscape, in points
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Recommendation" in text and "not stated" in text
    page.goto((built_broxtowe_site / "local" / "strategy.html").as_uri())
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pdf.pages
    } == {(595, 842)}


@pytest.mark.parametrize("width", [1280, 768, 375])
def test_long_council_name_wraps_clear_of_the_navigation(
    page: Page, branded_site: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto((branded_site / "police-and-crime-panels.html").as_uri())
    topic = page.locator(".md-header__topic").first
    expect(topic).to_contain_text(LONG_NAME)
    clipped = topic.evaluate("e => e.scrollWidth > e.clientWidth + 1")
    assert not clipped, "the council's name is cut off"
    title = page.locator(".md-header__title").bounding_box()
    assert title is not None
    for selector in (".md-search", ".md-header__option", ".md-header__button.md-logo"):
        other = page.locator(selector).first
        if not other.is_visible():
            continue
        box = other.bounding_box()
        assert box is not None
        overlap_x = min(title["x"] + title["width"], box["x"] + box["width"]) - max(
            title["x"], box["x"]
        )
        overlap_y = min(title["y"] + title["height"], box["y"] + box["height"]) - max(
            title["y"], box["y"]
        )
        assert overlap_x <= 1 or overlap_y <= 1, f"{selector} overlaps the title at {width}px"
    assert page.locator(".md-header__button.md-logo img").get_attribute("alt") == LONG_NAME


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_brand_colour_header_passes_axe(page: Page, scheme: str, branded_site: Path) -> None:
    open_in_scheme(page, (branded_site / "index.html").as_uri(), scheme)
    colour = page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(29, 92, 58)"
    assert axe_violations(page) == []


WINDSOR = "Royal Borough of Windsor and Maidenhead Council"


@pytest.fixture(scope="module")
def windsor_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The smallest edition with a long council name."""
    folder = tmp_path_factory.mktemp("windsor") / "edition"
    shutil.copytree(ROOT / "editions" / "example", folder)
    yml = folder / "edition.yml"
    text = yml.read_text("utf-8")
    council = next(line for line in text.splitlines() if line.startswith("council:"))
    yml.write_text(text.replace(council, f"council: {WINDSOR}"), "utf-8")
    logo = folder / "logo.svg"  # its text alternative named the example council
    old = council.partition(":")[2].strip()
    logo.write_text(logo.read_text("utf-8").replace(old, WINDSOR), "utf-8")
    return build_site(ROOT, tmp_path_factory.mktemp("windsor-site") / "site", edition=folder)


# The title's text box against the header's: inside it, centred on its middle, at most two lines.
TITLE_FIT = """() => {
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const text = document.querySelector(".md-header__topic .md-ellipsis");
  const box = text.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(text).lineHeight);
  return {header: header.height, top: box.top - header.top, bottom: header.bottom - box.bottom,
          lines: Math.round(box.height / line), name: text.textContent.trim()};
}"""


@pytest.mark.parametrize("width", [320, 375, 768, 1024, 1280])
@pytest.mark.parametrize("edition", ["windsor", "long"])
def test_council_name_fits_the_header_centred(
    page: Page, windsor_site: Path, branded_site: Path, edition: str, width: int
) -> None:
    site, name = (windsor_site, WINDSOR) if edition == "windsor" else (branded_site, LONG_NAME)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto((site / "police-and-crime-panels.html").as_uri())
    fit = page.evaluate(TITLE_FIT)
    assert name in fit["name"]
    assert fit["header"] == 48, f"the header grew to {fit['header']}px at {width}px"
    assert fit["top"] >= 0 and fit["bottom"] >= 0, f"the title spills out at {width}px: {fit}"
    assert abs(fit["top"] - fit["bottom"]) <= 2, f"the title is not centred at {width}px: {fit}"
    assert fit["lines"] <= 2


# A wordmark: "District Council" in small letters that a 24px logo made unreadable.
WORDMARK = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 80" width="240" height="80">
<rect width="240" height="80" fill="#ffffff"/>
<text x="10" y="38" font-family="sans-serif" font-size="30" fill="#1d4e3a">Northwold</text>
<text x="10" y="68" font-family="sans-serif" font-size="22" fill="#1d4e3a">District Council</text>
</svg>"""

LOGO_BOX = """() => {
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const img = document.querySelector(".md-header .md-header__button.md-logo img");
  const box = img.getBoundingClientRect();
  const title = document.querySelector(".md-header__title").getBoundingClientRect();
  return {shown: img.checkVisibility(), height: box.height, width: box.width,
          top: box.top - header.top, bottom: header.bottom - box.bottom, header: header.height,
          right: box.right, titleLeft: title.left, viewport: window.innerWidth};
}"""


@pytest.fixture(scope="module")
def wordmark_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new council's edition with a wordmark logo and a brand colour."""
    from generator.cli import main

    folder = tmp_path_factory.mktemp("wordmark") / "northwold"
    assert main(["new-edition", str(folder), "--council", "Northwold District Council"]) == 0
    (folder / "logo.svg").write_text(WORDMARK, "utf-8")
    yml = folder / "edition.yml"
    text = yml.read_text("utf-8").replace("# logo: logo.svg", "logo: logo.svg")
    yml.write_text(text.replace('# brand_colour: "#1d4f7a"', 'brand_colour: "#1d4e3a"'), "utf-8")
    return build_site(ROOT, tmp_path_factory.mktemp("wordmark-site") / "site", edition=folder)


@pytest.mark.parametrize("width", [320, 768, 1280])
def test_the_logo_shows_legibly_in_the_header_at_every_width(
    page: Page, wordmark_site: Path, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto((wordmark_site / "index.html").as_uri())
    box = page.evaluate(LOGO_BOX)
    assert box["shown"], f"the logo is hidden in the header at {width}px"
    assert box["height"] == 40, f"the logo is {box['height']}px high at {width}px"
    assert box["width"] >= 100 if width > 400 else box["width"] >= 80, box
    assert box["header"] == 48 and box["top"] >= 0 and box["bottom"] >= 0, box
    assert box["right"] <= box["titleLeft"] + 1, f"the logo runs into the title at {width}px"
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    logo = page.locator(".md-header .md-header__button.md-logo img")
    assert logo.get_attribute("alt") == "Northwold District Council"
