"""Messages that say the real rule: each mistake a new council's officer made, once, with the
fix that works (issue 27, point 4). Each test failed before its fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.errors import ContentError, Problem
from generator.content.load import ROOT
from generator.edition import load_bank
from generator.site.outputs import generate

PLAN = (
    "Actions\n- Train every taxi driver.\n- Appoint a lead officer.\nReport to the police on 101.\n"
)
HEAD = """\
council: A Council
sources:
  - {id: plan, title: Plan, publisher: A Council, date: "2024", file: plan.txt}
"""
QUESTION = """\
  - id: {id}
    body: {body}
    text: Is it done?
    expectation: It is done.
    threats: {threats}
    strands: [protect]
    themes: [training-and-awareness]
    source:
      document: plan
      section: {section}
      quote: {quote}
"""


def question(
    id: str = "L-OSC-01",
    body: str = "osc",
    threats: str = "[all]",
    section: str = "Actions",
    quote: str = "Train every taxi driver.",
) -> str:
    return QUESTION.format(id=id, body=body, threats=threats, section=section, quote=quote)


def edition(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.yml").write_text(text, "utf-8")
    (folder / "plan.txt").write_text(PLAN, "utf-8")
    return folder


def problems(folder: Path, text: str) -> list[Problem]:
    with pytest.raises(ContentError) as info:
        load_bank(ROOT, edition(folder, text))
    return info.value.problems


# Short phone numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone", ["101", "111", "999", "0800 1111", "0800 555 111", "116 123", "61016"]
)
def test_short_phone_numbers_are_accepted(tmp_path: Path, phone: str) -> None:
    text = HEAD + f'contacts:\n  - role: Police (non-emergency)\n    phone: "{phone}"\n'
    bank = load_bank(ROOT, edition(tmp_path, text))
    assert bank.edition.contacts[0].phone == phone


def test_a_phone_number_with_letters_is_refused_with_the_real_rule(tmp_path: Path) -> None:
    text = HEAD + "contacts:\n  - role: Police\n    phone: 101 ext 4\n"
    [p] = problems(tmp_path, text)
    assert p.message == "'phone' has the wrong form: '101 ext 4'"
    assert "from 3 characters (101, 999) to 20" in p.hint
    assert "digits and spaces" not in p.hint


# An unquoted colour -----------------------------------------------------------------------


def test_an_unquoted_colour_names_the_yaml_comment(tmp_path: Path) -> None:
    [p] = problems(tmp_path, HEAD + "brand_colour: #1d4e3a\n")
    assert (p.line, p.column) == (4, 1)
    assert p.message == (
        "'brand_colour' is empty: YAML reads '#1d4e3a' as a comment ('#' after a space starts one)"
    )
    assert p.hint == 'put it in quotes: brand_colour: "#1d4e3a"'


# threats: [all] and [] --------------------------------------------------------------------


def test_all_means_every_threat_and_empty_means_no_particular_threat(tmp_path: Path) -> None:
    text = HEAD + "local_questions:\n"
    text += question(id="L-OSC-01", threats="[all]")
    text += question(id="L-OSC-02", threats="[]", quote="Appoint a lead officer.")
    text += question(id="L-OSC-03", threats="[drugs]")
    bank = load_bank(ROOT, edition(tmp_path, text))
    every = {q.id for q in bank.questions_for_every_threat()}
    assert "L-OSC-01" in every and "L-OSC-02" not in every
    assert {q.id for q in bank.questions_on("drugs")} >= {"L-OSC-03"}
    on_any = {q.id for t in bank.threats for q in bank.questions_on(t.id)}
    assert "L-OSC-02" not in on_any and "L-OSC-02" not in every
    pages = generate(bank)
    checklist = str(pages["overview-and-scrutiny-committees.md"])
    at = checklist.index('id="l-osc-02"')
    assert "No particular threat" in checklist[at : at + 3000]
    at = checklist.index('id="l-osc-01"')
    assert "All threats" in checklist[at : at + 3000]
    drugs = str(pages["threats/drugs.md"])
    assert "L-OSC-01" in drugs and "L-OSC-03" in drugs and "L-OSC-02" not in drugs


def test_all_with_named_threats_is_refused(tmp_path: Path) -> None:
    text = HEAD + "local_questions:\n" + question(threats="[all, drugs]")
    [p] = problems(tmp_path, text)
    assert p.message == "local question L-OSC-01 is tagged both 'all' and named threats"
    assert "[all] on its own" in p.hint


# The ID's body code ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("qid", "body", "message", "hint"),
    [
        (
            "L-OSC-02",
            "csp",
            "local question L-OSC-02 is for 'csp', but its ID says 'OSC'",
            "give it body: osc, or an ID for csp: L-CSP-01",
        ),
        (
            "L-CSP-02",
            "osc",
            "local question L-CSP-02 is for 'osc', but its ID says 'CSP'",
            "give it body: csp, or an ID for osc: L-OSC-01",
        ),
        (
            "L-TAXI-01",
            "osc",
            "local question L-TAXI-01 is for 'osc', but its ID says 'TAXI'",
            "give it an ID for osc: L-OSC-01",
        ),
    ],
)
def test_an_id_for_another_body_is_refused(
    tmp_path: Path, qid: str, body: str, message: str, hint: str
) -> None:
    text = HEAD + "local_questions:\n" + question(id=qid, body=body)
    [p] = problems(tmp_path, text)
    assert (p.message, p.hint) == (message, hint)


def test_a_misspelt_body_is_suggested_from_the_id(tmp_path: Path) -> None:
    text = HEAD + "local_questions:\n" + question(id="L-CSP-01", body="cps")
    [p] = problems(tmp_path, text)
    assert p.message == "unknown body 'cps' for local question L-CSP-01"
    assert p.hint == "did you mean 'csp'? (its ID, L-CSP-01, says CSP)"


# Section headings ------------------------------------------------------------------------


def test_a_misspelt_section_heading_is_reported(tmp_path: Path) -> None:
    text = HEAD + "local_questions:\n" + question(section="Actoins")
    [p] = problems(tmp_path, text)
    assert p.message == "section heading not found in source 'plan': 'Actoins'"
    assert p.hint.startswith("nearest in plan.txt: 'Actions'")


def test_a_misspelt_strategy_heading_is_reported(tmp_path: Path) -> None:
    text = HEAD + (
        "strategy:\n  source: plan\n"
        "  aim: {section: Action, text: Train every taxi driver.}\n"
        "  council_actions: {section: Actions, items: [Appoint a lead officer.]}\n"
        "  reporting_line: {section: Reporting, text: Report to the police on 101.}\n"
    )
    found = problems(tmp_path, text)
    assert [(p.line, p.message) for p in found] == [
        (6, "section heading not found in source 'plan': 'Action'"),  # a word, not part of one
        (8, "section heading not found in source 'plan': 'Reporting'"),
    ]


# One message per mistake -------------------------------------------------------------------


def test_a_misspelt_key_is_one_message(tmp_path: Path) -> None:
    text = HEAD + "local_questions:\n" + question().replace("strands:", "strandz:")
    [p] = problems(tmp_path, text)
    assert p.message == "unknown key 'strandz' in entry L-OSC-01"
    assert p.hint == "did you mean 'strands'? (it is required)"
