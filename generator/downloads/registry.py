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
- the parts the cache misses are made in a process pool (``pool.py``); each build writes a
  manifest of the entries it used, and entries no manifest names are removed (``cache.py``).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.model import Audience, Bank, Edition, Question, Threat
from . import Download, actionplan, docx, opendata, pdf, tabular, xlsx
from .cache import Output, Part, code_fingerprint, finish, manifest_name, part, plan
from .pool import jobs, make_parts, start_parts
from .stamp import describing

__all__ = ["EXPORTERS", "PARTS", "Output", "PendingDownloads", "jobs", "manifest_name"]

Exporter = Callable[[Bank], list[tuple[Download, bytes]]]

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
            if q.for_every_threat or threat.id in q.threats
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


def parts(bank: Bank) -> list[Part]:
    """Every part of every registered format, in the order the downloads are listed."""
    out: list[Part] = []
    code = code_fingerprint()
    for fmt, export in EXPORTERS.items():
        split = PARTS.get(fmt)
        if split is None:
            out.append(part(fmt, "bank", export, bank, code=code))
            continue
        if split.bank:
            view = replace(bank, edition=_edition(bank.edition, split.unprinted))
            out.append(part(fmt, "bank", split.bank, view, code=code))
        if split.audience:
            for a in bank.audiences:
                view = _audience_view(bank, a, split.unprinted)
                name = f"audience-{a.id}"
                out.append(part(fmt, name, split.audience, view, a, code=code))
        if split.threat:
            for t in bank.threats:
                view = _threat_view(bank, t, split.unprinted)
                out.append(part(fmt, f"threat-{t.id}", split.threat, view, t, code=code))
    return out


def cached_downloads(
    banks: Sequence[Bank], cache_dir: Path, workers: int | None = None
) -> list[Output]:
    """Every download of each bank, from ``cache_dir`` where it holds them.

    Parts the cache misses are made once each, even when several banks (editions) need the
    same one, across ``workers`` processes; then each bank's manifest is written and entries
    none names are removed.
    """
    todo = plan([parts(bank) for bank in banks], cache_dir)
    made = make_parts(list(todo.todo.values()), workers) if todo.todo else []
    return finish(banks, todo, made, cache_dir)


class PendingDownloads:
    """A build's downloads while they are being made in other processes.

    :attr:`downloads` lists every file now, as the pages show them; a size not known yet is
    a placeholder that :meth:`fill` replaces in the built pages once :meth:`files` has
    waited for the bytes.
    """

    def __init__(self, bank: Bank, cache_dir: Path | None):
        self._bank, self._cache_dir = bank, cache_dir
        self._plan = plan([parts(bank)], cache_dir)
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
            output = finish([self._bank], self._plan, made, self._cache_dir)[0]
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


def build_downloads(bank: Bank, cache_dir: Path | None = None) -> Output:
    """Run every registered exporter; each returns its downloads with their bytes.

    With ``cache_dir``, a part whose inputs are unchanged since the last build returns its
    previous files instead of making them again.
    """
    if cache_dir is None:
        return [item for output in make_parts(parts(bank)) for item in output]
    return cached_downloads([bank], cache_dir)[0]
