"""Making download parts across the machine's cores.

The parts the cache misses are made in a process pool (``QBANK_JOBS`` workers, default one per
core; ``QBANK_JOBS=1`` makes them in this process). Each part's bytes depend only on its view
of the bank, so the output is byte-for-byte the same as a serial build. Workers are forked
from a forkserver that has already loaded the exporters (``warm.py``), and the pool is kept
for the life of the process, so ``make serve`` and many-edition builds start it once.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from functools import partial
from typing import Any

from .cache import Output, Part, code_fingerprint


def jobs() -> int:
    """How many processes make downloads: ``QBANK_JOBS``, else one per core."""
    value = os.environ.get("QBANK_JOBS", "").strip()
    if not value:
        return max(1, len(os.sched_getaffinity(0)))
    if not value.isdigit() or int(value) < 1:
        raise ValueError(
            f"QBANK_JOBS must be a whole number of processes, 1 or more, not {value!r}"
        )
    return int(value)


def _run(make: Callable[..., Output], args: tuple[Any, ...], epoch: str | None) -> Output:
    # A worker outlives the build that started it: it takes the build date from each task.
    if epoch is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    return make(*args)


_pool: dict[tuple[int, bytes], Executor] = {}
_POOL_MIN_PARTS = 8


def _executor(workers: int) -> Executor:
    """A process pool kept for the life of this process, so `make serve` rebuilds and a
    many-edition build pay for starting workers (and importing WeasyPrint) once; started
    afresh when the exporter code changes, since workers import it when they start."""
    key = (workers, code_fingerprint())
    if key not in _pool:
        _close_pool()
        # forkserver, not fork: a build may run beside threads (the preview server, a test
        # browser) whose locks a forked child would inherit held.
        context = multiprocessing.get_context("forkserver")
        # The forkserver loads what every worker needs once, and forks workers from that.
        context.set_forkserver_preload([f"{__package__}.warm"])
        _pool[key] = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return _pool[key]


@atexit.register
def _close_pool() -> None:
    for executor in _pool.values():
        executor.shutdown(cancel_futures=True)
    _pool.clear()


def start_parts(todo: Sequence[Part], workers: int | None = None) -> list[Callable[[], Output]]:
    """Start making each part; return, in order, a function that waits for its files.

    Parts are made across ``workers`` processes when that pays, so this process can go on
    (building the site's pages) while they are made; otherwise they are made here, now.
    """
    workers = jobs() if workers is None else workers
    # Starting workers costs about as much as a few PDFs: a handful of parts (an edit) is
    # made here, unless a pool is already running (`make serve`, many editions).
    if workers < 2 or len(todo) < 2 or (not _pool and len(todo) < _POOL_MIN_PARTS):
        made = [p.make(*p.args) for p in todo]
        return [partial(_given, output) for output in made]
    # Heaviest first, so a long PDF does not start last and hold up the end.
    order = sorted(range(len(todo)), key=lambda i: -todo[i].weight)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    futures: dict[int, Future[Output]] = {}
    failed: list[BaseException] = []

    def submit() -> None:
        # Starting the pool waits for the forkserver to load the exporters (warm.py): done
        # in this thread, so the build goes on meanwhile.
        try:
            executor = _executor(workers)
            for i in order:
                futures[i] = executor.submit(_run, todo[i].make, todo[i].args, epoch)
        except BaseException as exc:  # raised again by whoever waits for a part
            failed.append(exc)

    submitting = threading.Thread(target=submit, name="qbank-downloads", daemon=True)
    submitting.start()

    def wait(i: int) -> Output:
        submitting.join()
        if failed:
            raise failed[0]
        return futures[i].result()

    return [partial(wait, i) for i in range(len(todo))]


def _given(output: Output) -> Output:
    return output


def make_parts(todo: Sequence[Part], workers: int | None = None) -> list[Output]:
    """Each part's files, in order; made across ``workers`` processes when that pays."""
    return [wait() for wait in start_parts(todo, workers)]
