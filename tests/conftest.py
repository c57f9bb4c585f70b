"""Shared fixtures: the real bank, and one real site build per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.load import ROOT
from generator.content.model import Bank
from generator.edition import load_bank
from generator.site.build import build_site

# What a bank root holds: content, the MkDocs config and its hand-written pages.
BANK_FILES = [
    "bank.yml",
    "glossary.yml",
    "editorial-notes.yml",
    "mkdocs.yml",
    "guidance.yml",
    "readings.yml",
]
BANK_DIRS = ["questions", "threats", "docs", "templates", "schema", "overrides"]


def copy_bank(dest: Path) -> Path:
    """A copy of the real bank root in ``dest`` that a test may change and build."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in BANK_FILES:
        shutil.copy2(ROOT / name, dest / name)
    for name in BANK_DIRS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name)
    hook = Path("generator", "site", "mkdocs_hook.py")  # mkdocs.yml names it by path
    (dest / hook.parent).mkdir(parents=True)
    shutil.copy2(ROOT / hook, dest / hook)
    return dest


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once into a temporary folder with the production code path."""
    out = tmp_path_factory.mktemp("build") / "site"
    return build_site(ROOT, out)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite tests/golden from the renderer"
    )


@pytest.fixture(scope="session")
def built_edition_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example local edition, built once: the national bank with a council on top."""
    out = tmp_path_factory.mktemp("edition") / "site"
    return build_site(ROOT, out, edition=ROOT / "editions" / "example")


@pytest.fixture(scope="session")
def built_broxtowe_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worked example edition (editions/broxtowe), built once."""
    out = tmp_path_factory.mktemp("broxtowe") / "site"
    return build_site(ROOT, out, edition=ROOT / "editions" / "broxtowe")
