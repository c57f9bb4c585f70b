"""Counts agree with their nouns on every page: "1 local question", never "1 local questions"."""

from __future__ import annotations

import dataclasses
import re

import pytest

from generator.content.load import ROOT
from generator.content.model import Bank
from generator.edition import load_bank
from generator.site.local_pages import local_pages
from generator.site.render import Renderer

ONE_PLURAL = re.compile(r"\b1 (local )?(questions|notes|actions)\b")


def with_one_local_question(bank: Bank) -> Bank:
    """The Broxtowe edition cut down to a single local question (and one action)."""
    kept = False
    audiences = []
    for a in bank.audiences:
        questions = []
        for q in a.questions:
            if q.local and kept:
                continue
            kept = kept or q.local
            questions.append(q)
        audiences.append(dataclasses.replace(a, questions=tuple(questions)))
    edition = dataclasses.replace(bank.edition, action_plan=bank.edition.action_plan[:1])
    return dataclasses.replace(bank, audiences=tuple(audiences), edition=edition)


@pytest.fixture(scope="module")
def broxtowe() -> Bank:
    return load_bank(ROOT, ROOT / "editions" / "broxtowe")


def pages_of(bank: Bank) -> dict[str, str]:
    renderer = Renderer(bank)
    return {**renderer.pages(), **local_pages(renderer)}


def test_one_local_question_is_counted_in_the_singular(broxtowe: Bank) -> None:
    pages = pages_of(with_one_local_question(broxtowe))
    assert (
        "1 local question, drawn from this strategy, is on the checklists"
        in pages["local/strategy.md"]
    )
    assert "4P action plan</a>: 1 action by" in pages["index.md"]
    found = {p: ONE_PLURAL.findall(text) for p, text in pages.items() if ONE_PLURAL.search(text)}
    assert not found, found


def test_no_page_of_the_real_editions_says_one_with_a_plural(broxtowe: Bank) -> None:
    for bank in (load_bank(ROOT), broxtowe):
        for page, text in pages_of(bank).items():
            assert not ONE_PLURAL.search(text), page
