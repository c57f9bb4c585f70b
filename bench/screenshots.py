"""The README's screenshots, taken from a built site in Chromium.

    .venv/bin/python bench/screenshots.py [SITE] [--out docs/assets/screenshots]

Builds the national site into a temporary folder unless SITE names a built one, serves it on
a loopback port and writes home.png (the start page) and checklist.png (the police and crime
panel checklist with two questions ticked and one answer rated) at 1280x900.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: import the generator and tests
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from PIL import Image  # noqa: E402

from generator.site.build import build_site  # noqa: E402
from tests.browser.pages import CHROMIUM, FLAGS  # noqa: E402

SIZE = {"width": 1280, "height": 900}
SHOTS = {"home": "index.html", "checklist": "police-and-crime-panels.html"}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def prepare_checklist(page: Any) -> None:
    """Tick two questions and rate one answer, as a councillor would before a meeting."""
    page.locator("#ask-pcp-01").check()
    page.locator("#ask-pcp-02").check()
    page.locator("#status-pcp-01").select_option("Partly assured")
    page.locator("#note-pcp-01").fill("Profile shared with the panel in September.")
    page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")


def take(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    out.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            page = browser.new_context(viewport=SIZE, color_scheme="light").new_page()
            for name, path in SHOTS.items():
                page.goto(base + path)
                if name == "checklist":
                    prepare_checklist(page)
                page.evaluate("document.fonts.ready")
                shot = Image.open(io.BytesIO(page.screenshot()))
                # A 256-colour palette keeps text crisp and the file a fraction of the size.
                small = shot.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
                target = out / f"{name}.png"
                small.save(target, optimize=True)
                written.append(target)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "assets" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else build_site(ROOT, Path(tmp) / "site")
        for path in take(site, args.out):
            print(path)


if __name__ == "__main__":
    main()
