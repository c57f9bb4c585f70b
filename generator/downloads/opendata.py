"""Open data: the whole bank as one JSON file, with the JSON Schema that describes it.

The JSON is the typed model written out field by field (``dataclasses.asdict``), plus the
bank version, build date and each page's address, so it always carries every field the
site shows. The schema is a hand-written static file in ``schema/``, copied as it is; a
test validates the JSON against it, so a new model field must be described there too.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..content import views as c
from ..content.markup import page_url
from ..content.model import Bank, Threat
from ..content.schemas import SCHEMA_DIR
from . import Download
from .stamp import Stamp, download

SCHEMA = SCHEMA_DIR / "question-bank.schema.json"
JSON_PATH = f"{c.DOWNLOADS}/question-bank.json"
SCHEMA_PATH = f"{c.DOWNLOADS}/question-bank.schema.json"


def _url(page: str, anchor: str = "") -> str:
    """A page's address relative to the site root: ``police-and-crime-panels.html#pcp-14``."""
    return page_url("index.md", page, anchor)


def _threat(threat: Threat) -> dict[str, Any]:
    data = asdict(threat)
    data["columns"] = {key: list(items) for key, items in threat.columns}
    data["url"] = _url(threat.page)
    return data


# Model fields only a local edition sets: left out of the open data when unset, so the
# national file is what it was before editions had them.
_EDITION_FIELDS = frozenset(
    {"quote", "expectation", "national_name", "local_contacts", "priority_rank",
     "priority_reason", "edition_note"}
)  # fmt: skip


def _drop_unset(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_unset(v) for k, v in value.items() if k not in _EDITION_FIELDS or v}
    if isinstance(value, list | tuple):  # asdict keeps tuples as tuples
        return [_drop_unset(v) for v in value]
    return value


def bank_data(bank: Bank, stamp: Stamp) -> dict[str, Any]:
    """The bank as plain JSON-ready data."""
    audiences = []
    for a in bank.audiences:
        data = asdict(a)
        data["url"] = _url(a.page)
        for q, qdata in zip(a.questions, data["questions"], strict=True):
            qdata["url"] = _url(a.page, q.anchor)
        audiences.append(data)
    return {
        "$schema": "question-bank.schema.json",
        "title": bank.title,
        "version": stamp.version,
        "build_date": stamp.built.isoformat(),
        "notes_as_at": bank.notes_as_at,
        "edition": bank.edition.open_data(),
        "sources": [asdict(s) for s in bank.sources],
        "strands": [asdict(s) for s in bank.strands],
        "themes": [asdict(t) for t in bank.themes],
        "audiences": audiences,
        "threats": [_threat(t) for t in bank.threats],
        "general_resources": [asdict(r) for r in bank.general_resources],
        "glossary": [asdict(t) for t in bank.glossary],
        "notes": [asdict(n) for n in bank.notes],
        "changelog": [asdict(ch) for ch in bank.changelog],
    }


def export(bank: Bank) -> list[tuple[Download, bytes]]:
    """``question-bank.json`` and its schema."""
    data = _drop_unset(bank_data(bank, Stamp.of(bank)))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return [
        download("The whole bank as open data (JSON)", JSON_PATH, "JSON", text.encode("utf-8")),
        download("JSON Schema for the open data", SCHEMA_PATH, "JSON Schema", SCHEMA.read_bytes()),
    ]
