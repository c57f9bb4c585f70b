"""The README's screenshots are made by bench/screenshots.py from a built site: here it runs
against the session's build into a temporary folder, and the pictures are the right size and
show what the README says they show."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from bench.screenshots import SHOTS, SIZE
from generator.content.load import ROOT

pytestmark = pytest.mark.browser


def test_screenshots_of_the_built_site(built_site: Path, tmp_path: Path) -> None:
    # Its own process, as `python bench/screenshots.py` runs: the tests' browser already holds
    # this process's Playwright (its sync API refuses a second one inside the first's loop).
    script = ROOT / "bench" / "screenshots.py"
    run = [sys.executable, str(script), str(built_site), "--out", str(tmp_path)]
    subprocess.run(run, check=True, cwd=ROOT, capture_output=True, timeout=300)
    written = sorted(tmp_path.glob("*.png"), key=lambda p: list(SHOTS).index(p.stem))
    assert [p.name for p in written] == [f"{name}.png" for name in SHOTS]
    for path in written:
        with Image.open(path) as shot:
            assert shot.size == (SIZE["width"], SIZE["height"])
            # Not a blank page: a palette of many colours (text, buttons, ticks).
            assert len(shot.convert("RGB").getcolors(maxcolors=100_000) or []) > 20
