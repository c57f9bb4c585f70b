"""The Content Security Policy in every built page, read without a browser.

The browser half (nothing refused, search still working over http and file://) is
tests/browser/test_csp.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site import csp
from generator.site.outputs import SHIM

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)


def page_policy(html: str) -> dict[str, list[str]]:
    found = META.findall(html)
    assert len(found) == 1, f"{len(found)} CSP meta elements"
    return {d.split()[0]: d.split()[1:] for d in found[0].split("; ")}


def test_every_page_has_a_policy_before_any_script(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text("utf-8")
        meta, script = META.search(html), SCRIPT_TAG.search(html)
        assert meta and script and meta.start() < script.start(), path.name


def test_no_policy_allows_inline_script_wholesale(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        policy = page_policy(path.read_text("utf-8"))
        assert policy["default-src"] == ["'none'"], path.name
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        scripts = policy["script-src"]
        assert scripts[0] == "'self'", path.name
        assert all(s.startswith("'sha256-") for s in scripts[1:]), (path.name, scripts)
        for name, values in policy.items():
            wholesale = {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "file:"}
            assert not wholesale & set(values), (path.name, name, values)
        # data: only for images (Material's icons are data: SVGs in its stylesheet).
        assert [n for n, v in policy.items() if "data:" in v] == ["img-src"], path.name


def test_every_inline_script_in_a_page_is_allowed_by_its_policy(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text("utf-8")
        allowed = set(page_policy(html)["script-src"])
        for script in csp.inline_scripts(html):
            assert csp.sha256_source(script) in allowed, f"{path.name}: {script[:80]}"


def test_search_frame_script_is_allowed_from_file_urls(built_site: Path) -> None:
    # Under file:// the iframe-worker shim writes an inline script into a frame that
    # inherits the page's policy; its text holds the search worker's URL as the page has it.
    for name in ("index.html", "threats/drugs.html", "guidance/county-lines.html"):
        html = (built_site / name).read_text("utf-8")
        worker = re.search(r'"search": "([^"]+)"', html)
        assert worker, name
        frame = csp.shim_frame_script(SHIM.read_text("utf-8"), worker.group(1))
        assert csp.sha256_source(frame) in page_policy(html)["script-src"], name


def test_page_text_never_earns_a_hash(built_site: Path) -> None:
    # Only the theme's scripts are hashed: pages at the same depth have the same policy,
    # whatever their content.
    by_depth: dict[int, set[str]] = {}
    for path in sorted(built_site.rglob("*.html")):
        if path.name == "404.html":
            continue
        depth = len(path.relative_to(built_site).parts)
        by_depth.setdefault(depth, set()).add(META.findall(path.read_text("utf-8"))[0])
    assert by_depth and all(len(policies) == 1 for policies in by_depth.values()), by_depth


def test_inline_scripts_are_found_and_data_blocks_left_alone() -> None:
    html = (
        '<script>a()</script><script src="x.js"></script>'
        '<script type="application/json">{"b": 1}</script><SCRIPT type="module">c()</SCRIPT>'
    )
    assert csp.inline_scripts(html) == ["a()", "c()"]


def test_a_changed_shim_stops_the_build_with_a_reason() -> None:
    with pytest.raises(csp.ShimChanged, match="frame template"):
        csp.shim_frame_script("(()=>{})()", "x.js")
