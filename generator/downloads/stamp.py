"""What every download is stamped with, and how builds stay byte-for-byte reproducible.

The build date is the date of ``SOURCE_DATE_EPOCH`` when it is set (the convention of
reproducible-builds.org), otherwise today. Word and Excel files are zip archives whose
entries carry a timestamp each; :func:`normalise_zip` rewrites them to the build time.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ..content.model import Bank
from . import Download, human_size

# The zip format cannot store dates before 1980.
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)


def build_time() -> datetime:
    """The moment a build claims to be from: ``SOURCE_DATE_EPOCH`` if set, else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except ValueError:
            raise ValueError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}"
            ) from None
    return datetime.now(tz=UTC).replace(microsecond=0)


def build_date() -> date:
    """The date printed on every download."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return build_time().date()
    return date.today()


@dataclass(frozen=True)
class Stamp:
    """The bank version and build date, as every download states them."""

    title: str
    version: str
    built: date
    time: datetime
    # The latest editorial-note check: what the notes say is true as at this date.
    notes_as_at: date | None = None

    @classmethod
    def of(cls, bank: Bank) -> Stamp:
        as_at = date.fromisoformat(bank.notes_as_at) if bank.notes_as_at else None
        return cls(bank.title, bank.version, build_date(), build_time(), as_at)

    @property
    def long_date(self) -> str:
        """``23 November 2026``."""
        return f"{self.built.day} {self.built:%B %Y}"

    @property
    def as_at(self) -> str:
        """``editorial notes as at 1 December 2026`` (empty when there are no notes)."""
        if self.notes_as_at is None:
            return ""
        return f"editorial notes as at {self.notes_as_at.day} {self.notes_as_at:%B %Y}"

    @property
    def line(self) -> str:
        """``SOC Scrutiny Question Bank version 1.0.0, built 23 November 2026`` and, when the
        bank has notes, ``; editorial notes as at 1 December 2026``."""
        line = f"{self.title} version {self.version}, built {self.long_date}"
        return f"{line}; {self.as_at}" if self.as_at else line


def normalise_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip (docx, xlsx) so every entry has the same timestamp and mode."""
    stamp = max(when, _ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info))
    return out.getvalue()


_describing: ContextVar[bool] = ContextVar("qbank_describing", default=False)


@contextmanager
def describing() -> Iterator[None]:
    """While in this block, :func:`download` does not make the bytes it is given a function
    for: a build learns which files a part makes (to list them on its pages) while the
    files themselves are still being made, in other processes."""
    token = _describing.set(True)
    try:
        yield
    finally:
        _describing.reset(token)


def download(
    label: str,
    path: str,
    kind: str,
    data: bytes | Callable[[], bytes],
    audience_id: str = "",
    threat_id: str = "",
) -> tuple[Download, bytes]:
    """A download and its bytes, with the size the downloads page shows.

    ``data`` may be a function that makes the bytes (a PDF, a Word file): inside
    :func:`describing` it is not called, and the download's size is left empty.
    """
    if callable(data):
        if _describing.get():
            return Download(label, path, kind, "", audience_id, threat_id), b""
        data = data()
    return Download(label, path, kind, human_size(len(data)), audience_id, threat_id), data
