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
from datetime import UTC, datetime
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
# 7 pages with 32 editorial notes; 10 with the 39 of December 2026 (four more on firearms,
# economic crime and the committee's questions, each printed in full once).
MAX_PACK_PAGES = 10
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
    # A question is ticked, so the pack would hold only that one: ask for them all.
    expect(page.get_by_label("Only the questions I ticked")).to_be_checked()
    page.get_by_label("All the questions on the checklist").check()
    page.get_by_role("button", name="Show the pack").click()

    # The choices are in the address, so the pack can be bookmarked or sent as a link.
    url = page.url
    assert "body=osc" in url and "threat=firearms&threat=economic" in url
    assert "date=2026-12-03" in url and "questions=all" in url
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


def test_a_pack_of_only_the_ticked_questions(page: Page, built_edition_site: Path) -> None:
    base = built_edition_site.as_uri() + "/"
    edition = load_bank(ROOT, ROOT / "editions" / "example")
    total = len(edition.audience("osc").questions)
    tick(page, base, OSC.slug, "OSC-03", note="Ask for the Local Profile summary.")
    page.get_by_label("Ask OSC-05").check()
    link = "meeting-pack.html?body=osc&threat=firearms&threat=economic&date=2026-12-03"
    page.goto(base + link + "&title=Review")
    # Ticked questions for this body: the pack holds only those, and says so.
    expect(page.get_by_label("Only the questions I ticked")).to_be_checked()
    expect(page.locator(".qb-pack-questions-shown")).to_have_text(
        f"The 2 questions you ticked, of {total}"
    )
    shown = page.locator(".qb-pack-checklist:visible .qb-question:visible")
    expect(shown).to_have_count(2)
    pages, text = printed(page)
    assert "OSC-03" in text and "OSC-05" in text and "OSC-01" not in text
    assert "Ask for the Local Profile summary." in text
    # The footer of every printed page names the council, body, meeting and date.
    footer = "Exampleshire District Council · Overview and scrutiny committees · Review · "
    footer += "3 December 2026"
    assert text.count(footer) == pages, f"{text.count(footer)} footers on {pages} pages"
    # All questions, when asked for, by the form or the address.
    page.get_by_label("All the questions on the checklist").check()
    expect(shown).to_have_count(total)
    page.goto(base + link + "&questions=all")
    expect(page.get_by_label("All the questions on the checklist")).to_be_checked()
    expect(shown).to_have_count(total)
    # Nothing ticked for the body: all its questions, whatever the default.
    page.goto(base + "meeting-pack.html?body=pcp&date=2026-12-03")
    expect(page.get_by_label("All the questions on the checklist")).to_be_checked()
    expect(shown).to_have_count(len(edition.audience("pcp").questions))
    page.goto(base + "meeting-pack.html?body=pcp&questions=ticked")
    expect(page.locator(".qb-pack-status")).to_contain_text(
        "no question is ticked for this body in “General: not for a particular meeting”, "
        "so it holds them all"
    )


def test_address_text_never_becomes_a_selector(page: Page, origins: dict[str, str]) -> None:
    """Issue 21, item 6: the pack looks parts up by their attributes, never by a selector
    built from the address."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(origins["file"] + "meeting-pack.html?body=osc&threat=%22%5D")
    expect(page.locator(".qb-pack")).to_be_visible()
    expect(page.locator(".qb-pack-status")).to_contain_text('there is no threat “"]”')
    hostile = "x%22%5D%2C.qb-pack-checklist%5Bdata-body%3D%22pcp"
    page.goto(origins["file"] + "meeting-pack.html?body=osc&threat=" + hostile)
    parts = page.locator(".qb-pack-part:visible")
    expect(parts).to_have_count(1)
    assert parts.get_attribute("data-body") == "osc"
    assert page.locator('.qb-pack-checklist[data-body="pcp"]').is_hidden()
    assert errors == []


def test_a_year_outside_1900_to_2100_is_refused(page: Page, origins: dict[str, str]) -> None:
    """Issue 21, item 9: JavaScript reads the year 0026 as 1926."""
    page.goto(origins["file"] + "meeting-pack.html?body=osc&date=0026-12-03")
    expect(page.locator(".qb-pack-status")).to_contain_text(
        "“0026-12-03” is not a date between 1900 and 2100, so the pack leaves a blank"
    )
    expect(page.locator(".qb-pack-date")).to_have_text("____________________")
    assert "1926" not in page.locator("body").inner_text()
    page.goto(origins["file"] + "meeting-pack.html?body=osc&date=2101-01-01")
    expect(page.locator(".qb-pack-date")).to_have_text("____________________")
    page.goto(origins["file"] + "meeting-pack.html?body=osc&date=1900-01-01")
    expect(page.locator(".qb-pack-date")).to_have_text("1 January 1900")


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
    assert data["version"] == 3
    answer = data["meetings"][0]["answers"]["PCP-14"]
    stamps = answer.pop("stamps")
    assert answer == {"ask": True, "status": "Partly assured", "note": "Follow up."}
    # Each field says when and in which browser it was set (answers format version 3).
    assert sorted(stamps) == ["ask", "note", "status"]
    assert {s["by"] for s in stamps.values()} == {data["browser"]}

    tablet = fresh().new_page()
    tick(tablet, base, "community-safety-partnerships", "CSP-01")
    tablet.goto(base + "police-and-crime-panels.html")
    expect(tablet.get_by_label("Ask PCP-14")).not_to_be_checked()
    with tablet.expect_file_chooser() as chooser:
        tablet.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(exported)
    ask = tablet.get_by_role("group", name="answers.json")
    expect(ask).to_contain_text("answers.json holds answers to 2 questions")
    expect(tablet.get_by_role("button", name="Merge with my answers")).to_be_focused()
    tablet.get_by_role("button", name="Merge with my answers").click()
    status = tablet.locator(".qb-toolbar-status").first
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
    expect(tablet.locator(".qb-toolbar-status").first).to_have_text(
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
    expect(page.locator(".qb-toolbar-status").first).to_have_text(
        "Could not import notes.json: it is not an answers file exported from this site."
    )


def new_meeting(page: Page, date: str, title: str = "", body: str = "", copy: bool = False) -> None:
    """Names a meeting on the page open (on a checklist its body is chosen already)."""
    page.get_by_role("button", name="New meeting").click()
    if body:
        page.get_by_label("Body").select_option(label=body)
    if copy:
        page.get_by_label("Start with the questions ticked for the meeting shown now").check()
    page.get_by_label("Meeting date").fill(date)
    if title:
        page.get_by_label("Meeting title (optional)").fill(title)
    page.get_by_role("button", name="Save the new meeting").click()


def meeting(page: Page) -> Any:
    return page.get_by_label("Meeting", exact=True)


def test_two_meetings_kept_apart_and_both_restored_in_a_fresh_browser(
    fresh: NewContext, origins: dict[str, str], tmp_path: Path
) -> None:
    base = origins["file"]
    office = fresh().new_page()
    office.goto(base + "police-and-crime-panels.html")
    new_meeting(office, "2026-09-10", "Budget")
    expect(meeting(office)).to_contain_text("Police and crime panels, 10 September 2026: Budget")
    tick(office, base, "police-and-crime-panels", "PCP-14", "September note.", "Assured")
    new_meeting(office, "2026-12-03", "Drugs")
    expect(office.get_by_label("Ask PCP-14")).not_to_be_checked()  # a new meeting starts empty
    tick(office, base, "police-and-crime-panels", "PCP-02", "December note.")
    september = "Police and crime panels, 10 September 2026: Budget"
    december = "Police and crime panels, 3 December 2026: Drugs"
    # What did I ask in September? Reopen it.
    meeting(office).select_option(label=september)
    expect(office.get_by_label("Ask PCP-14")).to_be_checked()
    expect(office.get_by_label("Notes on PCP-14")).to_have_value("September note.")
    expect(office.get_by_label("Ask PCP-02")).not_to_be_checked()
    office.goto(base + "my-questions.html")
    expect(meeting(office)).to_have_value(meeting(office).input_value())
    expect(office.locator(".qb-mine-question:visible")).to_have_count(1)
    expect(office.locator(".qb-mine-question:visible")).to_contain_text("September note.")
    exported = saved(
        office,
        lambda: office.get_by_role("button", name="Export my answers").click(),
        tmp_path / "answers.json",
    )
    data = json.loads(exported.read_text("utf-8"))
    schema = json.loads((ROOT / "schema" / "answers.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert [(m["date"], m["title"]) for m in data["meetings"]] == [
        ("2026-12-03", "Drugs"),
        ("2026-09-10", "Budget"),
    ]

    tablet = fresh().new_page()
    tablet.goto(base + "my-questions.html")
    # A browser that holds no answers just imports: there is nothing to merge or replace.
    with tablet.expect_file_chooser() as chooser:
        tablet.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(exported)
    expect(tablet.locator(".qb-toolbar-status").last).to_have_text(
        "Imported the answers in answers.json: 2 questions added, 0 changed, 0 unchanged; "
        "2 meetings added."
    )
    expect(tablet.get_by_role("group", name="answers.json")).to_be_hidden()
    tablet.goto(base + "police-and-crime-panels.html")
    meeting(tablet).select_option(label=december)
    expect(tablet.get_by_label("Ask PCP-02")).to_be_checked()
    expect(tablet.get_by_label("Notes on PCP-02")).to_have_value("December note.")
    expect(tablet.get_by_label("Ask PCP-14")).not_to_be_checked()
    meeting(tablet).select_option(label=september)
    expect(tablet.get_by_label("Ask PCP-14")).to_be_checked()
    expect(tablet.locator("#status-pcp-14")).to_have_value("Assured")
    # A pack for the December meeting carries its answers, whatever meeting is open.
    tablet.goto(base + "meeting-pack.html?body=pcp&date=2026-12-03&title=Drugs")
    expect(tablet.locator(".qb-pack-checklist:visible .qb-question:visible")).to_have_count(1)
    expect(tablet.get_by_label("Notes on PCP-02")).to_have_value("December note.")


def import_file(page: Page, path: Path, how: str = "Merge with my answers") -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(path)
    page.get_by_role("button", name=how).click()


def name_browser(page: Page, name: str) -> None:
    """Names this browser with the control beside Export and Import."""
    page.get_by_role("button", name="Name this browser").click()
    page.get_by_label("Name of this browser (for example, Work laptop)").fill(name)
    page.get_by_role("button", name="Save the name").click()
    expect(page.locator(".qb-browser").first).to_contain_text(f"notes from here say “{name}”")


def today_long() -> str:
    now = datetime.now(UTC)
    return f"{now.day} {now:%B %Y}"


def test_a_merge_keeps_both_notes(
    fresh: NewContext, origins: dict[str, str], tmp_path: Path
) -> None:
    base = origins["file"]
    office = fresh().new_page()
    tick(office, base, "police-and-crime-panels", "PCP-14", "Office: report due in March.")
    name_browser(office, "Office PC")
    exported = saved(
        office,
        lambda: office.get_by_role("button", name="Export my answers").click(),
        tmp_path / "office.json",
    )
    tablet = fresh().new_page()
    tick(tablet, base, "police-and-crime-panels", "PCP-14", "Tablet: ask about the precept.")
    name_browser(tablet, "Tablet")
    import_file(tablet, exported)
    expect(tablet.locator(".qb-toolbar-status").first).to_have_text(
        "Merged the answers in office.json: 0 questions added, 1 changed, 0 unchanged. "
        "1 note was changed in both places since they last met, and both versions are kept, "
        "each labelled with its browser\u2019s name and date (PCP-14)."
    )
    day = today_long()
    both = (
        f"[Office PC, {day}]\nOffice: report due in March.\n\n"
        f"[Tablet, {day}]\nTablet: ask about the precept."
    )
    expect(tablet.get_by_label("Notes on PCP-14")).to_have_value(both)
    import_file(tablet, exported)  # the same file again adds nothing twice
    expect(tablet.locator(".qb-toolbar-status").first).to_have_text(
        "Nothing changed: this browser already holds everything in office.json."
    )
    expect(tablet.get_by_label("Notes on PCP-14")).to_have_value(both)


def test_ids_the_edition_lacks_are_kept_aside_not_added(
    page: Page, origins: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "other.json"
    answers = {
        "PCP-14": {"ask": True, "status": "Assured", "note": ""},
        "ZZZ-99": {"ask": True, "status": "Not asked", "note": "Another council's question"},
        "L-OSC-01": {"ask": True},
    }
    data = {
        "format": "soc-question-bank-answers",
        "version": 2,
        "exported": "2026-12-04T10:00:00Z",
        "meetings": [{"id": "general", "answers": answers}],
    }
    path.write_text(json.dumps(data), "utf-8")
    page.goto(origins["file"] + "police-and-crime-panels.html")
    page.get_by_label("Ask PCP-01").check()  # this browser holds answers: merge or replace?
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(path)
    expect(page.get_by_role("group", name="other.json")).to_contain_text(
        "(exported 4 December 2026)"
    )
    page.get_by_role("button", name="Merge with my answers").click()
    expect(page.locator(".qb-toolbar-status").first).to_have_text(
        "Merged the answers in other.json: 1 question added, 0 changed, 0 unchanged. "
        "2 questions not in this edition, kept aside (L-OSC-01, ZZZ-99): they are not "
        "shown, and are exported again."
    )
    expect(page.get_by_label("Ask PCP-14")).to_be_checked()
    again = saved(
        page,
        lambda: page.get_by_role("button", name="Export my answers").click(),
        tmp_path / "again.json",
    )
    kept = json.loads(again.read_text("utf-8"))["meetings"][0]["answers"]
    assert sorted(kept) == ["L-OSC-01", "PCP-01", "PCP-14", "ZZZ-99"]


ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_dates_are_shown_in_long_form(page: Page, origins: dict[str, str]) -> None:
    base = origins["file"]
    page.goto(base + "police-and-crime-panels.html")
    new_meeting(page, "2026-12-03", "Drugs")
    status = page.locator(".qb-meeting-status")
    expect(status).to_have_text(
        "Saved the new meeting Police and crime panels, 3 December 2026: Drugs. Your ticks, "
        "answers and notes are kept for it now."
    )
    page.get_by_label("Ask PCP-14").check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Export my answers").click()
    assert ISO.search(info.value.suggested_filename) is None  # my-answers-4-december-2026.json
    for path in ("police-and-crime-panels.html", "my-questions.html",
                 "meeting-pack.html?body=pcp&date=2026-12-03"):  # fmt: skip
        page.goto(base + path)
        expect(meeting(page)).to_contain_text("3 December 2026")
        shown = page.locator("article").inner_text()
        assert ISO.search(shown) is None, f"{path}: {ISO.search(shown)}"


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
    expect(page.locator(".qb-toolbar-status").last).to_have_text("Nothing cleared.")
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


def test_answers_kept_before_meetings_become_the_general_meeting(
    page: Page, origins: dict[str, str]
) -> None:
    base = origins["file"]
    page.goto(base + "police-and-crime-panels.html")
    key = f"qbank:answers:v2:national:{base}"
    before = {
        "format": "soc-question-bank-answers",
        "version": 1,
        "saved": "2026-11-30T10:00:00.000Z",
        "answers": {"PCP-14": {"ask": True, "status": "Assured", "note": "Kept from before."}},
    }
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(before)])
    page.reload()
    expect(meeting(page)).to_have_value("general")
    expect(meeting(page).locator("option:checked")).to_have_text(
        "General: not for a particular meeting"
    )
    expect(page.get_by_label("Ask PCP-14")).to_be_checked()
    expect(page.get_by_label("Notes on PCP-14")).to_have_value("Kept from before.")
    page.get_by_label("Ask PCP-13").check()  # saved in this version's form
    stored = json.loads(page.evaluate("key => localStorage.getItem(key)", key))
    assert stored["version"] == 3 and stored["current"] == "general"
    kept = stored["meetings"][0]["answers"]["PCP-14"]
    assert kept["note"] == "Kept from before."
    # Given in this browser before version 3: stamped as this browser's own, when saved.
    assert kept["stamps"]["note"]["by"] == stored["browser"]
    assert kept["stamps"]["note"]["at"] == "2026-11-30T10:00:00.000Z"


def test_unreadable_answers_that_cannot_be_set_aside_are_never_saved_over(
    fresh: NewContext, origins: dict[str, str]
) -> None:
    """Issue 21, item 3: storage too full to copy a large unreadable record aside."""
    base = origins["file"]
    context = fresh()
    page = context.new_page()
    page.goto(base + "police-and-crime-panels.html")
    key = f"qbank:answers:v2:national:{base}"
    unreadable = "{not json " + "x" * 5000
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, unreadable])
    # Full storage: a small record still fits, a copy of the large one does not.
    context.add_init_script(
        "const set = Storage.prototype.setItem;"
        "Storage.prototype.setItem = function (k, v) {"
        " if (String(v).length > 2000) throw new DOMException('full', 'QuotaExceededError');"
        " return set.call(this, k, v); };"
    )
    page.reload()
    notice = page.locator("#qb-notice-unreadable")
    expect(notice).to_contain_text("could not be set aside either")
    expect(notice).not_to_contain_text("have been set aside")
    page.get_by_label("Ask PCP-14").check()
    expect(page.locator("#qb-notice-save")).to_contain_text("will not save over them")
    assert page.evaluate("key => localStorage.getItem(key)", key) == unreadable
    page.reload()
    assert page.evaluate("key => localStorage.getItem(key)", key) == unreadable
    # Saved to a file, then removed on purpose: answers are saved again.
    with page.expect_download() as info:
        notice.get_by_role("button", name="Save the unreadable answers to a file").click()
    assert Path(info.value.path()).read_text("utf-8") == unreadable
    page.once("dialog", lambda dialog: dialog.accept())
    notice.get_by_role("button", name="Remove them from this browser").click()
    page.get_by_label("Ask PCP-13").check()
    page.reload()
    expect(page.get_by_label("Ask PCP-13")).to_be_checked()
    expect(page.get_by_role("alert")).to_have_count(0)


@pytest.fixture
def one_host(built_site: Path, built_edition_site: Path, tmp_path: Path) -> Iterator[str]:
    """Two copies of the site on one intranet server: the national one and a council's."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    root = tmp_path / "www"
    root.mkdir()
    (root / "national").symlink_to(built_site)
    (root / "council").symlink_to(built_edition_site)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_old_answers_are_never_copied_into_another_councils_copy(page: Page, one_host: str) -> None:
    """Issue 21, item 4: version 1 answers cannot say which copy wrote them."""
    council = one_host + "council/police-and-crime-panels.html"
    national = one_host + "national/police-and-crime-panels.html"
    page.goto(council)
    page.evaluate(
        "() => localStorage.setItem('qbank:answers:v1:police-and-crime-panels.html',"
        " JSON.stringify({'PCP-14': {ask: true, note: 'Old note'}}))"
    )
    page.reload()
    expect(page.get_by_label("Ask PCP-14")).not_to_be_checked()
    offer = page.locator("#qb-notice-old")
    expect(offer).to_contain_text("may belong to another copy on this server")
    page.goto(national)
    expect(page.get_by_label("Ask PCP-14")).not_to_be_checked()
    page.get_by_role("button", name="Bring them into this site").click()
    expect(page.get_by_label("Ask PCP-14")).to_be_checked()
    expect(page.get_by_label("Notes on PCP-14")).to_have_value("Old note")
    page.goto(council)  # brought into one copy: no longer offered to the others
    expect(page.get_by_label("Ask PCP-14")).not_to_be_checked()
    expect(page.locator("#qb-notice-old")).to_have_count(0)


def test_an_import_with_wrong_types_says_so(
    page: Page, origins: dict[str, str], tmp_path: Path
) -> None:
    """Issue 21, item 8: a TypeError did nothing, silently."""
    wrong = tmp_path / "typed.json"
    wrong.write_text(
        '{"format": "soc-question-bank-answers", "version": 1, "exported": 12345,'
        ' "answers": {"PCP-14": {"ask": true}}}',
        "utf-8",
    )
    page.goto(origins["file"] + "police-and-crime-panels.html")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(wrong)
    expect(page.locator(".qb-toolbar-status").first).to_have_text(
        "Could not import typed.json: its “exported” should be text, not number."
    )
    wrong.write_text(
        '{"format": "soc-question-bank-answers", "version": 1, "answers": {"PCP-14": {"ask": 1}}}',
        "utf-8",
    )
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import answers").click()
    chooser.value.set_files(wrong)
    expect(page.locator(".qb-toolbar-status").first).to_have_text(
        "Could not import typed.json: the answer to PCP-14 has no tick (true or false)."
    )


def test_a_note_box_holds_what_pack_answers_reads(page: Page, origins: dict[str, str]) -> None:
    page.goto(origins["file"] + "police-and-crime-panels.html")
    box = page.get_by_label("Notes on PCP-14")
    assert box.get_attribute("maxlength") == "20000"
    box.fill("n" * 20_050)
    assert len(box.input_value()) == 20_000


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
    # A meeting named, and the New meeting form open.
    new_meeting(page, "2026-12-03", "Drugs", body="Police and crime panels", copy=True)
    expect(page.locator(".qb-mine-question:visible")).to_have_count(1)  # PCP-14, ticked
    page.get_by_role("button", name="New meeting").click()
    expect(page.get_by_role("button", name="Save the new meeting")).to_be_visible()
    found += [f"new meeting: {v}" for v in axe_violations(page)]
    page.goto(base + "meeting-pack.html?body=pcp&threat=drugs&date=2026-12-03&title=Drugs")
    expect(page.get_by_label("Only the questions I ticked")).to_be_checked()
    found += [f"ticked pack: {v}" for v in axe_violations(page)]
    page.goto(base + "my-questions.html")
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
