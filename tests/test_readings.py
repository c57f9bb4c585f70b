"""Editorial readings (issue 28 item 2): how knife crime, serious violence and the Safer Streets
mission bear on the 2015 questions, on the threat briefings and checklists where councillors
look, marked as the bank's editorial text, escaped like every other text, and checked so that
every question, note and page it names exists."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from generator.content.errors import ContentError
from generator.content.load import load_national
from generator.content.model import Bank
from generator.site.render import Renderer
from tests.conftest import copy_bank
from tests.test_load import edit, line_of

READING = "knife-crime-serious-violence"


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _block(page: str) -> str:
    """The reading's block on a rendered page ("" when the page has none)."""
    found = re.search(rf'<(aside|details) id="reading-{READING}".*?</\1>', page, re.DOTALL)
    return found.group(0) if found else ""


@pytest.fixture(scope="module")
def pages(bank: Bank) -> dict[str, str]:
    return Renderer(bank).pages()


def test_the_reading_rests_on_the_notes_that_confirm_its_facts(bank: Bank) -> None:
    (reading,) = bank.readings
    assert reading.id == READING
    notes = {n.id for n in bank.notes}
    assert {"serious-violence-duty", "safer-streets-mission", "knife-and-machete-bans"} <= set(
        reading.notes
    )
    assert set(reading.notes) <= notes
    # A reading is dated no earlier than the notes it rests on were last checked.
    checked = {n.id: n.checked for n in bank.notes}
    assert all(checked[n] <= reading.date for n in reading.notes)


@pytest.mark.parametrize("threat", ["drugs", "firearms"])
def test_threat_briefing_shows_every_point_marked_editorial(
    bank: Bank, pages: dict[str, str], threat: str
) -> None:
    (reading,) = bank.readings
    block = _block(pages[bank.threat(threat).page])
    assert block, f"no reading on the {threat} briefing"
    said = _text(block)
    assert said.startswith(f"Editorial reading, 6 December 2026: {reading.title}")
    assert "The bank's editorial text, not the LGA's guidance." in said
    shown = re.findall(r'<span class="qb-id">([A-Z]+-\d{2})</span>', block)
    assert shown == [q.id for q, _ in bank.reading_points(reading)]
    assert len(shown) == len(reading.points)
    for note in reading.notes:
        assert f'href="../about/changes.html#note-{note}"' in block


@pytest.mark.parametrize("audience", ["csp", "pcp", "osc", "dcs", "lscb"])
def test_checklist_shows_the_points_on_its_own_questions(
    bank: Bank, pages: dict[str, str], audience: str
) -> None:
    (reading,) = bank.readings
    block = _block(pages[bank.audience(audience).page])
    shown = re.findall(r'<span class="qb-id">([A-Z]+-\d{2})</span>', block)
    own = [p.question for p in reading.points if bank.question(p.question).audience_id == audience]
    assert own, f"the reading names no {audience} question"
    assert sorted(shown) == sorted(own)
    assert "The bank's editorial text, not the LGA's guidance." in _text(block)


def test_checklists_it_does_not_name_show_nothing(bank: Bank, pages: dict[str, str]) -> None:
    for audience in ("hwb", "dph"):
        assert not _block(pages[bank.audience(audience).page])
    assert not _block(pages[bank.threat("cyber").page])


def test_reading_text_is_escaped(tmp_path: Path) -> None:
    root = copy_bank(tmp_path / "bank")
    readings = root / "readings.yml"
    edit(
        readings,
        "title: Knife crime, serious violence and the Safer Streets mission",
        'title: "Knife crime <script>alert(1)</script>"',
    )
    edit(
        readings,
        "      The 2015 guidance meets violence",
        "      <img src=x onerror=alert(2)> meets",
    )
    edit(
        readings,
        "          Ask whether the council's awareness work",
        '          <a href="javascript:alert(3)">x</a> Ask whether the council\'s awareness work',
    )
    bank = load_national(root)
    page = Renderer(bank).pages()[bank.audience("osc").page]
    block = _block(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in block
    assert "&lt;img src=x onerror=alert(2)&gt;" in block
    assert "&lt;a href=&#34;javascript:alert(3)&#34;&gt;" in block or (
        "&lt;a href=&quot;javascript:alert(3)&quot;&gt;" in block
    )
    assert "<script" not in block
    assert "<img" not in block
    assert 'href="javascript' not in block


def test_unknown_references_are_reported_where_they_are(tmp_path: Path) -> None:
    root = copy_bank(tmp_path / "bank")
    readings = root / "readings.yml"
    edit(readings, "      - question: DCS-04", "      - question: DCS-99")
    edit(readings, "      - knife-and-machete-bans", "      - knife-bans")
    edit(readings, "      - threat:firearms", "      - threat:firearm")
    with pytest.raises(ContentError) as caught:
        load_national(root)
    said = str(caught.value)
    assert f"readings.yml:{line_of(readings, 'DCS-99')}:" in said
    assert "unknown question 'DCS-99'" in said
    assert f"readings.yml:{line_of(readings, '- knife-bans')}:" in said
    assert "unknown note 'knife-bans'" in said and "did you mean 'knife-and-machete-bans'?" in said
    assert "unknown threat 'firearm'" in said


def test_a_bank_without_readings_has_none(tmp_path: Path) -> None:
    root = copy_bank(tmp_path / "bank")
    (root / "readings.yml").unlink()
    bank = load_national(root)
    assert bank.readings == ()
    assert not _block(Renderer(bank).pages()[bank.audience("csp").page])
