"""What download workers share before they start: imported once by the process that forks them.

Each worker would otherwise import the exporters and WeasyPrint and set up PDF fonts and the
print stylesheet itself, about 0.8 s of CPU each, on the same cores the build is using.
Loaded in the forkserver (``registry._executor``), it is done once, and each worker forked
from it begins with all of it in memory. Nothing here starts a thread, so forking is safe.
"""

from __future__ import annotations

from . import pdf, registry  # noqa: F401  (imported for the workers)

pdf._stylesheet(pdf.STYLESHEET.read_text("utf-8"))
