"""Build the site into a temporary folder and swap it into place on success.

The data walks one way: content -> the Markdown tree (``tree.py``) -> the engine
(``engines.py``) -> our post-build step (``postbuild.py``). A failed build leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..content.errors import ContentError
from ..edition import load_bank
from . import councils
from .engines import DEFAULT, ENGINES, content_errors_unlogged
from .outdir import check_output, make_temporary, old_name, remove_stale, write_marker
from .postbuild import finish_site
from .tree import write_tree

# Where downloads are kept between builds (QBANK_CACHE=0 makes every one afresh).
CACHE = Path(".cache") / "downloads"


def cache_dir(root: Path) -> Path | None:
    return root / CACHE if os.environ.get("QBANK_CACHE", "1") != "0" else None


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


def build_site(root: Path, out: Path, edition: Path | None = None, engine: str = DEFAULT) -> Path:
    """Build into ``out`` atomically with ``engine`` (a name in ``engines.ENGINES``): the old
    site stays until the new one is complete.

    ``out`` must be absent, empty or an earlier build (see :mod:`.outdir`); anything else
    raises :class:`~.outdir.UnsafeOutput` before anything is touched.
    """
    check_output(out, root, edition)
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if edition is not None and not edition.is_dir():
        raise OSError(f"edition folder {edition} does not exist")
    bank = load_bank(root, edition.resolve() if edition else None)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    tmp = make_temporary(out)
    work = Path(tempfile.mkdtemp(prefix="qbank-tree-"))
    try:
        # The engine starts while the downloads are made in other processes; the post-build
        # step waits for them and fills their sizes into the pages.
        tree = write_tree(root, bank, work, cache_dir(root), wait=False)
        ENGINES[engine](tree.config, tmp)
        finish_site(tmp, bank, tree.pending)
        if edition is not None:
            councils.check(root, tmp, edition)
        write_marker(tmp)
    except (ContentError, KeyboardInterrupt, councils.OtherCouncil):
        with _interrupts_held():
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    except OSError as exc:
        with _interrupts_held():
            shutil.rmtree(tmp, ignore_errors=True)
        raise OSError(f"the site did not build, so {out} was left as it was: {exc}") from None
    except BaseException:
        with _interrupts_held():
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
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


def write_markdown(root: Path, out: Path, edition: Path | None = None) -> Path:
    """Write the whole Markdown tree and its config into ``out`` (``qbank build --markdown``),
    downloads included: what any engine that reads ``mkdocs.yml`` builds. ``out`` is checked
    and marked as a build's folder is."""
    check_output(out, root, edition)
    if edition is not None and not edition.is_dir():
        raise OSError(f"edition folder {edition} does not exist")
    bank = load_bank(root, edition.resolve() if edition else None)
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    write_tree(root, bank, out, cache_dir(root), wait=True)
    write_marker(out)
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


def serve(root: Path, edition: Path | None = None, address: str = "127.0.0.1:8000") -> None:
    """Preview with live reload; content and template changes rebuild (mkdocs.yml ``watch``)."""
    from mkdocs.commands import serve as mkdocs_serve

    logging.getLogger("mkdocs").setLevel(logging.INFO)
    with _edition_env(edition), content_errors_unlogged():
        mkdocs_serve.serve(str(root / "mkdocs.yml"), dev_addr=address)
