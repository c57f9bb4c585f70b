"""The edition layer composed: each part of ``edition.yml`` applied in the order the parts
depend on, every problem in every part reported together."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..content import model as m
from ..content.errors import ContentError, Problem, display_path
from ..content.load import ROOT, load_national
from ..content.schemas import check
from ..content.yamlsafe import read_yaml
from . import identity, notes, questions, strategy
from .layer import Layer


def compose(layer: Layer) -> m.Bank:
    """The bank with every part of the edition applied, in the order the parts depend on."""
    d = layer.d
    ident = identity.identity(layer)
    sources = layer.sources()
    audiences, left = questions.audiences(layer)
    plan = strategy.strategy(layer)
    edition = m.Edition(
        council=d["council"],
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
                    "create edition.yml with at least 'council:'",
                )
            ]
        )
    doc, problems = read_yaml(path, shown)
    if doc is not None and not problems:
        problems = check(doc, "edition")
    if problems or doc is None:
        raise ContentError(problems)
    layer = Layer(bank, doc, folder, root)
    new = compose(layer)
    if layer.problems:
        raise ContentError(layer.problems)
    return new


def load_bank(root: Path = ROOT, edition: Path | None = None) -> m.Bank:
    """Load and validate the bank under ``root``, with a council's ``edition`` layered on top.

    Raises :class:`ContentError` listing every problem in every file.
    """
    bank = load_national(root)
    return bank if edition is None else apply_edition(bank, edition, root)
