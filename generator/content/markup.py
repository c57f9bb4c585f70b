"""How content text becomes HTML and Markdown, for pages and printed downloads alike.

Text from YAML reaches a page or a PDF only through the ``text`` filter, which HTML-escapes it
and then marks up glossary terms; the few places that emit YAML text as Markdown (page titles,
headings) go through ``md`` too. One Jinja environment factory serves the site's templates and
the print templates, so both escape the same way.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from datetime import date
from functools import cached_property
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import views
from .model import ANSWER_STATUSES, Bank
from .textrules import one_line
from .topics import plural

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# Python-Markdown's escapable characters (with `|` from the tables extension); escaping
# any other character would leave a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_escape(value: str) -> Markup:
    """Escape text for a Markdown context (a heading, a title): HTML first, then Markdown.

    The one function for any text from a content or edition file that Markdown will read.
    What it neutralises, with the extensions ``mkdocs.yml`` enables:

    - HTML and entities: ``<``, ``>`` and ``&`` are escaped first, so no tag, autolink
      (``<https://…>``) or character reference survives;
    - links and images (``[c](javascript:…)``, ``![i](x.png)``), emphasis, code spans,
      tables' ``|``, abbreviations' ``*[``, admonitions' ``!!!``: each special character is
      backslash-escaped, which Markdown prints as the character itself;
    - attribute lists (``{ onclick=… }``, ``{: #id }``): the braces are escaped, so the
      ``attr_list`` extension never sees one and the page's own ``{ #id }`` stays the last;
    - headings, lists, block quotes and line breaks: every line break, tab and control
      character becomes one space and the ends are trimmed, so the text cannot start a line
      of its own or end one with the two spaces of a ``<br>``.
    """
    # Body text, never an attribute: quotes stay literal, so heading ids read "childrens".
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(one_line(value), quote=False)))


def html_line(value: str) -> Markup:
    """Text for HTML that the theme prints as it is (navigation titles, the site's name, a
    logo's alt text): HTML-escaped, on one line. Marked safe, so a template's own ``|e``
    leaves it alone rather than escaping it twice (``&amp;amp;``)."""
    return escape(one_line(value))


def page_url(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative ``.html`` URL from one page's source path to another's.

    Pages are plain files (``use_directory_urls: false``), so links work from ``file://``.
    """
    target = re.sub(r"\.md$", ".html", to_page)
    here = posixpath.dirname(from_page)
    url = posixpath.relpath(target, here or ".")
    return f"{url}#{anchor}" if anchor else url


def long_date(value: str) -> str:
    """``4 December 2026`` from ``2026-12-04``, as every page shows a date."""
    return views.long_date(date.fromisoformat(value))


class Abbreviator:
    """Escapes text and marks up the bank's glossary terms in it as ``<abbr>``."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank

    @cached_property
    def _terms(self) -> tuple[re.Pattern[str], dict[str, str]] | None:
        terms = {t.term: t.expansion for t in self.bank.glossary}
        if not terms:
            return None
        names = sorted(terms, key=len, reverse=True)
        # Whole words only; a trailing plural "s" (PCCs, OCGs) stays outside the <abbr>.
        pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?=s?(?![\w-]))")
        return pattern, terms

    def __call__(self, value: str) -> Markup:
        escaped = str(escape(value))
        if self._terms is None:
            return Markup(escaped)
        pattern, terms = self._terms

        def wrap(match: re.Match[str]) -> str:
            title = escape(terms[match.group(1)])
            return f'<abbr title="{title}">{match.group(1)}</abbr>'

        return Markup(pattern.sub(wrap, escaped))


def make_env(templates: Path, abbreviate: Callable[[str], Markup]) -> jinja2.Environment:
    """The one Jinja environment: strict about missing fields, escaping by default."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Compiled templates are reused across builds (keyed by source checksum, so an
        # edited template is recompiled): compiling is most of the generator's fixed cost.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    env.globals["statuses"] = ANSWER_STATUSES
    env.filters["text"] = abbreviate
    env.filters["md"] = md_escape
    env.filters["long_date"] = long_date
    env.filters["plural"] = plural
    # Front matter: MkDocs themes print page titles unescaped, so escape before quoting.
    env.filters["json"] = lambda v: Markup(json.dumps(one_line(str(escape(v))), ensure_ascii=False))
    return env
