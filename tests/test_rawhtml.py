"""HTML blocks kept out of Markdown's way come back as Markdown would have given them."""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config

from generator.content.load import ROOT
from generator.edition import load_bank
from generator.site.rawhtml import Stash
from generator.site.render import Renderer


@pytest.fixture(scope="module")
def md() -> markdown.Markdown:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    bank = load_bank(ROOT, ROOT / "editions" / "broxtowe")
    national = Renderer(load_bank(ROOT)).pages()
    return {**national, **{f"broxtowe/{k}": v for k, v in Renderer(bank).pages().items()}}


def convert(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


def test_every_generated_page_converts_to_the_same_html(
    md: markdown.Markdown, pages: dict[str, str]
) -> None:
    taken = 0
    for path, text in pages.items():
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        stash = Stash()
        stashed = stash.stash(body)
        taken += len(stash.blocks)
        assert stash.unstash(convert(md, stashed)) == convert(md, body), path
    assert taken > 100, "hardly any block was taken out: the pages' HTML has changed shape"


@pytest.mark.parametrize(
    "text",
    [
        "<div>\n*not* a block on its own\n\n</div>",  # opened here, closed in a later chunk
        '<div markdown="1">\n*Markdown* inside\n</div>',
        "<span>inline</span>",  # not block-level: Markdown wraps it in a paragraph
        "<div>one</div> and text after",
        "<div><div>nested</div>",
        "text\n<div>after a line of text</div>",
        "<pre>\n  kept\n</pre>",
    ],
)
def test_what_markdown_might_read_is_left_to_it(text: str) -> None:
    stash = Stash()
    assert stash.stash(text) == text
    assert not stash.blocks


def test_anchor_ids_in_blocks_taken_out_are_given_to_mkdocs() -> None:
    stash = Stash()
    stash.stash('Intro\n\n<div id="a"><h2 id="b">B</h2><a name="c"></a><input name="d"></div>')
    assert stash.anchor_ids() == {"a", "b", "c"}
