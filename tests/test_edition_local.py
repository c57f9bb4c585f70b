"""A council's own edition, complete: the Broxtowe worked example, built and read back.

One test (or a few) per numbered point of the edition issue: local names, left-out
bodies, local questions, the strategy page and reporting line, the 4P action plan, local
priorities, edition notes, the worked example's sources, identity, a folder anywhere and
the contributing page.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from generator.content.load import ROOT
from generator.content.model import NOT_STATED, Bank
from generator.downloads.pack import make_pack
from generator.downloads.registry import build_downloads
from generator.edition import fold, load_bank
from generator.site.build import build_site

BROXTOWE = ROOT / "editions" / "broxtowe"
CSP_LOCAL = "South Nottinghamshire Community Safety Partnership"
REPORTING = "report it to Nottinghamshire Police on 101"


@pytest.fixture(scope="module")
def brox() -> Bank:
    return load_bank(ROOT, BROXTOWE)


@pytest.fixture(scope="module")
def site(built_broxtowe_site: Path) -> Path:
    return built_broxtowe_site


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    parts += [p.text for s in doc.sections for p in s.footer.paragraphs]
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return re.sub(
        r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    )


# 1. Local names ---------------------------------------------------------------------------


def test_local_name_everywhere(site: Path) -> None:
    page = (site / "community-safety-partnerships.html").read_text("utf-8")
    assert f"<title>{CSP_LOCAL} - " in page
    assert "<h1 id=" in page and CSP_LOCAL in page.split("<h1", 1)[1].split("</h1>")[0]
    # The national name is said once on the body's page, to match it to the guidance.
    assert text_of(page).count("In the national guidance: Community safety partnerships.") == 1
    for other in (
        "index.html",
        "all-questions.html",
        "downloads.html",
        "police-and-crime-panels.html",
    ):
        assert CSP_LOCAL in (site / other).read_text("utf-8"), other  # navigation and lists
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert any(d["title"] == CSP_LOCAL for d in index["docs"])
    word = docx_text((site / "downloads" / "community-safety-partnerships.docx").read_bytes())
    assert f"{CSP_LOCAL}: questions on serious and organised crime" in word
    sheet = openpyxl.load_workbook(site / "downloads" / "question-bank.xlsx")["Questions"]
    assert CSP_LOCAL in {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}


def test_meeting_pack_uses_the_local_name(brox: Bank) -> None:
    text = docx_text(make_pack(brox, "csp", ["drugs"], fmt="docx"))
    assert f"Committee: {CSP_LOCAL}" in text


# 2. Leaving out bodies ----------------------------------------------------------------------


def test_left_out_bodies_are_gone_and_the_home_page_says_where(site: Path, brox: Bank) -> None:
    assert {a.id for a in brox.audiences} == {"csp", "pcp", "osc", "hwb", "lscb"}
    assert not (site / "directors-of-childrens-services.html").exists()
    assert not (site / "downloads" / "directors-of-public-health.pdf").exists()
    home = text_of((site / "index.html").read_text("utf-8"))
    assert (
        "Questions for directors of public health and directors of children's services are "
        "asked at Nottinghamshire County Council, not here." in home
    )
    assert not [q for q in brox.questions if q.audience_id in ("dcs", "dph")]


def test_left_out_bodies_link_to_the_national_edition(tmp_path: Path) -> None:
    from generator.site.render import Renderer

    write_edition(
        tmp_path,
        "council: Anytown District Council\nnational_site: https://soc.example.org/\n"
        "bodies:\n  dph:\n    leave_out: {asked_at: Anyshire County Council}\n",
    )
    home = Renderer(load_bank(ROOT, tmp_path)).pages()["index.md"]
    assert (
        'see <a href="https://soc.example.org/directors-of-public-health.html">directors of '
        "public health</a> in the national edition" in home
    )


# 3. Local questions -------------------------------------------------------------------------


def test_local_questions_are_marked_in_the_model(brox: Bank) -> None:
    national = load_bank(ROOT)
    local = [q for q in brox.questions if q.local]
    assert len(local) == 16
    assert all(q.id.startswith("L-") for q in local)
    assert not {q.id for q in local} & {q.id for q in national.questions}
    assert all(q.source.quote and q.expectation for q in local)
    osc = brox.audience("osc")
    assert [q.local for q in osc.questions][-9:] == [True] * 9  # after the national ones


def test_local_questions_on_the_page_and_in_the_table(site: Path) -> None:
    page = (site / "overview-and-scrutiny-committees.html").read_text("utf-8")
    block = page.split('id="l-osc-02"', 1)[1].split('class="qb-question', 1)[0]
    assert "<strong>Local question</strong> from Broxtowe Borough Council" in block
    assert "What good looks like:" in block
    assert "“Action by Broxtowe Borough Council”" in block
    assert 'id="ask-l-osc-02"' in block  # it joins the interactive checklist
    table = (site / "all-questions.html").read_text("utf-8")
    assert '<select id="f-origin" data-key="origin">' in table
    assert table.count('data-origin="local"') == 16
    assert table.count('data-origin="national"') == 56 - 5 - 4  # DCS and DPH left out
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "L-OSC-02" in index and "taxi drivers" in index


def test_local_questions_in_every_download(site: Path) -> None:
    d = site / "downloads"
    word = docx_text((d / "overview-and-scrutiny-committees.docx").read_bytes())
    assert "L-OSC-02" in word and "Local question from Broxtowe Borough Council" in word
    pdf = pdf_text((d / "overview-and-scrutiny-committees.pdf").read_bytes())
    assert "L-OSC-02" in pdf and "Local question from Broxtowe Borough Council" in pdf
    rows = list(csv.reader(io.StringIO((d / "question-bank.csv").read_text("utf-8-sig"))))
    local = [r for r in rows if r[0].startswith("L-")]
    assert len(local) == 16 and all(r[2].startswith("Local question\n") for r in local)
    sheet = openpyxl.load_workbook(d / "overview-and-scrutiny-committees.xlsx")["Questions"]
    cells = {row[0]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert str(cells["L-OSC-02"]).startswith("Local question\n")
    data = json.loads((d / "question-bank.json").read_text("utf-8"))
    qs = [q for a in data["audiences"] for q in a["questions"]]
    marked = {q["id"]: q for q in qs if q["local"]}
    assert len(marked) == 16 and marked["L-OSC-02"]["source"]["document"] == "strategy"


def test_local_questions_in_the_meeting_pack(brox: Bank) -> None:
    text = pdf_text(make_pack(brox, "osc", [], fmt="pdf"))
    assert "L-OSC-09" in text and "Local question" in text


# 4. Strategy page and reporting line ------------------------------------------------------


def test_strategy_page(site: Path) -> None:
    page = text_of((site / "local" / "strategy.html").read_text("utf-8"))
    assert (
        "To contribute to the targeting and disruption of serious and organised crime in Broxtowe."
        in page
    )
    assert "Single point of contact" in page and "Chief Communities Officer" in page
    assert page.count("Provide training for staff and elected members") == 1
    assert "Review due: September 2022 (past due)" in page
    assert REPORTING in page


def test_reporting_line_in_every_footer_and_printed_checklist(site: Path, brox: Bank) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 25
    for path in pages:
        html = path.read_text("utf-8")
        footer = html.split('<div class="md-copyright">', 1)[1][:400]
        assert REPORTING in footer, path
    for name in ("police-and-crime-panels.pdf", "police-and-crime-panels.docx"):
        data = (site / "downloads" / name).read_bytes()
        text = pdf_text(data) if name.endswith(".pdf") else docx_text(data)
        assert REPORTING in text, name
    assert REPORTING in pdf_text(make_pack(brox, "pcp", ["drugs"], fmt="pdf"))
    assert REPORTING in docx_text(make_pack(brox, "pcp", ["drugs"], fmt="docx"))


# 5. The 4P action plan ----------------------------------------------------------------------


def test_action_plan_page(site: Path, brox: Bank) -> None:
    html = (site / "local" / "action-plan.html").read_text("utf-8")
    assert html.count("<tr><td>") == 11 == len(brox.edition.action_plan)
    assert [h for h in re.findall(r'<h2 id="(\w+)"', html)] == [
        "pursue",
        "prevent",
        "protect",
        "prepare",
    ]
    assert '<th scope="col">Recommendation</th><th scope="col">Milestone</th>' in html
    # Nothing the strategy does not state: no milestone, review or status is filled in.
    assert all(
        (r.milestone, r.review, r.status) == (NOT_STATED,) * 3 for r in brox.edition.action_plan
    )
    assert html.count(f'<td class="qb-not-stated">{NOT_STATED}</td>') == 33
    assert 'href="../downloads/local/action-plan.docx"' in html


def test_action_plan_downloads(site: Path) -> None:
    word = Document(str(site / "downloads" / "local" / "action-plan.docx"))
    section = word.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert [t.rows[0].cells[0].text for t in word.tables] == ["Recommendation"] * 4
    assert sum(len(t.rows) - 1 for t in word.tables) == 11
    ws = openpyxl.load_workbook(site / "downloads" / "local" / "action-plan.xlsx")["Action plan"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("4P strand", "Recommendation", "Milestone", "Ownership", "Review", "Status")
    assert len(rows) == 12 and rows[1][0] == "Pursue" and rows[-1][0] == "Prepare"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    assert "downloads/local/action-plan.xlsx" in (site / "downloads.html").read_text("utf-8")


def test_national_bank_has_no_action_plan_files(bank: Bank) -> None:
    from generator.downloads import actionplan

    assert actionplan.export(bank) == []


# 6. Local priorities ------------------------------------------------------------------------


def test_priorities_order_home_threats_and_pack(site: Path, brox: Bank) -> None:
    assert [t.id for t in brox.threats][:3] == ["drugs", "firearms", "cse"]
    home = (site / "index.html").read_text("utf-8")
    threats = (site / "threats" / "index.html").read_text("utf-8")
    for page in (home, threats):
        list_part = page.split('class="qb-threat-list"', 1)[1]
        assert list_part.index("drugs.html") < list_part.index("criminal-use-of-firearms.html")
        assert list_part.index("criminal-use-of-firearms.html") < list_part.index(
            "child-sexual-exploitation-and-abuse.html"
        )
        assert (
            "Local priority 1: Many of these individuals are directly involved in drug supply"
            in text_of(page)
        )
    text = docx_text(make_pack(brox, "pcp", ["cyber", "drugs"], fmt="docx"))
    assert text.index("Threat briefing: Drugs") < text.index("Threat briefing: Cyber crime")


# 7. Edition notes ---------------------------------------------------------------------------


def test_edition_notes_beside_their_text(site: Path, brox: Bank) -> None:
    notes = [n for n in brox.notes if n.edition_note]
    assert len(notes) == 7
    strategy = text_of((site / "local" / "strategy.html").read_text("utf-8"))
    assert "Local note, 1 December 2026: The strategy's review is past due" in strategy
    osc = text_of((site / "overview-and-scrutiny-committees.html").read_text("utf-8"))
    # A checklist numbers its notes for paper ("Local note 13: ..."), in a span screens hide.
    assert re.search(r"Local note \d+ ?, 1 December 2026 ?: The strategy's review is past due", osc)
    csp = text_of((site / "community-safety-partnerships.html").read_text("utf-8"))
    assert "Community rehabilitation companies are now part of the Probation Service" in csp
    # A note on a fact about the world carries its status, check date and sources, and is
    # listed on the changes page under its topic (issue 22).
    lgr = next(n for n in notes if n.id == "local-government-reorganisation")
    assert (lgr.status, lgr.checked, lgr.topic) == (
        "proposed",
        "2026-12-04",
        "Organisations and links",
    )
    changes = text_of((site / "about" / "changes.html").read_text("utf-8"))
    assert "Local government reorganisation in Nottinghamshire (proposals, not decided)" in changes
    assert "Last checked 4 December 2026" in changes


# 8. The worked example's sources ------------------------------------------------------------


def test_broxtowe_quotes_are_word_for_word_in_the_strategy(brox: Bank) -> None:
    text = fold((BROXTOWE / "strategy-2019.txt").read_text("utf-8"))
    strategy = brox.edition.strategy
    assert strategy is not None
    quotes = [q.source.quote for q in brox.questions if q.local]
    quotes += list(strategy.council_actions.items) + list(strategy.member_actions.items)  # type: ignore[union-attr]
    quotes += [r.recommendation for r in brox.edition.action_plan]
    quotes += [t.priority_reason for t in brox.threats if t.priority_rank]
    assert len(strategy.council_actions.items) == 11
    assert len(strategy.member_actions.items) == 4  # type: ignore[union-attr]
    for quote in quotes:
        assert quote in text


def test_broxtowe_strategy_copy_is_the_seed_document() -> None:
    seed = (
        Path(__file__).resolve().parents[2] / "shared" / "seeds" / "broxtowe-soc-strategy-2019.txt"
    )
    if not seed.is_file():
        pytest.skip("the seed documents (../shared/seeds) are not beside the repo")
    assert (BROXTOWE / "strategy-2019.txt").read_bytes() == seed.read_bytes()


def test_a_changed_quote_is_refused_with_its_line(tmp_path: Path) -> None:
    copy = shutil.copytree(BROXTOWE, tmp_path / "ed")
    yml = copy / "edition.yml"
    yml.write_text(
        yml.read_text("utf-8").replace("as a condition of\n", "as a term of\n", 1), "utf-8"
    )
    from generator.content.errors import ContentError

    with pytest.raises(ContentError) as info:
        load_bank(ROOT, copy)
    (problem,) = info.value.problems
    line = yml.read_text("utf-8").splitlines()[problem.line - 1]
    assert problem.message.startswith("not found word for word in source 'strategy'")
    assert line.strip() == "quote: >-"


# 10. A folder anywhere, and no name survives a renamed copy ------------------------------


NAMES = re.compile(r"broxtowe|nottingham", re.IGNORECASE)


def _names_in(path: Path) -> int:
    data = path.read_bytes()
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return sum(
                len(NAMES.findall(z.read(n).decode("utf-8", "replace"))) for n in z.namelist()
            )
    if path.suffix == ".pdf":
        return len(NAMES.findall(pdf_text(data)))
    if path.suffix in (".html", ".json", ".csv", ".xml", ".css", ".js", ".svg"):
        return len(NAMES.findall(data.decode("utf-8", "replace")))
    return 0


def test_renamed_copy_outside_the_repo_keeps_no_local_name(tmp_path: Path) -> None:
    copy = shutil.copytree(BROXTOWE, tmp_path / "elsewhere" / "anyborough")
    for f in copy.iterdir():
        if f.suffix in (".yml", ".txt", ".svg"):
            text = f.read_text("utf-8")
            text = text.replace("Broxtowe", "Anyborough").replace("Nottinghamshire", "Westshire")
            text = text.replace("Nottingham", "Westby")
            # The edition's own links (broxtowe.gov.uk, …/nottinghamshire-and-nottingham/).
            text = text.replace("broxtowe", "anyborough").replace("nottinghamshire", "westshire")
            f.write_text(text.replace("nottingham", "westby"), "utf-8")
    out = build_site(ROOT, tmp_path / "site", edition=copy)
    assert "Anyborough Borough Council" in (out / "index.html").read_text("utf-8")
    assert "South Westshire Community Safety Partnership" in (
        out / "community-safety-partnerships.html"
    ).read_text("utf-8")
    # Not even the national bank's source list or the web team's pages name Broxtowe now.
    survivors = {
        str(path.relative_to(out)): _names_in(path)
        for path in sorted(out.rglob("*"))
        if path.is_file() and _names_in(path)
    }
    assert survivors == {}


# 11. Contributing page and README ---------------------------------------------------------


def test_make_your_edition_page_and_readme(built_site: Path) -> None:
    # In the national site: an edition leaves the web team's pages out.
    page = text_of((built_site / "contributing" / "make-your-edition.html").read_text("utf-8"))
    assert "Make your council's edition" in page and "editions/broxtowe" in page
    sibling = (built_site / "contributing" / "tagging.html").read_text("utf-8")
    assert 'href="make-your-edition.html"' in sibling  # in the navigation
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "editions/broxtowe" in readme and "make-your-edition.md" in readme


def write_edition(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.yml").write_text(text, "utf-8")
    return folder


def test_downloads_of_the_edition_build_without_the_site(brox: Bank) -> None:
    paths = {d.path for d, _ in build_downloads(brox) if d.local}
    assert paths == {"downloads/local/action-plan.docx", "downloads/local/action-plan.xlsx"}
