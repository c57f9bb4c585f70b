"""Which download formats a build makes: a dict from format name to exporter.

Downloads are the slow part of a build (WeasyPrint lays out every PDF), so a build may
keep them in a cache keyed by everything that shapes them: the whole bank, the build
date, the exporter code, the print templates and the library versions. Unchanged
content then costs nothing on the next build or on every ``mkdocs serve`` rebuild.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path

from ..model import Bank
from . import Download, actionplan, docx, opendata, pdf, tabular, xlsx
from .stamp import build_date

Exporter = Callable[[Bank], list[tuple[Download, bytes]]]
Output = list[tuple[Download, bytes]]

# The downloads page lists each audience's files in this order.
EXPORTERS: dict[str, Exporter] = {
    "docx": docx.export,
    "pdf": pdf.export,
    "xlsx": xlsx.export,
    "csv": tabular.export,
    "json": opendata.export,
    # Only a local edition with an action plan makes these (the national bank has none).
    "action-plan": actionplan.export,
}

_PACKAGE = Path(__file__).resolve().parent
_ROOT = _PACKAGE.parent.parent
_LIBRARIES = ("python-docx", "openpyxl", "weasyprint", "pydyf", "Jinja2")


@cache
def _code_fingerprint() -> bytes:
    """A digest of the code, templates, schema and library versions behind the downloads."""
    digest = hashlib.sha256()
    files = [*sorted(_PACKAGE.glob("*.py")), *sorted((_ROOT / "templates" / "print").iterdir())]
    files += [_ROOT / "generator" / "model.py", _ROOT / "schema" / "question-bank.schema.json"]
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.digest()


def _key(name: str, bank: Bank) -> str:
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(f"{name}\0{build_date().isoformat()}\0{bank!r}".encode())
    return digest.hexdigest()[:32]


def _cached(name: str, export: Exporter, bank: Bank, cache_dir: Path) -> Output:
    key = _key(name, bank)
    path = cache_dir / f"{name}-{key}.pickle"
    try:
        output: Output = pickle.loads(path.read_bytes())
        return output
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass  # a miss or a damaged entry: make the files again
    output = export(bank)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob(f"{name}-*.pickle"):
        old.unlink(missing_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(output))
    tmp.replace(path)
    return output


def build_downloads(bank: Bank, cache_dir: Path | None = None) -> Output:
    """Run every registered exporter; each returns its downloads with their bytes.

    With ``cache_dir``, an exporter whose inputs are unchanged since the last build
    returns its previous files instead of making them again.
    """
    if cache_dir is None:
        return [item for export in EXPORTERS.values() for item in export(bank)]
    return [
        item
        for name, export in EXPORTERS.items()
        for item in _cached(name, export, bank, cache_dir)
    ]
