"""Meeting packs (``qbank pack``): one audience's checklist, the local contacts and the chosen
threat briefings in one Word or PDF document, built with the same builders as the downloads.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from ..content import views as c
from ..content.model import Audience, Bank, Threat
from ..content.pack_meeting import PrintedAnswers
from .docx import checklist_docx
from .pdf import checklist_pdf

PackWriter = Callable[[Bank, Audience, tuple[Threat, ...], c.Meeting, PrintedAnswers | None], bytes]


def footer_parts(m: c.Meeting) -> list[str]:
    """What every page's footer names after the council: the body, meeting and date."""
    return [part for part in (m.committee, m.title, m.date_text) if part]


def _docx(
    bank: Bank,
    audience: Audience,
    threats: tuple[Threat, ...],
    m: c.Meeting,
    printed: PrintedAnswers | None,
) -> bytes:
    footer = " · ".join(footer_parts(m))  # the Word footer adds the council
    word = checklist_docx(bank, audience, m, contacts=True, printed=printed, footer=footer)
    for threat in threats:
        word.threat(threat, questions=bank.questions_on(threat.id))
    return word.to_bytes()


def _pdf(
    bank: Bank,
    audience: Audience,
    threats: tuple[Threat, ...],
    m: c.Meeting,
    printed: PrintedAnswers | None,
) -> bytes:
    return checklist_pdf(
        bank,
        audience,
        m,
        threats,
        contacts=True,
        identifier=f"pack/{audience.id}",
        printed=printed,
        threat_questions=True,
        footer=" · ".join([p for p in [m.council, *footer_parts(m)] if p]),
    )


FORMATS: dict[str, PackWriter] = {"docx": _docx, "pdf": _pdf}


def _unknown(kind: str, wanted: Sequence[str], valid: Sequence[str]) -> list[str]:
    unknown = [w for w in wanted if w not in valid]
    if not unknown:
        return []
    names = ", ".join(repr(u) for u in unknown)
    plural = "s" if len(unknown) > 1 else ""
    return [f"unknown {kind} id{plural} {names}: choose from {', '.join(valid)}"]


def make_pack(
    bank: Bank,
    audience_id: str,
    threat_ids: Sequence[str],
    date: str = "",
    fmt: str = "docx",
    title: str = "",
    printed: PrintedAnswers | None = None,
) -> bytes:
    """The pack's bytes. Unknown ids, formats or a bad date raise ValueError naming the fix.

    ``printed`` (from an answers file) ticks the chosen questions and prints their answers,
    last time's, and with ``ticked_only`` only the ticked questions.
    """
    problems = _unknown("audience", [audience_id], [a.id for a in bank.audiences])
    problems += _unknown("threat", threat_ids, [t.id for t in bank.threats])
    problems += _unknown("pack format", [fmt], list(FORMATS))
    if problems:
        raise ValueError("; ".join(problems))
    audience = bank.audience(audience_id)
    # Each threat once, in the order asked for.
    threats = tuple(bank.threat(t) for t in dict.fromkeys(threat_ids))
    if any(t.priority_rank for t in bank.threats):  # a local edition's priorities set the order
        order = {t.id: i for i, t in enumerate(bank.threats)}
        threats = tuple(sorted(threats, key=lambda t: order[t.id]))
    when, title = c.parse_date(date), c.meeting_title(title)
    meeting = c.Meeting(bank.edition.council, audience.name, when, title)
    if printed and printed.ticked_only and not printed.questions(audience):
        raise ValueError(
            f"--ticked-only: no {audience.name} question is ticked in the meeting chosen, so "
            "the pack would hold none\n"
            "    hint: leave out --ticked-only to print them all, or choose another meeting"
        )
    return FORMATS[fmt](bank, audience, threats, meeting, printed)


def pack_format(out_path: Path, requested: str | None = None) -> str:
    """The pack's format, from the output file's extension; ``requested`` (``--format``), if
    given, must agree with it. Raises ValueError naming the fix."""
    ext = out_path.suffix.lower().removeprefix(".")
    names = " or ".join(f".{f}" for f in FORMATS)
    if ext not in FORMATS:
        raise ValueError(f"a meeting pack's file name must end in {names}, not {out_path.name!r}")
    if requested is not None and requested != ext:
        raise ValueError(
            f"--format {requested} does not match the file name {out_path.name!r}: "
            f"name the file .{requested}, or leave out --format"
        )
    return ext


def check_target(out_path: Path, force: bool = False) -> None:
    """Raise ValueError unless a pack may be written to ``out_path``: never through a
    symbolic link, and over an existing file only when ``force`` says so."""
    if out_path.is_symlink():
        raise ValueError(
            f"refusing to write the pack to {out_path}: it is a symbolic link, which a pack "
            "never writes through (even with --force)\n"
            "    hint: give the path of a real file, or remove the link first"
        )
    if out_path.exists() and not out_path.is_file():
        raise ValueError(f"refusing to write the pack to {out_path}: it is not a file")
    if out_path.exists() and not force:
        raise ValueError(
            f"{out_path} already exists; the pack was not written\n"
            "    hint: give another name, or --force to replace the file"
        )


def _replace_with(out_path: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``out_path`` and rename it into place: a link
    put at ``out_path`` meanwhile is replaced, not followed, and an interrupted write
    leaves the old file whole."""
    fd, name = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.name}-", suffix=".part")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)  # as an ordinary new file, not mkstemp's 0600
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_pack(
    bank: Bank,
    audience_id: str,
    threat_ids: Sequence[str],
    date: str,
    fmt: str,
    out_path: Path,
    title: str = "",
    printed: PrintedAnswers | None = None,
    force: bool = False,
) -> Path:
    """Write a meeting pack to ``out_path`` and return it (see :func:`check_target`)."""
    check_target(out_path, force)
    data = make_pack(bank, audience_id, threat_ids, date, fmt, title, printed)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    check_target(out_path, force)  # again: the pack took a while, and the folder may change
    _replace_with(out_path, data)
    return out_path
