"""An edition's identity: logo, site addresses, brand colour, contacts and accessibility."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..content import model as m
from ..content.textrules import council_name_problem
from .files import (
    LOGO_MAX_BYTES,
    LOGO_TYPES,
    base_url_problem,
    check_logo,
    contrast,
    inside,
    url_problem,
)
from .layer import Layer, Where

WHITE = "#ffffff"
AA_RATIO = 4.5


def identity(layer: Layer) -> dict[str, Any]:
    """The logo's path and the brand colour, once checked; every contact is checked too."""
    d = layer.d
    name = d.get("council")
    # An empty name is the schema's to report; the rest (one line, its length) is checked here,
    # by the same check `qbank new-edition` makes, before anything is built.
    if isinstance(name, str) and name.strip() and (wrong := council_name_problem(name)):
        layer.problem(("council",), *wrong)
    logo = ""
    if "logo" in d:
        path, problem = check_logo(layer.folder, d["logo"])
        if problem:
            layer.problem(("logo",), problem, logo_hint(layer, d["logo"]))
        logo = str(path) if path else ""
    for key in ("site_url", "national_site"):
        if key in d and (problem := base_url_problem(d[key])):
            layer.problem(
                (key,),
                f"'{key}' {problem}",
                "write the full address, e.g. https://www.council.gov.uk/soc-questions/",
            )
    colour = d.get("brand_colour", "").lower()
    if colour and (ratio := contrast(WHITE, colour)) < AA_RATIO:
        layer.problem(
            ("brand_colour",),
            f"brand colour {colour} gives white header text a contrast ratio of "
            f"{ratio:.2f}:1, below the {AA_RATIO}:1 that WCAG AA needs",
            "choose a darker shade of the colour",
        )
    for i, c in enumerate(d.get("contacts", ())):
        contact(layer, ("contacts", i), c)
    return {"logo": logo, "brand_colour": colour}


def logo_hint(layer: Layer, relative: str) -> str:
    """What to do about a refused logo, from what is wrong with it (not from the message)."""
    suffix = Path(relative).suffix.lower()
    if suffix not in LOGO_TYPES:
        return f"use an {', '.join(LOGO_TYPES)} image (export it as one from an image editor)"
    path, _ = inside(layer.folder, relative, "logo")
    if path is None:
        return "give the image's path relative to edition.yml"
    if path.stat().st_size > LOGO_MAX_BYTES:
        return "export a smaller image: a header logo needs no more than about 400 pixels wide"
    if suffix == ".svg":
        return (
            "export the logo again as plain SVG (no scripts, links, embedded web content or "
            "DOCTYPE), or as a PNG"
        )
    return (
        f"the file is damaged or is another type renamed to {suffix}: open it in an image "
        f"editor and save it again as {suffix.lstrip('.').upper()}"
    )


def contact(layer: Layer, where: Where, c: dict[str, Any]) -> m.Contact:
    if "url" in c and (problem := url_problem(c["url"])):
        layer.problem((*where, "url"), f"'url' {problem}", "write the full https:// address")
    return m.Contact(
        c["role"], c.get("name", ""), c.get("email", ""), c.get("phone", ""), c.get("url", "")
    )


def accessibility(layer: Layer) -> m.Accessibility | None:
    a = layer.d.get("accessibility")
    if a is None:
        return None
    person = contact(layer, ("accessibility", "contact"), a["contact"])
    return m.Accessibility(person, a.get("enforcement", ""), a.get("tested", ""))
