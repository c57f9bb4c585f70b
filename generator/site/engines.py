"""The engines that turn the generator's Markdown tree into HTML: the replaceable last stage.

Each takes a tree's config (``tree.py``) and the folder to build into, and raises
:class:`EngineFailed` when it could not build. The default is MkDocs with Material, run in
this process. ProperDocs, the maintained fork of MkDocs 1.6, runs as a command of its own:
once imported it answers every ``mkdocs`` import in the process, so it never shares one
with MkDocs. Install it with ``pip install -e '.[properdocs]'`` (``make install`` does).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..content.errors import CONTENT_ERRORS_LOGGED, ContentError

DEFAULT = "mkdocs"


class EngineFailed(OSError):
    """The engine did not build the site."""


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_qbank", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._qbank = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


class _DropContentErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            record.levelno >= logging.ERROR
            and record.getMessage().startswith(CONTENT_ERRORS_LOGGED)
        )


@contextmanager
def content_errors_unlogged() -> Iterator[None]:
    """MkDocs logs a plugin's error before it aborts; the CLI prints content errors itself,
    so without this every error would be printed twice."""
    logger = logging.getLogger("mkdocs.commands.build")
    drop = _DropContentErrors()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def mkdocs(config_file: Path, site: Path) -> None:
    """MkDocs 1.6 with Material, in this process."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    _log_to_stderr()
    try:
        with content_errors_unlogged():
            config = load_config(str(config_file), site_dir=str(site), strict=True)
            build.build(config)
    except (Abort, MkDocsException) as exc:
        cause: BaseException | None = exc
        while cause is not None:  # content errors reach us wrapped in MkDocs' own
            if isinstance(cause, ContentError):
                raise cause from None
            cause = cause.__cause__ or cause.__context__
        raise EngineFailed(f"MkDocs: {exc}") from None


def properdocs(config_file: Path, site: Path) -> None:
    """ProperDocs (the maintained fork of MkDocs 1.6) with Material, as its own process."""
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "--quiet"]
    command += ["--config-file", str(config_file), "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    except OSError as exc:
        raise EngineFailed(f"ProperDocs could not be started: {exc}") from None
    if done.returncode != 0:
        if "No module named properdocs" in done.stderr:
            raise EngineFailed(
                "ProperDocs is not installed: `pip install -e '.[properdocs]'` (or "
                "`make install`) installs the pinned version"
            )
        raise EngineFailed(f"ProperDocs failed:\n{done.stderr.strip()}")
    sys.stderr.write(done.stderr)


ENGINES: dict[str, Callable[[Path, Path], None]] = {"mkdocs": mkdocs, "properdocs": properdocs}
