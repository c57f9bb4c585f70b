"""A council's edition: a layer over the national bank that yields the same typed ``Bank``.

Holds the layer (``layer.py``, shared by the parts), one module per part of ``edition.yml``
(``identity``, ``questions``, ``strategy``, ``notes``), the checks on files an edition brings
(``files.py``), and ``compose.py``, which applies them all. May import ``generator.content``
only: the edition knows nothing of pages or downloads.
"""

from __future__ import annotations

from .compose import apply_edition, load_bank
from .text import fold

__all__ = ["apply_edition", "fold", "load_bank"]
