"""The tagged structure of every PDF (downloads and a meeting pack), read with pikepdf:
every table header cell says which cells it heads (a /Scope), as PDF/UA asks."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pikepdf

from generator.content.model import Bank
from generator.downloads.pack import make_pack


def structure(node: object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under ``node``, depth first."""
    if isinstance(node, pikepdf.Array):
        for child in node:
            yield from structure(child)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from structure(node.K)


def header_scopes(data: bytes) -> list[str | None]:
    """The /Scope of every /TH, None where it has none."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        scopes = []
        for element in structure(pdf.Root.StructTreeRoot.K):
            if element.S == "/TH":
                attributes = element.get("/A")
                scope = attributes.get("/Scope") if attributes is not None else None
                scopes.append(str(scope) if scope is not None else None)
        return scopes


def test_every_table_header_in_every_pdf_download_has_a_scope(built_site: Path) -> None:
    pdfs = sorted((built_site / "downloads").rglob("*.pdf"))
    assert len(pdfs) >= 14
    scopes = {p.name: header_scopes(p.read_bytes()) for p in pdfs}
    assert sum(map(len, scopes.values())) >= 28  # 4 column headers in each threat table
    missing = {name: s for name, s in scopes.items() if None in s}
    assert not missing, missing
    assert {s for found in scopes.values() for s in found} == {"/Column"}


def test_meeting_pack_table_headers_have_a_scope(bank: Bank) -> None:
    scopes = header_scopes(make_pack(bank, "pcp", ["drugs", "cyber"], fmt="pdf"))
    # Two threat tables of 4 columns; a header row repeated on a new page is tagged again.
    assert len(scopes) >= 8 and len(scopes) % 4 == 0 and None not in scopes
