"""Everything the generator adds to a site: pages, downloads and the assets they need."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from .exporters.registry import build_downloads
from .local_pages import brand_css, local_pages
from .model import Bank
from .render import Renderer, long_date
from .textrules import one_line

ROOT = Path(__file__).resolve().parent.parent
BRAND_CSS = "css/council.css"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"


def _title(text: str) -> str:
    # Themes print navigation titles unescaped: content text must arrive escaped, on one line.
    return str(escape(one_line(text)))


def nav(bank: Bank) -> list[dict[str, object]]:
    """The site navigation, built from the bank so a local edition's names appear in it."""
    return [
        {"Home": "index.md"},
        {"Checklists": [{_title(a.name): a.page} for a in bank.audiences]},
        {"Threats": ["threats/index.md", *({_title(t.name): t.page} for t in bank.threats)]},
        {"All questions": "all-questions.md"},
        {
            "Guidance": [
                {"The 4Ps": "the-4ps.md"},
                "guidance/role-of-councillors.md",
                "guidance/risk-factors.md",
                "guidance/county-lines.md",
                "guidance/previous-offenders.md",
                "guidance/national-context.md",
                "guidance/case-studies.md",
                {"Glossary": "glossary.md"},
            ]
        },
        {"Downloads": "downloads.md"},
        {
            "About": [
                "about/sources.md",
                "about/changes.md",
                "about/accessibility.md",
                "about/changelog.md",
                "contributing/content-format.md",
                "contributing/tagging.md",
                "contributing/make-your-edition.md",
            ]
        },
    ]


def generate(bank: Bank, cache_dir: Path | None = None) -> dict[str, str | bytes]:
    """Every generated file, by its path in the site's docs tree.

    ``cache_dir`` keeps downloads between builds (see ``exporters.registry``).
    """
    if not SHIM.is_file():
        raise OSError(
            f"{SHIM.relative_to(ROOT)} is missing: run `npm ci` (`make site` does it) to install "
            "the iframe-worker shim that lets search work from file://"
        )
    files: dict[str, str | bytes] = {}
    downloads = build_downloads(bank, cache_dir)
    renderer = Renderer(bank, [d for d, _ in downloads])
    files.update(renderer.pages())
    files.update(local_pages(renderer))
    if css := brand_css(bank):
        files[BRAND_CSS] = css
    files.update({d.path: data for d, data in downloads})
    files["js/iframe-worker-shim.js"] = SHIM.read_bytes()
    if bank.edition.logo:
        files[bank.edition.logo_page_path] = Path(bank.edition.logo).read_bytes()
    return files


def footer_note(bank: Bank) -> str:
    """What the site footer adds to the copyright line: the editorial notes' "as at" date."""
    if not bank.notes_as_at:
        return ""
    return f"Editorial notes on what has changed since 2015 as at {long_date(bank.notes_as_at)}."


def abbreviations(bank: Bank) -> str:
    """Markdown abbreviation definitions, appended to hand-written pages.

    The plural (OCGs) is defined too, with the singular expansion, as on generated pages.
    """
    # One line each: the abbr extension puts the rest of the line into a title attribute,
    # which it escapes; a line break would end the definition and let the text be Markdown.
    lines = [
        f"*[{one_line(t.term)}{s}]: {one_line(t.expansion)}"
        for t in bank.glossary
        for s in ("", "s")
    ]
    return "\n\n" + "\n".join(lines) + "\n"
