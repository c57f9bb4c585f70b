"""A council's local edition layers over the national bank without changing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.errors import ContentError, Problem
from generator.content.load import ROOT
from generator.edition import load_bank

EXAMPLE = ROOT / "editions" / "example"


def test_edition_adds_council_and_contacts() -> None:
    national = load_bank(ROOT)
    local = load_bank(ROOT, EXAMPLE)
    assert national.edition.council == ""
    assert local.edition.council == "Exampleshire District Council"
    assert local.edition.contacts[0].role == "Community safety manager"
    assert local.questions == national.questions


def test_edition_site_url_makes_spreadsheet_links_absolute() -> None:
    from generator.downloads.tabular import question_link

    local = load_bank(ROOT, EXAMPLE)
    q = local.questions[0]
    assert question_link(local, q) == (
        "https://intranet.example.gov.uk/soc-questions/community-safety-partnerships.html#csp-01"
    )
    assert question_link(load_bank(ROOT), q) == ""  # no site_url: no link (see NO_LINK)


def test_edition_site_carries_the_council_name(built_edition_site: Path) -> None:
    site = built_edition_site
    page = (site / "police-and-crime-panels.html").read_text("utf-8")
    assert "Exampleshire District Council" in page
    assert "Exampleshire District Council" in (site / "index.html").read_text("utf-8")


def edition_problem(folder: Path, edition_yml: str) -> Problem:
    """The one problem an edition folder holding ``edition_yml`` is reported with."""
    (folder / "edition.yml").write_text(edition_yml, "utf-8")
    with pytest.raises(ContentError) as info:
        load_bank(ROOT, folder)
    (problem,) = info.value.problems
    return problem


def test_bad_edition_is_reported(tmp_path: Path) -> None:
    problem = edition_problem(tmp_path, "council: Somewhere\ncouncill: typo\n")
    assert (problem.line, problem.column) == (2, 1)
    assert problem.message == "unknown key 'councill'"
    assert problem.hint == "did you mean 'council'?"


def test_edition_logo_is_in_the_header(built_edition_site: Path) -> None:
    site = built_edition_site
    assert (site / "assets" / "council-logo.svg").read_bytes() == (
        EXAMPLE / "logo.svg"
    ).read_bytes()
    assert 'src="assets/council-logo.svg"' in (site / "index.html").read_text("utf-8")


def test_missing_logo_is_reported(tmp_path: Path) -> None:
    problem = edition_problem(tmp_path, "council: Somewhere\nlogo: crest.png\n")
    assert (problem.line, problem.column) == (2, 1)
    assert problem.message.startswith("logo 'crest.png' is not a .svg, .png, .jpg, .jpeg file")
