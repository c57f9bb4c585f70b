"""One exporter per download format, registered by name in :data:`EXPORTERS`.

Each exporter takes the bank and a build context and returns files by path; the
registry, not an if/elif chain, decides which formats a build makes.
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
    audience_id: str = ""


def human_size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} bytes"
