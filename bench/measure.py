"""What the benchmark times and weighs, for a bank root or a built site."""

from __future__ import annotations

import logging
import os
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import forkserver
from pathlib import Path

import yaml
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

from generator.downloads import pool
from generator.downloads.registry import build_downloads
from generator.edition import load_bank
from generator.site.build import build_site
from generator.site.editions import CACHE, build_editions
from generator.site.outputs import SHIM, nav
from generator.site.render import Renderer


def median_seconds(task: Callable[[], object], runs: int) -> float:
    """The median wall-clock time of ``runs`` calls of ``task``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def generate_pages(root: Path) -> None:
    """The generator alone: load and validate the bank, render every page (no downloads)."""
    Renderer(load_bank(root)).pages()


def downloads(root: Path) -> Callable[[], object]:
    """Making every download of an already loaded bank."""
    bank = load_bank(root)
    return lambda: build_downloads(bank)


def full_build(root: Path, out: Path, cached: bool) -> Callable[[], object]:
    """The production build: generator, downloads and MkDocs, swapped into ``out``.

    ``cached=False`` makes every download afresh (a first build, or changed content);
    ``cached=True`` is a rebuild of unchanged content, after one build has filled the cache.
    """

    def build() -> None:
        os.environ["QBANK_CACHE"] = "1" if cached else "0"
        if not cached:
            _cold_workers()
        try:
            build_site(root, out)
        finally:
            os.environ.pop("QBANK_CACHE", None)

    if cached:
        build()  # fill the cache
    return build


def _cold_workers() -> None:
    """A first build starts its own download workers, and the forkserver that loads the
    exporters for them, as a fresh `qbank build` process does."""
    pool._close_pool()
    forkserver._forkserver._stop()  # type: ignore[attr-defined]


def edit_build(root: Path, out: Path) -> Callable[[], object]:
    """A rebuild after an editor changes one word of one question (as in `make serve`).

    ``root`` must be a copy: each run edits the first question of ``questions/csp.yml``.
    """
    path = root / "questions" / "csp.yml"
    original = path.read_text("utf-8")
    runs = [0]

    def build() -> None:
        runs[0] += 1
        edited = original.replace("community safety plan?", f"community safety plan {runs[0]}?")
        assert edited != original, "the benchmark's edit no longer matches questions/csp.yml"
        path.write_text(edited, "utf-8")
        build_site(root, out)

    build_site(root, out)  # a full build fills the cache; each run then edits and rebuilds
    return build


def editions(root: Path, work: Path, count: int) -> tuple[list[Path], Callable[[], object]]:
    """``count`` local editions of the bank built in one run, from an empty download cache."""
    folders = []
    for i in range(1, count + 1):
        folder = work / "editions" / f"council-{i:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "edition.yml").write_text(
            f"council: Benchmark Council {i}\n"
            "contacts:\n  - role: Scrutiny officer\n    email: scrutiny@example.gov.uk\n",
            "utf-8",
        )
        folders.append(folder)

    def build() -> None:
        shutil.rmtree(root / CACHE, ignore_errors=True)
        _cold_workers()
        build_editions(root, work / "edition-sites", folders)

    return folders, build


def pdf_each_ms(root: Path, runs: int) -> tuple[float, float]:
    """Median milliseconds a PDF takes, made as a build makes them (one shared font
    configuration and stylesheet), and made with fresh ones for each (the old way),
    interleaved so both see the same machine load."""
    import weasyprint

    from generator.downloads import pdf

    bank = load_bank(root)
    shared: list[float] = []
    fresh: list[float] = []
    real_css = pdf._stylesheet
    real_fonts = pdf._fonts
    docs = [(pdf.audience_downloads, a) for a in bank.audiences[:7]]
    docs += [(pdf.threat_downloads, t) for t in bank.threats]
    for _ in range(runs):
        for make, item in docs:
            started = time.perf_counter()
            make(bank, item)  # type: ignore[operator]
            shared.append(time.perf_counter() - started)
            try:
                pdf._stylesheet = lambda css: weasyprint.CSS(string=css)  # type: ignore[assignment]
                pdf._fonts = lambda: None  # type: ignore[assignment]
                started = time.perf_counter()
                make(bank, item)  # type: ignore[operator]
                fresh.append(time.perf_counter() - started)
            finally:
                pdf._stylesheet, pdf._fonts = real_css, real_fonts
    return statistics.median(shared) * 1000, statistics.median(fresh) * 1000


def bare_build(root: Path, work: Path) -> Callable[[], object]:
    """MkDocs alone on the same pages: generated Markdown written out, no hook, no downloads."""
    bank = load_bank(root)
    tree = work / "bare"
    shutil.copytree(root / "docs", tree / "docs")
    for path, text in Renderer(bank).pages().items():
        (tree / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (tree / "docs" / path).write_text(text, "utf-8")
    shutil.copy2(SHIM, tree / "docs" / "js" / "iframe-worker-shim.js")
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    for key in ("hooks", "watch"):
        config.pop(key, None)
    # MkDocs alone uses the plain theme, without the overrides, as it was first measured.
    config["theme"].pop("custom_dir", None)
    config.update(nav=nav(bank), strict=False)  # the downloads the pages name are not there
    (tree / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")

    def build() -> None:
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        mkdocs_build.build(load_config(str(tree / "mkdocs.yml"), site_dir=str(tree / "site")))
        logging.getLogger("mkdocs").setLevel(logging.WARNING)

    return build


@dataclass(frozen=True)
class SiteStats:
    pages: int
    site_bytes: int
    search_index_bytes: int
    heaviest_page: str
    heaviest_page_bytes: int


def site_stats(site: Path) -> SiteStats:
    """How big a built site is, and its heaviest page."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    heaviest = max(pages, key=lambda p: p.stat().st_size)
    return SiteStats(
        pages=len(pages),
        site_bytes=sum(p.stat().st_size for p in files),
        search_index_bytes=(site / "search" / "search_index.json").stat().st_size,
        heaviest_page=heaviest.relative_to(site).as_posix(),
        heaviest_page_bytes=heaviest.stat().st_size,
    )
