"""Pages and page parts that only a local edition has: its strategy, its 4P action plan,
the reporting line in every footer, the council's accessibility details and brand colour.

Each is registered here by what the data holds (a strategy, plan rows, a reporting line),
not by whether there is an edition, so the national site, which has none of them, is
untouched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markupsafe import escape

from ..downloads.stamp import build_date
from ..content.model import NOT_STATED, Bank
from ..content.markup import html_line, long_date, md_escape
from .render import Renderer

_LQ, _RQ = "\N{LEFT SINGLE QUOTATION MARK}", "\N{RIGHT SINGLE QUOTATION MARK}"
# Where the GOV.UK model statement points complainants (Public Sector Bodies (Websites and
# Mobile Applications) (No. 2) Accessibility Regulations 2018, SI 2018/952, Part 5).
ENFORCEMENT = (
    "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public "
    "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 "
    f"(the {_LQ}accessibility regulations{_RQ}). If you{_RQ}re not happy with how we respond "
    "to your complaint, contact the Equality Advisory and Support Service (EASS)."
)
REGULATIONS_URL = "https://www.legislation.gov.uk/uksi/2018/952/part/5"
EASS_URL = "https://www.equalityadvisoryservice.com/"
STRATEGY = "local/strategy.md"
ACTION_PLAN = "local/action-plan.md"
_COPYRIGHT = re.compile(r'(<div class="md-copyright">)')
_LOGO = re.compile(r'(<img src="[^"]*council-logo[^"]*") alt="logo"')


def _strategy(renderer: Renderer) -> str:
    bank = renderer.bank
    assert bank.edition.strategy is not None
    return renderer.render_page(
        "local/strategy.md.jinja",
        STRATEGY,
        strategy=bank.edition.strategy,
        source=bank.source(bank.edition.strategy.source),
        today=build_date(),
    )


def _action_plan(renderer: Renderer) -> str:
    bank = renderer.bank
    rows = bank.edition.action_plan
    strands = tuple(s for s in bank.strands if any(r.strand == s.id for r in rows))
    return renderer.render_page(
        "local/action-plan.md.jinja", ACTION_PLAN, rows=rows, strands=strands,
        not_stated=NOT_STATED,
    )  # fmt: skip


# Each local page: when the bank has what it shows, and how it is made.
PAGES: dict[str, tuple[Callable[[Bank], bool], Callable[[Renderer], str]]] = {
    STRATEGY: (lambda b: b.edition.strategy is not None, _strategy),
    ACTION_PLAN: (lambda b: bool(b.edition.action_plan), _action_plan),
}


def local_pages(renderer: Renderer) -> dict[str, str]:
    """The local pages this bank has, by docs path."""
    return {page: make(renderer) for page, (has, make) in PAGES.items() if has(renderer.bank)}


def local_nav(bank: Bank, nav: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``nav`` with a section for the council's own pages after Home, when it has any."""
    titles = {STRATEGY: "Our strategy", ACTION_PLAN: "4P action plan"}
    entries = [{titles[p]: p} for p, (has, _) in PAGES.items() if has(bank)]
    if not entries:
        return nav
    return [nav[0], {str(html_line(bank.edition.council)): entries}, *nav[1:]]


def reporting_line(bank: Bank) -> str:
    strategy = bank.edition.strategy
    return strategy.reporting_line.text if strategy else ""


def footer_html(bank: Bank, html: str) -> str:
    """Page HTML with the reporting line at the top of the footer (every page)."""
    line = reporting_line(bank)
    if line:
        part = f'<p class="qb-reporting">{escape(line)}</p>'
        html = _COPYRIGHT.sub(lambda m: m.group(1) + part, html, count=1)
    if bank.edition.logo:  # the logo's text alternative is the council's name
        html = _LOGO.sub(lambda m: f'{m.group(1)} alt="{html_line(bank.edition.council)}"', html)
    return html


def accessibility_section(bank: Bank) -> str:
    """The council's own contact and enforcement text for the accessibility statement.

    Markdown, appended to a hand-written page: the heading is Markdown (``md_escape``), the
    rest one HTML block, which Markdown copies through (``escape``).
    """
    a = bank.edition.accessibility
    if a is None:
        return ""
    c = a.contact
    council = html_line(bank.edition.council)
    how = []
    if c.email:
        how.append(f'email <a href="mailto:{escape(c.email)}">{escape(c.email)}</a>')
    if c.phone:
        how.append(f"call {escape(c.phone)}")
    if c.url:
        how.append(f'use the <a href="{escape(c.url)}">contact form</a>')
    who = escape(c.role) + (f" ({escape(c.name)})" if c.name else "")
    reach = ", ".join(how) or "contact the council"
    enforcement = escape(a.enforcement or ENFORCEMENT)
    tested = (
        f"<p>{council} last tested its copy of this site on {long_date(a.tested)}.</p>"
        if a.tested
        else ""
    )
    return (
        f"\n\n## {md_escape(bank.edition.council)}{_RQ}s copy {{ #council-copy }}\n\n"
        '<div class="qb-council-copy">\n'
        f"<p>This copy is published by {council}. If you find a problem with its "
        f"accessibility or need its content in another format, {reach}: {who}.</p>\n"
        f'<h3 id="enforcement">Enforcement procedure</h3>\n<p>{enforcement}</p>\n'
        f'<p><a href="{REGULATIONS_URL}">The enforcement procedure in the regulations</a> · '
        f'<a href="{EASS_URL}">Equality Advisory and Support Service</a></p>\n{tested}</div>\n'
    )


# The theme draws a logo 24px high and, below 1,220px, only in the menu: a council's
# wordmark could not be read, and phones never showed it. The header stays 48px high.
LOGO_CSS = """\
/* The council's logo in the header at every width: 40px high, whole (object-fit), up to
   200px wide, 100px on a phone. */
.md-header__button.md-logo { display: block; margin: 0 0.2rem; padding: 0.2rem; }
.md-header__button.md-logo img {
  height: 2rem; width: auto; max-width: 10rem; object-fit: contain; object-position: left;
}
@media screen and (max-width: 44.9375em) {
  .md-header__button.md-logo { margin: 0; }
  .md-header__button.md-logo img { max-width: 5rem; }
}
"""


def brand_css(bank: Bank) -> str:
    """The council's header: its brand colour (checked for contrast when it was loaded) and
    its logo at a legible size at every width; "" when the edition has neither."""
    css = ""
    if colour := bank.edition.brand_colour:
        css += (
            "/* The council's brand colour (white text on it passes WCAG AA: checked on load). */\n"
            f".md-header, .md-tabs {{ background-color: {colour}; color: #ffffff; }}\n"
        )
    if bank.edition.logo:
        css += LOGO_CSS
    return css
