"""Whether CSS in an edition's SVG logo could fetch anything from outside the logo.

A regular expression over the text misses what CSS itself unescapes (``@\\69mport``,
``\\75rl(``) and the functions that take a plain string as an address (``image-set("…")``).
tinycss2 (already used by WeasyPrint) tokenises CSS exactly as the syntax specification
says, escapes undone, so the check below looks at what a browser would see.
"""

from __future__ import annotations

from collections.abc import Iterable

import tinycss2
from tinycss2 import ast

# At-rules a logo may use: neither fetches anything (@import and @font-face do).
_AT_RULES = frozenset({"media", "keyframes", "supports"})
# Functions that take an address as a plain string (url() is checked on its own).
_FETCHERS = frozenset({"image-set", "image", "cross-fade", "src"})
_VENDORS = ("-webkit-", "-moz-", "-o-", "-ms-")
_BLOCKS = (ast.SquareBracketsBlock, ast.ParenthesesBlock, ast.CurlyBracketsBlock)


def _unprefixed(name: str) -> str:
    for vendor in _VENDORS:
        if name.startswith(vendor):
            return name.removeprefix(vendor)
    return name


def _local(address: str) -> bool:
    """``#id``: a reference to something inside the same SVG (a gradient, a clip path)."""
    return address.strip().startswith("#")


def outside_reference(css: str) -> str | None:
    """What in ``css`` could load an outside resource (``@import``, ``url(https://…)``,
    ``image-set("…")``), described for an error message, or None when nothing could."""
    return _scan(tinycss2.parse_component_value_list(css, skip_comments=True))


def _scan(tokens: Iterable[ast.Node]) -> str | None:
    for token in tokens:
        if isinstance(token, ast.AtKeywordToken) and token.lower_value not in _AT_RULES:
            return f"@{token.lower_value}"
        if isinstance(token, ast.URLToken) and not _local(token.value):
            return f"url({token.value})"
        if isinstance(token, ast.ParseError):
            # A bad url( or string: browsers recover from it in ways best not relied on.
            return f"CSS that cannot be read ({token.message})"
        if isinstance(token, ast.FunctionBlock):
            name = _unprefixed(token.lower_name)
            if name in _FETCHERS:
                return f"{token.lower_name}()"
            if name == "url":
                args = [a for a in token.arguments if not isinstance(a, ast.WhitespaceToken)]
                if not (len(args) == 1 and isinstance(args[0], ast.StringToken)):
                    return "url() with something other than one address"
                if not _local(args[0].value):
                    return f"url({args[0].value})"
            if found := _scan(token.arguments):
                return found
        if isinstance(token, _BLOCKS) and (found := _scan(token.content)):
            return found
    return None
