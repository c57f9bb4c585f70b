"""Freshness (issue 22): ``qbank notes --stale`` lists the editorial notes due for checking
again, one stable line a note; the month arithmetic; the 3-month rule for notes about what is
still moving; an edition's own notes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.errors import ContentError
from generator.content.freshness import add_months, months_between, stale_notes
from generator.content.load import ROOT
from generator.edition import load_bank
from tests.conftest import copy_bank
from tests.test_load import edit, line_of

# Three notes whose ages and statuses exercise both rules (they are attached to the home
# page, which every bank has, so the file stands on its own).
NOTES = """\
# yaml-language-server: $schema=schema/editorial-notes.schema.json
notes:
  - id: old-in-force
    date: "2026-01-10"
    checked: "2026-05-31"
    status: in-force
    topic: Health
    title: An old note about something in force
    text: Checked more than six months before the report.
    applies_to: [page:index]
    sources:
      - {title: A source, publisher: GOV.UK, date: "2026", url: "https://www.gov.uk/a"}

  - id: young-proposal
    date: "2026-08-01"
    checked: "2026-08-30"
    status: proposed
    topic: Policing and PCCs
    title: A proposal checked three months before the report
    text: Proposals are re-checked every three months.
    applies_to: [page:index]
    sources:
      - {title: A source, publisher: Hansard, date: "2026", url: "https://hansard.parliament.uk/b"}

  - id: young-in-force
    date: "2026-08-01"
    checked: "2026-08-30"
    status: in-force
    topic: Drugs
    title: A note about something in force, checked three months before the report
    text: Not due until six months have passed.
    applies_to: [page:index]
    sources:
      - {title: A source, publisher: GOV.UK, date: "2026", url: "https://www.gov.uk/c"}
"""
TODAY = date(2026, 11, 30)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = copy_bank(tmp_path / "bank")
    (root / "editorial-notes.yml").write_text(NOTES, "utf-8")
    # The bank's editorial readings rest on its real notes, which these test notes replace.
    (root / "readings.yml").unlink()
    return root


# The month arithmetic --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 6, 1), 6, date(2026, 12, 1)),
        (date(2026, 5, 31), 6, date(2026, 11, 30)),  # kept within November
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # no 29 February in 2025
        (date(2026, 11, 15), 3, date(2027, 2, 15)),  # across a year end
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
    ],
)
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [
        (date(2026, 6, 1), date(2026, 12, 1), 6),  # to the day
        (date(2026, 6, 2), date(2026, 12, 1), 5),  # one day short
        (date(2026, 5, 31), date(2026, 11, 30), 6),  # the last day of a shorter month
        (date(2026, 5, 31), date(2026, 11, 29), 5),
        (date(2025, 12, 20), date(2026, 3, 20), 3),  # across a year end
        (date(2024, 2, 29), date(2025, 2, 28), 12),
        (date(2026, 12, 4), date(2026, 12, 4), 0),
        (date(2026, 12, 4), date(2026, 1, 1), 0),  # checked after "today": never negative
    ],
)
def test_months_between(earlier: date, later: date, expected: int) -> None:
    assert months_between(earlier, later) == expected


# The report --------------------------------------------------------------------------------


def test_report_lines_are_stable(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The exact text editors and scripts read: path:line:column, id, date, age, status, rule.
    f = root / "editorial-notes.yml"
    code = main(["--root", str(root), "notes", "--stale", "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert code == 0  # a report, not a failed check
    assert out == (
        f"editorial-notes.yml:{line_of(f, 'id: old-in-force')}:5: old-in-force: checked "
        "2026-05-31 (6 months ago), status in-force: due every 6 months\n"
        f"editorial-notes.yml:{line_of(f, 'id: young-proposal')}:5: young-proposal: checked "
        "2026-08-30 (3 months ago), status proposed: due every 3 months while proposed\n"
        "2 of 3 notes due for checking as at 2026-11-30 (checked every 6 months, every 3 "
        "months while proposed, not yet in force or commencement unconfirmed).\n"
    )


def test_the_three_month_rule_is_for_unsettled_notes_only(root: Path) -> None:
    # A day before three whole months have passed, the proposal is not due either.
    due, _ = stale_notes(load_bank(root), root, today=date(2026, 11, 29))
    assert [d.note_id for d in due] == []
    due, _ = stale_notes(load_bank(root), root, today=TODAY)
    assert [d.note_id for d in due] == ["old-in-force", "young-proposal"]
    for status in ("not-yet-in-force", "commencement-unconfirmed"):
        f = root / "editorial-notes.yml"
        text = f.read_text("utf-8")
        f.write_text(text.replace("status: proposed", f"status: {status}"), "utf-8")
        due, _ = stale_notes(load_bank(root), root, today=TODAY)
        assert [(d.note_id, d.every) for d in due][-1] == ("young-proposal", 3), status
        f.write_text(text, "utf-8")


def test_months_sets_the_age_for_every_note(root: Path) -> None:
    due, total = stale_notes(load_bank(root), root, today=TODAY, months=3)
    assert total == 3
    assert [d.note_id for d in due] == ["old-in-force", "young-proposal", "young-in-force"]
    due, _ = stale_notes(load_bank(root), root, today=TODAY, months=7)
    # Pending notes keep their 3 months however long --months is.
    assert [d.note_id for d in due] == ["young-proposal"]


def test_bad_arguments_are_refused_with_a_message(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(root), "notes", "--stale", "--months", "0"]) == 2
    assert "--months must be 1 or more, not 0" in capsys.readouterr().err
    assert main(["--root", str(root), "notes", "--stale", "--today", "4/12/2026"]) == 2
    assert "--today must be a date written YYYY-MM-DD, not '4/12/2026'" in capsys.readouterr().err
    assert main(["--root", str(root), "notes"]) == 2
    assert "qbank notes --stale" in capsys.readouterr().err


def test_a_bank_with_errors_is_reported_not_listed(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = root / "editorial-notes.yml"
    edit(f, "status: in-force\n    topic: Health", "status: in-farce\n    topic: Health")
    assert main(["--root", str(root), "notes", "--stale"]) == 1
    err = capsys.readouterr().err
    assert f"editorial-notes.yml:{line_of(f, 'in-farce')}:5: 'status'" in err


def test_the_real_bank_reports_without_error(capsys: pytest.CaptureFixture[str]) -> None:
    # Far enough ahead that every note is due: one line a note, each pointing at its id.
    assert main(["notes", "--stale", "--today", "2099-01-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    bank = load_bank(ROOT)
    assert len(lines) == len(bank.notes) + 1
    f = ROOT / "editorial-notes.yml"
    for line, note in zip(lines, bank.notes, strict=False):
        assert line.startswith(f"editorial-notes.yml:{line_of(f, f'- id: {note.id}')}:5: ")
        assert f": {note.id}: checked {note.checked} (" in line


# Edition notes -----------------------------------------------------------------------------


EDITION_NOTES = """
notes:
  - id: local-unchecked
    date: "2026-03-01"
    title: A local note with no check date
    text: Aged from the day it was written.
    applies_to: [page:index]
  - id: local-proposal
    date: "2026-08-01"
    checked: "2026-08-15"
    status: proposed
    topic: Organisations and links
    title: A local proposal
    text: Re-checked every three months, as national ones are.
    applies_to: [page:index]
    sources:
      - {title: A source, publisher: A council, date: "2026", url: "https://www.example.gov.uk/"}
"""


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "edition"
    shutil.copytree(ROOT / "editions" / "example", folder)
    with (folder / "edition.yml").open("a", encoding="utf-8") as f:
        f.write(EDITION_NOTES)
    return folder


def test_edition_notes_are_listed_with_their_own_file(
    root: Path, edition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--root", str(root), "notes", "--stale", "--today", TODAY.isoformat()]
    assert main(args) == 0
    without = capsys.readouterr().out
    assert "local-" not in without
    assert main([*args, "--edition", str(edition)]) == 0
    lines = capsys.readouterr().out.splitlines()
    f = edition / "edition.yml"
    assert [line.split(": ")[1] for line in lines[:-1]] == [
        "old-in-force",
        "young-proposal",
        "local-unchecked",
        "local-proposal",
    ]
    # An edition outside the bank is named by its path, as content errors name it.
    assert lines[2] == (
        f"{f.as_posix()}:{line_of(f, 'id: local-unchecked')}:5: local-unchecked: written "
        "2026-03-01 (8 months ago), status not set: due every 6 months"
    )
    assert lines[3] == (
        f"{f.as_posix()}:{line_of(f, 'id: local-proposal')}:5: local-proposal: checked 2026-08-15 "
        "(3 months ago), status proposed: due every 3 months while proposed"
    )
    assert lines[-1].startswith("4 of 5 notes due for checking as at 2026-11-30")


def test_edition_note_checked_before_written_is_refused(root: Path, edition: Path) -> None:
    f = edition / "edition.yml"
    edit(f, 'checked: "2026-08-15"', 'checked: "2026-07-15"')
    with pytest.raises(ContentError) as info:
        load_bank(root, edition)
    assert [str(p).split("\n")[0] for p in info.value.problems] == [
        f"{f.as_posix()}:{line_of(f, '2026-07-15')}:5: note 'local-proposal' was checked "
        "(2026-07-15) before it was written (2026-08-01)"
    ]


def test_edition_note_with_a_topic_is_on_the_changes_page(root: Path, edition: Path) -> None:
    from generator.site.render import Renderer

    page = Renderer(load_bank(root, edition)).pages()["about/changes.md"]
    section = page[page.index('id="note-local-proposal"') :]
    section = section[: section.index("</section>")]
    assert "Last checked 15 August 2026" in section and "Local note" in section
    assert 'href="https://www.example.gov.uk/"' in section
    # Without a topic an edition note is shown only where it is attached.
    assert 'id="note-local-unchecked"' not in page
