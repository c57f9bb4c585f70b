"""Currency (issue 9): dated, sourced editorial notes; the changes page; the "as at" date on
every page and download; resource links that go to https; and the loader's checks on them."""

from __future__ import annotations

import csv
import html as html_module
import io
import json
import re
from datetime import date
from html import unescape
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from markupsafe import escape
from pypdf import PdfReader

from generator.content import views as content
from generator.content.errors import ContentError
from generator.content.load import ROOT
from generator.content.markup import long_date
from generator.content.model import NOTE_STATUSES, NOTE_TOPICS, Bank, EditorialNote
from generator.downloads import stamp
from generator.edition import load_bank
from generator.site.render import Renderer
from tests.conftest import copy_bank
from tests.test_load import edit, line_of

UKGWA = re.compile(r"https://webarchive\.nationalarchives\.gov\.uk/ukgwa/\d{14}/.+")
HREF_HTTP = re.compile(r"""href\s*=\s*["']?\s*http://""", re.IGNORECASE)


def _text(html: str) -> str:
    """Page text without tags, entities decoded, spaces collapsed (glossary <abbr> included)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _squash(text: str) -> str:
    return " ".join(text.split())


def _as_at(bank: Bank) -> str:
    return f"as at {long_date(bank.notes_as_at)}"


# The notes themselves -----------------------------------------------------------------------


def test_at_least_twenty_notes(bank: Bank) -> None:
    assert len(bank.notes) >= 20


def _note_ids() -> list[str]:
    """Every note's id, read when the tests are collected: one test a note, none skipped."""
    import yaml

    notes = yaml.safe_load((ROOT / "editorial-notes.yml").read_text("utf-8"))["notes"]
    return [n["id"] for n in notes]


@pytest.mark.parametrize("note_id", _note_ids())
def test_every_note_is_dated_checked_and_sourced(bank: Bank, note_id: str) -> None:
    note = next(n for n in bank.notes if n.id == note_id)
    checked = date.fromisoformat(note.checked)
    assert checked >= date.fromisoformat(note.date), note.id
    assert note.status in NOTE_STATUSES and note.status_label, note.id
    assert note.topic in NOTE_TOPICS, note.id
    assert note.sources, f"{note.id} names no source"
    for source in note.sources:
        assert source.url.startswith("https://"), f"{note.id}: {source.url}"
        assert source.title.strip() and source.publisher.strip() and source.date.strip()


def test_every_note_has_a_check_date_and_https_source_all_at_once(bank: Bank) -> None:
    # The same, all at once: one message naming every note that falls short.
    unsourced = [n.id for n in bank.notes if not n.checked or not n.sources]
    plain = [s.url for n in bank.notes for s in n.sources if not s.url.startswith("https://")]
    assert not unsourced and not plain


def test_as_at_is_the_latest_check(bank: Bank) -> None:
    assert bank.notes_as_at == max(n.checked for n in bank.notes)


def test_statuses_say_what_is_law_and_what_is_proposed(bank: Bank) -> None:
    by_id = {n.id: n for n in bank.notes}
    assert by_id["pcc-abolition-proposed"].status == "proposed"
    assert by_id["police-reform-white-paper"].status == "proposed"
    assert by_id["serious-violence-duty"].status == "in-force"
    # Law whose coming into force we could not confirm is never called "in force".
    assert by_id["childrens-wellbeing-schools-act"].status == "not-yet-in-force"
    assert by_id["cce-cuckooing-offences"].status == "commencement-unconfirmed"


# The changes page ---------------------------------------------------------------------------


def test_changes_page_lists_every_note_under_its_topic(bank: Bank) -> None:
    page = Renderer(bank).pages()["about/changes.md"]
    headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
    assert headings == [t for t in NOTE_TOPICS if any(n.topic == t for n in bank.notes)]
    for note in bank.notes:
        assert f'id="note-{note.id}"' in page
        section = page[page.index(f'id="note-{note.id}"') :]
        section = section[: section.index("</section>")]
        text = _text(section)
        assert _text(Renderer(bank)._abbreviate(note.title)) in text
        assert note.status_label in text
        # Each note's own check date, beside the day it was written (issue 22).
        written = f"Written {long_date(note.date)} · Last checked {long_date(note.checked)}"
        assert written in text, note.id
        for source in note.sources:
            assert f'href="{escape(source.url)}"' in section
    assert f"As at {long_date(bank.notes_as_at)}" in _text(page)


def test_changes_page_groups_by_what_a_councillor_scrutinises(bank: Bank) -> None:
    # The groups named in issue 22, in that order, then one for what fits none of them.
    assert NOTE_TOPICS == (
        "Policing and PCCs",
        "Safeguarding",
        "Health",
        "Exploitation and trafficking",
        "Fraud and economic crime",
        "Drugs",
        "Cyber and online harms",
        "Organisations and links",
    )
    by_topic = {t: {n.id for n in bank.notes if n.topic == t} for t in NOTE_TOPICS}
    assert {"pcc-abolition-proposed", "police-reform-white-paper"} <= by_topic["Policing and PCCs"]
    assert {"lscb-replaced", "mandatory-reporting-child-sexual-abuse"} <= by_topic["Safeguarding"]
    assert {"cce-cuckooing-offences", "nrm-changes-2023"} <= by_topic[
        "Exploitation and trafficking"
    ]
    assert {"fraud-strategy-2023", "procurement-act-2023"} <= by_topic["Fraud and economic crime"]
    assert {"online-safety-act-duties", "cert-uk-ncsc"} <= by_topic["Cyber and online harms"]
    # The last group holds only what no scrutiny heading fits.
    assert by_topic["Organisations and links"] == {"vosa-dvsa", "links-2015"}


def test_changes_page_is_in_the_navigation_under_about(built_site: Path) -> None:
    html = (built_site / "about" / "changes.html").read_text("utf-8")
    assert "<h1" in html and "What has changed since 2015" in html
    index = (built_site / "index.html").read_text("utf-8")
    assert 'href="about/changes.html"' in index


# Notes with their sources where they are attached -------------------------------------------


def _page_for(bank: Bank, ref: str) -> str:
    kind, _, target = ref.partition(":")
    if kind == "audience":
        return bank.audience(target).page
    if kind == "question":
        return next(a.page for a in bank.audiences for q in a.questions if q.id == target)
    if kind == "threat":
        return bank.threat(target).page
    return f"{target}.md"


def _notes_in(html: str) -> list[str]:
    """Every note box on a page: an aside, or a one-line ``<details>`` opened to read it."""
    return [
        m.group(0)
        for m in re.finditer(
            r'<(aside|details)\b[^>]*class="[^"]*\bqb-note\b[^"]*"[^>]*>.*?</\1>', html, re.DOTALL
        )
    ]


def _shown_with_sources(html: str, note: EditorialNote) -> bool:
    """Whether the page gives the note in full with its sources (once: elsewhere on the page
    it is a one-line link to that box, content/note_plan.py)."""

    def text(box: str) -> str:  # glossary terms in a title are <abbr> elements
        return html_module.unescape(re.sub(r"<[^>]+>", "", box))

    boxes = [b for b in _notes_in(html) if note.title in text(b) or str(escape(note.title)) in b]
    return any(all(f'href="{escape(s.url)}"' in b for s in note.sources) for b in boxes)


def test_notes_show_with_their_sources_where_attached(bank: Bank, built_site: Path) -> None:
    missing = []
    for note in bank.notes:
        for ref in note.applies_to:
            page = _page_for(bank, ref).removesuffix(".md") + ".html"
            html = (built_site / page).read_text("utf-8")
            if not _shown_with_sources(html, note):
                missing.append(f"{note.id} on {page}")
    assert not missing, "notes not shown with their sources:\n" + "\n".join(missing)


# No plain http links ------------------------------------------------------------------------


def test_no_page_links_to_plain_http(built_site: Path) -> None:
    found = [
        str(page.relative_to(built_site))
        for page in sorted(built_site.rglob("*.html"))
        if HREF_HTTP.search(page.read_text("utf-8"))
    ]
    assert not found, "pages with href to plain http://: " + ", ".join(found)


def test_the_http_check_can_fail() -> None:
    assert HREF_HTTP.search('<a href="http://example.org/">')
    assert HREF_HTTP.search("<a href='HTTP://example.org/'>")
    assert not HREF_HTTP.search('<a href="https://example.org/">x http://y</a>')


def test_every_2015_address_is_kept_and_linked_over_https(bank: Bank) -> None:
    resources = [r for t in bank.threats for r in t.resources] + list(bank.general_resources)
    for r in resources:
        if r.url.startswith(("http://", "https://")):
            assert r.link.startswith("https://"), r.name
            assert r.link_status, r.name
        if r.link.startswith("https://webarchive.nationalarchives.gov.uk/"):
            # ukgwa/<14-digit timestamp>/<the 2015 address, exactly as printed>
            assert UKGWA.fullmatch(r.link), r.link
            assert r.link.endswith("/" + r.url), r.name
    economic = bank.threat("economic")
    action_fraud = next(r for r in economic.resources if r.name == "Action Fraud")
    assert action_fraud.url == "http://www.actionfraud.police.uk/"
    assert action_fraud.link == "https://www.reportfraud.police.uk/"


def test_resources_list_shows_address_and_link_status(built_site: Path, bank: Bank) -> None:
    html = (built_site / bank.threat("cyber").page.replace(".md", ".html")).read_text("utf-8")
    text = _text(html)
    assert "2015 address: https://www.cert.gov.uk/cisp/" in text
    assert "archived copy" in text
    assert 'href="https://webarchive.nationalarchives.gov.uk/ukgwa/20150801000000/' in html


# The "as at" date: footer and downloads ------------------------------------------------------


def test_as_at_date_is_in_every_page_footer(built_site: Path, bank: Bank) -> None:
    missing = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text("utf-8")
        footer = html[html.find('class="md-footer-meta') :]
        if _as_at(bank) not in _text(footer):
            missing.append(str(page.relative_to(built_site)))
    assert not missing, "pages without the as-at date in the footer: " + ", ".join(missing)


def test_stamp_line_carries_the_as_at_date(bank: Bank) -> None:
    line = stamp.Stamp.of(bank).line
    assert line.endswith(f"; editorial notes {_as_at(bank)}")


def test_as_at_date_is_on_every_download(built_site: Path, bank: Bank) -> None:
    wanted = _as_at(bank)
    downloads = built_site / "downloads"
    checked = 0
    for path in sorted(downloads.rglob("*")):
        if path.suffix == ".docx":
            doc = Document(str(path))
            footers = " ".join(p.text for s in doc.sections for p in s.footer.paragraphs)
            assert wanted in _squash(footers), path.name
        elif path.suffix == ".pdf":
            text = _squash(" ".join(p.extract_text() for p in PdfReader(str(path)).pages))
            assert wanted in text, path.name
        elif path.suffix == ".xlsx":
            about = dict(openpyxl.load_workbook(path)["About"].iter_rows(values_only=True))
            assert about["Notes as at"] == bank.notes_as_at, path.name
        elif path.suffix == ".csv":
            rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
            assert {r["Notes as at"] for r in rows} == {bank.notes_as_at}, path.name
        elif path.name == "question-bank.json":
            assert json.loads(path.read_text("utf-8"))["notes_as_at"] == bank.notes_as_at
        else:
            continue
        checked += 1
    assert checked >= 10


def test_word_and_pdf_show_notes_with_sources(built_site: Path, bank: Bank) -> None:
    note = next(n for n in bank.notes if n.id == "pcc-abolition-proposed")
    audience = bank.audience("pcp")
    doc = Document(str(built_site / "downloads" / f"{audience.slug}.docx"))
    body = _squash(" ".join(p.text for p in doc.paragraphs))
    assert _squash(content.note_sources(note)) in body
    pdf = built_site / "downloads" / f"{audience.slug}.pdf"
    text = _squash(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages))
    assert "Status: Proposed, not law." in text
    assert "Hansard" in text


# Loader: the new fields are checked, with the place and the fix ------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_bank(tmp_path)


def _errors(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_bank(root)
    return [str(p).split("\n")[0] for p in info.value.problems]


def test_note_without_sources_is_rejected(root: Path) -> None:
    f = root / "editorial-notes.yml"
    text = f.read_text("utf-8")
    start = text.index("  - id: vosa-dvsa")
    block = text[start : text.index("\n\n", start)]
    sources = block[block.index("    sources:") :]
    edit(f, sources, "")
    assert _errors(root) == [
        f"editorial-notes.yml:{line_of(f, '- id: vosa-dvsa')}:5: missing required key 'sources' "
        "in entry vosa-dvsa"
    ]


def test_note_source_must_be_https(root: Path) -> None:
    f = root / "editorial-notes.yml"
    url = "https://www.gov.uk/government/organisations/driver-and-vehicle-standards-agency"
    edit(f, url, url.replace("https://", "http://"))
    line = line_of(f, "http://www.gov.uk/government/org")
    assert _errors(root) == [
        f"editorial-notes.yml:{line}:9: 'url' in entry vosa-dvsa has the wrong form: "
        f"'{url.replace('https://', 'http://')}'"
    ]


def test_note_checked_before_written_is_rejected(root: Path) -> None:
    f = root / "editorial-notes.yml"
    edit(
        f,
        '  - id: vosa-dvsa\n    date: "2026-11-23"\n    checked: "2026-12-01"',
        '  - id: vosa-dvsa\n    date: "2026-11-23"\n    checked: "2026-11-01"',
    )
    line = line_of(f, 'checked: "2026-11-01"')
    assert _errors(root) == [
        f"editorial-notes.yml:{line}:5: note 'vosa-dvsa' was checked (2026-11-01) before it "
        "was written (2026-11-23)"
    ]


def test_note_status_must_be_known(root: Path) -> None:
    f = root / "editorial-notes.yml"
    edit(f, "    status: proposed\n", "    status: planned\n")
    assert _errors(root) == [
        f"editorial-notes.yml:{line_of(f, 'status: planned')}:5: 'status' in entry "
        "pcc-abolition-proposed is 'planned'"
    ]


def test_resource_link_must_be_https_and_say_what_it_is(root: Path) -> None:
    f = root / "threats/drugs.yml"
    edit(f, "link: https://www.talktofrank.com/", "link: http://www.talktofrank.com/")
    g = root / "threats/economic.yml"
    text = g.read_text("utf-8")
    status_line = next(line for line in text.splitlines() if "reportfraud" in line)
    edit(g, text[text.index(status_line) :].splitlines()[1] + "\n", "")
    line = line_of(g, "- name: Action Fraud")
    assert _errors(root) == [
        f"threats/drugs.yml:{line_of(f, 'link: http://')}:5: 'link' has the wrong form: "
        "'http://www.talktofrank.com/'",
        f"threats/economic.yml:{line}:5: this entry: 'link_status' is a dependency of 'link'",
    ]
