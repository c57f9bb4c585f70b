"""A static reading of built pages: element ids, and every reference to another file or host."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

# Which attributes make the browser fetch something when the page loads.
ASSET_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
# <link rel=...> values that load a file (a rel="next" or "canonical" link loads nothing).
LOADING_RELS = frozenset({"stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon"})
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


@dataclass
class Reading:
    """What one page holds: ids it defines, links it makes, assets it loads."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.reading = Reading()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        r = self.reading
        if a.get("id"):
            r.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            r.ids.add(a["name"])
        if tag == "a" and "href" in a:
            r.links.append(a["href"])
        if tag == "link" and "href" in a:
            rels = set(a.get("rel", "").lower().split())
            (r.assets if rels & LOADING_RELS else r.links).append(a["href"])
        for attr in ASSET_ATTRS.get(tag, ()):
            if a.get(attr):
                r.assets += _srcset(a[attr]) if attr == "srcset" else [a[attr]]
        if a.get("style"):
            r.assets += css_urls(a["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.reading.assets += css_urls(data)


def _srcset(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.strip()]


def css_urls(css: str) -> list[str]:
    """Every url(...) and @import in a piece of CSS."""
    return CSS_URL.findall(css) + CSS_IMPORT.findall(css)


@cache
def read(path: Path) -> Reading:
    """One page, read once per test session."""
    reader = _Reader()
    reader.feed(path.read_text("utf-8"))
    reader.close()
    return reader.reading
