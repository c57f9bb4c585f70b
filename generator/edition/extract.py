"""``qbank extract``: the plain-text copy of a council's document that quotes are checked
against, from its PDF (``read_pdf``) or Word file (``read_docx``), read within the limits of
``limits.py``, tables a row a line with their cells apart (``blocks.py``).

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
from pathlib import Path

from .blocks import Extracted, render
from .limits import LIMITS, Limits, OutOfTime, deadline, size
from .read_docx import read_docx
from .read_pdf import read_pdf
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


def read(source: Path, limits: Limits = LIMITS) -> Extracted:
    """The paragraphs and tables of ``source``, read within ``limits``.

    Raises ValueError (saying what is wrong, and the limit if one was reached) for a kind
    of file it cannot read, a damaged, locked or too costly one.
    """
    kind = source.suffix.lower()
    if kind not in KINDS:
        raise ValueError(
            f"{source}: extract reads {' and '.join(KINDS)} files; save the document as PDF "
            "or as a Word .docx file first"
        )
    if not source.is_file():
        raise ValueError(f"{source} is not a file")
    if (bytes_ := source.stat().st_size) > limits.file_bytes:
        raise ValueError(
            f"{source} is {size(bytes_)}; extract reads files of at most "
            f"{size(limits.file_bytes)}. Extract the strategy alone, or save it without images"
        )
    try:
        with deadline(limits.seconds) as clock:
            if kind == ".pdf":
                return read_pdf(source, limits, clock)
            return read_docx(source, limits)
    except OutOfTime:
        raise ValueError(
            f"{source}: reading stopped after {limits.seconds:g} s, the most extract spends "
            "on a document (a strategy takes a few seconds); this file may be made to exhaust "
            "the computer. Use the Word original, or print the PDF to a new PDF and extract that"
        ) from None


def text_of(source: Path, extracted: Extracted, limits: Limits = LIMITS) -> str:
    """The text ``qbank extract`` writes for what was read from ``source``, within the
    character limit."""
    raw = render(extracted.blocks)
    text = tidy(raw) if len(raw) <= 4 * limits.characters else raw
    if len(text) > limits.characters:
        raise ValueError(
            f"{source} holds more than {limits.characters:,} characters of text, the most "
            "extract writes (a 60-page strategy holds about 150,000): extract the strategy alone"
        )
    if not text and extracted.warnings:
        raise ValueError(f"{source}: no text was read: {'; '.join(extracted.warnings[:3])}")
    if not text:
        raise ValueError(
            f"{source} holds no text that can be copied: a scanned document is only "
            "pictures of pages; ask for the original, or run it through text recognition"
        )
    return text


def extract(
    source: Path, out: Path, force: bool = False, limits: Limits = LIMITS
) -> tuple[int, Extracted]:
    """Write the plain text of ``source`` to ``out``; return its length in characters and
    what was read (its blocks, and the warnings to show).

    Raises ValueError (with what to do) for a kind of file it cannot read, a document with
    no text or beyond ``limits``, or an ``out`` that exists (without ``force``); nothing is
    written then.
    """
    check_target(out, force)
    extracted = read(source, limits)
    text = text_of(source, extracted, limits)
    write_text(out, text)
    return len(text), extracted


def check_target(out: Path, force: bool) -> None:
    """Refuse to write through a link, onto a folder, or over a file without ``force``
    (the starter's untouched placeholder excepted)."""
    if out.is_symlink() or out.is_dir():
        raise ValueError(f"{out} is a folder or a link: give the name of a .txt file to write")
    if out.exists() and not force and out.read_bytes() != placeholder_source():
        raise ValueError(f"{out} already exists: add --force to replace it")


def write_text(out: Path, text: str) -> None:
    """Write ``text`` to ``out`` whole or not at all (a temporary file renamed into place)."""
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
