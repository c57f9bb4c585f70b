"""Build the site with MkDocs into a temporary folder and swap it into place on success.

A failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ..content.errors import CONTENT_ERRORS_LOGGED, ContentError
from . import councils
from .outdir import check_output, make_temporary, old_name, remove_stale, write_marker


@contextmanager
def _edition_env(edition: Path | None) -> Iterator[None]:
    # The hook reads the edition from the environment so plain `mkdocs serve` can use it too.
    old = os.environ.get("QBANK_EDITION")
    if edition is not None:
        if not edition.is_dir():
            raise OSError(f"edition folder {edition} does not exist")
        os.environ["QBANK_EDITION"] = str(edition.resolve())
    else:
        os.environ.pop("QBANK_EDITION", None)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("QBANK_EDITION", None)
        else:
            os.environ["QBANK_EDITION"] = old


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_qbank", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._qbank = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(root: Path, out: Path, edition: Path | None = None) -> Path:
    """Build into ``out`` atomically: the old site stays until the new one is complete.

    ``out`` must be absent, empty or an earlier build (see :mod:`.outdir`); anything else
    raises :class:`~.outdir.UnsafeOutput` before anything is touched.
    """
    check_output(out, root, edition)
    _log_to_stderr()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    tmp = make_temporary(out)
    try:
        with _edition_env(edition), _content_errors_unlogged():
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp), strict=True)
            mkdocs_build.build(config)
        if edition is not None:
            councils.check(root, tmp, edition)
        write_marker(tmp)
    except (Abort, MkDocsException) as exc:
        with _interrupts_held():
            shutil.rmtree(tmp, ignore_errors=True)
        cause: BaseException | None = exc
        while cause is not None:  # content errors reach us wrapped in MkDocs' own
            if isinstance(cause, ContentError):
                raise cause from None
            cause = cause.__cause__ or cause.__context__
        raise OSError(f"the site did not build, so {out} was left as it was: {exc}") from None
    except BaseException:
        with _interrupts_held():
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    # Ctrl-C waits for the swap, so the folder always holds a whole site, old or new.
    with _interrupts_held():
        old = old_name(out)
        if out.exists():
            out.rename(old)
        try:
            tmp.rename(out)
        except OSError:
            if old.exists():
                old.rename(out)
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        shutil.rmtree(old, ignore_errors=True)
    return out


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done, then raise it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
        if caught:
            raise KeyboardInterrupt


class _DropContentErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            record.levelno >= logging.ERROR
            and record.getMessage().startswith(CONTENT_ERRORS_LOGGED)
        )


@contextmanager
def _content_errors_unlogged() -> Iterator[None]:
    """MkDocs logs a plugin's error before it aborts; the CLI prints content errors itself,
    so without this every error would be printed twice."""
    logger = logging.getLogger("mkdocs.commands.build")
    drop = _DropContentErrors()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def serve(root: Path, edition: Path | None = None, address: str = "127.0.0.1:8000") -> None:
    """Preview with live reload; content and template changes rebuild (mkdocs.yml ``watch``)."""
    _log_to_stderr()
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    with _edition_env(edition):
        mkdocs_serve.serve(str(root / "mkdocs.yml"), dev_addr=address)
