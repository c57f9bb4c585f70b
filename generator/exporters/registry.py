"""Which download formats a build makes: a dict from format name to exporter."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Bank
from . import Download, docx, opendata, pdf, tabular, xlsx

Exporter = Callable[[Bank], list[tuple[Download, bytes]]]

# The downloads page lists each audience's files in this order.
EXPORTERS: dict[str, Exporter] = {
    "docx": docx.export,
    "pdf": pdf.export,
    "xlsx": xlsx.export,
    "csv": tabular.export,
    "json": opendata.export,
}


def build_downloads(bank: Bank) -> list[tuple[Download, bytes]]:
    """Run every registered exporter; each returns its downloads with their bytes."""
    return [item for export in EXPORTERS.values() for item in export(bank)]
