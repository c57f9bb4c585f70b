"""Everything the generator adds to a site: pages, downloads and the assets they need."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from markupsafe import escape

from ..downloads import Download
from ..downloads.registry import PendingDownloads, start_downloads
from ..edition.files import logo_bytes
from .local_pages import brand_css, local_pages
from ..content.model import ANSWER_STATUSES, Bank
from ..content.markup import html_line, long_date
from .render import Renderer
from ..content.textrules import one_line
from .validator import answers_validator

ROOT = Path(__file__).resolve().parents[2]
# The web team's pages: every page under it, whoever adds one, is left out of an edition.
WEB_TEAM_SECTION = "contributing/"
BRAND_CSS = "css/council.css"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
# The Word files "My questions" makes in the browser: the npm `docx` library's
# self-contained browser build, loaded only when someone asks for a Word file.
DOCX_JS = ROOT / "node_modules" / "docx" / "dist" / "index.iife.js"


def _title(text: str) -> str:
    # Themes print navigation titles unescaped: content text must arrive escaped, on one line.
    return str(html_line(text))


def nav(bank: Bank) -> list[dict[str, object]]:
    """The site navigation, built from the bank so a local edition's names appear in it;
    without the web team's section where the site leaves those pages out."""
    entries = _nav(bank)
    if bank.edition.web_team_pages:
        return entries
    return [e for e in entries if not any(_in_web_team_section(v) for v in e.values())]


def _in_web_team_section(entry: object) -> bool:
    if isinstance(entry, str):
        return entry.startswith(WEB_TEAM_SECTION)
    if isinstance(entry, dict):
        return any(_in_web_team_section(v) for v in entry.values())
    if isinstance(entry, list):
        return bool(entry) and all(_in_web_team_section(v) for v in entry)
    return False


def _nav(bank: Bank) -> list[dict[str, object]]:
    return [
        {"Home": "index.md"},
        {"Checklists": [{_title(a.name): a.page} for a in bank.audiences]},
        {"Threats": ["threats/index.md", *({_title(t.name): t.page} for t in bank.threats)]},
        {"All questions": "all-questions.md"},
        {"Build a meeting pack": "meeting-pack.md"},
        {"My questions": "my-questions.md"},
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
            ]
        },
        # For the council web team and editors, kept apart from the councillors' pages.
        {
            "For web teams": [
                "contributing/make-your-edition.md",
                "contributing/edition-reference.md",
                "contributing/content-format.md",
                "contributing/tagging.md",
                "contributing/meetings.md",
                "contributing/architecture.md",
                "contributing/engines.md",
                "contributing/reliability.md",
                "contributing/performance.md",
                "contributing/answers-format.md",
            ]
        },
    ]


def generate(bank: Bank, cache_dir: Path | None = None) -> dict[str, str | bytes]:
    """Every generated file, by its path in the site's docs tree.

    ``cache_dir`` keeps downloads between builds (see ``downloads.registry``).
    """
    generated, pending = start_generating(bank, cache_dir)
    files = {
        path: pending.fill(content) if isinstance(content, str) else content
        for path, content in generated.items()
    }
    files.update({d.path: data for d, data in pending.files()})
    return files


def start_generating(
    bank: Bank, cache_dir: Path | None = None
) -> tuple[dict[str, str | bytes], PendingDownloads]:
    """Start making the downloads, and give every other generated file now: pages list the
    downloads with placeholder sizes, which ``PendingDownloads.fill`` replaces."""
    check_assets()
    pending = start_downloads(bank, cache_dir)
    return _site_files(bank, pending.downloads), pending


def _site_files(bank: Bank, downloads: Sequence[Download]) -> dict[str, str | bytes]:
    """Every generated file but the downloads themselves, which pages list as ``downloads``."""
    files: dict[str, str | bytes] = {}
    renderer = Renderer(bank, downloads)
    files.update(renderer.pages())
    files.update(local_pages(renderer))
    if css := brand_css(bank):
        files[BRAND_CSS] = css
    files["js/iframe-worker-shim.js"] = SHIM.read_bytes()
    files.update(browser_assets(bank))
    if bank.edition.logo:
        files[bank.edition.logo_page_path] = logo_bytes(Path(bank.edition.logo))
    return files


def footer_note(bank: Bank) -> str:
    """What the site footer adds to the copyright line: the editorial notes' "as at" date."""
    if not bank.notes_as_at:
        return ""
    return f"Editorial notes on what has changed since 2015 as at {long_date(bank.notes_as_at)}."


def site_data(bank: Bank) -> str:
    """``js/qbank-site.js``: what the answer scripts need to know about this site.

    The edition's name keys the answers a browser keeps, so two councils' copies on one
    shared drive never mix. JSON with ``<``, ``>`` and ``&`` escaped cannot end a script.
    """
    data = {
        "edition": bank.edition.council,
        "bank": bank.title,
        "version": bank.version,
        "statuses": list(ANSWER_STATUSES),
        # Meetings are for one body; an import reports IDs this edition does not have.
        "bodies": [
            {"id": a.id, "name": a.name, "questions": [q.id for q in a.questions]}
            for a in bank.audiences
        ],
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"// Generated by the SOC Scrutiny Question Bank.\nwindow.qbankSite = {text};\n"


def check_assets() -> None:
    """The front-end files from npm a build copies in: a clear error, before any work, when
    ``npm ci`` has not been run."""
    if not SHIM.is_file():
        raise OSError(
            f"{SHIM.relative_to(ROOT)} is missing: run `npm ci` (`make site` does it) to install "
            "the iframe-worker shim that lets search work from file://"
        )
    if not DOCX_JS.is_file():
        raise OSError(
            f"{DOCX_JS.relative_to(ROOT)} is missing: run `npm ci` (`make site` does it) to "
            'install the docx library that makes Word files of "My questions" in the browser'
        )


def browser_assets(bank: Bank) -> dict[str, str | bytes]:
    """The site data script, the answers file validator and the Word library the answer pages
    use."""
    return {
        "js/qbank-site.js": site_data(bank),
        "js/answers-validator.js": answers_validator(),
        "js/vendor/docx.js": DOCX_JS.read_bytes(),
    }


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
