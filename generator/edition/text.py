"""How an edition's text is compared with a council's document: both folded alike (``fold``),
and, when a quote is not found, the nearest sentence and where the two part."""

from __future__ import annotations

import difflib
import re

# Typographic ligatures a PDF's text layer may hold, spelt out as the letters they join.
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
# Quotation marks and dashes from Word and PDFs, evened to the plain ones.
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ad": None,
    }
)
# A sentence ends at . ! ? followed by a space; clauses also at , ; and :.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")
# What the starter (``qbank new-edition``) leaves for the council to fill in.
PLACEHOLDER = re.compile(r"\[REPLACE:[^\]]*\]")


def fold(text: str) -> str:
    """Text as compared with a source: emphasis marks and soft hyphens dropped, ligatures
    spelt out, quotes and spaces evened."""
    return re.sub(r"\s+", " ", even(text.replace("*", ""))).strip()


def even(text: str) -> str:
    """Ligatures spelt out, quotation marks made plain and soft hyphens dropped: what
    ``fold`` does beyond spaces, and what ``qbank extract`` does to a document's text."""
    return text.translate(_LIGATURES).translate(_QUOTES)


def sentences(text: str) -> list[str]:
    """The sentences of folded ``text``."""
    return [s for s in _SENTENCE_END.split(text) if s]


def nearest(missing: str, text: str) -> str:
    """The sentence or clause of ``text`` nearest to ``missing``, or "" when none is near."""
    units = sentences(text)
    units += [c for s in units for c in _CLAUSE_END.split(s)]
    found = difflib.get_close_matches(missing, units, n=1, cutoff=0.5)
    if found:
        return found[0]
    # A short quote (a table cell, a heading) is near a run of as many words, not a sentence.
    words, size = text.split(), len(missing.split())
    if not 0 < size <= 40 or len(words) > 200_000:
        return ""
    runs = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    found = difflib.get_close_matches(missing, runs, n=1, cutoff=0.6)
    return found[0] if found else ""


def first_difference(quote: str, source: str) -> str:
    """Where ``quote`` first parts from ``source``, word by word, said for an editor."""
    a, b = quote.split(), source.split()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        said, there = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if tag == "replace":
            return f"the source has '{there}' where the quote has '{said}'"
        if tag == "delete":
            return f"the quote has '{said}', which the source does not"
        if tag == "insert":
            return f"the source has '{there}' here, which the quote leaves out"
    return ""
