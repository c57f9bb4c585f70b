"""Benchmark the build at the real size and at 1,000 and 10,000 questions.

    .venv/bin/python bench/run.py [--quick] [--sizes real,1000,10000] [--editions 10]

Prints medians, the machine's load while it ran, and each target as PASS or MISS, and writes
bench/results/latest.json. Every size is built from a copy of the bank (the edit measure
changes a question). Synthetic banks are the real one grown with audiences of 30 real
questions under new IDs. The machine may be shared: compare the ratios, each measured side by
side in one run, and re-run on a quiet machine for absolute figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: import bench and tests from the repository
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from bench import measure  # noqa: E402
from bench.search_latency import SearchLatency, search_latency  # noqa: E402
from bench.synth import make_bank  # noqa: E402
from generator.downloads import registry  # noqa: E402
from generator.edition import load_bank  # noqa: E402
from tests.conftest import copy_bank  # noqa: E402

SIZES = {"real": 0, "1k": 1_000, "10k": 10_000}
ALIASES = {"1000": "1k", "10000": "10k"}
# Runs of (the quick measures, downloads and full builds), which take minutes at 10k.
RUNS = {"real": (5, 5), "1k": (3, 3), "10k": (3, 1)}
RESULTS = ROOT / "bench" / "results" / "latest.json"


@dataclass(frozen=True)
class Result:
    size: str
    questions: int
    generator_s: float
    downloads_s: float
    full_build_s: float
    warm_build_s: float
    bare_build_s: float
    stats: measure.SiteStats
    search: SearchLatency | None
    edit_build_s: float = 0.0
    editions: int = 0  # how many editions editions_s built in one run (0: not measured)
    editions_s: float = 0.0
    pdf_each_ms: float = 0.0  # one PDF, shared font configuration and stylesheet
    pdf_each_fresh_ms: float = 0.0  # the same PDF with fresh ones (the build before)
    jobs: int = 1
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after


def bench(size: str, work: Path, quick: bool, editions: int) -> Result:
    """Every measure for one bank size, in a scratch folder of its own."""
    load_before = os.getloadavg()[0]
    light, heavy = (1, 1) if quick else RUNS[size]
    root = make_bank(work / "bank", SIZES[size]) if SIZES[size] else copy_bank(work / "bank")
    questions = len(load_bank(root).questions)
    print(f"{size}: {questions} questions, {light}/{heavy} runs …", file=sys.stderr, flush=True)
    site = work / "site"
    # Bare and full builds alternate, so both see the same machine load.
    bare = measure.bare_build(root, work)
    bare_s, full_s = [], []
    for _ in range(heavy):
        bare_s.append(measure.median_seconds(bare, 1))
        full_s.append(measure.median_seconds(measure.full_build(root, site, False), 1))
    built = (
        measure.median_seconds(measure.editions(root, work, editions)[1], 1) if editions else 0.0
    )
    shared_ms, fresh_ms = measure.pdf_each_ms(root, 1 if quick else 2)
    return Result(
        size=size,
        questions=questions,
        generator_s=measure.median_seconds(lambda: measure.generate_pages(root), light),
        downloads_s=measure.median_seconds(measure.downloads(root), heavy),
        full_build_s=statistics.median(full_s),
        warm_build_s=measure.median_seconds(measure.full_build(root, site, True), light),
        bare_build_s=statistics.median(bare_s),
        stats=measure.site_stats(site),
        search=search_latency(site, max(light, 3)),
        edit_build_s=measure.median_seconds(measure.edit_build(root, site), light),
        editions=editions,
        editions_s=built,
        pdf_each_ms=shared_ms,
        pdf_each_fresh_ms=fresh_ms,
        jobs=registry.jobs(),
        load=(load_before, os.getloadavg()[0]),
    )


def table(results: list[Result]) -> str:
    """Measures down, sizes across."""
    rows: list[tuple[str, list[str]]] = [
        ("questions", [f"{r.questions:,}" for r in results]),
        ("pages", [f"{r.stats.pages:,}" for r in results]),
        ("generator (load + render), s", [f"{r.generator_s:.2f}" for r in results]),
        ("all downloads, s", [f"{r.downloads_s:.2f}" for r in results]),
        ("full build, s", [f"{r.full_build_s:.2f}" for r in results]),
        ("rebuild, downloads cached, s", [f"{r.warm_build_s:.2f}" for r in results]),
        ("rebuild after a one-question edit, s", [f"{r.edit_build_s:.2f}" for r in results]),
        ("bare mkdocs build, s", [f"{r.bare_build_s:.2f}" for r in results]),
        ("full ÷ bare", [f"{r.full_build_s / r.bare_build_s:.2f}x" for r in results]),
        ("rebuild ÷ bare", [f"{r.warm_build_s / r.bare_build_s:.2f}x" for r in results]),
        ("edit rebuild ÷ bare", [f"{r.edit_build_s / r.bare_build_s:.2f}x" for r in results]),
        (
            "editions built in one run, s",
            [f"{r.editions_s:.2f} ({r.editions})" if r.editions else "n/a" for r in results],
        ),
        ("one PDF, ms (fresh fonts and CSS)", [_pdf(r) for r in results]),
        ("processes (QBANK_JOBS)", [str(r.jobs) for r in results]),
        ("load average, before/after", [f"{r.load[0]:.1f}/{r.load[1]:.1f}" for r in results]),
        ("site, MB", [f"{r.stats.site_bytes / 1e6:.1f}" for r in results]),
        ("search index, MB", [f"{r.stats.search_index_bytes / 1e6:.2f}" for r in results]),
        ("heaviest page", [r.stats.heaviest_page for r in results]),
        ("heaviest page, MB", [f"{r.stats.heaviest_page_bytes / 1e6:.2f}" for r in results]),
        (
            "search, typed at load, ms",
            [_ms(r.search.cold_ms if r.search else None) for r in results],
        ),
        ("search, index ready, ms", [_ms(r.search.warm_ms if r.search else None) for r in results]),
    ]
    head = ("", [r.size for r in results])
    width = max(len(name) for name, _ in rows)
    cols = [max(len(row[1][i]) for row in [head, *rows]) for i in range(len(results))]
    return "\n".join(
        f"{name:<{width}}  " + "  ".join(f"{v:>{w}}" for v, w in zip(values, cols, strict=True))
        for name, values in [head, *rows]
    )


def targets(results: list[Result]) -> list[str]:
    """Each target the project holds the build to, with PASS or MISS."""
    by = {r.size: r for r in results}
    full_limits = {"real": 2.0, "10k": 4.0}
    lines = []
    for r in results:
        if r.size in full_limits:
            limit = full_limits[r.size]
            ratio = r.full_build_s / r.bare_build_s
            lines.append(_check(f"{r.size}: first build ≤ {limit:g}x a bare build", ratio, limit))
        lines.append(
            _check(
                f"{r.size}: one-question edit ≤ 1.5x a bare build",
                r.edit_build_s / r.bare_build_s,
                1.5,
            )
        )
        lines.append(
            _check(
                f"{r.size}: rebuild with downloads cached ≤ 1.5x a bare build",
                r.warm_build_s / r.bare_build_s,
                1.5,
            )
        )
        if r.editions:
            limit = r.editions * 1.5 * r.bare_build_s
            lines.append(
                _check(
                    f"{r.size}: {r.editions} editions in one run ≤ {r.editions} x 1.5 x bare "
                    f"({limit:.1f} s)",
                    r.editions_s,
                    limit,
                    " s",
                )
            )
    if "1k" in by and "10k" in by:
        ratio = by["10k"].full_build_s / by["1k"].full_build_s
        lines.append(_check("10k build ≤ 10x the 1k build", ratio, 10))
    if "10k" in by and by["10k"].search:
        s = by["10k"].search
        lines.append(_check("10k: first result < 1 s, typed at load", s.cold_ms / 1000, 1, " s"))
        lines.append(_check("10k: first result < 1 s, index ready", s.warm_ms / 1000, 1, " s"))
    return lines


def _check(what: str, value: float, limit: float, unit: str = "x") -> str:
    return f"{'PASS' if value <= limit else 'MISS'}  {what}: {value:.2f}{unit}"


def _pdf(r: Result) -> str:
    return f"{r.pdf_each_ms:.0f} ({r.pdf_each_fresh_ms:.0f})"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true", help="one run of each measure")
    p.add_argument(
        "--sizes", default="real,1k,10k", help="comma-separated: real, 1k (1000), 10k (10000)"
    )
    p.add_argument(
        "--editions",
        type=int,
        default=10,
        help="editions to build in one run, at the real size (0: skip)",
    )
    args = p.parse_args(argv)
    sizes = [ALIASES.get(s, s) for s in args.sizes.split(",")]
    unknown = set(sizes) - set(SIZES)
    if unknown:
        p.error(f"unknown size {', '.join(sorted(unknown))}; choose from {', '.join(SIZES)}")
    with tempfile.TemporaryDirectory(prefix="qbank-bench-") as tmp:
        results = [
            bench(size, Path(tmp) / size, args.quick, args.editions if size == "real" else 0)
            for size in sizes
        ]
    print(table(results))
    print()
    print("\n".join(targets(results)))
    if any(r.search is None for r in results):
        print("Search not timed: /usr/bin/chromium is missing.")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
        "quick": args.quick,
        "results": [asdict(r) for r in results],
        "targets": targets(results),
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(f"\nWrote {RESULTS.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
