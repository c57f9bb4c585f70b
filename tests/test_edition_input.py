"""Bad edition input: each refused with its file, line, column and a hint that states the rule.

Covers the edition issue's bad input (unknown key, unknown body, colliding local ID,
missing question source) and the hardening of edition files: the logo (inside the folder,
its type, its size, a safe SVG), ``site_url``, emails and phone numbers, and the brand
colour's contrast.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from generator.content.errors import ContentError, Problem
from generator.content.load import ROOT
from generator.downloads.registry import EXPORTERS
from generator.edition import load_bank
from generator.site.outputs import generate

QUESTION = """\
local_questions:
  - id: {id}
    body: {body}
    text: Is it done?
    expectation: It is done.
    threats: []
    strands: [protect]
    themes: [training-and-awareness]
{source}"""
SOURCE = """\
    source:
      document: plan
      section: Actions
      quote: Train every taxi driver.
"""
SOURCES = """\
sources:
  - {id: plan, title: Plan, publisher: A Council, date: "2024", file: plan.txt}
"""


def problems(folder: Path, text: str, files: dict[str, bytes] | None = None) -> list[Problem]:
    """Every problem an edition folder holding ``edition.yml`` = ``text`` is reported with."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edition.yml").write_text(text, "utf-8")
    (folder / "plan.txt").write_text("Actions\n- Train every taxi driver.\n", "utf-8")
    for name, data in (files or {}).items():
        (folder / name).write_bytes(data)
    with pytest.raises(ContentError) as info:
        load_bank(ROOT, folder)
    return info.value.problems


def one(folder: Path, text: str, files: dict[str, bytes] | None = None) -> Problem:
    (problem,) = problems(folder, text, files)
    assert problem.path.endswith("edition.yml")
    return problem


def test_unknown_key(tmp_path: Path) -> None:
    p = one(tmp_path, "council: A Council\nbodies:\n  csp:\n    nmae: The Partnership\n")
    assert (p.line, p.column, p.message) == (4, 5, "unknown key 'nmae'")
    assert p.hint == "did you mean 'name'?"


def test_unknown_body(tmp_path: Path) -> None:
    p = one(tmp_path, "council: A Council\nbodies:\n  cspp:\n    name: The Partnership\n")
    assert (p.line, p.column, p.message) == (3, 3, "unknown body 'cspp'")
    assert p.hint == "did you mean 'csp'?"


def test_local_question_on_an_unknown_body(tmp_path: Path) -> None:
    text = "council: A\n" + SOURCES + QUESTION.format(id="L-X-01", body="pcc", source=SOURCE)
    p = one(tmp_path, text)
    assert (p.line, p.message) == (6, "unknown body 'pcc' for local question L-X-01")
    assert p.hint == "did you mean 'pcp'?"


def test_local_id_that_collides(tmp_path: Path) -> None:
    text = "council: A\n" + SOURCES + QUESTION.format(id="L-CSP-01", body="csp", source=SOURCE)
    text += QUESTION.format(id="L-CSP-01", body="csp", source=SOURCE).replace(
        "local_questions:\n", ""
    )
    p = one(tmp_path, text)
    assert (p.line, p.column) == (16, 5)  # the second one
    assert p.message == "local question ID 'L-CSP-01' collides with another local question"


def test_local_id_in_the_national_form_is_refused(tmp_path: Path) -> None:
    text = "council: A\n" + SOURCES + QUESTION.format(id="CSP-01", body="csp", source=SOURCE)
    p = one(tmp_path, text)
    assert (p.line, p.column) == (5, 5)
    assert p.message == "'id' in question CSP-01 has the wrong form: 'CSP-01'"
    assert "the L- prefix keeps it apart from every national ID" in p.hint


def test_missing_question_source(tmp_path: Path) -> None:
    text = "council: A\n" + SOURCES + QUESTION.format(id="L-CSP-01", body="csp", source="")
    p = one(tmp_path, text)
    assert (p.line, p.column) == (5, 5)
    assert p.message == "missing required key 'source' in question L-CSP-01"


def test_quote_not_in_the_source(tmp_path: Path) -> None:
    source = SOURCE.replace("Train every taxi driver.", "Train every bus driver.")
    text = "council: A\n" + SOURCES + QUESTION.format(id="L-CSP-01", body="csp", source=source)
    p = one(tmp_path, text)
    assert p.line == 15
    assert p.message == "not found word for word in source 'plan': 'Train every bus driver.'"


def test_every_error_at_once_without_a_traceback(tmp_path: Path) -> None:
    text = (
        "council: A\nbrand_colour: '#ffff00'\nsite_url: 'javascript:alert(1)'\n"
        "bodies:\n  cps: {name: X}\n"
    )
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "edition.yml").write_text(text, "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "-o", str(tmp_path / "out"),
         "--edition", str(edition)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "QBANK_CACHE": "0"},
    )  # fmt: skip
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = [x for x in run.stderr.splitlines() if "edition.yml:" in x]
    assert sorted({x.split(": ", 1)[0].rsplit("/", 1)[-1] for x in lines}) == [
        "edition.yml:2:1", "edition.yml:3:1", "edition.yml:5:3",
    ]  # fmt: skip
    assert "3 content errors found." in run.stderr
    assert not (tmp_path / "out").exists()  # nothing half-written


# Identity -----------------------------------------------------------------------------------


def test_brand_colour_refused_with_the_measured_ratio(tmp_path: Path) -> None:
    # #777777 on white is the well-known near miss: 4.48:1.
    p = one(tmp_path, "council: A\nbrand_colour: '#777777'\n")
    assert p.message == (
        "brand colour #777777 gives white header text a contrast ratio of 4.48:1, "
        "below the 4.5:1 that WCAG AA needs"
    )


def test_brand_colour_of_the_wrong_form(tmp_path: Path) -> None:
    p = one(tmp_path, "council: A\nbrand_colour: navy\n")
    assert p.hint.startswith("expected a colour as #RRGGBB")


def test_brand_colour_passing_aa_colours_the_header(tmp_path: Path) -> None:
    (tmp_path / "edition.yml").write_text("council: A\nbrand_colour: '#1D5C3A'\n", "utf-8")
    files = generate(load_bank(ROOT, tmp_path))
    assert ".md-header, .md-tabs { background-color: #1d5c3a;" in str(files["css/council.css"])


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("site_url: 'https://example.gov.uk/\"><script>'", "contains a space, quote"),
        ("site_url: 'javascript:alert(1)'", "must start with https:// or http://"),
        ("site_url: 'https:///path'", "has no host name"),
        ("site_url: 'ftp://files.example.gov.uk/'", "must start with https:// or http://"),
        # Page paths are added after it: a query or fragment breaks every link (issue 21.11).
        ("site_url: 'https://example.gov.uk/soc/?page=1'", "contains '?'"),
        ("site_url: 'https://example.gov.uk/soc/#top'", "contains '#'"),
        ("site_url: 'https://example.gov.uk/soc?'", "contains '?'"),
        ("national_site: 'https://example.gov.uk/?x#y'", "contains '?'"),
    ],
)
def test_site_url_must_be_a_real_web_address(tmp_path: Path, line: str, rule: str) -> None:
    p = one(tmp_path, f"council: A\n{line}\n")
    assert p.line == 2 and rule in p.message
    assert p.hint.startswith("write the full address")


def test_a_contact_form_address_may_have_a_query(tmp_path: Path) -> None:
    text = "council: A\ncontacts:\n  - role: Officer\n    url: 'https://a.gov.uk/form?id=soc#top'\n"
    (tmp_path / "edition.yml").write_text(text, "utf-8")
    assert load_bank(ROOT, tmp_path).edition.contacts[0].url.endswith("?id=soc#top")


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("email", "scrutiny at council.gov.uk", "one @, no spaces"),
        ("email", "<a@b.uk>", "one @, no spaces, quotes or angle brackets"),
        ("phone", "call 0115 917 7777", "digits, spaces, brackets and hyphens"),
        ("phone", "=HYPERLINK(1)", "digits, spaces, brackets and hyphens"),
        ("url", "javascript:alert(1)", "http:// or https://"),
    ],
)
def test_contacts_are_checked(tmp_path: Path, field: str, value: str, rule: str) -> None:
    text = f"council: A\ncontacts:\n  - role: Officer\n    {field}: '{value}'\n"
    p = one(tmp_path, text)
    assert (p.line, p.column) == (4, 5)
    assert rule in p.hint


def test_accessibility_contact_and_enforcement(tmp_path: Path, built_site: Path) -> None:
    from generator.site.local_pages import accessibility_section

    (tmp_path / "edition.yml").write_text(
        "council: Anytown Council\naccessibility:\n  contact:\n    role: Web team\n"
        "    email: web@anytown.gov.uk\n    phone: 01234 567890\n  tested: '2026-12-01'\n",
        "utf-8",
    )
    section = accessibility_section(load_bank(ROOT, tmp_path))
    assert '<a href="mailto:web@anytown.gov.uk">web@anytown.gov.uk</a>' in section
    assert "call 01234 567890" in section
    assert "last tested its copy of this site on 1 December 2026." in section
    assert "The Equality and Human Rights Commission (EHRC) is responsible for enforcing" in section
    national = (built_site / "about" / "accessibility.html").read_text("utf-8")
    assert "council-copy" not in national


# The logo -----------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
OPEN = b'<svg xmlns="http://www.w3.org/2000/svg">'
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>'
)


def test_logo_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ed"
    (tmp_path / "outside.png").write_bytes(PNG)
    p = one(folder, "council: A\nlogo: ../outside.png\n")
    assert "goes outside the edition folder with '..'" in p.message
    p = one(folder, f"council: A\nlogo: {tmp_path / 'outside.png'}\n")
    assert "is an absolute path" in p.message
    (folder / "link.png").symlink_to(tmp_path / "outside.png")
    p = one(folder, "council: A\nlogo: link.png\n")
    assert "is a symbolic link" in p.message
    assert p.hint == "give the image's path relative to edition.yml"


def test_logo_must_start_like_its_type(tmp_path: Path) -> None:
    p = one(tmp_path, "council: A\nlogo: crest.png\n", {"crest.png": b"<html>not a png</html>"})
    assert p.message == "logo 'crest.png' does not start like a .png file: is it another type?"


def test_logo_size_cap(tmp_path: Path) -> None:
    big = PNG + b"\0" * (1024 * 1024)
    p = one(tmp_path, "council: A\nlogo: crest.png\n", {"crest.png": big})
    assert "a logo may be at most 1 MB" in p.message


@pytest.mark.parametrize(
    ("svg", "rule"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
         "contains a <script> element"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
         "has an event attribute 'onload'"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
         "contains a <foreignObject> element"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
         b'<image x:href="https://tracker.example/p.png"/></svg>',
         "refers to an outside resource 'https://tracker.example/p.png'"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.example/a)"/></svg>',
         "'style' attribute refers to an outside resource"),
        (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
         "declares entities or a DTD"),
        (b"<html/>", "not an SVG image"),
        # Issue 21.7: what CSS unescapes, strings taken as addresses, style sheet instructions.
        (OPEN + rb'<style>@\69mport "https://x.example/a.css";</style></svg>',
         "<style> refers to an outside resource: @import"),
        (OPEN + rb'<style>rect { fill: \75rl(https://x.example/a) }</style></svg>',
         "<style> refers to an outside resource: url(https://x.example/a)"),
        (OPEN + rb'<rect style="fill:\75rl(https://x.example/a)"/></svg>',
         "'style' attribute refers to an outside resource: url(https://x.example/a)"),
        (OPEN + b'<style>rect { background: image-set("https://x.example/a.png" 1x) }</style>'
         b"</svg>", "<style> refers to an outside resource: image-set()"),
        (OPEN + b"<rect style='mask: -webkit-image-set(\"//x.example/a.png\" 1x)'/></svg>",
         "refers to an outside resource: -webkit-image-set()"),
        (OPEN + b'<rect fill="url(&quot;https://x.example/a&quot;)"/></svg>',
         "'fill' attribute refers to an outside resource: url(https://x.example/a)"),
        (OPEN + b'<style>@font-face { src: local(x) }</style></svg>', "@font-face"),
        (b'<?xml-stylesheet href="https://x.example/a.css"?>' + OPEN + b"</svg>",
         "processing instruction <?xml-stylesheet"),
        (OPEN + b'<a href="#x"><set attributeName="href" to="https://x.example/"/></a></svg>',
         "changes a link"),
    ],
)  # fmt: skip
def test_unsafe_svg_logo_is_refused(tmp_path: Path, svg: bytes, rule: str) -> None:
    p = one(tmp_path, "council: A\nlogo: logo.svg\n", {"logo.svg": svg})
    assert p.message.startswith("logo 'logo.svg': ") and rule in p.message


def test_svg_logo_may_refer_inside_itself(tmp_path: Path) -> None:
    svg = OPEN + (
        b'<?ignored-in-a-comment?--><defs><linearGradient id="g"/></defs>'
        b'<rect fill="url(#g)" style="stroke: url(\'#g\'); fill: rgb(1 2 3)" '
        b'transform="translate(1 2) rotate(3)"/>'
        b"<style>@media (prefers-color-scheme: dark) { rect { fill: hsl(0 0% 90%) } }</style></svg>"
    ).replace(b"<?ignored-in-a-comment?--", b"<!-- a comment --")
    (tmp_path / "edition.yml").write_text("council: A\nlogo: logo.svg\n", "utf-8")
    (tmp_path / "logo.svg").write_bytes(svg)
    assert load_bank(ROOT, tmp_path).edition.logo_page_path == "assets/council-logo.svg"


def test_safe_svg_logo_is_taken(tmp_path: Path) -> None:
    (tmp_path / "edition.yml").write_text("council: A\nlogo: logo.svg\n", "utf-8")
    (tmp_path / "logo.svg").write_bytes(SVG)
    bank = load_bank(ROOT, tmp_path)
    assert bank.edition.logo_page_path == "assets/council-logo.svg"
    assert bank.edition.open_data()["logo"] == "assets/council-logo.svg"  # no builder path


# The national build is untouched by the edition code -------------------------------------


def test_national_build_is_byte_identical_without_the_edition_code(
    monkeypatch: pytest.MonkeyPatch, built_site: Path
) -> None:
    from generator.site import local_pages, outputs

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # both builds at the same moment
    national = load_bank(ROOT)
    with_code = generate(national)
    monkeypatch.setattr(local_pages, "PAGES", {})
    monkeypatch.setattr(outputs, "local_pages", lambda renderer: {})
    monkeypatch.setattr(outputs, "brand_css", lambda bank: "")
    monkeypatch.delitem(EXPORTERS, "action-plan")
    without_code = generate(national)
    assert with_code.keys() == without_code.keys()
    for path, data in with_code.items():
        assert data == without_code[path], path
    data = with_code["downloads/question-bank.json"]
    assert isinstance(data, bytes)
    opened = json.loads(data)
    assert opened["edition"] == {"council": "", "contacts": [], "logo": "", "site_url": ""}
    assert b'"expectation"' not in data and b'"quote"' not in data
    # The page hooks leave every national page as MkDocs made it.
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert local_pages.footer_html(national, html) == html
    assert local_pages.accessibility_section(national) == ""
    assert local_pages.local_nav(national, [{"Home": "index.md"}]) == [{"Home": "index.md"}]


def test_contacts_per_body_on_its_page_and_in_its_pack(tmp_path: Path) -> None:
    from generator.downloads.pack import make_pack
    from generator.site.render import Renderer

    (tmp_path / "edition.yml").write_text(
        "council: Anytown Council\ncontacts:\n  - role: Community safety manager\n"
        "bodies:\n  pcp:\n    contacts:\n      - role: Panel scrutiny officer\n"
        "        email: panel@anytown.gov.uk\n",
        "utf-8",
    )
    bank = load_bank(ROOT, tmp_path)
    page = Renderer(bank).pages()["police-and-crime-panels.md"]
    assert '<ul class="qb-contacts" aria-label="Contacts for Police and crime panels">' in page
    assert "<strong>Panel scrutiny officer</strong>" in page
    assert (
        "Panel scrutiny officer"
        not in Renderer(bank).pages()["overview-and-scrutiny-committees.md"]
    )
    word = Document(io.BytesIO(make_pack(bank, "pcp", [], fmt="docx")))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert cells.index("Panel scrutiny officer") < cells.index("Community safety manager")


# Raster logos: decoded whole, written afresh (issue 21.14) -----------------------------------

HOSTILE_TAIL = b"<html><script>alert(1)</script></html>"


def _image(fmt: str, mode: str = "RGBA", **save: object) -> bytes:
    from PIL import Image

    image = Image.new(mode, (6, 4), (200, 30, 40, 255) if mode == "RGBA" else (200, 30, 40))
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def _noise_png() -> bytes:
    """A PNG that does not compress, so cutting it short cuts its pixels."""
    from PIL import Image

    out = io.BytesIO()
    pixels = bytes((i * 7919 + (i >> 3) * 104729) % 251 for i in range(64 * 64 * 3))
    Image.frombytes("RGB", (64, 64), pixels).save(out, "PNG")
    return out.getvalue()


def _published_logo(folder: Path, name: str, data: bytes) -> bytes:
    from generator.site.outputs import _site_files

    (folder / "edition.yml").write_text(f"council: A\nlogo: {name}\n", "utf-8")
    (folder / name).write_bytes(data)
    bank = load_bank(ROOT, folder)
    return _site_files(bank, ())[bank.edition.logo_page_path]  # type: ignore[return-value]


@pytest.mark.parametrize(("name", "fmt"), [("crest.png", "PNG"), ("crest.jpg", "JPEG")])
def test_raster_logo_is_published_as_its_pixels_only(tmp_path: Path, name: str, fmt: str) -> None:
    from PIL import Image, PngImagePlugin

    extra: dict[str, object] = {}
    if fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", "<script>alert(2)</script>")
        extra["pnginfo"] = text
    else:
        extra["exif"] = Image.Exif().tobytes() + b"<script>alert(3)</script>"
    original = _image(fmt, "RGBA" if fmt == "PNG" else "RGB", **extra) + HOSTILE_TAIL
    published = _published_logo(tmp_path, name, original)
    assert b"<script" not in published and b"<html" not in published
    with Image.open(io.BytesIO(published)) as image:
        assert (image.format, image.size) == (fmt, (6, 4))
        assert "Comment" not in image.info and "exif" not in image.info
    assert _published_logo(tmp_path, name, original) == published  # byte for byte, every build


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("crest.png", _noise_png()[:600], "is a damaged or incomplete PNG image"),
        ("crest.png", b"\x89PNG\r\n\x1a\n" + HOSTILE_TAIL, "is not a readable PNG image"),
        ("crest.jpg", b"\xff\xd8\xff" + HOSTILE_TAIL, "is not a readable JPEG image"),
        ("crest.png", _image("JPEG", "RGB"), "does not start like a .png file"),
    ],
)
def test_raster_logo_that_does_not_decode_whole_is_refused(
    tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    import weasyprint  # noqa: F401 - it makes Pillow lenient with truncated images on import

    p = one(tmp_path, f"council: A\nlogo: {name}\n", {name: data})
    assert p.message.startswith(f"logo '{name}' ") and says in p.message, p.message


def test_raster_logo_too_many_pixels_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (5000, 10)).save(out, "PNG")  # a few hundred bytes, many pixels
    p = one(tmp_path, "council: A\nlogo: wide.png\n", {"wide.png": out.getvalue()})
    assert "is 5000 by 10 pixels: a logo may be at most 4096 pixels a side" in p.message
