"""Screenshots of the home page and a checklist, for people to look at (and for the README).

They go to $QBANK_SCREENSHOTS, or a temporary folder. The README's copies in
docs/assets/screenshots are made with QBANK_SCREENSHOTS=docs/assets/screenshots.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SHOTS = {"home": "index.html", "checklist": "police-and-crime-panels.html"}


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("QBANK_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("name", SHOTS)
def test_screenshot(page: Page, site_url: str, screenshots: Path, name: str) -> None:
    page.goto(site_url + SHOTS[name])
    page.evaluate("document.fonts.ready")
    shot = Image.open(io.BytesIO(page.screenshot()))
    assert shot.size == (1280, 900)
    # A 256-colour palette keeps text crisp and the file a fraction of the size.
    small = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(screenshots / f"{name}.png", optimize=True)
