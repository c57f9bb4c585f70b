"""One exporter per download format, registered by name in :data:`EXPORTERS`.

Each exporter takes the bank and returns its downloads with their bytes; the registry,
not an if/elif chain, decides which formats a build makes.
"""

from __future__ import annotations

from dataclasses import dataclass


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


def human_size(n: int) -> str:
    """``12 KB`` or ``640 bytes``, as the downloads page shows a size."""
    # A no-break space keeps "39 KB" on one line.
    return f"{n / 1024:.0f}\u00a0KB" if n >= 1024 else f"{n}\u00a0bytes"
