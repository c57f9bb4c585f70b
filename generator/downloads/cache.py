"""The downloads' cache: each part's files kept under a digest of exactly what it prints.

A part's cache entry is named by a digest of its view of the bank with the build date, the
format, the exporter code, the print templates and the library versions (:func:`entry`), so
an edit remakes only the parts that print it, and a part that prints nothing of an edition
is shared by editions. Each build writes a manifest of the entries it used (one per edition);
entries no manifest names are removed, so the cache holds every edition's latest build and no
more. ``QBANK_CACHE=0`` turns the cache off (``site/outputs.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..content.model import Bank
from . import Download
from .stamp import build_date

Output = list[tuple[Download, bytes]]

_PACKAGE = Path(__file__).resolve().parent
_ROOT = _PACKAGE.parent.parent
_LIBRARIES = ("python-docx", "openpyxl", "weasyprint", "pydyf", "Jinja2", "fonttools")
# Manifests of editions not built for this long stop keeping their entries.
_MANIFEST_DAYS = 30


@dataclass(frozen=True)
class Part:
    """One unit of work: a function, its arguments, and the cache entry it fills."""

    entry: str  # the cache file's name: format, part and key
    make: Callable[..., Output]
    args: tuple[Any, ...]
    weight: int  # how much the view holds: the pool starts the heaviest parts first


def _code_files() -> list[Path]:
    files = [*sorted(_PACKAGE.glob("*.py")), *sorted((_ROOT / "templates" / "print").iterdir())]
    # The model, the shared words and markup, and topics (the threat briefings' question groups).
    content = _ROOT / "generator" / "content"
    files += [content / name for name in ("model.py", "views.py", "markup.py", "topics.py")]
    return [*files, _ROOT / "schema" / "question-bank.schema.json"]


def code_fingerprint() -> bytes:
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


def part(
    fmt: str, name: str, make: Callable[..., Output], view: Bank, *rest: Any, code: bytes
) -> Part:
    """The part that makes ``fmt``'s files ``name`` from ``view``, named by what it prints."""
    digest = hashlib.sha256(code)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    shown = repr(view)
    digest.update(f"{fmt}\0{name}\0{build_date().isoformat()}\0{epoch}\0{shown}".encode())
    entry = f"{fmt}-{name}-{digest.hexdigest()[:32]}.pickle"
    return Part(entry, make, (view, *rest), len(shown))


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
class Plan:
    """A build's parts: those the cache holds, and those to make."""

    plans: list[list[Part]]
    found: dict[str, Output]
    todo: dict[str, Part]
    started: float


def plan(plans: list[list[Part]], cache_dir: Path | None) -> Plan:
    """Which of each build's parts the cache holds, and which to make (each once)."""
    started = time.time()
    found: dict[str, Output] = {}
    todo: dict[str, Part] = {}
    for part in (p for plan in plans for p in plan):
        if part.entry in found or part.entry in todo:
            continue
        output = None if cache_dir is None else _load(cache_dir / part.entry)
        if output is None:
            todo[part.entry] = part
        else:
            found[part.entry] = output
    return Plan(plans, found, todo, started)


def finish(
    banks: Sequence[Bank], plan: Plan, made: Sequence[Output], cache_dir: Path | None
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


def _store_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)
