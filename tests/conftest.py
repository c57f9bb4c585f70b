"""Shared fixtures: the real bank, and one real site build per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import ROOT, load_bank
from generator.model import Bank
from generator.site import build_site

SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def bank() -> Bank:
    return load_bank(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once into a temporary folder with the production code path."""
    out = tmp_path_factory.mktemp("build") / "site"
    return build_site(ROOT, out)
