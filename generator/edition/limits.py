"""What ``qbank extract`` will read: a council's document is untrusted, and a small file can
hold gigabytes (a Word package whose parts inflate a thousandfold, a PDF whose pages all draw
one huge shared stream). Each limit is checked before the work it guards, and the whole read
runs against a clock, so a hostile file is refused in seconds with the limit named."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The most ``qbank extract`` reads; every figure is far above a council strategy's."""

    file_bytes: int = 50 * MB  # the document as it is on disk
    parts: int = 2_000  # files inside a Word package
    part_bytes: int = 32 * MB  # one part, inflated
    package_bytes: int = 128 * MB  # all parts, inflated
    ratio: int = 100  # inflated size over compressed size, for a part over 1 MB inflated
    pages: int = 500  # pages of a PDF
    page_drawing: int = 512 * 1024  # one PDF page's drawing instructions, decoded
    drawing: int = 16 * MB  # all pages' drawing instructions, decoded
    characters: int = 2_000_000  # the text written (a 60-page strategy is about 150,000)
    seconds: float = 60.0  # the whole read


LIMITS = Limits()


class OutOfTime(BaseException):
    """The read went past ``Limits.seconds``. A BaseException, so that a parser's own
    ``except Exception`` cannot swallow it."""


@contextmanager
def deadline(seconds: float) -> Iterator[Clock]:
    """Run the block against the clock: :class:`OutOfTime` is raised inside it when time is
    up (by an alarm signal in the main thread; elsewhere only at :meth:`Clock.check`)."""
    clock = Clock(time.monotonic() + seconds)
    if threading.current_thread() is not threading.main_thread():
        yield clock
        return

    def ring(signum: int, frame: FrameType | None) -> None:
        # An exception raised inside a finaliser is lost ("ignored"): ring again shortly,
        # outside it. Until the block ends, the alarm keeps ringing.
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        if frame is not None and frame.f_code.co_name == "__del__":
            return
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield clock
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Clock:
    ends: float

    def check(self) -> None:
        """Raise :class:`OutOfTime` if the time is up (between pages, where no alarm rings)."""
        if time.monotonic() > self.ends:
            raise OutOfTime


def size(n: int) -> str:
    """``32 MB``, ``512 KB``: a limit as the messages say it."""
    return f"{n // MB:,} MB" if n >= MB else f"{n // 1024:,} KB"
