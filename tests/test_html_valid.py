"""The Nu Html Checker (vnu, the W3C validator's engine) over every built page: 0 errors.

vnu comes from npm (vnu-jar, pinned in package.json) and runs on Java (Debian's
default-jre-headless, which .ci/run installs). Without Java the test skips on a developer's
machine and fails in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.content.load import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") or os.environ.get("QBANK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and CI must run the Nu Html Checker")
    pytest.skip(reason)


def vnu_errors(pages: list[Path]) -> list[dict[str, object]]:
    """vnu's error messages (warnings left out) for ``pages``."""
    java = shutil.which("java")
    if java is None:
        _unavailable("java is missing (apt-get install default-jre-headless)")
    if not VNU.is_file():
        _unavailable(f"{VNU.relative_to(ROOT)} is missing: run `npm ci`")
    run = subprocess.run(
        [str(java), "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages: list[dict[str, object]] = json.loads(run.stderr)["messages"]
    return messages


def _report(messages: list[dict[str, object]], site: Path) -> str:
    return "\n".join(
        f"{str(m.get('url', '')).split(site.name + '/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    )


def test_every_page_is_valid_html(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    errors = vnu_errors(pages)
    assert not errors, f"{len(errors)} vnu errors:\n" + _report(errors, built_site)


def test_the_edition_site_is_valid_html(built_edition_site: Path) -> None:
    # The council's name and logo in the header.
    pages = [built_edition_site / "index.html", built_edition_site / "404.html"]
    errors = vnu_errors(pages)
    assert not errors, f"{len(errors)} vnu errors:\n" + _report(errors, built_edition_site)


def test_the_checker_finds_errors(tmp_path: Path) -> None:
    # A check that cannot fail proves nothing: the markup Material wrote before the overrides.
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<input type="checkbox" id="x" autocomplete="off"><label for="x" tabindex="">x</label>'
        "</body></html>",
        "utf-8",
    )
    assert len(vnu_errors([bad])) == 2
