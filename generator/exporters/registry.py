"""Which download formats a build makes: a dict from format name to exporter."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Bank
from . import Download

Exporter = Callable[[Bank], list[tuple[Download, bytes]]]

EXPORTERS: dict[str, Exporter] = {}


def build_downloads(bank: Bank) -> list[tuple[Download, bytes]]:
    """Run every registered exporter; each returns its downloads with their bytes."""
    return [item for export in EXPORTERS.values() for item in export(bank)]
