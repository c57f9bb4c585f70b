"""The ``qbank`` command: validate, build, serve, pack, new-edition, extract.

Errors become messages and exit codes here, and only here.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from .content.errors import ContentError, Problem
from .content.load import ROOT
from .edition import load_bank
from .site.engines import DEFAULT, ENGINES


def _validate(args: argparse.Namespace) -> int:
    _edition_warnings(args, [args.edition] if args.edition else [])
    bank = load_bank(args.root, args.edition)
    print(
        f"OK: bank {bank.version}: {len(bank.audiences)} audiences, {len(bank.questions)} "
        f"questions, {len(bank.threats)} threats, {len(bank.glossary)} glossary terms, "
        f"{len(bank.notes)} editorial notes."
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    from .site.build import build_site

    _edition_warnings(args, args.editions)
    if args.markdown:
        return _build_markdown(args)
    if len(args.editions) > 1 or args.subfolders:
        return _build_editions(args)
    started = time.perf_counter()
    out = build_site(args.root, Path(args.output), edition=args.edition, engine=args.engine)
    print(f"Built {out} with {args.engine} in {time.perf_counter() - started:.1f} s.")
    return 0


def _build_markdown(args: argparse.Namespace) -> int:
    from .site.build import write_markdown

    if len(args.editions) > 1 or args.subfolders:
        raise ValueError("--markdown writes one tree: give at most one --edition")
    started = time.perf_counter()
    out = write_markdown(args.root, Path(args.markdown), edition=args.edition)
    print(
        f"Wrote the Markdown tree and its config to {out} in "
        f"{time.perf_counter() - started:.1f} s (build it with any engine that reads "
        f"{out / 'mkdocs.yml'}, then finish it with `qbank build`'s post-build step)."
    )
    return 0


def _build_editions(args: argparse.Namespace) -> int:
    from .site.editions import build_editions

    if not args.editions:
        raise ValueError("--subfolders builds editions: name each with --edition DIR")
    started = time.perf_counter()
    outs = build_editions(args.root, Path(args.output), args.editions, engine=args.engine)
    for out in outs:
        print(f"Built {out}.")
    print(f"Built {len(outs)} editions in {time.perf_counter() - started:.1f} s.")
    return 0


def _edition_warnings(args: argparse.Namespace, editions: list[Path]) -> None:
    """Print what each edition's build warns about; with ``--strict``, refuse them.

    Content errors are raised here too, all of them, before anything is built.
    """
    from .content.load import load_national
    from .edition.compose import edition_with_warnings

    if not editions:
        return
    national = load_national(args.root)
    found: list[Problem] = []
    errors: list[Problem] = []  # every edition's, before any is built
    for edition in editions:
        try:
            found += edition_with_warnings(national, edition, args.root)[1]
        except ContentError as exc:
            errors += exc.problems
    if errors:
        raise ContentError(errors)
    if found and args.strict:
        raise ContentError(
            [replace(w, warning=False, hint=f"{w.hint} (--strict refuses warnings)") for w in found]
        )
    for warning in found:
        print(warning, file=sys.stderr)
    if found:
        count = len(found)
        print(
            f"{count} warning{'s' if count != 1 else ''}: the site builds, but check them "
            "before you publish (--strict refuses them).",
            file=sys.stderr,
        )


def _new_edition(args: argparse.Namespace) -> int:
    from .edition.starter import new_edition
    from .site.outdir import check_file_output

    folder: Path = args.folder
    check_file_output(folder / "edition.yml", args.root, what="an edition", allow=("editions",))
    started = new_edition(
        folder, args.council, strategy=args.strategy, logo=args.logo, colour=args.colour or ""
    )
    for warning in started.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Wrote {len(started.written)} files in {folder}:")
    for path in started.written:
        print(f"  {path}")
    if started.drafted:
        print("Drafted from the strategy (each a quote; confirm it in edition.yml):")
        for line in started.drafted:
            print(f"  {line}")
    print("Next:")
    if args.strategy is None:
        print(f"  qbank extract YOUR-STRATEGY.docx -o {folder / 'strategy.txt'}   (or a .pdf)")
    print(
        f"  qbank build -o site-{folder.resolve().name} --edition {folder}\n"
        "Then replace each [REPLACE: ...] in edition.yml: the build lists where they are."
    )
    return 0


def _extract(args: argparse.Namespace) -> int:
    from .edition.extract import extract
    from .site.outdir import check_file_output

    check_file_output(args.output, args.root, what="a document's text", allow=("editions",))
    size, extracted = extract(args.file, args.output, force=args.force)
    for warning in extracted.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Wrote {args.output} ({size:,} characters). Copy each quote from it word for word.")
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
    from datetime import date

    from .content.answers import read_answers_file
    from .content.pack_meeting import PrintedAnswers, choose, last_time
    from .content.views import long_date, parse_date
    from .downloads.pack import check_target, pack_format, write_pack
    from .site.outdir import check_file_output

    fmt = pack_format(Path(args.output), args.format)  # before the slow part: fail fast
    check_file_output(Path(args.output), args.root)
    check_target(Path(args.output), args.force)
    if (args.meeting or args.ticked_only) and not args.answers:
        option = "--meeting" if args.meeting else "--ticked-only"
        raise ValueError(f"{option} needs --answers FILE: the answers file exported from the site")
    when = parse_date(args.date or "")  # a bad date fails before the bank is loaded
    date_text, title = args.date, args.title
    printed = None
    if args.answers:
        file = read_answers_file(args.answers)
        meeting = choose(
            file,
            args.answers.as_posix(),
            named=args.meeting or "",
            body=args.audience,
            date=when.isoformat() if when else "",
        )
        chosen = f"meeting {meeting.id}"
        if meeting.date:  # printed under its own date and title unless told them
            date_text = date_text or meeting.date
            title = title or meeting.title
            chosen += f" ({long_date(date.fromisoformat(meeting.date))})"
        printed = PrintedAnswers(meeting.answers, args.ticked_only, last_time(file, meeting))
    bank = load_bank(args.root, args.edition)
    out = write_pack(
        bank,
        args.audience,
        args.threat,
        date_text,
        fmt,
        Path(args.output),
        title=title,
        printed=printed,
        force=args.force,
    )
    if printed is not None:
        print(f"Wrote {out}: the answers of {chosen}.")
    else:
        print(f"Wrote {out}.")
    return 0


def _notes(args: argparse.Namespace) -> int:
    from datetime import date

    from .content.freshness import report, stale_notes

    if not args.stale:
        raise ValueError("say what to list: qbank notes --stale [--months N] [--edition DIR]")
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        raise ValueError(f"--today must be a date written YYYY-MM-DD, not {args.today!r}") from None
    if args.months < 1:
        raise ValueError(f"--months must be 1 or more, not {args.months}")
    bank = load_bank(args.root, args.edition)  # validates first, as every command does
    due, total = stale_notes(bank, args.root, today=today, months=args.months, edition=args.edition)
    print(report(due, total, today=today, months=args.months))
    return 0  # a report, not a check: a due note is work to do, not a failed build


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


_STRICT = (
    "treat an edition's warnings (placeholders left in, names copied from the example, "
    "no accessibility contact, a brand colour only just dark enough) as errors"
)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qbank", description=__doc__)
    p.add_argument("--root", type=Path, default=ROOT, help="folder holding bank.yml")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every content file and report all errors")
    v.add_argument("--edition", type=Path, help="check a council's local edition folder too")
    v.add_argument("--strict", action="store_true", help=_STRICT)
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
    b.add_argument("--strict", action="store_true", help=_STRICT)
    b.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT,
        help="what turns the Markdown into HTML: MkDocs (the default) or ProperDocs, its "
        "maintained fork (docs/contributing/engines.md)",
    )
    b.add_argument(
        "--markdown",
        metavar="DIR",
        help="write only the generated Markdown tree and its mkdocs.yml into DIR, no HTML",
    )
    b.set_defaults(run=_build, editions=[])
    s = sub.add_parser("serve", help="preview the site, rebuilding when content changes")
    s.add_argument("--edition", type=Path)
    s.add_argument("--address", default="127.0.0.1:8000")
    s.set_defaults(run=_serve)
    n = sub.add_parser("notes", help="report on the editorial notes (--stale: due for checking)")
    n.add_argument(
        "--stale",
        action="store_true",
        help="list notes last checked N months ago or more (3 while proposed or not in force)",
    )
    n.add_argument("--months", type=int, default=6, help="how old a check may be (default 6)")
    n.add_argument("--edition", type=Path, help="include a council's edition notes")
    n.add_argument("--today", help="the date to measure from, YYYY-MM-DD (default: today)")
    n.set_defaults(run=_notes)
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
        help="an answers file exported from the site: ticks its questions, prints its answers "
        "and last time's",
    )
    k.add_argument(
        "--meeting",
        help="the meeting in the answers file to print: its ID, title or date (needed when "
        "the file holds several, unless --date names one of --audience's)",
    )
    k.add_argument(
        "--ticked-only",
        action="store_true",
        help="print only the questions ticked in the meeting, and only their notes",
    )
    k.add_argument("--format", choices=["docx", "pdf"], help="default: from -o's extension")
    k.add_argument("--edition", type=Path, help="a council's local edition folder (contacts)")
    k.add_argument("-o", "--output", required=True, help="FILE.docx or FILE.pdf")
    k.add_argument("--force", action="store_true", help="replace FILE if it exists")
    k.set_defaults(run=_pack)
    n = sub.add_parser(
        "new-edition",
        help="start a council's edition: a commented edition.yml that builds at once",
    )
    n.add_argument("folder", type=Path, help="a new or empty folder (never overwritten)")
    n.add_argument("--council", required=True, help='the council\'s name, e.g. "Exampleshire DC"')
    n.add_argument(
        "--strategy",
        type=Path,
        help="the council's strategy (FILE.docx or FILE.pdf): extracted into strategy.txt, "
        "with its title, sections and first action-plan table drafted into edition.yml",
    )
    n.add_argument("--logo", type=Path, help="the council's logo: an .svg, .png or .jpg file")
    n.add_argument("--colour", help="the header's brand colour, e.g. #1d4f7a")
    n.set_defaults(run=_new_edition)
    x = sub.add_parser(
        "extract",
        help="the plain-text copy of a PDF or Word document that an edition's quotes are "
        "checked against",
    )
    x.add_argument("file", type=Path, help="the council's document: FILE.pdf or FILE.docx")
    x.add_argument("-o", "--output", type=Path, required=True, help="the text file to write")
    x.add_argument("--force", action="store_true", help="replace the text file if it exists")
    x.set_defaults(run=_extract)
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
