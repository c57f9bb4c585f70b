"""The edition layer composed: each part of ``edition.yml`` applied in the order the parts
depend on, every problem in every part reported together."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..content import model as m
from ..content.errors import ContentError, Problem, display_path
from ..content.load import ROOT, load_national
from ..content.yamlsafe import read_yaml
from . import advice, identity, notes, questions, strategy
from .layer import Layer
from .prune import usable


def compose(layer: Layer) -> m.Bank:
    """The bank with every part of the edition applied, in the order the parts depend on."""
    d = layer.d
    ident = identity.identity(layer)
    sources = layer.sources()
    audiences, left = questions.audiences(layer)
    plan = strategy.strategy(layer)
    edition = m.Edition(
        council=d.get("council", ""),  # missing only when the schema has said so
        logo=ident["logo"],
        site_url=d.get("site_url", ""),
        contacts=tuple(m.Contact(**c) for c in d.get("contacts", ())),
        brand_colour=ident["brand_colour"],
        national_site=d.get("national_site", ""),
        left_out=left,
        strategy=plan,
        action_plan=strategy.action_plan(layer, plan),
        accessibility=identity.accessibility(layer),
        local_sources=tuple(s.id for s in sources),
    )
    bank = replace(
        layer.bank,
        sources=layer.bank.sources + sources,
        audiences=audiences,
        threats=strategy.threats(layer, plan),
        edition=edition,
    )
    bank = questions.without_left_out(bank)
    return replace(bank, notes=bank.notes + notes.notes(layer, bank, notes.pages(layer, edition)))


def apply_edition(bank: m.Bank, folder: Path, root: Path | None = None) -> m.Bank:
    """Return ``bank`` with the edition in ``folder`` on top; raise ContentError on bad input."""
    return edition_with_warnings(bank, folder, root)[0]


def edition_with_warnings(
    bank: m.Bank, folder: Path, root: Path | None = None
) -> tuple[m.Bank, list[Problem]]:
    """``bank`` with the edition on top, and what a build warns about (see ``advice``).

    Every problem is found in one run: the schema's, and those of every entry it did not
    refuse (files, IDs, quotes). Raises :class:`ContentError` listing them all.
    """
    path = folder / "edition.yml"
    shown = display_path(path, Path.cwd())
    if not path.is_file():
        raise ContentError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "edition folder has no edition.yml",
                    f'make one: qbank new-edition {folder} --council "Your Council"',
                )
            ]
        )
    doc, problems = read_yaml(path, shown)
    if doc is None:
        raise ContentError(problems)
    refused, rest, skipped = usable(doc)
    problems += refused
    if rest is None:
        raise ContentError(problems)
    layer = Layer(bank, rest, folder, root, skipped)
    new = compose(layer)
    problems += layer.problems
    if problems:
        raise ContentError(problems)
    return new, advice.warnings(layer, new)


def load_bank(root: Path = ROOT, edition: Path | None = None) -> m.Bank:
    """Load and validate the bank under ``root``, with a council's ``edition`` layered on top.

    Raises :class:`ContentError` listing every problem in every file.
    """
    bank = load_national(root)
    return bank if edition is None else apply_edition(bank, edition, root)
