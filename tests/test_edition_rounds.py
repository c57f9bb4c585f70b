"""An edition's problems in one round, warnings (and ``--strict``), and hints that fit.

A fresh ``edition.yml`` used to need several builds, its errors coming in rounds, because
schema errors stopped it before files and quotes were checked; a missing source file added
an error for every quote from it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.errors import ContentError, Problem
from generator.content.load import ROOT, load_national
from generator.edition import load_bank
from generator.edition.compose import edition_with_warnings

PLAN = "Actions\n\nTrain every taxi driver. Report concerns to Fenland Police on 101.\n"
# An edition with a mistake in every part: schema errors (identity, a body, a question,
# the action plan) beside errors only the layer finds (files, IDs, quotes, notes).
EVERY_PART = """\
council: Northwold District Council
brand_colour: "#ffcc00"
logo: missing.svg
sources:
  - {id: plan, title: Plan, publisher: Northwold, date: "2025", file: plan.txt}
  - {id: gone, title: Gone, publisher: Northwold, date: "2025", file: gone.txt}
bodies:
  dcs:
    leave_out: true
  cps:
    name: Northwold Partnership
local_questions:
  - id: L-OSC-01
    body: osc
    text: Is it done?
    expectation: It is done.
    threats: []
    strands: [protect]
    themes: [enforcement]
    source: {document: plan, section: Actions, quote: Train every taxi drivers.}
  - id: L-OSC-02
    body: osc
    text: Is it done?
    threats: []
    strands: [protect]
    themes: [helth]
    source: {document: plan, section: Actions, quote: Train every taxi driver.}
  - id: L-OSC-03
    body: osc
    text: Who reports?
    expectation: Everyone.
    threats: []
    strands: [protect]
    themes: [health]
    source: {document: gone, section: One, quote: Anything at all.}
  - id: L-OSC-04
    body: osc
    text: Who else reports?
    expectation: Everyone.
    threats: []
    strands: [protect]
    themes: [health]
    source: {document: gone, section: Two, quote: Anything else.}
  - id: L-OSC-05
    body: osc
    text: Is it tagged?
    expectation: Yes.
    threats: []
    strands: []
    themes: [health]
    source: {document: plan, section: Actions, quote: Train every taxi driver.}
action_plan:
  - strand: protekt
    recommendation: Train every taxi driver.
notes:
  - id: n1
    date: "2025-01-01"
    title: A note
    text: On a question the schema refused, and on one that never was.
    applies_to: [question:L-OSC-05, question:L-OSC-09]
"""


def write(folder: Path, text: str, plan: str = PLAN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.yml").write_text(text, "utf-8")
    (folder / "plan.txt").write_text(plan, "utf-8")
    return folder


def problems(folder: Path) -> list[Problem]:
    with pytest.raises(ContentError) as info:
        load_bank(ROOT, folder)
    return info.value.problems


def test_every_problem_in_every_part_in_one_round(tmp_path: Path) -> None:
    found = {(p.line, p.message) for p in problems(write(tmp_path / "ed", EVERY_PART))}
    # The logo's own wording is files.py's; here it only matters that it is reported.
    (logo,) = [f for f in found if f[0] == 3]
    assert logo[1].startswith("logo 'missing.svg'")
    assert found - {logo} == {
        (
            2,
            "brand colour #ffcc00 gives white header text a contrast ratio of 1.51:1, "
            "below the 4.5:1 that WCAG AA needs",
        ),
        (6, "source file 'gone.txt' is not a file in the edition folder"),
        (9, "'leave_out' should be a mapping of keys, not true/false"),
        (10, "unknown body 'cps'"),
        (19, "unknown theme 'enforcement' in local question L-OSC-01"),
        (20, "not found word for word in source 'plan': 'Train every taxi drivers.'"),
        (21, "missing required key 'expectation' in question L-OSC-02"),
        (26, "unknown theme 'helth' in local question L-OSC-02"),
        (49, "'strands' in question L-OSC-05 is an empty list"),
        (53, "'strand' is 'protekt'"),
        (60, "note 'n1' applies to 'question:L-OSC-09', which this edition does not have"),
    }
    # L-OSC-02 lacks its expectation, yet its theme is checked in the same round. Not
    # reported, as each only follows from one above: the two quotes from gone.txt, and the
    # note on L-OSC-05, the question the schema refused.


def test_a_missing_source_file_is_one_error_not_one_per_quote(tmp_path: Path) -> None:
    text = (
        EVERY_PART.split("bodies:")[0]
        + "local_questions:"
        + EVERY_PART.split("local_questions:")[1].split("action_plan:")[0]
    )
    text = text.replace('brand_colour: "#ffcc00"\nlogo: missing.svg\n', "")
    found = problems(write(tmp_path / "ed", text))
    assert [p.message for p in found if "gone" in p.message] == [
        "source file 'gone.txt' is not a file in the edition folder"
    ]
    assert "qbank extract" in next(p.hint for p in found if "gone" in p.message)


def test_an_unknown_strategy_source_is_one_error(tmp_path: Path) -> None:
    text = """\
council: A
sources:
  - {id: plan, title: Plan, publisher: A, date: "2025", file: plan.txt}
strategy:
  source: plna
  aim: {section: Aim, text: Train every taxi driver.}
  council_actions: {section: Actions, items: [One., Two.]}
  reporting_line: {section: Reporting, text: Report concerns.}
action_plan:
  - {strand: protect, recommendation: Not in the plan.}
"""
    (problem,) = problems(write(tmp_path / "ed", text))
    assert (problem.line, problem.message) == (5, "unknown source document 'plna'")
    assert problem.hint == "did you mean 'plan'?"


def test_quote_not_found_names_the_sentence_and_the_nearest_match(tmp_path: Path) -> None:
    text = """\
council: A
sources:
  - {id: plan, title: Plan, publisher: A, date: "2025", file: plan.txt}
local_questions:
  - id: L-OSC-01
    body: osc
    text: Who reports?
    expectation: Everyone.
    threats: []
    strands: [protect]
    themes: [health]
    source:
      document: plan
      section: Actions
      quote: Train every taxi driver. Report concerns to Northshire Police on 101.
"""
    (problem,) = problems(write(tmp_path / "ed", text))
    assert problem.message == (
        "not found word for word in source 'plan': 'Report concerns to Northshire Police on 101.'"
    )
    assert problem.hint == (
        "nearest in plan.txt: 'Report concerns to Fenland Police on 101.'; "
        "the source has 'Fenland' where the quote has 'Northshire'"
    )


# Warnings: the build succeeds and says so; --strict refuses.


def warnings_of(folder: Path) -> list[Problem]:
    return edition_with_warnings(load_national(ROOT), folder, ROOT)[1]


ACCESSIBLE = "accessibility: {contact: {role: Web team, email: web@northwold.gov.uk}}\n"


def test_no_accessibility_contact_is_warned_about(tmp_path: Path) -> None:
    (w,) = warnings_of(write(tmp_path / "ed", "council: Northwold District Council\n"))
    assert w.warning and (w.line, w.column) == (1, 1)
    assert w.message.startswith("no accessibility contact")
    assert str(w).startswith(f"{w.path}:1:1: warning: no accessibility contact")
    assert warnings_of(write(tmp_path / "ed", "council: N\n" + ACCESSIBLE)) == []


@pytest.mark.parametrize(("colour", "warned"), [("#d4351c", True), ("#1d70b8", False)])
def test_a_brand_colour_only_just_dark_enough_is_warned_about(
    tmp_path: Path, colour: str, warned: bool
) -> None:
    found = warnings_of(
        write(tmp_path / "ed", f'council: N\nbrand_colour: "{colour}"\n' + ACCESSIBLE)
    )
    if not warned:
        assert found == []
        return
    (w,) = found
    assert w.message == (
        "brand colour #d4351c gives white header text 4.86:1, only just above the 4.5:1 that "
        "WCAG AA needs"
    )
    assert w.hint.endswith("e.g. #d0341b (5:1)")


def test_placeholders_are_warned_about(tmp_path: Path) -> None:
    text = 'council: N\ncontacts:\n  - role: "[REPLACE: who to contact]"\n' + ACCESSIBLE
    (w,) = warnings_of(write(tmp_path / "ed", text))
    assert (w.line, w.column, w.message) == (
        3,
        5,
        "placeholder left in: '[REPLACE: who to contact]'",
    )


def test_names_copied_from_the_example_edition_are_warned_about(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(ROOT / "editions" / "broxtowe", folder)
    text = (folder / "edition.yml").read_text("utf-8")
    (folder / "edition.yml").write_text(
        text.replace("council: Broxtowe Borough Council", "council: Northwold District Council")
        + ACCESSIBLE,
        "utf-8",
    )
    found = [w.message for w in warnings_of(folder)]
    assert any(m.startswith("the reporting line is the example edition's") for m in found)
    assert any(
        m.startswith("'Nottinghamshire County Council' is the example edition's county")
        for m in found
    )
    assert any(m.startswith("'Broxtowe' is the example edition's place") for m in found)
    # The council's own strategy naming the same force is its own: not warned about.
    own = "Report it to Nottinghamshire Police on 101. Nottinghamshire County Council.\n"
    text = (
        """\
council: Gedling Borough Council
sources:
  - {id: s, title: S, publisher: G, date: "2025", file: plan.txt}
bodies:
  dcs: {leave_out: {asked_at: Nottinghamshire County Council}}
contacts:
  - role: Liaison with Nottinghamshire Police
"""
        + ACCESSIBLE
    )
    assert warnings_of(write(tmp_path / "gedling", text, own)) == []
    copied = write(tmp_path / "gedling2", text, "Nothing about the county.\n")
    assert len(warnings_of(copied)) == 2  # the county and the police force
    assert warnings_of(ROOT / "editions" / "broxtowe")[0].message.startswith(
        "no accessibility contact"
    )  # the example itself: only what it lacks


def test_validate_and_build_print_warnings_and_strict_refuses_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write(tmp_path / "ed", "council: Northwold District Council\n")
    assert main(["validate", "--edition", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "edition.yml:1:1: warning: no accessibility contact" in err
    assert "1 warning: the site builds" in err
    assert main(["validate", "--strict", "--edition", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "edition.yml:1:1: no accessibility contact" in err
    assert "(--strict refuses warnings)" in err and "1 content error found." in err
    out = tmp_path / "site"
    assert main(["build", "--strict", "-o", str(out), "--edition", str(folder)]) == 1
    assert not out.exists()


# Hints that fit the mistake.


def one(folder: Path, text: str, files: dict[str, bytes] | None = None) -> Problem:
    write(folder, text)
    for name, data in (files or {}).items():
        (folder / name).write_bytes(data)
    (problem,) = problems(folder)
    return problem


def test_leave_out_true_is_told_to_give_asked_at(tmp_path: Path) -> None:
    p = one(tmp_path / "ed", "council: A\nbodies:\n  dcs:\n    leave_out: true\n")
    assert p.message == "'leave_out' should be a mapping of keys, not true/false"
    assert "true/false" not in p.hint
    assert p.hint.startswith(
        "give its keys on the lines below it, indented, e.g. leave_out: {asked_at:"
    )


def test_text_read_as_a_number_is_still_told_to_quote_it(tmp_path: Path) -> None:
    p = one(tmp_path / "ed", "council: 2025\n")
    assert p.hint == "quote text that YAML reads as a number, date or true/false"


def test_a_corrupt_png_is_not_told_about_its_path(tmp_path: Path) -> None:
    p = one(tmp_path / "ed", "council: A\nlogo: logo.png\n", {"logo.png": b"GIF89a broken"})
    assert "relative to edition.yml" not in p.hint
    assert p.hint.startswith("the file is damaged or is another type renamed to .png")
    p = one(tmp_path / "ed2", "council: A\nlogo: ../logo.png\n")
    assert p.hint == "give the image's path relative to edition.yml"


def test_a_tab_is_named(tmp_path: Path) -> None:
    p = one(tmp_path / "ed", "council: A\ncontacts:\n\t- role: Officer\n")
    assert (p.line, p.column) == (3, 1)
    assert p.message == "YAML syntax error: a tab character at column 1: YAML indents with spaces"
    assert "cannot start any token" not in p.message


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (  # a theme that is the start of a longer one
            "local_questions:\n  - {id: L-OSC-01, body: osc, text: Q?, expectation: A., "
            "threats: [], strands: [protect], themes: [enforcement], "
            "source: {document: plan, section: Actions, quote: Train every taxi driver.}}\n",
            "did you mean 'enforcement-and-disruption'?",
        ),
        (  # a threat
            "local_questions:\n  - {id: L-OSC-01, body: osc, text: Q?, expectation: A., "
            "threats: [drug], strands: [protect], themes: [health], "
            "source: {document: plan, section: Actions, quote: Train every taxi driver.}}\n",
            "did you mean 'drugs'?",
        ),
        (  # a strand (the schema's list)
            "local_questions:\n  - {id: L-OSC-01, body: osc, text: Q?, expectation: A., "
            "threats: [], strands: [prevnet], themes: [health], "
            "source: {document: plan, section: Actions, quote: Train every taxi driver.}}\n",
            "did you mean 'prevent'? (one of: pursue, prevent, protect, prepare)",
        ),
        ("bodies:\n  lsbc: {name: N}\n", "did you mean 'lscb'?"),
        ("priorities:\n  - {threat: firearm, reason: R, section: S}\n", "did you mean 'firearms'?"),
        (
            "notes:\n  - {id: n, date: '2025-01-01', title: T, text: X, "
            "applies_to: ['threat:cyber-crime']}\n",
            "did you mean 'threat:cyber'?",
        ),
    ],
)
def test_did_you_mean_for_every_id_list(tmp_path: Path, text: str, hint: str) -> None:
    sources = 'sources:\n  - {id: plan, title: P, publisher: A, date: "2025", file: plan.txt}\n'
    p = one(tmp_path / "ed", "council: A\n" + sources + text)
    assert p.hint == hint
