"""Which download formats a build makes: a dict from format name to exporter.

Downloads are the slow part of a build (WeasyPrint lays out every PDF), so a build splits
them into parts, makes the parts its cache does not hold across the machine's cores, and
keeps each part in a cache keyed by exactly what it shows:

- a **part** is one body's files of a format (its checklist, its tracker), one threat's
  briefing, or a format's bank-wide files (the whole-bank tracker, CSV, JSON). A format
  names its parts in :data:`PARTS`; any other exporter is one bank-wide part.
- a part is made from a **view** of the bank holding only what that part prints: its body
  and questions, the editorial notes on them, the threats they name, the edition fields the
  format prints. The cache key is a digest of that view with the build date, the format,
  the exporter code, the print templates and the library versions. An edit to one question
  remakes only its body's files and the bank-wide ones, and a download that prints nothing
  of an edition (the CSV of an edition without its own site address) is shared by editions.
- the parts the cache misses are made in a process pool (``QBANK_JOBS`` workers, default
  one per core; ``QBANK_JOBS=1`` makes them in this process). Each part's bytes depend only
  on its view, so the output is byte-for-byte the same as a serial build.
- each build writes a manifest of the entries it used (one per edition); entries no
  manifest names are removed, so the cache holds every edition's latest build and no more.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import multiprocessing
import os
import pickle
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache, partial
from importlib import metadata
from pathlib import Path
from typing import Any

from ..model import Audience, Bank, Edition, Question, Threat
from . import Download, actionplan, docx, opendata, pdf, tabular, xlsx
from .stamp import build_date, describing

Exporter = Callable[[Bank], list[tuple[Download, bytes]]]
Output = list[tuple[Download, bytes]]

# The downloads page lists each audience's files in this order.
EXPORTERS: dict[str, Exporter] = {
    "docx": docx.export,
    "pdf": pdf.export,
    "xlsx": xlsx.export,
    "csv": tabular.export,
    "json": opendata.export,
    # Only a local edition with an action plan makes these (the national bank has none).
    "action-plan": actionplan.export,
}


@dataclass(frozen=True)
class Parts:
    """How a format's downloads split into parts made and cached one by one.

    The format's exporter must return the same files in the same order: the bank-wide
    part, then each audience's, then each threat's (``tests/test_download_parts.py``).
    """

    bank: Callable[[Bank], Output] | None = None
    audience: Callable[[Bank, Audience], Output] | None = None
    threat: Callable[[Bank, Threat], Output] | None = None
    # Edition fields none of the format's files print: left out of its views, so editions
    # that differ only in them share the files.
    unprinted: tuple[str, ...] = ()


# Formats not named here (and any exporter registered later) are one bank-wide part.
PARTS: dict[str, Parts] = {
    "docx": Parts(
        audience=docx.audience_downloads,
        threat=docx.threat_downloads,
        unprinted=("contacts", "logo", "site_url"),
    ),
    "pdf": Parts(
        audience=pdf.audience_downloads,
        threat=pdf.threat_downloads,
        unprinted=("contacts", "logo", "site_url"),
    ),
    "xlsx": Parts(
        bank=xlsx.bank_downloads,
        audience=xlsx.audience_downloads,
        unprinted=("contacts", "logo"),
    ),
    "csv": Parts(bank=tabular.export, unprinted=("council", "contacts", "logo")),
}

_PACKAGE = Path(__file__).resolve().parent
_ROOT = _PACKAGE.parent.parent
_LIBRARIES = ("python-docx", "openpyxl", "weasyprint", "pydyf", "Jinja2", "fonttools")
# Manifests of editions not built for this long stop keeping their entries.
_MANIFEST_DAYS = 30


def _code_files() -> list[Path]:
    files = [*sorted(_PACKAGE.glob("*.py")), *sorted((_ROOT / "templates" / "print").iterdir())]
    # topics.py: the threat briefings' question groups.
    files += [_ROOT / "generator" / name for name in ("model.py", "render.py", "topics.py")]
    return [*files, _ROOT / "schema" / "question-bank.schema.json"]


def _code_fingerprint() -> bytes:
    """A digest of the code, templates, schema and library versions behind the downloads.

    Worked out again only when one of those files changes (a template edited under
    ``make serve`` must not find the files made from the old one)."""
    files = _code_files()
    return _digest(tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@cache
def _digest(signature: tuple[tuple[str, int, int], ...]) -> bytes:
    digest = hashlib.sha256()
    for name, _, _ in signature:
        path = Path(name)
        digest.update(path.name.encode() + path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    return digest.digest()


# Views: the bank as one part sees it ----------------------------------------------------------


def _edition(edition: Edition, unprinted: Iterable[str]) -> Edition:
    blank = Edition()
    return replace(edition, **{name: getattr(blank, name) for name in unprinted})


def _audience_view(bank: Bank, audience: Audience, unprinted: Sequence[str]) -> Bank:
    """An audience's files print its questions, notes on it and them, and the threats'
    names they are tagged with; the bank-wide vocabularies are small and kept whole."""
    refs = {f"audience:{audience.id}", *(f"question:{q.id}" for q in audience.questions)}
    named = {t for q in audience.questions for t in q.threats}
    return replace(
        bank,
        audiences=(audience,),
        threats=tuple(t for t in bank.threats if t.id in named),
        notes=tuple(n for n in bank.notes if refs.intersection(n.applies_to)),
        general_resources=(),
        changelog=(),
        edition=_edition(bank.edition, unprinted),
    )


def _threat_view(bank: Bank, threat: Threat, unprinted: Sequence[str]) -> Bank:
    """A threat briefing prints the questions on it in full and those for every threat by ID,
    each under its body's name: an edit to a question for every threat remakes no briefing."""
    audiences = []
    for a in bank.audiences:
        questions = tuple(
            q if threat.id in q.threats else _by_id(q)
            for q in a.questions
            if not q.threats or threat.id in q.threats
        )
        if questions:
            audiences.append(_by_name(a, questions))
    return replace(
        bank,
        audiences=tuple(audiences),
        threats=(threat,),
        notes=tuple(n for n in bank.notes if f"threat:{threat.id}" in n.applies_to),
        changelog=(),
        edition=_edition(bank.edition, unprinted),
    )


def _by_id(q: Question) -> Question:
    """A question as a briefing lists it for every threat: its ID, under its body."""
    return replace(q, text="", items=(), strands=(), themes=(), corrections=(), rationale="")


def _by_name(a: Audience, questions: tuple[Question, ...]) -> Audience:
    """A body as a briefing names it, over the questions the briefing lists."""
    return replace(
        a,
        heading="",
        about="",
        questions=questions,
        expectations=(),
        corrections=(),
        local_contacts=(),
    )


@dataclass(frozen=True)
class _Part:
    """One unit of work: a function, its arguments, and the cache entry it fills."""

    entry: str  # the cache file's name: format, part and key
    make: Callable[..., Output]
    args: tuple[Any, ...]
    weight: int  # how much the view holds: the pool starts the heaviest parts first


def _part(
    fmt: str, name: str, make: Callable[..., Output], view: Bank, *rest: Any, code: bytes
) -> _Part:
    digest = hashlib.sha256(code)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    shown = repr(view)
    digest.update(f"{fmt}\0{name}\0{build_date().isoformat()}\0{epoch}\0{shown}".encode())
    entry = f"{fmt}-{name}-{digest.hexdigest()[:32]}.pickle"
    return _Part(entry, make, (view, *rest), len(shown))


def parts(bank: Bank) -> list[_Part]:
    """Every part of every registered format, in the order the downloads are listed."""
    out: list[_Part] = []
    code = _code_fingerprint()
    for fmt, export in EXPORTERS.items():
        split = PARTS.get(fmt)
        if split is None:
            out.append(_part(fmt, "bank", export, bank, code=code))
            continue
        if split.bank:
            view = replace(bank, edition=_edition(bank.edition, split.unprinted))
            out.append(_part(fmt, "bank", split.bank, view, code=code))
        if split.audience:
            for a in bank.audiences:
                view = _audience_view(bank, a, split.unprinted)
                name = f"audience-{a.id}"
                out.append(_part(fmt, name, split.audience, view, a, code=code))
        if split.threat:
            for t in bank.threats:
                view = _threat_view(bank, t, split.unprinted)
                out.append(_part(fmt, f"threat-{t.id}", split.threat, view, t, code=code))
    return out


# Making parts: in this process or across the machine's cores -------------------------------


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
    key = (workers, _code_fingerprint())
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


def start_parts(todo: Sequence[_Part], workers: int | None = None) -> list[Callable[[], Output]]:
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


def make_parts(todo: Sequence[_Part], workers: int | None = None) -> list[Output]:
    """Each part's files, in order; made across ``workers`` processes when that pays."""
    return [wait() for wait in start_parts(todo, workers)]


# The cache ------------------------------------------------------------------------------------


def _load(path: Path) -> Output | None:
    try:
        output: Output = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None  # a miss or a damaged entry: make the files again
    # Recently used: a concurrent build's sweep keeps it. A read-only cache still serves.
    with contextlib.suppress(OSError):
        os.utime(path)
    return output


def _store(path: Path, output: Output) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(output))
    tmp.replace(path)


def manifest_name(bank: Bank) -> str:
    """Which manifest a build of this bank writes: one per edition, by council name."""
    council = bank.edition.council
    if not council:
        return "national"
    slug = re.sub(r"[^a-z0-9]+", "-", council.lower()).strip("-")[:40]
    return f"{slug}-{hashlib.sha256(council.encode()).hexdigest()[:8]}"


def _sweep(cache_dir: Path, started: float) -> None:
    """Remove entries no edition's latest build used (and no build since ``started`` touched)."""
    keep: set[str] = set()
    manifests = cache_dir / "manifests"
    for path in manifests.glob("*.json"):
        try:
            if path.stat().st_mtime < time.time() - _MANIFEST_DAYS * 86400:
                path.unlink()
                continue
            keep.update(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError):
            continue  # a damaged manifest keeps nothing; its edition's next build rewrites it
    for entry in cache_dir.glob("*.pickle"):
        try:
            if entry.name not in keep and entry.stat().st_mtime < started:
                entry.unlink()
        except OSError:
            continue


@dataclass
class _Plan:
    """A build's parts: those the cache holds, and those to make."""

    plans: list[list[_Part]]
    found: dict[str, Output]
    todo: dict[str, _Part]
    started: float


def _plan(banks: Sequence[Bank], cache_dir: Path | None) -> _Plan:
    started = time.time()
    plans = [parts(bank) for bank in banks]
    found: dict[str, Output] = {}
    todo: dict[str, _Part] = {}
    for part in (p for plan in plans for p in plan):
        if part.entry in found or part.entry in todo:
            continue
        output = None if cache_dir is None else _load(cache_dir / part.entry)
        if output is None:
            todo[part.entry] = part
        else:
            found[part.entry] = output
    return _Plan(plans, found, todo, started)


def _finish(
    banks: Sequence[Bank], plan: _Plan, made: Sequence[Output], cache_dir: Path | None
) -> list[Output]:
    """Store the parts just made, write each bank's manifest, and sweep the cache."""
    found = dict(plan.found)
    if cache_dir is not None and plan.todo:
        cache_dir.mkdir(parents=True, exist_ok=True)
    for part, output in zip(plan.todo.values(), made, strict=True):
        if cache_dir is not None:
            _store(cache_dir / part.entry, output)
        found[part.entry] = output
    if cache_dir is not None:
        (cache_dir / "manifests").mkdir(parents=True, exist_ok=True)
        for bank, parts_ in zip(banks, plan.plans, strict=True):
            manifest = cache_dir / "manifests" / f"{manifest_name(bank)}.json"
            _store_text(manifest, json.dumps(sorted({p.entry for p in parts_}), indent=0))
        _sweep(cache_dir, plan.started)
    return [[item for p in parts_ for item in found[p.entry]] for parts_ in plan.plans]


def cached_downloads(
    banks: Sequence[Bank], cache_dir: Path, workers: int | None = None
) -> list[Output]:
    """Every download of each bank, from ``cache_dir`` where it holds them.

    Parts the cache misses are made once each, even when several banks (editions) need the
    same one, across ``workers`` processes; then each bank's manifest is written and entries
    none names are removed.
    """
    plan = _plan(banks, cache_dir)
    made = make_parts(list(plan.todo.values()), workers) if plan.todo else []
    return _finish(banks, plan, made, cache_dir)


class PendingDownloads:
    """A build's downloads while they are being made in other processes.

    :attr:`downloads` lists every file now, as the pages show them; a size not known yet is
    a placeholder that :meth:`fill` replaces in the built pages once :meth:`files` has
    waited for the bytes.
    """

    def __init__(self, bank: Bank, cache_dir: Path | None):
        self._bank, self._cache_dir = bank, cache_dir
        self._plan = _plan([bank], cache_dir)
        todo = list(self._plan.todo.values())
        self._waits = start_parts(todo)
        # Which files the parts still being made will give, from the exporters themselves.
        described: dict[str, Output] = {}
        with describing():
            for part in todo:
                described[part.entry] = part.make(*part.args)
        # A size not known yet is a placeholder, unique to this build, until the file is made.
        nonce = secrets.token_hex(4)
        self._placeholder = re.compile(rf"QBSIZE{nonce}N([0-9]+)X")
        self.downloads: list[Download] = []
        self._pending: list[int] = []  # where in downloads a size is still a placeholder
        for part in self._plan.plans[0]:
            found = part.entry in self._plan.found
            output = self._plan.found[part.entry] if found else described[part.entry]
            for d, _ in output:
                if not found:
                    d = replace(d, size=f"QBSIZE{nonce}N{len(self._pending)}X")
                    self._pending.append(len(self.downloads))
                self.downloads.append(d)
        self._output: Output | None = None

    def files(self) -> Output:
        """Every download with its bytes, in the order of :attr:`downloads`; waits for the
        parts still being made, then stores them in the cache."""
        if self._output is None:
            made = [wait() for wait in self._waits]
            output = _finish([self._bank], self._plan, made, self._cache_dir)[0]
            if [d.path for d, _ in output] != [d.path for d in self.downloads]:
                raise RuntimeError("the downloads made differ from those the pages list")
            self._output = output
        return self._output

    def fill(self, text: str) -> str:
        """``text`` with each placeholder size replaced by the file's size."""
        if "QBSIZE" not in text:
            return text
        files = self.files()
        return self._placeholder.sub(lambda m: files[self._pending[int(m.group(1))]][0].size, text)


def start_downloads(bank: Bank, cache_dir: Path | None = None) -> PendingDownloads:
    """Start making every download of ``bank`` (see :class:`PendingDownloads`)."""
    return PendingDownloads(bank, cache_dir)


def _store_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)


def build_downloads(bank: Bank, cache_dir: Path | None = None) -> Output:
    """Run every registered exporter; each returns its downloads with their bytes.

    With ``cache_dir``, a part whose inputs are unchanged since the last build returns its
    previous files instead of making them again.
    """
    if cache_dir is None:
        plan = parts(bank)
        return [item for output in make_parts(plan) for item in output]
    return cached_downloads([bank], cache_dir)[0]
