"""An edition names only its own council: the check a build makes before it publishes.

Every council with an edition in the ``editions/`` folder is named in its ``edition.yml``.
A built edition that names another of them (on a page, in the search index, or inside a
download: HTML, JSON, CSV, Excel, Word, PDF) has let national or another council's text in,
so the build fails and the previous site stays as it was. A council the edition's own
``edition.yml`` names (a county where some checklists are asked, say) is its own to show.

Names are compared as quotes are (``edition.fold``), ignoring case and line breaks, so a
name split over two lines of a PDF is still found.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..content.errors import display_path
from ..content.yamlsafe import read_yaml
from ..edition import fold

# Files read as text; a download of another kind is opened as what it is (below).
_TEXT = {".html", ".htm", ".json", ".js", ".csv", ".txt", ".xml", ".md", ".svg", ".css"}
_TAG = re.compile(r"<[^>]+>")
# Word and Excel keep text in these parts; a paragraph or cell ends where a name cannot go on.
_OOXML_PARTS = re.compile(
    r"(word/(document|header\d*|footer\d*|footnotes)|xl/(sharedStrings|worksheets/sheet\d+)"
    r"|docProps/core)\.xml$"
)
_BREAK = re.compile(r"</(w:p|si|c|row)>")
# PDF text is slow to read (a second or more for an edition's PDFs), and the same PDF comes
# back build after build from the download cache: its text is kept beside it.
_PDF_TEXT_CACHE = Path(".cache") / "pdf-text"


class OtherCouncil(OSError):
    """A built edition names a council other than its own."""


def council_names(root: Path) -> dict[str, str]:
    """Every edition's council name in ``root/editions``, to the edition.yml that gives it."""
    names: dict[str, str] = {}
    for path in sorted((root / "editions").glob("*/edition.yml")):
        doc, _ = read_yaml(path, display_path(path, root))
        data = doc.data if doc is not None else None
        council = data.get("council") if isinstance(data, dict) else None
        if isinstance(council, str) and council.strip():
            names.setdefault(council.strip(), display_path(path, root))
    return names


def _key(text: str) -> str:
    return fold(text).casefold()


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def others(root: Path, edition: Path) -> dict[str, str]:
    """The councils ``edition``'s site must not name: every edition's but its own, and but
    those its own ``edition.yml`` names in its content (comments do not count)."""
    path = edition / "edition.yml"
    doc, _ = read_yaml(path, display_path(path, root))
    mine = _key("\n".join(_strings(doc.data if doc is not None else None)))
    return {name: where for name, where in council_names(root).items() if _key(name) not in mine}


def _pdf_text(data: bytes, cache: Path | None) -> str:
    from pypdf import PdfReader  # only when a site has PDFs

    stored = cache / f"{hashlib.sha256(data).hexdigest()}.txt" if cache else None
    if stored is not None and stored.is_file():
        return stored.read_text("utf-8")
    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    parts += [str(v) for v in (reader.metadata or {}).values()]
    text = "\n".join(parts)
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(text, "utf-8")
    return text


def _ooxml_text(data: bytes) -> str:
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if _OOXML_PARTS.search(name):
                xml = z.read(name).decode("utf-8", errors="replace")
                out.append(html.unescape(_TAG.sub("", _BREAK.sub("\n", xml))))
    return "\n".join(out)


def file_text(path: Path, cache: Path | None = None) -> str:
    """What a reader of the file sees, as text ("" for an image or a file of no text)."""
    suffix = path.suffix.lower()
    if suffix in _TEXT:
        return html.unescape(path.read_text("utf-8", errors="replace"))
    if suffix in {".docx", ".xlsx"}:
        return _ooxml_text(path.read_bytes())
    if suffix == ".pdf":
        return _pdf_text(path.read_bytes(), cache)
    return ""


def _files(site: Path) -> Iterator[Path]:
    for folder, _, names in os.walk(site):
        for name in sorted(names):
            yield Path(folder) / name


def find(site: Path, names: dict[str, str], cache: Path | None = None) -> list[tuple[str, str]]:
    """Each (file, council name) where a file of the built ``site`` names one of ``names``."""
    keys = {name: _key(name) for name in names}
    found = []
    for path in _files(site):
        if not keys:
            break
        text = _key(file_text(path, cache))
        found += [
            (path.relative_to(site).as_posix(), name) for name, key in keys.items() if key in text
        ]
    return found


def check(root: Path, site: Path, edition: Path) -> None:
    """Raise :class:`OtherCouncil` if the edition's built ``site`` names another council."""
    names = others(root, edition)
    cache = root / _PDF_TEXT_CACHE if os.environ.get("QBANK_CACHE", "1") != "0" else None
    found = find(site, names, cache)
    if not found:
        return
    lines = [f"  {file}: '{name}' (the council of {names[name]})" for file, name in found[:20]]
    if len(found) > 20:
        lines.append(f"  … and {len(found) - 20} more")
    raise OtherCouncil(
        f"the edition in {edition} names another council, so its site was not "
        "published:\n" + "\n".join(lines) + "\n    hint: an edition names only its own "
        "council; find where the text comes from (its edition.yml, its logo, or national "
        "content such as bank.yml) and take the other council's name out of it"
    )
