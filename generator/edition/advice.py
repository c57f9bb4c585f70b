"""What a build warns about in an edition that is otherwise sound.

None of these stops a build: the site is right as far as the data goes, but a council would
not want to publish it so. ``qbank validate --strict`` and ``qbank build --strict`` refuse
them, as a publishing check. Each is a :class:`Problem` with ``warning`` set, placed at its
line in ``edition.yml`` with what to do.

- placeholders the starter (``qbank new-edition``) left in, and source files that are still
  its placeholder;
- a reporting line, police force, county or place copied from the worked example
  (``editions/broxtowe``) that none of the edition's own documents mentions;
- no accessibility contact: the statement then says only "contact the council team that
  publishes it";
- a brand colour that passes WCAG AA only just.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from ..content import model as m
from ..content.errors import Problem
from ..content.yamlsafe import Path_, read_yaml
from .files import contrast
from .identity import AA_RATIO, WHITE
from .layer import Layer
from .text import PLACEHOLDER, fold

# The worked example, whose names a council copying it is most likely to leave in.
EXAMPLE = Path("editions") / "broxtowe"
# Under this a brand colour passes AA only just: a lighter hover or print shade may not.
COMFORTABLE_RATIO = 5.0
_FORCE = re.compile(r"\b(?:[A-Z][a-z]+ )+(?:Police|Constabulary)\b(?! [A-Z])")
_COUNTY = re.compile(r"\b(?:[A-Z][a-z]+ )+County Council\b")
_COUNCIL_KIND = re.compile(r"\s+(?:Borough|District|City|County|Metropolitan Borough)?\s*Council$")
REPORTING_LINE: Path_ = ("strategy", "reporting_line", "text")


def warnings(layer: Layer, bank: m.Bank) -> list[Problem]:
    """Every warning for the edition in ``layer``, in file order."""
    found = [*_placeholders(layer), *_copied(layer), *_accessibility(layer), *_colour(layer)]
    return sorted({replace(w, warning=True) for w in found})


def _strings(node: Any, where: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, (*where, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, (*where, i))


def _placeholders(layer: Layer) -> Iterator[Problem]:
    doc = layer.doc
    for where, text in _strings(layer.d):
        if not (found := PLACEHOLDER.search(text)):
            continue
        if where == REPORTING_LINE:
            yield doc.problem(
                where,
                "the reporting line is still the starter's placeholder: every page footer, "
                "printed checklist and meeting pack shows it",
                "copy the strategy's own words on how to report concerns (police force, "
                "phone number, Crimestoppers) from its text file",
            )
        else:
            yield doc.problem(
                where,
                f"placeholder left in: {found.group()[:80]!r}",
                "replace it with the council's own words; a quote is copied from the "
                "source's text file",
            )
    for i, s in enumerate(layer.d.get("sources", ())):
        if PLACEHOLDER.search(layer.texts.get(s["id"], "")):
            yield doc.problem(
                ("sources", i, "file"),
                f"source file '{s['file']}' is still the starter's placeholder",
                f"make it from the council's document: qbank extract STRATEGY.pdf -o "
                f"{s['file']} (or a .docx)",
            )


@cache
def _example(root: Path) -> tuple[str, tuple[tuple[str, str], ...], str, frozenset[str]]:
    """The example edition's council, its telltale names (with what each is), its reporting
    line, and the folded text of its source files."""
    folder = root / EXAMPLE
    doc, problems = read_yaml(folder / "edition.yml", str(EXAMPLE / "edition.yml"))
    if doc is None or problems or not isinstance(doc.data, dict):
        return "", (), "", frozenset()
    data = doc.data
    council = str(data.get("council", ""))
    terms: dict[str, str] = {}
    if place := _COUNCIL_KIND.sub("", council):
        terms[place] = "place"
    for _, text in _strings(data):
        terms.update((t, "police force") for t in _FORCE.findall(fold(text)))
        terms.update((t, "county") for t in _COUNTY.findall(fold(text)))
    for body in data.get("bodies", {}).values():
        if isinstance(body, dict) and isinstance(body.get("name"), str):
            terms[fold(body["name"])] = "body's name"
    line = data.get("strategy", {}).get("reporting_line", {}).get("text", "")
    texts = set()
    for s in data.get("sources", ()):
        try:
            texts.add(fold((folder / s["file"]).read_text("utf-8")))
        except (OSError, UnicodeDecodeError, KeyError, TypeError):
            continue
    return council, tuple(terms.items()), fold(str(line)), frozenset(texts)


def _copied(layer: Layer) -> Iterator[Problem]:
    if layer.root is None or not (layer.root / EXAMPLE / "edition.yml").is_file():
        return
    if layer.folder.resolve() == (layer.root / EXAMPLE).resolve():
        return
    council, terms, line, example_texts = _example(layer.root.resolve())
    if not council or layer.d.get("council") == council:
        return
    # The council's own documents: a name they mention is the council's too. A copy of the
    # example's own source file does not count.
    own = " ".join(t for t in layer.texts.values() if t not in example_texts)
    doc = layer.doc
    places: dict[str, list[Path_]] = {}  # each name once, at its first place, with a count
    for where, text in _strings(layer.d):
        if where[-1:] == ("file",):
            continue
        folded = fold(text)
        if where == REPORTING_LINE and line and folded == line and line not in own:
            yield doc.problem(
                where,
                f"the reporting line is the example edition's ({EXAMPLE.as_posix()}): "
                f"{line[:160]!r}",
                "copy your own strategy's words on how to report concerns",
            )
            continue
        for term, _ in terms:
            if term in folded and term not in own:
                places.setdefault(term, []).append(where)
    for term, kind in terms:
        if term not in places:
            continue
        more = len(places[term]) - 1
        yield doc.problem(
            places[term][0],
            f"'{term}' is the example edition's {kind} ({council}), and none of this "
            "edition's own documents mentions it"
            + (f" (here and in {more} more place{'s' if more > 1 else ''})" if more else ""),
            f"give your own {kind}; if '{term}' is yours too, quote a source that names it",
        )


def _accessibility(layer: Layer) -> Iterator[Problem]:
    if "accessibility" not in layer.d:
        yield layer.doc.problem(
            ("council",),
            "no accessibility contact: the accessibility statement will only say "
            "'contact the council team that publishes it'",
            "add accessibility: with contact: (role, email or phone) for the team that "
            "answers accessibility requests; the regulations require it of a council",
        )


def _colour(layer: Layer) -> Iterator[Problem]:
    colour = str(layer.d.get("brand_colour", "")).lower()
    if not colour:
        return
    ratio = contrast(WHITE, colour)
    if AA_RATIO <= ratio < COMFORTABLE_RATIO:
        yield layer.doc.problem(
            ("brand_colour",),
            f"brand colour {colour} gives white header text {ratio:.2f}:1, only just above "
            f"the {AA_RATIO}:1 that WCAG AA needs",
            f"a slightly darker shade keeps it readable on every screen, e.g. {darker(colour)} "
            f"({COMFORTABLE_RATIO:.0f}:1)",
        )


def darker(colour: str, ratio: float = COMFORTABLE_RATIO) -> str:
    """``colour`` darkened step by step until white text on it reaches ``ratio``."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    shade = colour
    for step in range(100, -1, -1):
        shade = "#" + "".join(f"{round(c * step / 100):02x}" for c in rgb)
        if contrast(WHITE, shade) >= ratio:
            break
    return shade
