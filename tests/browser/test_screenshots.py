"""The README's screenshots are made by bench/screenshots.py from a built site: here it runs
against the session's build into a temporary folder, and the pictures are the right size and
show what the README says they show."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from bench.screenshots import SHOTS, SIZE, take

pytestmark = pytest.mark.browser


def test_screenshots_of_the_built_site(built_site: Path, tmp_path: Path) -> None:
    written = take(built_site, tmp_path)
    assert [p.name for p in written] == [f"{name}.png" for name in SHOTS]
    for path in written:
        with Image.open(path) as shot:
            assert shot.size == (SIZE["width"], SIZE["height"])
            # Not a blank page: a palette of many colours (text, buttons, ticks).
            assert len(shot.convert("RGB").getcolors(maxcolors=100_000) or []) > 20
