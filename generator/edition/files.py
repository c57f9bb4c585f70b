"""Checks on what an edition brings from outside the bank: files, addresses and colours.

Edition input is untrusted (council staff paste from Word; a logo may come from anywhere),
so each check returns what is wrong, worded with the rule, or ``None`` when all is well.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .raster import clean_raster, raster_problem
from .svg import svg_problem

LOGO_MAX_BYTES = 1024 * 1024
# What each logo type's file must start with.
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg")


def inside(
    folder: Path, relative: str, what: str, missing: str = ""
) -> tuple[Path | None, str | None]:
    """``relative`` resolved inside ``folder``; refuses absolute paths, ``..`` and symlinks."""
    rule = f"give the {what} as a path inside the edition folder, relative to edition.yml"
    if Path(relative).is_absolute() or "\\" in relative or relative.startswith("~"):
        return None, f"{what} '{relative}' is an absolute path: {rule}"
    if ".." in Path(relative).parts:
        return None, f"{what} '{relative}' goes outside the edition folder with '..': {rule}"
    path = folder / relative
    # A symlink anywhere on the way could lead out of the folder: refuse any.
    here = folder
    for part in Path(relative).parts:
        here = here / part
        if here.is_symlink():
            return None, f"{what} '{relative}' is a symbolic link: {rule}, as a real file"
    root = folder.resolve()
    resolved = path.resolve()
    if root not in resolved.parents:
        return None, f"{what} '{relative}' is outside the edition folder: {rule}"
    if not resolved.is_file():
        return None, missing or f"{what} '{relative}' is not a file in the edition folder"
    return resolved, None


def check_logo(folder: Path, relative: str) -> tuple[Path | None, str | None]:
    """The logo's path when it is a safe image of a known type, else what is wrong."""
    suffix = Path(relative).suffix.lower()
    wrong = f"logo '{relative}' is not a {', '.join(LOGO_TYPES)} file in the edition folder"
    if suffix not in LOGO_TYPES:
        return None, wrong
    path, problem = inside(folder, relative, "logo", wrong)
    if path is None:
        return None, problem
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return None, f"logo '{relative}' is {size:,} bytes: a logo may be at most 1 MB"
    data = path.read_bytes()
    if suffix == ".svg":
        problem = svg_problem(data)
    elif not data.startswith(_MAGIC[suffix]):
        problem = f"logo '{relative}' does not start like a {suffix} file: is it another type?"
    elif found := raster_problem(data, suffix):
        problem = f"logo '{relative}' {found}"
    if problem:
        return None, f"logo '{relative}': {problem}" if suffix == ".svg" else problem
    return path, None


def logo_bytes(path: Path) -> bytes:
    """What the site publishes for a logo :func:`check_logo` accepted: an SVG as it is (its
    every element and attribute was checked), a PNG or JPEG written afresh from its pixels
    (see :mod:`.raster`), so nothing after or beside the image reaches the site."""
    data = path.read_bytes()
    suffix = path.suffix.lower()
    return data if suffix == ".svg" else clean_raster(data, suffix)


_URL_FORBIDDEN = re.compile(r"[\s\"'<>`\\{}|^]")


def url_problem(value: str) -> str | None:
    """Why ``value`` is not a plain http(s) address, or None."""
    if _URL_FORBIDDEN.search(value):
        return "contains a space, quote, angle bracket or other character not allowed in an address"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "is not a valid web address"
    if parts.scheme not in ("http", "https"):
        return "must start with https:// or http://"
    if not parts.hostname or ("." not in parts.hostname and parts.hostname != "localhost"):
        return "has no host name (such as www.council.gov.uk)"
    if parts.username or parts.password:
        return "must not contain a user name or password"
    return None


def base_url_problem(value: str) -> str | None:
    """Why ``value`` cannot be an address pages are put under (``site_url``,
    ``national_site``), or None. Page paths are appended to it, so a ``?query`` or
    ``#fragment`` would swallow them: every link in the spreadsheets would be broken."""
    if problem := url_problem(value):
        return problem
    if "?" in value or "#" in value:
        mark = "?" if "?" in value else "#"
        return (
            f"contains '{mark}': the address of the site's home folder cannot have a query "
            "(?...) or fragment (#...), because page addresses are added after it"
        )
    return None


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two ``#RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
