"""What the benchmark times and weighs, for a bank root or a built site."""

from __future__ import annotations

import logging
import os
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

from generator.exporters.registry import build_downloads
from generator.load import load_bank
from generator.outputs import SHIM, nav
from generator.render import Renderer
from generator.site import build_site


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
        try:
            build_site(root, out)
        finally:
            os.environ.pop("QBANK_CACHE", None)

    if cached:
        build()  # fill the cache
    return build


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
    config.update(nav=nav(bank), strict=False)  # the downloads the pages name are not there
    (tree / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")

    def build() -> None:
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        mkdocs_build.build(load_config(str(tree / "mkdocs.yml"), site_dir=str(work / "site")))
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
