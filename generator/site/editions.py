"""Many local editions in one run: ``qbank build -o DIR --edition A --edition B …``.

A county and its districts, or a national host, build many editions from one bank. Each
edition is built into ``DIR/<its folder's name>`` by the ordinary one-site build
(:func:`site.build_site`), so each folder is replaced only when its own build is complete.

The run shares work and cores: every edition is loaded first (content errors from all of
them are reported together, before any folder is touched); then the downloads of all the
editions are made in one process pool, each part once even where editions share it (see
``downloads.registry``); then the sites are built side by side, one process per core, each
finding its downloads in the cache.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..content.errors import ContentError, Problem
from ..downloads.registry import cached_downloads, jobs
from ..edition import load_bank
from .build import build_site
from .engines import DEFAULT
from .outdir import check_output

# Where builds keep downloads between builds (QBANK_CACHE=0 turns it off).
CACHE = Path(".cache") / "downloads"


def edition_targets(out: Path, editions: Sequence[Path]) -> list[Path]:
    """``out/<edition folder name>`` for each edition; two editions may not share a name."""
    targets: dict[str, Path] = {}
    for edition in editions:
        name = edition.resolve().name
        if name in targets:
            raise ValueError(
                f"editions {targets[name]} and {edition} would both build into {out / name}: "
                "give each edition folder its own name"
            )
        targets[name] = edition
    return [out / name for name in targets]


def check_targets(root: Path, targets: Sequence[Path], editions: Sequence[Path]) -> None:
    """Every target checked before any is touched: one unsafe target refuses the whole run.

    Each target is checked against every edition folder, not only its own, so one
    edition's site can never replace (or land inside) another edition.
    """
    for target in targets:
        for edition in editions:
            check_output(target, root, edition)


def _build_in_worker(root: Path, target: Path, edition: Path, engine: str) -> Path:
    # The downloads are in the cache already, and each site has a core of its own: a pool
    # inside this worker would only compete for the same cores.
    os.environ["QBANK_JOBS"] = "1"
    try:
        return build_site(root, target, edition=edition, engine=engine)
    except ContentError as exc:  # pickles badly across processes: send its report
        raise OSError(exc.report()) from None


def build_editions(
    root: Path, out: Path, editions: Sequence[Path], engine: str = DEFAULT
) -> list[Path]:
    """Build each edition into its own folder under ``out``; return the folders."""
    targets = edition_targets(out, editions)
    check_targets(root, targets, editions)
    banks, problems = [], list[Problem]()
    for edition in editions:
        if not edition.is_dir():
            raise OSError(f"edition folder {edition} does not exist")
        try:
            banks.append(load_bank(root, edition))
        except ContentError as exc:
            problems += exc.problems
    if problems:
        raise ContentError(problems)
    if os.environ.get("QBANK_CACHE", "1") != "0":
        cached_downloads(banks, root / CACHE)
    workers = min(jobs(), len(editions))
    if workers < 2:
        return [
            build_site(root, t, edition=e, engine=engine)
            for t, e in zip(targets, editions, strict=True)
        ]
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [
            pool.submit(_build_in_worker, root, t, e, engine)
            for t, e in zip(targets, editions, strict=True)
        ]
        return [f.result() for f in futures]
