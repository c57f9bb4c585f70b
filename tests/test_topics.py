"""From a topic to the questions: threat tags, guidance links and search words.

Tag coverage and the loader's checks run on the YAML; links in both directions and the
search index are read from one real build.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from docx import Document
from pypdf import PdfReader

from generator.content.load import ROOT
from generator.content.model import Bank
from generator.content.topics import plural, threat_counts
from generator.downloads import docx, pdf
from tests.site_html import read
from tests.test_load import edit, errors, line_of, root  # noqa: F401  (fixture)

GUIDANCE = ("county-lines", "risk-factors", "previous-offenders")
CHECKLIST_LINK = re.compile(r"^(?:\.\./)?([a-z-]+)\.html#([a-z]+-\d+)$")


READING = re.compile(r'<(aside|details) id="reading-[^"]*" class="[^"]*qb-reading.*?</\1>', re.S)
HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')


def question_links(page: Path, bank: Bank) -> set[str]:
    """IDs of the questions a built page links to on their checklists, outside its editorial
    readings (which point to any question a change bears on, tagged to the page or not)."""
    slugs = {a.slug for a in bank.audiences}
    found = set()
    text = READING.sub("", page.read_text("utf-8"))
    for href in (html.unescape(h) for h in HREF.findall(text)):
        match = CHECKLIST_LINK.match(href)
        if match and match.group(1) in slugs:
            found.add(match.group(2).upper())
    return found


# Tag coverage ---------------------------------------------------------------------------


def test_every_question_has_a_threat_value() -> None:
    """Every question names its threats or says `all`: none is left untagged."""
    count = 0
    for path in sorted((ROOT / "questions").glob("*.yml")):
        for q in yaml.safe_load(path.read_text("utf-8"))["questions"]:
            assert q["threats"], f"{q['id']} has no threat value"
            assert q["threats"] == ["all"] or "all" not in q["threats"], q["id"]
            count += 1
    assert count == 56


def test_tags_name_more_threats_than_before(bank: Bank) -> None:
    named = [q for q in bank.questions if q.threats]
    assert len(named) >= 10
    every = bank.questions_for_every_threat()
    assert len(named) + len(every) == len(bank.questions)


def test_same_wording_same_tags(bank: Bank) -> None:
    for a, b in (("PCP-10", "OSC-08"), ("PCP-11", "OSC-09"), ("PCP-13", "OSC-10")):
        qa, qb = bank.question(a), bank.question(b)
        assert (qa.threats, qa.strands, qa.themes) == (qb.threats, qb.strands, qb.themes)


def test_named_threat_tags_carry_a_rationale(bank: Bank) -> None:
    """Named threats are our editorial choice: each says why, in the YAML."""
    for q in bank.questions:
        if q.threats and q.id not in ("DPH-03",):  # DPH-03 names drug use itself
            assert q.rationale, q.id


def test_empty_threat_list_is_refused(root: Path) -> None:  # noqa: F811
    f = root / "questions/pcp.yml"
    edit(f, "    threats: [all]\n", "    threats: []\n")
    line = line_of(f, "threats: []")
    assert errors(root) == [
        f"questions/pcp.yml:{line}:5: 'threats' in question PCP-01 is an empty list"
    ]


def test_all_with_named_threats_is_refused(root: Path) -> None:  # noqa: F811
    f = root / "questions/pcp.yml"
    edit(f, "    threats: [all]\n", "    threats: [drugs, all]\n")
    line = line_of(f, "threats: [drugs, all]")
    assert errors(root) == [
        f"questions/pcp.yml:{line}:22: question PCP-01 is tagged both 'all' and named threats"
    ]


def test_guidance_links_are_checked(root: Path) -> None:  # noqa: F811
    f = root / "guidance.yml"
    edit(f, "title: County lines", "title: County line")
    edit(f, "[DPH-03, DPH-04,", "[DPH-33, DPH-04,")
    edit(f, "    threats: [drugs]\n", "    threats: [drug]\n")
    msgs = errors(root)
    assert msgs == [
        f"guidance.yml:{line_of(f, 'title: County line')}:5: title of 'guidance/county-lines' "
        "does not match its first heading ('County lines')",
        f"guidance.yml:{line_of(f, 'DPH-33')}:17: 'guidance/county-lines' links to unknown "
        "question 'DPH-33'",
        f"guidance.yml:{line_of(f, 'threats: [drug]')}:15: 'guidance/county-lines' links to "
        "unknown threat 'drug'",
    ]


def test_word_targets_are_checked(root: Path) -> None:  # noqa: F811
    f = root / "glossary.yml"
    edit(
        f,
        "see: [threat:immigration-trafficking, question:PCP-11,",
        "see: [threat:trafficking, question:PCP-11,",
    )
    (msg,) = errors(root)
    assert msg.startswith(f"glossary.yml:{line_of(f, 'threat:trafficking')}:")
    assert msg.endswith("word 'NRM' leads to unknown threat 'trafficking'")


# Counts ---------------------------------------------------------------------------------


def test_counts_have_proper_plurals(bank: Bank) -> None:
    assert [plural(n, "question") for n in (0, 1, 2)] == [
        "no questions",
        "1 question",
        "2 questions",
    ]
    every = len(bank.questions_for_every_threat())
    assert threat_counts(bank, "drugs") == f"4 questions on this threat, {every} for every threat"
    assert threat_counts(bank, "firearms").startswith("no questions on this threat")


# The built site: both directions ----------------------------------------------------------


def test_every_threat_page_links_questions(built_site: Path, bank: Bank) -> None:
    every = {q.id for q in bank.questions_for_every_threat()}
    for threat in bank.threats:
        page = built_site / threat.page.replace(".md", ".html")
        linked = question_links(page, bank)
        assert len(linked) >= 8, threat.id
        assert {q.id for q in bank.questions_on(threat.id)} | every == linked, threat.id


def test_threats_index_gives_honest_counts(built_site: Path, bank: Bank) -> None:
    text = (built_site / "threats" / "index.html").read_text("utf-8")
    assert "questions name it" not in text and "1 questions" not in text
    for threat in bank.threats:
        assert threat_counts(bank, threat.id) in text


def test_guidance_pages_link_questions_and_threats(built_site: Path, bank: Bank) -> None:
    for name in GUIDANCE:
        assert len(question_links(built_site / "guidance" / f"{name}.html", bank)) >= 3, name
    county = read(built_site / "guidance" / "county-lines.html").links
    assert "../threats/drugs.html" in county
    for links in bank.guidance:
        page = built_site / f"{links.page}.html"
        assert question_links(page, bank) == set(links.questions), links.page
        text = page.read_text("utf-8")
        assert 'id="questions-to-ask"' in text and 'id="related-threats"' in text


def test_questions_link_back_to_their_guidance(built_site: Path, bank: Bank) -> None:
    """Both directions: a guidance page lists a question exactly when the question links back."""
    for audience in bank.audiences:
        html = (built_site / audience.page.replace(".md", ".html")).read_text("utf-8")
        for q in audience.questions:
            block = html[html.index(f'id="{q.anchor}"') :]
            block = block[: block.find('class="qb-question', 1)]
            back = set(re.findall(r'href="guidance/([a-z-]+)\.html"', block))
            listed = {g.page.removeprefix("guidance/") for g in bank.guidance_for(q.id)}
            assert back == listed, q.id
    assert bank.guidance_for("LSCB-04")  # the county lines questions do link back


def test_links_resolve(built_site: Path) -> None:
    for page in [
        *(built_site / "guidance").glob("*.html"),
        *(built_site / "threats").glob("*.html"),
    ]:
        for href in read(page).links:
            if href.startswith(("http", "mailto:", "#")) or "://" in href:
                continue
            target, _, anchor = href.partition("#")
            path = (page.parent / target).resolve() if target else page
            assert path.is_file(), (page.name, href)
            if anchor:
                assert anchor in read(path).ids, (page.name, href)


# Search -----------------------------------------------------------------------------------

FORM_TEXT = ("Narrow the list", "AnyCommunity", "Body Any", "Not rated", "Notes on ", "Ask PCP-")
FURNITURE = ("Link to PCP-12", "Link to ", "Meeting date: ___", "Partly assured")


def test_search_index_holds_no_form_text(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    # The web team's pages describe the forms (the answer scale, the file format) in words.
    docs = [d for d in index["docs"] if not d["location"].startswith("contributing/")]
    text = json.dumps(docs, ensure_ascii=False)
    for furniture in FORM_TEXT + FURNITURE:
        assert furniture not in text, furniture
    js = (built_site / "search" / "search_index.js").read_text("utf-8")
    assert js == f"var __index = {(built_site / 'search' / 'search_index.json').read_text('utf-8')}"


def test_each_question_is_one_search_result(built_site: Path, bank: Bank) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    by_location = {d["location"]: d for d in docs}
    for audience in bank.audiences:
        for q in audience.questions:
            entry = by_location[f"{audience.slug}.html#{q.anchor}"]
            # The body's name is the page's title; the search script shows it between.
            assert entry["title"] == html.escape(f"{q.id} · {q.text}", quote=False)
            assert all(html.escape(i, quote=False) in entry["text"] for i in q.items)
    titled = [d for d in docs if re.match(r"[A-Z]+-\d+ · ", d["title"])]
    assert len(titled) == len(bank.questions)


@pytest.mark.parametrize(
    "word", ["NRM", "National Referral Mechanism", "CCE", "child criminal exploitation",
             "cuckooing", "county lines", "modern slavery", "exploitation", "money mules", "OCG"],
)  # fmt: skip
def test_words_lead_to_pages_with_questions(built_site: Path, bank: Bank, word: str) -> None:
    """Each word councillors use is in the index on a page that links questions."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    pages = {
        d["location"].partition("#")[0]
        for d in docs
        if word.lower() in f"{d['title']} {d['text']}".lower()
    }
    with_questions = [p for p in pages if question_links(built_site / p, bank)]
    assert with_questions, f"{word!r} is on no page that links questions: {sorted(pages)}"


# Words: quoted ones are in the seed, editorial ones say where they were checked ---------------


def test_words_are_quoted_or_sourced(bank: Bank) -> None:
    from tests.test_fidelity import GUIDANCE as SEED
    from tests.test_fidelity import fold

    assert {w.term for w in bank.words} >= {"NRM", "CCE", "county lines", "OCG"}
    seed = fold(SEED.read_text("utf-8")) if SEED.is_file() else ""
    for w in bank.words:
        if w.editorial:
            assert w.reference and w.url.startswith("https://") and w.checked, w.term
        elif seed:
            assert fold(w.meaning) in seed, w.term
    editorial = {w.term for w in bank.words if w.editorial}
    assert {"NRM", "CCE", "money mules"} <= editorial
    assert not {t.term for t in bank.glossary} & editorial  # the acronym list stays the 2015 one


def test_glossary_marks_editorial_words(built_site: Path, bank: Bank) -> None:
    html = (built_site / "glossary.html").read_text("utf-8")
    for w in bank.words:
        assert f'id="{w.anchor}"' in html
    assert html.count("Editorial, not from the 2015 guidance") == sum(
        w.editorial for w in bank.words
    )


# Downloads: same content as the threat page -------------------------------------------------


def test_threat_briefings_carry_the_page_content(bank: Bank) -> None:
    threat = bank.threat("drugs")
    every = bank.questions_for_every_threat()
    word = Document(io.BytesIO(docx.threat_docx(bank, threat)))
    text = "\n".join(p.text for p in word.paragraphs)
    reader = PdfReader(io.BytesIO(pdf.threat_pdf(bank, threat)))
    pdf_text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    for out in (text, pdf_text):
        assert "Questions on this threat (4)" in out
        assert f"Questions for every threat ({len(every)})" in out
        for q in (*bank.questions_on("drugs"), every[0], every[-1]):
            assert q.id in out
        for r in bank.general_resources:
            assert r.name in out
        # The questions on the threat in full; those for every threat by ID under each body
        # (their text is in each body's checklist), so a briefing does not grow with the bank.
        for q in bank.questions_on("drugs"):
            assert " ".join(q.text.split()[:8]) in out, q.id
        assert " ".join(every[0].text.split()[:8]) not in out
        assert "The questions for every threat are listed by ID" in out
    assert word.sections[0].page_width > word.sections[0].page_height  # landscape, no blank page
    assert len(word.sections) == 1
