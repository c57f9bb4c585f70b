"""The engine as the last stage: the Markdown tree any engine builds, our post-build step,
and ProperDocs building the same pages as MkDocs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from generator.content.load import ROOT
from generator.content.model import Bank
from generator.site import csp
from generator.site.build import build_site, write_markdown
from generator.site.outputs import nav
from generator.site.postbuild import CSP_PLACEHOLDER, finish_page, page_policy

_GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_markdown_tree_is_complete(tmp_path: Path, bank: Bank) -> None:
    out = write_markdown(ROOT, tmp_path / "tree")
    config = yaml.safe_load((out / "mkdocs.yml").read_text("utf-8"))
    assert config["nav"] == nav(bank)
    assert config["docs_dir"] == "docs"
    assert Path(config["theme"]["custom_dir"]).is_absolute()
    docs = out / "docs"
    for audience in bank.audiences:  # generated pages
        assert (docs / audience.page).is_file()
    # Hand-written pages carry what the hook used to add: glossary abbreviations ...
    term = bank.glossary[0]
    assert f"*[{term.term}]:" in (docs / "guidance" / "county-lines.md").read_text("utf-8")
    # ... and the downloads are made, their sizes in the pages (no placeholder left).
    assert any(p.suffix == ".docx" for p in (docs / "downloads").rglob("*"))
    assert "QBSIZE" not in (docs / "downloads.md").read_text("utf-8")


def test_policy_hashes_theme_scripts_never_the_content() -> None:
    theme, content = "var theme=1", "alert(1)"
    html = (
        f'<head><meta http-equiv="Content-Security-Policy" content="{CSP_PLACEHOLDER}">'
        f"<script>{theme}</script></head><body><article class='md-content__inner'>"
        f"<article><p>x</p></article><script>{content}</script></article></body>"
    )
    policy = page_policy(html, None)
    assert csp.sha256_source(theme) in policy
    assert csp.sha256_source(content) not in policy


def test_finished_page_has_its_policy_and_focusable_abbreviations(bank: Bank) -> None:
    html = (
        f'<meta http-equiv="Content-Security-Policy" content="{CSP_PLACEHOLDER}">'
        '<p><abbr title="x">OCG</abbr> <a href="#"><abbr title="x">OCG</abbr></a></p>'
    )
    done = finish_page(html, bank, None)
    assert CSP_PLACEHOLDER not in done and "script-src 'self'" in done
    assert done.count('<abbr tabindex="0" ') == 1  # never inside a link


def test_properdocs_builds_the_same_pages_as_mkdocs(built_site: Path, tmp_path: Path) -> None:
    # `make install` installs ProperDocs (the `properdocs` extra), so CI runs this.
    other = build_site(ROOT, tmp_path / "site", engine="properdocs")
    mine = {p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(other) for p in other.rglob("*") if p.is_file()}
    assert mine == theirs
    differ = []
    for path in sorted(mine):
        if path.name in {"sitemap.xml.gz"}:  # gzip stamps the time it was made
            continue
        a, b = (built_site / path).read_bytes(), (other / path).read_bytes()
        if path.suffix == ".html":  # each engine names itself
            a, b = _GENERATOR_META.sub(b"", a), _GENERATOR_META.sub(b"", b)
        if a != b:
            differ.append(str(path))
    assert differ == []


def test_zensical_comparison_runs(tmp_path: Path) -> None:
    """bench/engines.py builds the tree with Zensical and compares every page with MkDocs'.
    Zensical lives in an environment of its own: set QBANK_ZENSICAL to its command."""
    from bench import engines

    zensical = engines.find_zensical(None)
    if zensical is None:
        why = "Zensical is not installed (`make zensical`, then set QBANK_ZENSICAL to its command)"
        if os.environ.get("QBANK_REQUIRE_ZENSICAL"):
            pytest.fail(why)  # CI installs it: a skip there would hide the comparison
        pytest.skip(why)
    figures = tmp_path / "figures.json"
    assert engines.main(["--zensical", zensical, "--json", str(figures)]) == 0
    found = json.loads(figures.read_text("utf-8"))
    pages = {row["page"]: row for row in found["pages"]}
    assert "index.html" in pages and all(row["present"] == "yes" for row in pages.values())
    assert pages["index.html"]["text"] == "same"


def test_zensical_comparison_says_why_it_cannot_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench import engines

    monkeypatch.setenv("QBANK_ZENSICAL", "")
    monkeypatch.setenv("PATH", "")
    assert engines.main([]) == engines.NOT_FOUND
    assert "Zensical is not installed" in capsys.readouterr().out
