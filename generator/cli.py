"""The ``qbank`` command: validate, build, serve, pack.

Errors become messages and exit codes here, and only here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .content.errors import ContentError
from .content.load import ROOT
from .edition import load_bank


def _validate(args: argparse.Namespace) -> int:
    bank = load_bank(args.root, args.edition)
    print(
        f"OK: bank {bank.version}: {len(bank.audiences)} audiences, {len(bank.questions)} "
        f"questions, {len(bank.threats)} threats, {len(bank.glossary)} glossary terms, "
        f"{len(bank.notes)} editorial notes."
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    from .site.build import build_site

    if len(args.editions) > 1 or args.subfolders:
        return _build_editions(args)
    started = time.perf_counter()
    out = build_site(args.root, Path(args.output), edition=args.edition)
    print(f"Built {out} in {time.perf_counter() - started:.1f} s.")
    return 0


def _build_editions(args: argparse.Namespace) -> int:
    from .site.editions import build_editions

    if not args.editions:
        raise ValueError("--subfolders builds editions: name each with --edition DIR")
    started = time.perf_counter()
    outs = build_editions(args.root, Path(args.output), args.editions)
    for out in outs:
        print(f"Built {out}.")
    print(f"Built {len(outs)} editions in {time.perf_counter() - started:.1f} s.")
    return 0


class _Editions(argparse.Action):
    """``--edition`` may be repeated: ``edition`` keeps the first, ``editions`` all of them."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        namespace.editions = [*namespace.editions, values]
        if namespace.edition is None:
            namespace.edition = values


def _serve(args: argparse.Namespace) -> int:
    from .site.build import serve

    load_bank(args.root)  # fail with content errors before the server starts
    serve(args.root, edition=args.edition, address=args.address)
    return 0


def _pack(args: argparse.Namespace) -> int:
    from .content.answers import read_answers
    from .downloads.pack import check_target, pack_format, write_pack
    from .site.outdir import check_file_output

    fmt = pack_format(Path(args.output), args.format)  # before the slow part: fail fast
    check_file_output(Path(args.output), args.root)
    check_target(Path(args.output), args.force)
    bank = load_bank(args.root, args.edition)
    answers = read_answers(args.answers) if args.answers else None
    out = write_pack(
        bank,
        args.audience,
        args.threat,
        args.date,
        fmt,
        Path(args.output),
        title=args.title,
        answers=answers,
        force=args.force,
    )
    print(f"Wrote {out}.")
    return 0


def pack_codes(root: Path, edition: Path | None = None) -> str:
    """The body and threat codes ``qbank pack`` takes, as its ``--help`` lists them."""
    try:
        bank = load_bank(root, edition)
    except (ContentError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"(The codes could not be read from {root}: {first}. Run `qbank validate`.)"
    width = max(len(i) for i in [*(a.id for a in bank.audiences), *(t.id for t in bank.threats)])
    lines = ["bodies (--audience):"]
    lines += [f"  {a.id:<{width}}  {a.name}" for a in bank.audiences]
    lines += ["", "threats (--threat, repeat for more):"]
    lines += [f"  {t.id:<{width}}  {t.name}" for t in bank.threats]
    lines += [
        "",
        "example: qbank pack --audience osc --threat firearms --threat economic \\",
        '           --date "3 December 2026" --answers my-answers.json -o pack.docx',
    ]
    return "\n".join(lines)


class _PackHelp(argparse.Action):
    """``qbank pack --help``: the usual help, then the codes, read from the bank only when asked."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        parser.epilog = pack_codes(getattr(namespace, "root", ROOT) or ROOT)
        parser.print_help()
        parser.exit()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qbank", description=__doc__)
    p.add_argument("--root", type=Path, default=ROOT, help="folder holding bank.yml")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every content file and report all errors")
    v.add_argument("--edition", type=Path, help="check a council's local edition folder too")
    v.set_defaults(run=_validate)
    b = sub.add_parser("build", help="validate and build the static site")
    b.add_argument("-o", "--output", default="site", help="site folder (replaced on success)")
    b.add_argument(
        "--edition",
        type=Path,
        action=_Editions,
        help="a council's local edition folder; repeat it to build each into DIR/<folder name>",
    )
    b.add_argument(
        "--subfolders",
        action="store_true",
        help="build even one --edition into DIR/<folder name> (as `make editions` does)",
    )
    b.set_defaults(run=_build, editions=[])
    s = sub.add_parser("serve", help="preview the site, rebuilding when content changes")
    s.add_argument("--edition", type=Path)
    s.add_argument("--address", default="127.0.0.1:8000")
    s.set_defaults(run=_serve)
    k = sub.add_parser(
        "pack",
        help="a meeting pack: one checklist with chosen threat briefings",
        add_help=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    k.add_argument(
        "-h", "--help", action=_PackHelp, nargs=0, help="show this help with the codes, and exit"
    )
    k.add_argument("--audience", "--body", required=True, help="body code, e.g. pcp (see below)")
    k.add_argument("--threat", action="append", default=[], help="threat code; repeat for more")
    k.add_argument(
        "--date",
        default="",
        help='meeting date: "3 December 2026", 3/12/2026 (day/month/year) or 2026-12-03',
    )
    k.add_argument("--title", default="", help="the meeting's title, printed with the date")
    k.add_argument(
        "--answers",
        type=Path,
        help="an answers file exported from the site: ticks its questions, prints its answers",
    )
    k.add_argument("--format", choices=["docx", "pdf"], help="default: from -o's extension")
    k.add_argument("--edition", type=Path, help="a council's local edition folder (contacts)")
    k.add_argument("-o", "--output", required=True, help="FILE.docx or FILE.pdf")
    k.add_argument("--force", action="store_true", help="replace FILE if it exists")
    k.set_defaults(run=_pack)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except (ValueError, OSError) as exc:
        print(f"qbank: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("qbank: interrupted; no half-written output was left behind.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
