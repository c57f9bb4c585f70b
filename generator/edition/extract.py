"""``qbank extract``: the plain-text copy of a council's document that quotes are checked
against, from its PDF (pypdf) or Word file (python-docx).

The text is evened as the quote check evens it (``layer.even``: ligatures such as "ﬁ" spelt
out, curly quotes made straight, soft hyphens dropped) and its spaces tidied line by line,
so a quote copied from the text file is found, and so is one copied from the PDF itself.
Paragraphs are kept apart by a blank line. An existing file is never replaced without
``force``, except the placeholder ``qbank new-edition`` wrote, while it is unchanged.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

from .starter import placeholder_source
from .text import even

KINDS = (".pdf", ".docx")
# Control characters (a PDF's form feeds among them) become spaces; tabs too.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\t]")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def tidy(text: str) -> str:
    """``text`` evened, each line's spaces tidied, and runs of blank lines made one."""
    text = even(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", _CONTROL.sub(" ", line)).strip() for line in text.split("\n")]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return out + "\n" if out else ""


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    # An untrusted file may trip any of these in the parser: each means "cannot read it".
    damaged = (
        PyPdfError,
        DependencyError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
    )
    try:
        reader = PdfReader(path)
        locked = reader.is_encrypted and not reader.decrypt("")
        pages = [] if locked else [page.extract_text() or "" for page in reader.pages]
    except damaged as exc:
        raise ValueError(f"{path} could not be read as a PDF ({exc}): is it damaged?") from None
    if locked:
        raise ValueError(
            f"{path} is protected by a password: save an unprotected copy and extract that"
        )
    return "\n\n".join(pages)


def read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, XMLSyntaxError) as exc:
        raise ValueError(
            f"{path} could not be read as a Word .docx file ({exc}): is it an old .doc? "
            "Save it as .docx in Word and extract that"
        ) from None
    # Paragraphs and table cells in the order they stand in the document.
    paragraphs = []
    for element in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


READERS = {".pdf": read_pdf, ".docx": read_docx}


def extract(source: Path, out: Path, force: bool = False) -> int:
    """Write the plain text of ``source`` to ``out``; return its length in characters.

    Raises ValueError (with what to do) for a kind of file it cannot read, a document with
    no text, or an ``out`` that exists (without ``force``); nothing is written then.
    """
    kind = source.suffix.lower()
    if kind not in READERS:
        raise ValueError(
            f"{source}: extract reads {' and '.join(KINDS)} files; save the document as PDF "
            "or as a Word .docx file first"
        )
    if not source.is_file():
        raise ValueError(f"{source} is not a file")
    if out.is_symlink() or out.is_dir():
        raise ValueError(f"{out} is a folder or a link: give the name of a .txt file to write")
    if out.exists() and not force and out.read_bytes() != placeholder_source():
        raise ValueError(f"{out} already exists: add --force to replace it")
    text = tidy(READERS[kind](source))
    if not text:
        raise ValueError(
            f"{source} holds no text that can be copied: a scanned document is only "
            "pictures of pages; ask for the original, or run it through text recognition"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a text file for the team is not
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(text)
