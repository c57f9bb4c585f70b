"""A real build into a temporary folder, with targeted assertions on the HTML."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.errors import ContentError
from generator.model import Bank
from generator.site import build_site
from tests.conftest import copy_bank


class _Page(HTMLParser):
    """Collects ids and link targets of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def test_one_page_per_audience_and_threat(built_site: Path, bank: Bank) -> None:
    for audience in bank.audiences:
        assert (built_site / f"{audience.slug}.html").is_file()
    for threat in bank.threats:
        assert (built_site / "threats" / f"{threat.slug}.html").is_file()
    assert len(bank.audiences) == 7 and len(bank.threats) == 7


def test_every_question_id_is_an_anchor_on_its_checklist(built_site: Path, bank: Bank) -> None:
    for audience in bank.audiences:
        ids = parse(built_site / f"{audience.slug}.html").ids
        for q in audience.questions:
            assert q.anchor in ids, f"{q.id} has no anchor on {audience.slug}.html"
    assert "pcp-14" in parse(built_site / "police-and-crime-panels.html").ids


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages = {p: parse(p) for p in built_site.rglob("*.html")}
    checked = 0
    for path, page in pages.items():
        if path.name == "404.html":  # served at any depth, so MkDocs gives it root-absolute links
            continue
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.exists(), f"{path.relative_to(built_site)}: broken link {href}"
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                assert parts.fragment in ids, (
                    f"{path.relative_to(built_site)}: no #{parts.fragment}"
                )
            checked += 1
    assert checked > 500


def test_threat_page_links_back_to_questions(built_site: Path, bank: Bank) -> None:
    links = parse(built_site / "threats" / "drugs.html").links
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


def test_no_external_asset_or_font(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert "fonts.googleapis" not in html and "unpkg.com" not in html, path
        for src in re.findall(r'<(?:script|img|link)[^>]+(?:src|href)="([^"]+)"', html):
            assert not re.match(r"(https?:)?//", src), f"{path}: loads {src}"


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
