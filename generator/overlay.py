"""A council's local edition, layered over the national bank without changing it.

An edition folder holds ``edition.yml`` (council name, logo, contacts). The national
files are read as they are; the edition only adds to what the model carries.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .errors import ContentError, Problem, display_path
from .model import Bank, Contact, Edition
from .schemas import check
from .yamlsafe import read_yaml


def apply_edition(bank: Bank, folder: Path) -> Bank:
    """Return ``bank`` with the edition in ``folder`` on top; raise ContentError on bad input."""
    path = folder / "edition.yml"
    if not path.is_file():
        raise ContentError(
            [
                Problem(
                    display_path(path, Path.cwd()),
                    1,
                    1,
                    "edition folder has no edition.yml",
                    "create edition.yml with at least 'council:'",
                )
            ]
        )
    doc, problems = read_yaml(path, display_path(path, Path.cwd()))
    if doc is not None and not problems:
        problems = check(doc, "edition")
    if problems or doc is None:
        raise ContentError(problems)
    d = doc.data
    edition = Edition(
        council=d["council"],
        logo=d.get("logo", ""),
        site_url=d.get("site_url", ""),
        contacts=tuple(Contact(**c) for c in d.get("contacts", ())),
    )
    return replace(bank, edition=edition)
