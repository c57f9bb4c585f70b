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

LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg")


def apply_edition(bank: Bank, folder: Path) -> Bank:
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
    d = doc.data
    logo = ""
    if d.get("logo"):
        file = (folder / d["logo"]).resolve()
        if file.suffix.lower() not in LOGO_TYPES or not file.is_file():
            raise ContentError(
                [
                    doc.problem(
                        ("logo",),
                        f"logo '{d['logo']}' is not a {', '.join(LOGO_TYPES)} file "
                        "in the edition folder",
                        "give the image's path relative to edition.yml",
                    )
                ]
            )
        logo = str(file)
    edition = Edition(
        council=d["council"],
        logo=logo,
        site_url=d.get("site_url", ""),
        contacts=tuple(Contact(**c) for c in d.get("contacts", ())),
    )
    return replace(bank, edition=edition)
