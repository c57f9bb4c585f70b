"""Whether an SVG logo is safe to put in every page's header: no script, no event
attribute, nothing fetched from outside the file.

CSS (in ``<style>``, in ``style`` and in every other attribute, since presentation
attributes such as ``fill`` take ``url()`` too) is checked by tokenising it. A regular
expression over the text misses what CSS itself unescapes (``@\\69mport``, ``\\75rl(``)
and the functions that take a plain string as an address (``image-set("…")``). tinycss2
(already used by WeasyPrint) tokenises CSS exactly as the syntax specification says,
escapes undone, so the check looks at what a browser would see.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

import defusedxml.ElementTree as SafeET
import tinycss2
from defusedxml import DefusedXmlException
from tinycss2 import ast

_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# SMIL elements that can set an attribute (an href) to a value of their own.
_ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform"})

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


class _TreeWithInstructions(ET.TreeBuilder):
    """Builds the tree as usual and notes every processing instruction, even one before the
    root element (which the tree itself would drop): ``<?xml-stylesheet href="…"?>`` loads
    an outside style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target: str, text: str | None = None) -> ET.Element:
        self.instructions.append(target)
        return super().pi(target, text)


def svg_problem(data: bytes) -> str | None:
    """Why an SVG cannot go in the site header (scripts, events, external content), or None.

    CSS (in ``<style>``, ``style`` and every other attribute, where presentation attributes
    such as ``fill`` take ``url()``) is read by :func:`outside_reference`.
    """
    builder = _TreeWithInstructions()
    try:
        parser = SafeET.DefusedXMLParser(target=builder)
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        return "the SVG declares entities or a DTD, which are not allowed"
    except SafeET.ParseError as exc:
        return f"the SVG is not well-formed XML ({exc})"
    if builder.instructions:
        return (
            f"the SVG has a processing instruction <?{builder.instructions[0]} …?>, "
            "which can load an outside style sheet"
        )
    if root.tag not in (f"{_SVG_NS}svg", "svg"):
        return "the file is not an SVG image (its root element is not <svg>)"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # a comment
        name = el.tag.rsplit("}", 1)[-1].lower()
        if name == "script":
            return "the SVG contains a <script> element"
        if name == "foreignobject":
            return "the SVG contains a <foreignObject> element"
        if name == "style" and (found := outside_reference("".join(el.itertext()))):
            return f"the SVG's <style> refers to an outside resource: {found}"
        if name in _ANIMATIONS and el.get("attributeName", "").lower().endswith("href"):
            return f"the SVG's <{name}> changes a link (attributeName {el.get('attributeName')})"
        for attr, value in el.attrib.items():
            local = attr.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f"the SVG has an event attribute '{local}'"
            if (attr == _XLINK_HREF or local == "href") and not value.strip().startswith("#"):
                return f"the SVG refers to an outside resource '{value}'"
            if found := outside_reference(value):
                return f"the SVG's '{local}' attribute refers to an outside resource: {found}"
    return None
