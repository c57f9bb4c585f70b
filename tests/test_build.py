"""A real build into a temporary folder, with targeted assertions on the HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.content.errors import ContentError
from generator.content.model import Bank
from generator.site.build import build_site
from tests.conftest import copy_bank
from tests.site_html import read


def test_one_page_per_audience_and_threat(built_site: Path, bank: Bank) -> None:
    for audience in bank.audiences:
        assert (built_site / f"{audience.slug}.html").is_file()
    for threat in bank.threats:
        assert (built_site / "threats" / f"{threat.slug}.html").is_file()
    assert len(bank.audiences) == 7 and len(bank.threats) == 7


def test_every_question_id_is_an_anchor_on_its_checklist(built_site: Path, bank: Bank) -> None:
    for audience in bank.audiences:
        ids = read(built_site / f"{audience.slug}.html").ids
        for q in audience.questions:
            assert q.anchor in ids, f"{q.id} has no anchor on {audience.slug}.html"
    assert "pcp-14" in read(built_site / "police-and-crime-panels.html").ids


def test_threat_page_links_back_to_questions(built_site: Path, bank: Bank) -> None:
    links = read(built_site / "threats" / "drugs.html").links
    for q in bank.questions_on("drugs"):
        assert f"../{bank.audience(q.audience_id).slug}.html#{q.anchor}" in links


def test_search_index_holds_every_question(built_site: Path, bank: Bank) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    sections = {d["location"]: d for d in index["docs"]}
    for audience in bank.audiences:
        for q in audience.questions:
            doc = sections[f"{audience.slug}.html#{q.anchor}"]
            assert q.id in doc["title"]


def test_glossary_terms_are_focusable_abbreviations(built_site: Path) -> None:
    html = (built_site / "police-and-crime-panels.html").read_text("utf-8")
    assert '<abbr tabindex="0" title="police and crime commissioner">PCC</abbr>' in html
    guidance = (built_site / "guidance" / "county-lines.html").read_text("utf-8")
    assert re.search(r'<abbr tabindex="0" title="[^"]+">OCGs?</abbr>', guidance)


HOSTILE = (
    '<script>alert("x")</script> **bold** [link](javascript:alert(1)) <img src=x onerror=alert(1)>'
)


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    root = copy_bank(tmp_path / "bank")
    csp = root / "questions/csp.yml"
    text = csp.read_text("utf-8")
    first = "Is serious and organised crime considered in the local community safety plan?"
    csp.write_text(text.replace(first, json.dumps(f"{first} {HOSTILE}")[1:-1], 1), "utf-8")
    threat = root / "threats/drugs.yml"
    threat.write_text(
        threat.read_text("utf-8").replace("name: Drugs", f"name: {json.dumps('Drugs ' + HOSTILE)}"),
        "utf-8",
    )
    site = build_site(root, tmp_path / "site")
    for page in ("community-safety-partnerships.html", "threats/drugs.html", "all-questions.html"):
        html = (site / page).read_text("utf-8")
        assert "&lt;script&gt;alert" in html, page
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert 'href="javascript:' not in html and "<strong>bold</strong>" not in html, page


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    root = copy_bank(tmp_path / "bank")
    out = tmp_path / "site"
    build_site(root, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "threats/drugs.yml").write_text("id: [broken\n", "utf-8")
    with pytest.raises(ContentError):
        build_site(root, out)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank", "site"]


def test_cli_build_error_exit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    root = copy_bank(tmp_path / "bank")
    (root / "threats/drugs.yml").write_text("id: drugs\n", "utf-8")
    assert main(["--root", str(root), "build", "-o", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "threats/drugs.yml:1:1: missing required key" in err
    assert "Traceback" not in err
    assert not (tmp_path / "site").exists()
