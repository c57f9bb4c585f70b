"""Synthetic banks for benchmarks: the real bank, grown to N questions by adding audiences.

The real seven audiences stay (editorial notes point at them); new audiences of
:data:`PER_AUDIENCE` questions reuse the real questions' text and tags under new IDs, so
each synthetic bank passes the same validation as the real one.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import copy_bank

PER_AUDIENCE = 30  # a checklist of about the size councils print


def make_bank(dest: Path, questions: int) -> Path:
    """A copy of the real bank in ``dest`` with ``questions`` questions in all."""
    root = copy_bank(dest)
    audiences = [_read(p) for p in sorted((root / "questions").glob("*.yml"))]
    real = [q for a in audiences for q in a["questions"]]
    extra = questions - len(real)
    if extra < 0:
        raise ValueError(f"the real bank already has {len(real)} questions")
    pool = itertools.cycle(real)
    for k in range(math.ceil(extra / PER_AUDIENCE)):
        size = min(PER_AUDIENCE, extra - k * PER_AUDIENCE)
        audience = _synthetic(audiences[k % len(audiences)], k, [next(pool) for _ in range(size)])
        text = yaml.safe_dump(audience, sort_keys=False, allow_unicode=True, width=100)
        (root / "questions" / f"synthetic-{k:04d}.yml").write_text(text, "utf-8")
    return root


def _synthetic(base: dict[str, Any], k: int, questions: list[dict[str, Any]]) -> dict[str, Any]:
    short = f"S{k:04d}"
    return {
        **base,
        "id": f"synthetic-{k:04d}",
        "order": 1000 + k,
        "name": f"{base['name']}, synthetic body {k + 1}",
        "short_name": short,
        "slug": f"synthetic-body-{k + 1:04d}",
        "questions": [{**q, "id": f"{short}-{i:02d}"} for i, q in enumerate(questions, 1)],
    }


def _read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict), path
    return data
