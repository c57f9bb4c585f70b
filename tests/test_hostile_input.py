"""Hostile or broken input: every problem at path:line:column, once, and nothing reaches a page
(issue 14, points 4 and 7)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.errors import ContentError
from generator.content.load import ROOT
from generator.content.markup import md_escape
from generator.content.model import Accessibility, Bank, SourceRef, Term
from generator.edition import load_bank
from generator.site.outputs import abbreviations, nav
from generator.site.render import Renderer
from tests.conftest import copy_bank
from tests.test_load import edit, line_of

EXPANSION = "expansion: police and crime commissioner"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_bank(tmp_path / "bank")


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_bank(root)
    return [str(p) for p in info.value.problems]


def cli(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--root", str(root), *(args or ("validate",))])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


# Point 4: nothing from YAML breaks out into Markdown ----------------------------------------


def test_glossary_expansion_with_a_line_break_and_script_is_refused(root: Path) -> None:
    glossary = root / "glossary.yml"
    line = line_of(glossary, EXPANSION)
    edit(
        glossary, EXPANSION, 'expansion: "police and crime commissioner\\n\\n<script>x()</script>"'
    )
    found = problems(root)
    assert len(found) == 1
    assert found[0].startswith(f"glossary.yml:{line}:5: 'expansion' has a line break (U+000A)")
    assert "hint: keep it on one line" in found[0]


@pytest.mark.parametrize(
    ("file", "old", "new", "what"),
    [
        ("questions/pcp.yml", "name: Police and crime panels", 'name: "Police\\rpanels"', "U+000D"),
        ("threats/drugs.yml", "name: Drugs", 'name: "Drugs\\tand more"', "tab (U+0009)"),
        ("bank.yml", "title: SOC Scrutiny Question Bank", 'title: "SOC\\u2028Bank"', "U+2028"),
        (
            "editorial-notes.yml",
            "title: Local safeguarding children boards replaced by safeguarding partners",
            'title: "Local safeguarding \\e[31m boards"',
            "U+001B",
        ),
    ],
)
def test_titles_and_names_are_single_lines(
    root: Path, file: str, old: str, new: str, what: str
) -> None:
    edit(root / file, old, new)
    found = problems(root)
    assert any(what in p and p.startswith(f"{file}:") for p in found), found


def test_multi_line_text_refuses_control_characters(root: Path) -> None:
    # Line breaks are fine in a paragraph; an escape or bell character is not.
    pcp = root / "questions/pcp.yml"
    old = "text: What are the main threats to the area?"
    edit(pcp, old, 'text: "What are the main \\a threats to the\\n area?"')
    found = problems(root)
    assert any("U+0007" in p and p.startswith("questions/pcp.yml:") for p in found), found


def _hostile_bank(expansion: str) -> Bank:
    bank = load_bank(ROOT)
    term = Term("PCC", expansion, SourceRef("lga-2015", "x", "1"))
    return replace(bank, glossary=(term,))


def test_abbreviation_definitions_are_one_line_each_whatever_the_input() -> None:
    # Defence in depth: even text that bypassed the schema stays on its definition line.
    text = abbreviations(_hostile_bank("police\n\n<script>x()</script>\x0b\u2028end"))
    lines = [line for line in text.splitlines() if line]
    assert lines == [
        "*[PCC]: police <script>x()</script> end",
        "*[PCCs]: police <script>x()</script> end",
    ]


def test_abbreviation_markup_reaches_the_page_as_text(tmp_path: Path) -> None:
    import markdown

    page = "The PCC.\n" + abbreviations(_hostile_bank('a <b onclick="x()">bold</b>\n<script>'))
    html = markdown.markdown(page, extensions=["abbr"])
    assert "<script>" not in html and "<b " not in html
    assert 'title="a &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt; &lt;script&gt;"' in html


def test_markdown_titles_headings_and_nav_stay_on_one_line() -> None:
    assert "\n" not in md_escape("Drugs\n\n<script>x()</script>\r\x0b")
    assert str(md_escape("Drugs\n# evil")) == "Drugs \\# evil"
    bank = load_bank(ROOT)
    hostile = "Drugs\n\n<script>x()</script>\n---\ntitle: x"
    threat = replace(bank.threats[0], name=hostile)
    bank = replace(bank, threats=(threat, *bank.threats[1:]))
    page = Renderer(bank).pages()[threat.page]
    front_matter = page.split("---\n")[1]
    assert front_matter.count("\n") == 2, front_matter  # title and description, one line each
    heading = next(line for line in page.splitlines() if line.startswith("# "))
    assert "<script>" not in heading and "&lt;script&gt;" in heading
    titles = [next(iter(d)) for d in nav(bank)[2]["Threats"][1:]]  # type: ignore[index]
    assert "\n" not in titles[0] and "<script>" not in titles[0]


# Point 7: every YAML problem is path:line:column, once, without a traceback -------------------


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x0b", "vertical tab (U+000B)"),
        ("\x00", "NUL (U+0000)"),
        ("\x0c", "form feed (U+000C)"),
        ("\x85", "next-line character (U+0085)"),
        ("\u2029", "paragraph separator (U+2029)"),
    ],
)
def test_control_characters_in_a_file_are_named_and_placed(
    root: Path, capsys: pytest.CaptureFixture[str], char: str, name: str
) -> None:
    glossary = root / "glossary.yml"
    line = line_of(glossary, EXPANSION)
    edit(glossary, EXPANSION, EXPANSION.replace("and crime", f"and{char}crime"))
    column = len("    expansion: police and") + 1
    code, err = cli(root, capsys)
    assert code == 1
    assert f"glossary.yml:{line}:{column}: {name}" in err, err
    assert err.count(name) == 1
    assert "hint: " in err


def test_vertical_tab_hint_names_word(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(root / "glossary.yml", "police and crime", "police\x0band crime")
    code, err = cli(root, capsys)
    assert code == 1 and "Shift+Enter" in err, err


def test_many_control_characters_are_reported_without_flooding(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pcp = root / "questions/pcp.yml"
    pcp.write_text(pcp.read_text("utf-8").replace(" the ", " the\x0b"), "utf-8")
    code, err = cli(root, capsys)
    assert code == 1
    assert err.count("vertical tab (U+000B)") == 10, err
    assert "more like it" in err


def test_excessive_nesting_is_an_error_not_a_crash(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "threats" / "deep.yml").write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    code, err = cli(root, capsys)
    assert code == 1
    assert "threats/deep.yml:1:" in err and "nest" in err, err


def test_flow_nesting_within_the_limit_is_still_checked_normally(root: Path) -> None:
    (root / "threats" / "shallow.yml").write_text("a: [[[1]]]\n", "utf-8")
    assert any(p.startswith("threats/shallow.yml:1:1: unknown key 'a'") for p in problems(root))


def test_a_folder_named_yml_is_refused(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "questions" / "folder.yml").mkdir()
    code, err = cli(root, capsys)
    assert code == 1
    assert "questions/folder.yml:1:1: this is a folder, not a content file" in err, err


def test_a_symlink_named_yml_is_refused_not_followed(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:SECRET LINE\n", "utf-8")
    (root / "questions" / "link.yml").symlink_to(secret)
    code, err = cli(root, capsys)
    assert code == 1
    assert "questions/link.yml:1:1: this is a symbolic link" in err, err
    assert "SECRET" not in err and str(secret) not in err


def test_a_symlink_is_named_as_itself_not_as_its_target(root: Path) -> None:
    (root / "questions" / "copy.yml").symlink_to(root / "questions" / "pcp.yml")
    found = problems(root)
    assert found == [
        "questions/copy.yml:1:1: this is a symbolic link; content files are read only as plain "
        "files\n    hint: copy the file here instead of linking to it"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_yml_is_refused_without_blocking(root: Path) -> None:
    os.mkfifo(root / "threats" / "pipe.yml")
    # In a child process: reading a FIFO would block for ever, and the test must fail instead.
    cmd = [sys.executable, "-m", "generator.cli", "--root", str(root), "validate"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 1
    assert "threats/pipe.yml:1:1: this is not a regular file" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_text_longer_than_a_spreadsheet_cell_is_refused(root: Path) -> None:
    pcp = root / "questions/pcp.yml"
    line = line_of(pcp, "text: What are the main threats")
    edit(pcp, "text: What are the main threats", "text: " + "x" * 40_000 + " What are the main")
    found = problems(root)
    assert any(
        p.startswith(f"questions/pcp.yml:{line}:") and "40,0" in p and "32,767" in p for p in found
    ), found


def test_a_missing_content_file_is_a_content_error(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "glossary.yml").unlink()
    code, err = cli(root, capsys)
    assert code == 1 and "glossary.yml:1:1: file not found" in err, err


def test_build_prints_each_content_error_once(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "threats/drugs.yml").write_text("id: drugs\n", "utf-8")
    code, err = cli(root, capsys, "build", "-o", str(tmp_path / "site"))
    assert code == 1
    assert err.count("missing required key 'name'") == 1, err
    assert err.count("content errors found") == 1, err


# Issue 21.9: odd dates and titles for `qbank pack` ------------------------------------------


@pytest.mark.parametrize(
    ("typed", "year"),
    [("3 December 0001", "1"), ("0026-12-03", "26"), ("3/12/1066", "1066"), ("3 Dec 2101", "2101")],
)
def test_pack_refuses_a_date_outside_sane_years(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, year: str
) -> None:
    out = tmp_path / "pack.docx"
    code = main(["pack", "--audience", "pcp", "--date", typed, "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert f"meeting date {typed!r} is in the year {year}: give a year from 1900 to 2100" in err
    assert not out.exists()


@pytest.mark.parametrize(("ext", "char", "name"), [
    ("docx", "\x0b", "a vertical tab (U+000B) at character 5"),
    ("pdf", "\x0b", "a vertical tab (U+000B) at character 5"),
    ("docx", "\n", "a line break (U+000A) at character 5"),
    ("pdf", "\x1b", "an escape character (U+001B) at character 5"),
])  # fmt: skip
def test_pack_title_with_a_control_character_is_named_and_placed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ext: str, char: str, name: str
) -> None:
    out = tmp_path / f"pack.{ext}"
    code = main(["pack", "--audience", "pcp", "--title", f"Meet{char}X", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert f"meeting title {f'Meet{char}X'!r} has {name}" in err, err
    assert "hint: " in err and "XML compatible" not in err
    assert not out.exists()


# Issue 21.1 and 21.10: an edition's council name reaching Markdown and the theme ------------

# The payload from the issue, word for word, and a name with an ampersand, markup and an image.
PAYLOAD = "Mal [c](javascript:alert(1)) { onmouseover=alert(2) }\n## H { #x onclick=alert(3) }"
AMPERSAND = "Bolton & Bury ![i](x.png) <b>Council</b>"
COPY = "\N{RIGHT SINGLE QUOTATION MARK}s copy\N{PILCROW SIGN}"  # the heading, with its link
ACCESSIBILITY = "accessibility:\n  contact:\n    role: Web team\n    email: web@example.gov.uk\n"


class _Tags(HTMLParser):
    """Every start tag's attributes, and the text of every heading, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str]] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None


def _read(page: Path) -> _Tags:
    tags = _Tags()
    tags.feed(page.read_text("utf-8"))
    return tags


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two editions with hostile council names, built as a council would build them."""
    from generator.site.editions import build_editions

    base = tmp_path_factory.mktemp("hostile")
    editions = []
    # A council name is one line (validation refuses a line break, as new-edition does): the
    # payload on disk keeps its markup; its line break is tested on the model below.
    for name, council in (("mal", PAYLOAD.replace("\n", " ")), ("amp", AMPERSAND)):
        folder = base / "editions" / name
        folder.mkdir(parents=True)
        text = f"council: {json.dumps(council)}\n{ACCESSIBILITY}"
        (folder / "edition.yml").write_text(text, "utf-8")
        editions.append(folder)
    build_editions(ROOT, base / "sites", editions)
    return base / "sites"


def test_council_name_markdown_reaches_no_page_as_markup(hostile_sites: Path) -> None:
    site = hostile_sites / "mal"
    for page in sorted(site.rglob("*.html")):
        tags = _read(page)
        handlers = [(t, k) for t, k, _ in tags.attrs if k.startswith("on")]
        assert handlers == [], (page, handlers)
        scripts = [a for a in tags.attrs if a[2].strip().lower().startswith("javascript:")]
        assert scripts == [], (page, scripts)
        injected = [h for h in tags.headings if h.startswith(("H ", "H{", "x"))]
        assert injected == [], (page, injected)
    statement = _read(site / "about" / "accessibility.html")
    (copy,) = [h for h in statement.headings if h.endswith(COPY)]
    assert copy.startswith("Mal [c](javascript:alert(1)) { onmouseover=alert(2) } ## H")
    ids = [v for t, k, v in statement.attrs if k == "id" and t.startswith("h")]
    assert "council-copy" in ids and "x" not in ids and not any(i.startswith("mal") for i in ids)


def test_council_name_with_an_image_and_an_ampersand_builds_and_reads_once_escaped(
    hostile_sites: Path,
) -> None:
    site = hostile_sites / "amp"
    home = (site / "index.html").read_text("utf-8")
    assert "&amp;amp;" not in home
    logo = [dict(a) for a in _logo_links(site / "index.html")]
    assert logo and all(
        a["title"] == a["aria-label"] == f"{AMPERSAND}: SOC Scrutiny Question Bank" for a in logo
    ), logo
    statement = _read(site / "about" / "accessibility.html")
    assert not [v for t, k, v in statement.attrs if t == "img" and k == "src" and "x.png" in v]
    assert f"{AMPERSAND}{COPY}" in statement.headings


def _logo_links(page: Path) -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []

    class Logo(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "a" and "md-logo" in (dict(attrs).get("class") or ""):
                found.append([(k, v or "") for k, v in attrs])

    Logo(convert_charrefs=True).feed(page.read_text("utf-8"))
    return found


def test_accessibility_heading_is_escaped_for_markdown() -> None:
    import markdown

    from generator.site.local_pages import accessibility_section

    bank = load_bank(ROOT, ROOT / "editions" / "example")
    contact = replace(bank.edition.contacts[0], url="")
    access = Accessibility(contact, "", "")
    edition = replace(bank.edition, council=PAYLOAD, accessibility=access)
    text = accessibility_section(replace(bank, edition=edition))
    html = markdown.markdown(text, extensions=["attr_list", "toc", "md_in_html"])
    assert "<a href" not in html.split('<div class="qb-council-copy">')[0]
    assert "onmouseover" not in html.replace("onmouseover=alert(2)", "") and 'onclick="' not in html
    assert html.count("<h2") == 1 and 'id="council-copy"' in html
