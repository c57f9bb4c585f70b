"""Preparing a meeting in the browser: the meeting-pack page, "My questions", answers files,
and nothing lost by accident. Each test has browser contexts of its own, so the answers one
test keeps in a browser never reach another."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from docx import Document
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from generator.content.load import ROOT
from generator.edition import load_bank
from tests.browser.pages import RequestLog, unavailable
from tests.browser.test_accessibility import MATERIAL_SCHEME, axe_violations

pytestmark = pytest.mark.browser

BANK = load_bank(ROOT)
OSC = BANK.audience("osc")
CHOSEN = ("firearms", "economic")
FORMULA = '=HYPERLINK("http://evil.example/","Click me")'
# Pack pages: A4 checklist, contacts and two briefings; a change that doubles it is a bug.
MAX_PACK_PAGES = 8
NewContext = Callable[..., BrowserContext]


@pytest.fixture
def fresh(browser: Browser, request_log: RequestLog) -> Iterator[NewContext]:
    """Makes browser contexts with empty storage (a new browser, another device)."""
    made: list[BrowserContext] = []

    def new(**options: Any) -> BrowserContext:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        context.on("request", lambda r: request_log.urls.append(r.url))
        made.append(context)
        return context

    yield new
    for context in made:
        context.close()


@pytest.fixture
def page(fresh: NewContext) -> Page:
    return fresh().new_page()


def pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext") is None:
        unavailable("pdftotext is missing (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def printed(page: Page) -> tuple[int, str]:
    """The page printed on A4 as the browser would: its page count and its text."""
    page.emulate_media(media="print")
    data = page.pdf(format="A4")
    page.emulate_media(media="screen")
    return len(PdfReader(io.BytesIO(data)).pages), pdf_text(data)


def tick(page: Page, base: str, slug: str, qid: str, note: str = "", status: str = "") -> None:
    page.goto(base + f"{slug}.html")
    page.get_by_label(f"Ask {qid}").check()
    if status:
        page.locator(f"#status-{qid.lower()}").select_option(status)
    if note:
        page.get_by_label(f"Notes on {qid}").fill(note)


def saved(page: Page, action: Callable[[], None], path: Path) -> Path:
    with page.expect_download() as info:
        action()
    info.value.save_as(path)
    return path


# 1. The meeting pack ---------------------------------------------------------------------


@pytest.mark.parametrize("origin", ["http", "file"])
def test_a_pack_for_a_committee_two_threats_and_a_date(
    page: Page, origins: dict[str, str], origin: str
) -> None:
    base = origins[origin]
    tick(page, base, OSC.slug, "OSC-03", note="Ask for the Local Profile summary.")
    page.goto(base + "overview-and-scrutiny-committees.html")
    page.get_by_role("article").get_by_role("link", name="Build a meeting pack").click()
    expect(page.get_by_label("Body")).to_have_value("osc")  # the checklist's link chose it
    for threat in CHOSEN:
        page.get_by_label(BANK.threat(threat).name, exact=True).check()
    page.get_by_label("Meeting date").fill("2026-12-03")
    page.get_by_label("Meeting title (optional)").fill("Crime & disorder <review>")
    page.get_by_role("button", name="Show the pack").click()

    # The choices are in the address, so the pack can be bookmarked or sent as a link.
    url = page.url
    assert "body=osc" in url and "threat=firearms&threat=economic" in url
    assert "date=2026-12-03" in url
    page.goto(url)
    expect(page.locator(".qb-pack-date")).to_have_text("3 December 2026")
    expect(page.locator(".qb-pack-title")).to_have_text("Crime & disorder <review>")
    expect(page.get_by_label("Ask OSC-03")).to_be_checked()  # the answers given so far

    pages, text = printed(page)
    for q in OSC.questions:
        assert q.id in text, f"{q.id} missing from the printed pack"
    assert "3 December 2026" in text and "Crime & disorder <review>" in text
    assert "Ask for the Local Profile summary." in text
    for threat in BANK.threats:
        heading = f"Threat briefing: {threat.name}"
        assert (heading in text) == (threat.id in CHOSEN), heading
    assert "Local contacts" in text and "Positive action councils can take" in text
    assert "Abbreviations" in text
    for chrome in ("Build a meeting pack", "Show the pack", "Skip to content", "Checklists"):
        assert chrome not in text, f"{chrome!r} printed"
    assert "Page 1 of" in text
    assert pages <= MAX_PACK_PAGES, f"the pack printed on {pages} pages"


def test_a_pack_names_what_it_cannot_find(page: Page, origins: dict[str, str]) -> None:
    page.goto(origins["file"] + "meeting-pack.html?body=nope&threat=guns&date=2026-02-31")
    expect(page.locator(".qb-pack-status")).to_contain_text("there is no body “nope”")
    expect(page.locator(".qb-pack")).to_be_hidden()
    page.goto(origins["file"] + "meeting-pack.html?body=pcp&threat=guns&date=2026-02-31")
    status = page.locator(".qb-pack-status")
    expect(status).to_contain_text("there is no threat “guns”")
    expect(status).to_contain_text("“2026-02-31” is not a date")
    expect(page.locator(".qb-pack-date")).to_have_text("____________________")


# 2. My questions -------------------------------------------------------------------------


@pytest.mark.parametrize("origin", ["http", "file"])
def test_ticks_on_two_checklists_show_on_my_questions(
    page: Page, origins: dict[str, str], origin: str, tmp_path: Path
) -> None:
    base = origins[origin]
    tick(page, base, "police-and-crime-panels", "PCP-14", "PCC to report in March.", "Assured")
    tick(page, base, OSC.slug, "OSC-03")
    page.goto(base + "my-questions.html")
    mine = page.locator(".qb-mine")
    expect(mine.get_by_role("heading", name="Police and crime panels")).to_be_visible()
    expect(mine.get_by_role("heading", name="Overview and scrutiny committees")).to_be_visible()
    shown = mine.locator(".qb-mine-question:visible")
    expect(shown).to_have_count(2)
    expect(shown.nth(0)).to_contain_text("PCP-14")
    expect(shown.nth(0)).to_contain_text("Answer: Assured")
    expect(shown.nth(0)).to_contain_text("Notes: PCC to report in March.")
    expect(shown.nth(1)).to_contain_text("Answer: Not asked")
    expect(mine.get_by_role("heading", name="Community safety partnerships")).to_be_hidden()

    _, text = printed(page)
    assert "PCP-14" in text and "OSC-03" in text and "PCP-13" not in text
    assert "PCC to report in March." in text and "Download as a Word file" not in text

    sheet = saved(
        page,
        lambda: page.get_by_role("button", name="Download as a spreadsheet (CSV)").click(),
        tmp_path / "mine.csv",
    )
    rows = list(csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig"))))
    assert [(r["Body"], r["ID"], r["Answer"]) for r in rows] == [
        ("Police and crime panels", "PCP-14", "Assured"),
        ("Overview and scrutiny committees", "OSC-03", "Not asked"),
    ]
    assert rows[0]["Notes"] == "PCC to report in March."

    word = saved(
        page,
        lambda: page.get_by_role("button", name="Download as a Word file").click(),
        tmp_path / "mine.docx",
    )
    doc = Document(str(word))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[1:] == ["Police and crime panels", "Overview and scrutiny committees"]
    table = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert table[0] == ["ID", "Question", "Answer", "Notes"]
    assert table[1][0] == "PCP-14" and table[1][2:] == ["Assured", "PCC to report in March."]
    assert table[1][1].startswith("What use is being made of proceeds of crime")
    assert doc.tables[1].rows[1].cells[0].text == "OSC-03"


def test_a_checklist_prints_only_the_ticked_questions(page: Page, origins: dict[str, str]) -> None:
    page.add_init_script("window.print = () => { window.qbPrinted = true; };")
    tick(page, origins["file"], "police-and-crime-panels", "PCP-14")
    page.get_by_role("button", name="Print only the questions I ticked").click()
    assert page.evaluate("window.qbPrinted") is True
    _, text = printed(page)
    assert "PCP-14" in text and "PCP-13" not in text and "PCP-01" not in text
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    _, text = printed(page)
    assert "PCP-13" in text, "after printing, the whole checklist prints again"


# 3. Answers files --------------------------------------------------------------------------


def test_export_in_one_browser_and_import_in_another(
    fresh: NewContext, origins: dict[str, str], tmp_path: Path
) -> None:
    base = origins["file"]
    office = fresh().new_page()
    tick(office, base, "police-and-crime-panels", "PCP-14", "Follow up.", "Partly assured")
    tick(office, base, OSC.slug, "OSC-03")
    office.goto(base + "my-questions.html")
    exported = saved(
        office,
        lambda: office.get_by_role("button", name="Export my answers").click(),
        tmp_path / "answers.json",
    )
    data = json.loads(exported.read_text("utf-8"))
    schema = json.loads((ROOT / "schema" / "answers.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert data["answers"]["PCP-14"] == {
        "ask": True,
        "status": "Partly assured",
        "note": "Follow up.",
    }

    tablet = fresh().new_page()
    tick(tablet, base, "community-safety-partnerships", "CSP-01")
    tablet.goto(base + "police-and-crime-panels.html")
    expect(tablet.get_by_label("Ask PCP-14")).not_to_be_checked()
    with tablet.expect_file_chooser() as chooser:
        tablet.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(exported)
    ask = tablet.get_by_role("group")
    expect(ask).to_contain_text("answers.json holds answers to 2 questions")
    expect(tablet.get_by_role("button", name="Merge with my answers")).to_be_focused()
    tablet.get_by_role("button", name="Merge with my answers").click()
    status = tablet.locator(".qb-toolbar-status")
    expect(status).to_have_text(
        "Merged the answers in answers.json: 2 questions added, 0 changed, 0 unchanged."
    )
    expect(tablet.get_by_label("Ask PCP-14")).to_be_checked()
    expect(tablet.get_by_label("Notes on PCP-14")).to_have_value("Follow up.")
    expect(tablet.locator("#status-pcp-14")).to_have_value("Partly assured")
    tablet.goto(base + "my-questions.html")
    expect(tablet.locator(".qb-mine-question:visible")).to_have_count(3)  # CSP-01 was kept

    # Replacing instead drops what the file does not hold, and says so.
    with tablet.expect_file_chooser() as chooser:
        tablet.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(exported)
    tablet.get_by_role("button", name="Replace my answers").click()
    expect(tablet.locator(".qb-toolbar-status")).to_have_text(
        "Replaced your answers with answers.json: 0 questions added, 0 changed, "
        "2 unchanged, 1 of yours removed."
    )
    expect(tablet.locator(".qb-mine-question:visible")).to_have_count(2)


def test_a_file_that_is_not_an_answers_file_is_refused(
    page: Page, origins: dict[str, str], tmp_path: Path
) -> None:
    wrong = tmp_path / "notes.json"
    wrong.write_text('{"answers": {}}', "utf-8")
    page.goto(origins["file"] + "police-and-crime-panels.html")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(wrong)
    expect(page.locator(".qb-toolbar-status")).to_have_text(
        "Could not import notes.json: it is not an answers file exported from this site."
    )


# 4. Nothing lost by accident ---------------------------------------------------------------


def test_dismissing_the_clear_confirmation_keeps_the_answers(
    page: Page, origins: dict[str, str]
) -> None:
    tick(page, origins["file"], "police-and-crime-panels", "PCP-14", "Keep me.")
    messages: list[str] = []

    def dismiss(dialog: Any) -> None:
        messages.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Clear my answers").click()
    assert messages and "cannot be undone" in messages[0] and "export" in messages[0]
    expect(page.locator(".qb-toolbar-status")).to_have_text("Nothing cleared.")
    page.reload()
    expect(page.get_by_label("Ask PCP-14")).to_be_checked()
    expect(page.get_by_label("Notes on PCP-14")).to_have_value("Keep me.")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my answers").click()
    page.reload()
    expect(page.get_by_label("Ask PCP-14")).not_to_be_checked()


@pytest.mark.parametrize("origin", ["http", "file"])
def test_a_save_that_fails_shows_a_polite_warning(
    fresh: NewContext, origins: dict[str, str], origin: str
) -> None:
    context = fresh()
    context.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('full', 'QuotaExceededError'); };"
    )
    page = context.new_page()
    page.goto(origins[origin] + "police-and-crime-panels.html")
    expect(page.get_by_role("alert")).to_have_count(0)
    page.get_by_label("Ask PCP-14").check()
    warning = page.get_by_role("alert")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("would not save your answers")
    expect(warning).to_contain_text("export your answers to a file")
    expect(warning.get_by_role("button", name="Export my answers")).to_be_visible()


def test_unreadable_answers_are_set_aside_with_a_message(
    page: Page, origins: dict[str, str]
) -> None:
    base = origins["file"]
    page.goto(base + "police-and-crime-panels.html")
    key = f"qbank:answers:v2:national:{base}"
    page.evaluate("key => localStorage.setItem(key, '{not json')", key)
    page.reload()
    notice = page.get_by_role("alert")
    expect(notice).to_contain_text("could not be read")
    expect(notice).to_contain_text("set aside, not deleted")
    kept = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.includes(':unreadable:'))"
        ".map(k => localStorage.getItem(k))"
    )
    assert kept == ["{not json"]
    page.get_by_label("Ask PCP-14").check()  # the page still works, and saves again
    page.reload()
    expect(page.get_by_label("Ask PCP-14")).to_be_checked()
    expect(page.get_by_role("alert")).to_have_count(0)


def test_two_councils_copies_on_one_drive_never_mix(
    page: Page, built_site: Path, built_edition_site: Path
) -> None:
    national = built_site.as_uri() + "/"
    council = built_edition_site.as_uri() + "/"
    tick(page, national, "police-and-crime-panels", "PCP-14", "National note.")
    page.goto(council + "police-and-crime-panels.html")
    expect(page.get_by_label("Ask PCP-14")).not_to_be_checked()
    expect(page.get_by_label("Notes on PCP-14")).to_have_value("")
    tick(page, council, "police-and-crime-panels", "PCP-02")
    page.goto(national + "police-and-crime-panels.html")
    expect(page.get_by_label("Ask PCP-14")).to_be_checked()
    expect(page.get_by_label("Ask PCP-02")).not_to_be_checked()
    keys = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('qbank:'))")
    keys.sort()
    assert keys == [
        f"qbank:answers:v2:Exampleshire District Council:{council}",
        f"qbank:answers:v2:national:{national}",
    ]


# 5. Spreadsheet safety ---------------------------------------------------------------------


def test_a_formula_like_note_and_question_come_out_as_text(
    page: Page, origins: dict[str, str], tmp_path: Path
) -> None:
    base = origins["file"]
    tick(page, base, "police-and-crime-panels", "PCP-14", note=FORMULA)
    # A question pasted from Word that starts like a formula, as the page would show it.
    page.evaluate(
        """() => {
          const text = document.querySelector('#pcp-13').lastChild;
          text.textContent = ' -2+3 @SUM(A1) is a question';
        }"""
    )
    page.get_by_label("Ask PCP-13").check()
    sheet = saved(
        page,
        lambda: page.get_by_role("button", name="Download my answers (CSV)").click(),
        tmp_path / "checklist.csv",
    )
    rows = {r["ID"]: r for r in csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig")))}
    assert rows["PCP-14"]["Notes"] == "'" + FORMULA
    assert rows["PCP-13"]["Question"] == "'-2+3 @SUM(A1) is a question"
    page.goto(base + "my-questions.html")
    sheet = saved(
        page,
        lambda: page.get_by_role("button", name="Download as a spreadsheet (CSV)").click(),
        tmp_path / "mine.csv",
    )
    cells = [c for row in csv.reader(io.StringIO(sheet.read_text("utf-8-sig"))) for c in row]
    assert "'" + FORMULA in cells
    assert not [c for c in cells if re.match(r"[=+\-@\t\r]", c)]


# Without JavaScript, and accessibility -----------------------------------------------------


def test_without_javascript_the_pages_say_what_to_do(
    fresh: NewContext, origins: dict[str, str]
) -> None:
    page = fresh(java_script_enabled=False).new_page()
    page.goto(origins["file"] + "meeting-pack.html?body=osc")
    expect(page.locator(".qb-nojs")).to_be_visible()
    expect(page.locator(".qb-nojs")).to_contain_text("This page needs JavaScript")
    expect(page.locator("form.qb-pack-form")).to_be_hidden()
    page.goto(origins["file"] + "my-questions.html")
    expect(page.locator(".qb-nojs")).to_be_visible()
    page.goto(origins["file"] + "police-and-crime-panels.html")
    expect(page.get_by_label("Ask PCP-14")).to_be_visible()  # the static checklist, as before


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_new_pages_in_use_pass_axe(
    fresh: NewContext, origins: dict[str, str], scheme: str, tmp_path: Path
) -> None:
    page = fresh(color_scheme=scheme).new_page()
    base = origins["http"]
    tick(page, base, "police-and-crime-panels", "PCP-14", "A note.", "Assured")
    found = []
    for path in (
        "meeting-pack.html",
        "meeting-pack.html?body=osc&threat=firearms&threat=economic&date=2026-12-03&title=Review",
        "my-questions.html",
    ):
        page.goto(base + path)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", MATERIAL_SCHEME[scheme]
        )
        found += [f"{path}: {v}" for v in axe_violations(page)]
    # The import question, open.
    exported = saved(
        page,
        lambda: page.get_by_role("button", name="Export my answers").click(),
        tmp_path / "a.json",
    )
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(exported)
    expect(page.get_by_role("button", name="Merge with my answers")).to_be_visible()
    found += [f"import: {v}" for v in axe_violations(page)]
    # A failed save's warning.
    page.goto(base + "police-and-crime-panels.html")
    page.evaluate("() => { Storage.prototype.setItem = () => { throw new Error('full'); }; }")
    page.get_by_label("Ask PCP-13").check()
    expect(page.get_by_role("alert")).to_be_visible()
    found += [f"warning: {v}" for v in axe_violations(page)]
    assert not found, f"{len(found)} axe violations, {scheme}:\n" + "\n".join(found)
