"""Where a build may write: an output folder is replaced whole, so it must be safe to lose.

A build's output folder is absent, empty, or an earlier build, which says so with a marker
file. Anything else (the project, its content folders, an edition, a file, someone's papers)
is refused before anything is touched. Folders left by an interrupted build are recognised
by their names and by the marker each carries from the moment it is made, and removed by the
next one; a folder that only looks like one (``.site-old-mybackup``) is someone's, and kept.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

MARKER = ".qbank-site"
MARKER_TEXT = (
    "This folder was made by `qbank build`. The next build into it replaces it whole:\n"
    "keep nothing else here.\n"
)
# Folders of a project whose loss would destroy work (a build into them, or inside them,
# would also feed the built site back into the next build).
PROTECTED = (
    "questions", "threats", "docs", "templates", "schema", "generator", "editions", "tests",
    "bench", "overrides", ".git", ".venv", "node_modules", ".cache", ".ci",
)  # fmt: skip
CODE_ROOT = Path(__file__).resolve().parents[2]


class UnsafeOutput(ValueError):
    """The output folder named for a build cannot be replaced without destroying work."""


def _refuse(out: Path, why: str) -> UnsafeOutput:
    return UnsafeOutput(
        f"refusing to build into {out}: {why}.\n"
        "    hint: a build replaces its output folder whole; give a new or empty folder, "
        "or an earlier build's (the default is site/)"
    )


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def check_output(out: Path, root: Path, edition: Path | None = None) -> None:
    """Raise :class:`UnsafeOutput` unless ``out`` may be replaced by a build of ``root``."""
    target = out.resolve()
    projects = dict.fromkeys([root.resolve(), CODE_ROOT])
    for project in projects:
        if _inside(project, target):
            what = "it is" if project == target else "it holds"
            raise _refuse(out, f"{what} the project folder {project}")
        for name in PROTECTED:
            folder = project / name
            if _inside(target, folder):
                where = "is" if target == folder else "is inside"
                raise _refuse(out, f"it {where} the project's {name}/ folder")
    if edition is not None:
        folder = edition.resolve()
        if _inside(target, folder) or _inside(folder, target):
            raise _refuse(out, f"it is, holds or is inside the edition folder {edition}")
    existing = next(p for p in (target, *target.parents) if p.exists())
    if not existing.is_dir():
        what = "it is" if existing == target else f"{existing} is"
        raise _refuse(out, f"{what} a file, not a folder")
    if existing == target and any(target.iterdir()) and not (target / MARKER).is_file():
        raise _refuse(
            out,
            f"the folder is not empty and holds no {MARKER} file, so it is not an earlier "
            "build (a site built before builds were marked must be deleted by hand, once)",
        )


# Folders whose files the next build copies into the site: MkDocs' docs_dir, and the
# theme's custom_dir (its non-template files are copied too).
PUBLISHED = ("docs", "overrides")


def check_file_output(
    path: Path, root: Path, what: str = "a pack", allow: tuple[str, ...] = ()
) -> None:
    """Raise :class:`UnsafeOutput` if ``what`` written to ``path`` (a meeting pack, a
    document's text, an edition) would land in one of the project's own folders: in
    ``docs/`` or ``overrides/`` the next build would publish it. The folders in ``allow``
    are where it belongs (``editions/`` for an edition and its text)."""
    # The folder as it really is (a link to docs/ is docs/); the file itself is not followed.
    target = path.absolute().parent.resolve() / path.name
    for project in dict.fromkeys([root.resolve(), CODE_ROOT]):
        for name in PROTECTED:
            folder = project / name
            if name not in allow and _inside(target, folder):
                why = (
                    "the next build would publish it on the site, notes included"
                    if name in PUBLISHED
                    else f"{what} does not belong among the project's own files"
                )
                raise UnsafeOutput(
                    f"refusing to write {path}: it is inside the project's {name}/ folder, "
                    f"and {why}.\n    hint: write it outside the project"
                    + (f", or in {allow[0]}/" if allow else ", or beside bank.yml")
                )


def write_marker(folder: Path) -> None:
    """Mark ``folder`` as a build, which the next build may replace."""
    (folder / MARKER).write_text(MARKER_TEXT, "utf-8")


def is_build(folder: Path) -> bool:
    """Whether ``folder`` is a real folder (not a link) that a build made and marked."""
    marker = folder / MARKER
    return (
        folder.is_dir()
        and not folder.is_symlink()
        and marker.is_file()
        and not marker.is_symlink()
    )


def make_temporary(out: Path) -> Path:
    """A new folder beside ``out`` to build into, named for this process and marked at once.

    The marker is what lets a later build remove the folder if this one is interrupted
    (MkDocs leaves hidden files in its output folder alone). Made with the usual mode (0755
    under umask 022), so a web server running as another user can read the site once it is
    moved into place.
    """
    while True:
        tmp = out.with_name(f".{out.name}-building-{os.getpid()}-{secrets.token_hex(4)}")
        try:
            tmp.mkdir()
        except FileExistsError:
            continue
        write_marker(tmp)
        return tmp


def old_name(out: Path) -> Path:
    """Where the previous build waits while the new one takes its place."""
    return out.with_name(f".{out.name}-old-{os.getpid()}-{secrets.token_hex(4)}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process builds one site at a time: an own folder is a leftover
    if os.name != "posix":
        return True  # no safe way to ask elsewhere: keep it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OverflowError:
        return False
    return True


def remove_stale(out: Path) -> list[Path]:
    """Remove what interrupted builds into ``out`` left beside it; return what was removed.

    Only folders named as a build names them *and* carrying the build marker are removed:
    ``.site-old-mybackup/`` or a file called ``.site-building-notes`` is someone's work. A
    folder named for a process that is still running is another build at work: kept.
    """
    pattern = re.compile(rf"\.{re.escape(out.name)}-(?:building|old)-(?:(\d+)(?:-[0-9a-f]+)?|.*)")
    removed: list[Path] = []
    if not out.parent.is_dir():
        return removed
    for path in out.parent.iterdir():
        match = pattern.fullmatch(path.name)
        if match is None or (match.group(1) and _alive(int(match.group(1)))):
            continue
        if is_build(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
