"""Accessible names that outside checkers (axe, Lighthouse) ask for, read from the built HTML:
every dialog has one, and no two complementary landmarks (<aside>) on a page share one.

Material's two tables of contents share a name, but CSS shows one of them at any width (the
one in the menu on narrow screens, the sidebar on wide ones), so a reader meets only one.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

LANDMARKS = {"aside": "complementary"}


class _Names(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dialogs: list[str] = []
        self.landmarks: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("aria-label") or a.get("aria-labelledby", "")
        if a.get("role") == "dialog":
            self.dialogs.append(name)
        role = a.get("role") or LANDMARKS.get(tag, "")
        if role in LANDMARKS.values():
            self.landmarks.append((role, name))


def names(path: Path) -> _Names:
    reader = _Names()
    reader.feed(path.read_text("utf-8"))
    return reader


def test_every_dialog_has_a_name(built_site: Path) -> None:
    unnamed = [
        p.relative_to(built_site).as_posix()
        for p in sorted(built_site.rglob("*.html"))
        if not names(p).dialogs or not all(names(p).dialogs)
    ]
    assert not unnamed, f"a dialog with no name on: {unnamed}"


def test_asides_on_a_page_have_distinct_names(built_site: Path) -> None:
    repeated = []
    for page in sorted(built_site.rglob("*.html")):
        counts = Counter(names(page).landmarks)
        repeated += [
            f"{page.relative_to(built_site)}: {n}x {role} {name!r}"
            for (role, name), n in counts.items()
            if n > 1
        ]
    assert not repeated, "\n".join(repeated)
