"""The meeting-pack and "My questions" pages as rendered: every part present, terms indexed,
and YAML text that can never become markup or script."""

from __future__ import annotations

import dataclasses
import re

from generator.content.load import ROOT
from generator.content.model import Bank
from generator.edition import load_bank
from generator.site.render import Renderer

HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


def pages(bank: Bank) -> dict[str, str]:
    return Renderer(bank).pages()


def test_the_pack_page_holds_every_body_and_threat_hidden(bank: Bank) -> None:
    html = pages(bank)["meeting-pack.md"]
    for a in bank.audiences:
        assert re.search(rf'<section class="[^"]*qb-pack-checklist" data-body="{a.id}"', html)
        assert f'<option value="{a.id}">' in html
    for t in bank.threats:
        assert f'data-threat="{t.id}"' in html
        assert f'<label for="pack-choose-{t.id}">{t.name}</label>' in html
    assert html.count("qb-pack-part") == len(bank.audiences) + len(bank.threats)
    # Each part's abbreviations are indexes into the glossary, all of them real.
    for terms in re.findall(r'data-terms="([\d ]*)"', html):
        assert all(0 <= int(i) < len(bank.glossary) for i in terms.split())
    assert "search:\n  exclude: true" in html
    assert "<script" not in html  # a Content Security Policy forbids inline scripts


def test_the_pack_page_of_an_edition_names_the_council_and_contacts() -> None:
    edition = load_bank(ROOT, ROOT / "editions" / "example")
    html = pages(edition)["meeting-pack.md"]
    assert "<dt>Council</dt><dd>Exampleshire District Council</dd>" in html
    assert "community.safety@example.gov.uk" in html
    assert "No local contacts" not in html


def test_yaml_text_stays_text_on_the_new_pages(bank: Bank) -> None:
    first = bank.audiences[0]
    question = dataclasses.replace(first.questions[0], text=HOSTILE, items=(HOSTILE,))
    audience = dataclasses.replace(first, name=HOSTILE, questions=(question, *first.questions[1:]))
    hostile = dataclasses.replace(bank, audiences=(audience, *bank.audiences[1:]))
    for name in ("meeting-pack.md", "my-questions.md"):
        html = pages(hostile)[name]
        assert "<script" not in html and "<img" not in html, name
        assert "&lt;/script&gt;&lt;script&gt;" in html, name
