"""The downloads: one exporter per format (Word, PDF, Excel, CSV, JSON, the action plan, the
meeting pack), registered by name in ``registry.EXPORTERS``.

Each exporter takes the bank and returns its downloads with their bytes; the registry, not an
if/elif chain, decides which formats a build makes and splits them into parts, which
``cache.py`` keeps and ``pool.py`` makes across the machine's cores. May import
``generator.content`` only: downloads know nothing of pages, MkDocs or how an edition is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..content.model import Audience, Bank, Threat


@dataclass(frozen=True)
class Download:
    """A file a build offers for download, as the downloads page lists it."""

    label: str
    path: str
    kind: str
    size: str
    audience_id: str = ""  # "" for a file that is not one audience's checklist
    threat_id: str = ""  # set on a threat briefing
    local: bool = False  # a file only a local edition has (its action plan)


Files = list[tuple["Download", bytes]]


def by_audience_and_threat(
    bank: Bank,
    audience_part: Callable[[Bank, Audience], Files],
    threat_part: Callable[[Bank, Threat], Files],
) -> Files:
    """A format's whole export: each audience's part, then each threat's, in the order the
    registry's parts are listed (``registry.Parts``), so the two always give the same files."""
    checklists = [item for a in bank.audiences for item in audience_part(bank, a)]
    return checklists + [item for t in bank.threats for item in threat_part(bank, t)]


def human_size(n: int) -> str:
    """``12 KB`` or ``640 bytes``, as the downloads page shows a size."""
    # A no-break space keeps "39 KB" on one line.
    return f"{n / 1024:.0f}\u00a0KB" if n >= 1024 else f"{n}\u00a0bytes"
