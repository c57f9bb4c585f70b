"""Build the site with MkDocs into a temporary folder and swap it into place on success.

A failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from .errors import ContentError


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
    """Build into ``out`` atomically: the old site stays until the new one is complete."""
    _log_to_stderr()
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    try:
        with _edition_env(edition):
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp), strict=True)
            mkdocs_build.build(config)
    except (Abort, MkDocsException) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        cause: BaseException | None = exc
        while cause is not None:  # content errors reach us wrapped in MkDocs' own
            if isinstance(cause, ContentError):
                raise cause from None
            cause = cause.__cause__ or cause.__context__
        raise OSError(f"the site did not build, so {out} was left as it was: {exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return out


def serve(root: Path, edition: Path | None = None, address: str = "127.0.0.1:8000") -> None:
    """Preview with live reload; content and template changes rebuild (mkdocs.yml ``watch``)."""
    _log_to_stderr()
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    with _edition_env(edition):
        mkdocs_serve.serve(str(root / "mkdocs.yml"), dev_addr=address)
