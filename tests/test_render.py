"""Golden tests for rendered Markdown, and the escaping rules of the renderer.

Update the goldens after an intended change with ``pytest --update-goldens`` and review
the diff like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.markup import md_escape, page_url
from generator.content.model import Bank
from generator.site.render import Renderer

GOLDEN = Path(__file__).parent / "golden"
PAGES = ["directors-of-public-health.md", "threats/drugs.md", "the-4ps.md"]


@pytest.mark.parametrize("page", PAGES)
def test_rendered_page_matches_golden(
    bank: Bank, page: str, request: pytest.FixtureRequest
) -> None:
    rendered = Renderer(bank).pages()[page]
    golden = GOLDEN / page.replace("/", "__")
    if request.config.getoption("--update-goldens"):
        golden.write_text(rendered, "utf-8")
    assert golden.is_file(), f"no golden for {page}: run pytest --update-goldens"
    assert rendered == golden.read_text("utf-8")


def test_page_url_is_relative() -> None:
    assert page_url("threats/drugs.md", "police-and-crime-panels.md", "pcp-14") == (
        "../police-and-crime-panels.html#pcp-14"
    )
    assert page_url("index.md", "threats/drugs.md") == "threats/drugs.html"


def test_md_escape_neutralises_markdown_and_html() -> None:
    assert str(md_escape("a *b* [c](d) <e>")) == r"a \*b\* \[c\]\(d\) &lt;e&gt;"


def test_glossary_terms_wrap_whole_words_only(bank: Bank) -> None:
    text = Renderer(bank)._abbreviate("The PCC and PCCs, not PCCX or SOCA-like; OCG.")
    assert '<abbr title="police and crime commissioner">PCC</abbr> and' in text
    assert '<abbr title="police and crime commissioner">PCC</abbr>s,' in text
    assert "PCCX" in text and ">PCCX<" not in text
    assert '<abbr title="organised crime group">OCG</abbr>.' in text
