"""How long each checklist is, on screen and on paper, in a built site.

    .venv/bin/python bench/checklists.py site [site-brox ...]

For every checklist page of each built site: its height and where its first question starts
at 1280x800 and at 375x800, how many note boxes (full notes) and one-line note references it
shows against its question count, and how many A4 pages it prints on. Prints a Markdown table.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: import tests from the repository
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from pypdf import PdfReader  # noqa: E402

from tests.browser.pages import CHROMIUM, FLAGS  # noqa: E402

VIEWPORTS = {"desktop": (1280, 800), "phone": (375, 800)}
# Where a page's first question starts, its height, and its notes, read after it settled.
MEASURE = """() => {
  const first = document.querySelector(".qb-checklist .qb-question");
  const boxes = [...document.querySelectorAll(".md-content .qb-note")]
    .filter(n => n.getClientRects().length > 0 && !n.closest("details:not([open])"));
  return {
    height: document.documentElement.scrollHeight,
    first: first ? Math.round(first.getBoundingClientRect().top + window.scrollY) : -1,
    questions: document.querySelectorAll(".qb-checklist .qb-question").length,
    boxes: boxes.length,
    refs: document.querySelectorAll(".md-content .qb-note-ref").length,
  };
}"""


@dataclass(frozen=True)
class Layout:
    """One checklist page measured."""

    site: str
    page: str
    questions: int
    height: dict[str, int]
    first: dict[str, int]
    boxes: int
    refs: int
    printed_pages: int


def checklist_pages(site: Path) -> list[str]:
    """The checklist pages of a built site: the pages whose content is a checklist."""
    return sorted(
        p.name
        for p in site.glob("*.html")
        if 'class="qb-checklist"' in p.read_text(encoding="utf-8")
        and "qb-pack" not in p.read_text(encoding="utf-8")
    )


def measure(sites: list[Path]) -> list[Layout]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        contexts = {
            name: browser.new_context(viewport={"width": w, "height": h})
            for name, (w, h) in VIEWPORTS.items()
        }
        for site in sites:
            for name in checklist_pages(site):
                url = (site / name).as_uri()
                found = {}
                for view, context in contexts.items():
                    page = context.new_page()
                    page.goto(url)
                    page.evaluate("document.fonts.ready")
                    found[view] = page.evaluate(MEASURE)
                    if view == "desktop":
                        page.emulate_media(media="print")
                        pdf = page.pdf(format="A4")
                        found["printed"] = len(PdfReader(io.BytesIO(pdf)).pages)
                    page.close()
                desktop = found["desktop"]
                rows.append(
                    Layout(
                        site=site.name,
                        page=name,
                        questions=desktop["questions"],
                        height={v: found[v]["height"] for v in VIEWPORTS},
                        first={v: found[v]["first"] for v in VIEWPORTS},
                        boxes=desktop["boxes"],
                        refs=desktop["refs"],
                        printed_pages=found["printed"],
                    )
                )
        browser.close()
    return rows


def table(rows: list[Layout]) -> str:
    lines = [
        "| site | checklist | questions | note boxes | note refs | height 1280 | first Q 1280"
        " | height 375 | first Q 375 | A4 pages |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.site} | {r.page} | {r.questions} | {r.boxes} | {r.refs}"
            f" | {r.height['desktop']} | {r.first['desktop']}"
            f" | {r.height['phone']} | {r.first['phone']} | {r.printed_pages} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print(table(measure([Path(a).resolve() for a in sys.argv[1:]])))
