"""Search at load and index size, this checkout beside another commit, at each bank size.

    .venv/bin/python bench/search_compare.py [--before 6b262f2] [--after COMMIT]
        [--sizes real,1k,10k] [--runs 7]

Each side is built from its own tree (the other commit from a temporary ``git worktree``) at
the real size and at 1,000 and 10,000 questions (bench/synth.py), then each built site is
timed the way bench/search_latency.py times it: the first result of a query typed the moment
the page has loaded, from ``file://``, in a fresh page. The runs alternate between the two
sides and the sizes, so a shared, noisy machine weighs on both alike; the table gives the
median of the runs and their spread (lowest to highest). Compare the two columns of one run;
re-run on an idle machine for figures to quote.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: import bench and tests from the repository
    sys.path.insert(0, str(ROOT))

from bench.search_latency import CLEAR, EMPTY, TIME_QUERY  # noqa: E402
from tests.browser.pages import CHROMIUM, FLAGS  # noqa: E402

SIZES = {"real": 0, "1k": 1_000, "10k": 10_000}
ALIASES = {"1000": "1k", "10000": "10k"}

# Run in the tree being built, so that its own generator, templates and scripts make the site.
BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
if __name__ == "__main__":
    from bench.synth import make_bank
    from generator.site.build import build_site
    from tests.conftest import copy_bank
    work, size = Path(sys.argv[2]), int(sys.argv[3])
    root = make_bank(work / "bank", size) if size else copy_bank(work / "bank")
    build_site(root, work / "site")
"""


def build(tree: Path, work: Path, questions: int) -> Path:
    """The site of ``tree`` at ``questions`` questions (0: the real bank), built in ``work``."""
    script = work / "build.py"
    work.mkdir(parents=True, exist_ok=True)
    script.write_text(BUILD, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, str(script), str(tree), str(work), str(questions)],
        cwd=tree,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return work / "site"


def worktree(commit: str, where: Path) -> Path:
    """A checkout of ``commit`` at ``where``, sharing this checkout's npm packages."""
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), commit],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    (where / "node_modules").symlink_to(ROOT / "node_modules")
    return where


def time_search(
    sites: dict[tuple[str, str], Path], runs: int
) -> dict[tuple[str, str], list[float]]:
    """Milliseconds to the first result typed at load, ``runs`` times for each site, the
    sites taken in turn within each run."""
    from playwright.sync_api import sync_playwright

    times: dict[tuple[str, str], list[float]] = {key: [] for key in sites}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for run in range(runs):
            order = list(sites.items())
            if run % 2:  # alternate which side goes first
                order.reverse()
            for key, site in order:
                page = context.new_page()
                page.goto((site / "index.html").as_uri(), wait_until="load")
                times[key].append(page.evaluate(TIME_QUERY, "proceeds of crime"))
                page.evaluate(CLEAR)
                page.wait_for_function(EMPTY)
                page.close()
            print(f"run {run + 1}/{runs}", file=sys.stderr, flush=True)
        browser.close()
    return times


def table(
    sizes: list[str],
    sides: list[str],
    times: dict[tuple[str, str], list[float]],
    bytes_: dict[tuple[str, str], int],
) -> str:
    head = ["", *(f"{size} {side}" for size in sizes for side in sides)]
    rows = [
        ["search index, MB", *(f"{bytes_[s, d] / 1e6:.2f}" for s in sizes for d in sides)],
        [
            "typed at load, median ms",
            *(f"{statistics.median(times[s, d]):.0f}" for s in sizes for d in sides),
        ],
        [
            "typed at load, spread ms",
            *(f"{min(times[s, d]):.0f} to {max(times[s, d]):.0f}" for s in sizes for d in sides),
        ],
    ]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    return "\n".join(
        "  ".join(
            v.ljust(w) if i == 0 else v.rjust(w)
            for i, (v, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in [head, *rows]
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--before", default="6b262f2", help="the commit to compare with")
    p.add_argument("--after", default="", help="a commit to compare (default: this checkout)")
    p.add_argument("--sizes", default="real,1k,10k", help="comma-separated: real, 1k, 10k")
    p.add_argument("--runs", type=int, default=7, help="timed page loads per site")
    args = p.parse_args(argv)
    sizes = [ALIASES.get(s, s) for s in args.sizes.split(",")]
    unknown = set(sizes) - set(SIZES)
    if unknown:
        p.error(f"unknown size {', '.join(sorted(unknown))}; choose from {', '.join(SIZES)}")
    if not CHROMIUM.is_file():
        print(f"Search not timed: {CHROMIUM} is missing.")
        return 1
    sides = ["before", "after"]
    with tempfile.TemporaryDirectory(prefix="qbank-search-") as tmp:
        work = Path(tmp)
        trees = {"before": worktree(args.before, work / "before-tree"), "after": ROOT}
        if args.after:
            trees["after"] = worktree(args.after, work / "after-tree")
        try:
            sites = {}
            for size in sizes:
                for side in sides:
                    print(f"building {size} {side} …", file=sys.stderr, flush=True)
                    sites[size, side] = build(trees[side], work / f"{size}-{side}", SIZES[size])
            bytes_ = {
                key: (site / "search" / "search_index.json").stat().st_size
                for key, site in sites.items()
            }
            load = os.getloadavg()[0]
            times = time_search(sites, args.runs)
            load = max(load, os.getloadavg()[0])
        finally:
            for tree in trees.values():
                if tree != ROOT:
                    subprocess.run(
                        ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                        check=False,
                    )
    after = args.after or "this checkout"
    print(f"before: {args.before}; after: {after}; {args.runs} runs each, from file://")
    print(table(sizes, sides, times, bytes_))
    print(f"load average while timed: up to {load:.1f} on {os.cpu_count()} processors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
