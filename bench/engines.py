"""Zensical measured against MkDocs: the same generated Markdown tree, built by both, page by page.

    .venv/bin/python bench/engines.py [--zensical PATH] [--edition DIR]

Zensical (the successor Material's team names for after Material's end of life) reads
``mkdocs.yml`` but runs no hooks, so it is handed the finished tree (``qbank build
--markdown``) with ``theme.variant: classic``. Prints Markdown tables: each page (is it there,
are its title, headings, text and element IDs the same as MkDocs'), then what the site needs
beyond the pages (search, search from ``file://``, the page security policy, downloads), for
Zensical's output as it comes and after our own post-build step. The table in
``docs/contributing/engines.md`` is this script's output.

Zensical is found from ``--zensical``, then ``$QBANK_ZENSICAL``, then ``zensical`` on the
PATH; without it the script says so and exits 3 (install it in a virtual environment of its
own: ``pip install zensical``, then ``--zensical that-env/bin/zensical``).
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: import the generator from the repository
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from generator.edition import load_bank  # noqa: E402
from generator.site.build import build_site, write_markdown  # noqa: E402
from generator.site.postbuild import CSP_PLACEHOLDER, finish_site  # noqa: E402

NOT_FOUND = 3
_ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r"\sid=\"([^\"]*)\"")
_TAG = re.compile(r"<[^>]+>")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_CSP = re.compile(r'http-equiv="Content-Security-Policy" content="([^"]*)"')


def find_zensical(given: str | None) -> str | None:
    for candidate in (given, os.environ.get("QBANK_ZENSICAL"), shutil.which("zensical")):
        if candidate and Path(candidate).is_file():
            return str(Path(candidate).resolve())
    return None


def zensical_version(zensical: str) -> str:
    done = subprocess.run([zensical, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip().rsplit(" ", 1)[-1] or "unknown"


def build_zensical(zensical: str, tree: Path) -> tuple[Path, float]:
    """Build ``tree`` with Zensical (classic look, no hooks); its site lands inside the tree,
    which is the only place Zensical accepts."""
    config = yaml.safe_load((tree / "mkdocs.yml").read_text("utf-8"))
    config.pop("hooks", None)
    config["theme"]["variant"] = "classic"
    config["site_dir"] = "zensical-site"
    (tree / "zensical.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    started = time.perf_counter()
    done = subprocess.run(
        [zensical, "build", "--clean", "-f", "zensical.yml"],
        cwd=tree, capture_output=True, text=True, check=False,
    )  # fmt: skip
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"Zensical failed:\n{done.stdout}\n{done.stderr}")
    return tree / "zensical-site", took


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


@dataclass
class Page:
    title: str
    headings: list[tuple[str, str]]
    text: str
    ids: set[str]

    @classmethod
    def read(cls, path: Path) -> Page:
        page = path.read_text("utf-8")
        found = _ARTICLE.search(page)
        article = _PERMALINK.sub("", found.group(0)) if found else ""
        title = _TITLE.search(page)
        return cls(
            title=_text(title.group(1)) if title else "",
            headings=[(m.group(2) or "", _text(m.group(3))) for m in _HEADING.finditer(article)],
            text=_text(article),
            ids=set(_ID.findall(article)),
        )


def compare_pages(mkdocs: Path, zensical: Path) -> list[dict[str, str]]:
    rows = []
    for path in sorted(mkdocs.rglob("*.html")):
        name = path.relative_to(mkdocs).as_posix()
        other = zensical / name
        if not other.is_file():
            rows.append({"page": name, "present": "no"})
            continue
        a, b = Page.read(path), Page.read(other)
        rows.append(
            {
                "page": name,
                "present": "yes",
                "title": "same" if a.title == b.title else f"differs: {b.title[:40]!r}",
                "headings": "same" if a.headings == b.headings else _heading_note(a, b),
                "text": "same" if a.text == b.text else _text_note(a.text, b.text),
                "ids": "same" if a.ids <= b.ids else _id_note(a.ids, b.ids),
            }
        )
    return rows


def _id_note(a: set[str], b: set[str]) -> str:
    return f"{len(a - b)} missing (e.g. {sorted(a - b)[0]!r})"


def _heading_note(a: Page, b: Page) -> str:
    if [t for _, t in a.headings] == [t for _, t in b.headings]:
        lost = {x for h in a.headings for x in h[0].split()} - {
            x for h in b.headings for x in h[0].split()
        }
        return "same text; attributes lost: " + ", ".join(sorted(lost))
    return f"{len(a.headings)} vs {len(b.headings)}"


def _text_note(a: str, b: str) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return f"differs at {at}: {a[at : at + 24]!r} / {b[at : at + 24]!r}"


def _policy(site: Path) -> str:
    page = (site / "index.html").read_text("utf-8")
    found = _CSP.search(page)
    if found is None:
        return "none"
    if found.group(1) == CSP_PLACEHOLDER:
        return "placeholder left unfilled: no policy in force"
    hashes = found.group(1).count("'sha256-")
    return f"filled: {hashes} script hashes on the home page"


def _search(site: Path) -> tuple[str, str]:
    for index, offline in (
        (site / "search" / "search_index.json", site / "search" / "search_index.js"),
        (site / "search.json", site / "search.js"),
    ):
        if index.is_file():
            data = json.loads(index.read_text("utf-8"))
            entries = len(data.get("docs") or data.get("items") or [])
            name = index.relative_to(site).as_posix()
            script = offline.is_file() and offline.read_text("utf-8").startswith("var __index")
            return f"{name}: {entries} entries", "yes (index as a script)" if script else "no"
    return "none", "no"


def features(mkdocs: Path, zensical: Path, finished: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    sites = (mkdocs, zensical, finished)
    rows.append(("search index", *(_search(s)[0] for s in sites)))
    rows.append(("index as a script, for file:// (static check)", *(_search(s)[1] for s in sites)))
    rows.append(("page security policy", *(_policy(s) for s in sites)))

    def count(site: Path, pattern: str) -> str:
        return str(sum(p.read_text("utf-8").count(pattern) for p in site.rglob("*.html")))

    rows.append(("focusable abbreviations", *(count(s, '<abbr tabindex="0"') for s in sites)))
    downloads = [len(list((s / "downloads").rglob("*.*"))) for s in sites]
    rows.append(("download files", *(str(n) for n in downloads)))
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r).replace("\n", " ") + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zensical", help="the zensical command (default: $QBANK_ZENSICAL, PATH)")
    parser.add_argument("--edition", type=Path, help="a council's edition folder")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    zensical = find_zensical(args.zensical)
    if zensical is None:
        print("Zensical is not installed: pip install zensical (in a venv of its own), then")
        print("run with --zensical that-venv/bin/zensical or set QBANK_ZENSICAL.")
        return NOT_FOUND
    with tempfile.TemporaryDirectory(prefix="qbank-engines-") as work:
        base = Path(work)
        started = time.perf_counter()
        mkdocs = build_site(ROOT, base / "mkdocs", edition=args.edition)
        mkdocs_time = time.perf_counter() - started
        properdocs_time = None
        if importlib.util.find_spec("properdocs") is not None:
            started = time.perf_counter()
            build_site(ROOT, base / "properdocs", edition=args.edition, engine="properdocs")
            properdocs_time = time.perf_counter() - started
        started = time.perf_counter()
        tree = write_markdown(ROOT, base / "tree", edition=args.edition)
        tree_time = time.perf_counter() - started
        zensical_site, zensical_time = build_zensical(zensical, tree)
        finished = base / "zensical-finished"
        shutil.copytree(zensical_site, finished)
        finish_site(finished, load_bank(ROOT, args.edition.resolve() if args.edition else None))
        pages = compare_pages(mkdocs, zensical_site)
        extra = features(mkdocs, zensical_site, finished)
        only_zensical = sorted(
            p.relative_to(zensical_site).as_posix()
            for p in zensical_site.rglob("*.html")
            if not (mkdocs / p.relative_to(zensical_site)).is_file()
        )
    version = zensical_version(zensical)
    keys = ["page", "present", "title", "headings", "text", "ids"]
    print(f"Zensical {version} (theme.variant: classic) against MkDocs 1.6.1 + Material 9.8.1\n")
    pd = f"{properdocs_time:.1f} s" if properdocs_time is not None else "not installed"
    print("Build times (whole build: tree, engine and post-build, downloads cached):")
    print(f"MkDocs {mkdocs_time:.1f} s; ProperDocs {pd}; Markdown tree alone {tree_time:.1f} s;")
    print(f"Zensical on the tree {zensical_time:.1f} s (its own cache cleared).\n")
    same = [r for r in pages if all(r.get(k) in ("yes", "same") for k in keys[1:])]
    print(f"{len(same)} of {len(pages)} pages the same in title, headings, text and IDs.\n")
    print(table(keys, [[r.get(k, "") for k in keys] for r in pages]))
    print(f"\nPages only Zensical made: {', '.join(only_zensical) or 'none'}.\n")
    print(
        table(
            ["", "MkDocs", "Zensical as built", "Zensical + our post-build"],
            [list(r) for r in extra],
        )
    )
    if args.json:
        figures = {
            "zensical": version,
            "seconds": {
                "mkdocs": mkdocs_time,
                "properdocs": properdocs_time,
                "tree": tree_time,
                "zensical": zensical_time,
            },
            "pages": pages,
            "features": extra,
            "only_zensical": only_zensical,
        }
        args.json.write_text(json.dumps(figures, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
