# ruff: noqa: E501  (the placeholders are YAML lines, kept whole as the officer sees them)
"""The words of the starter ``edition.yml``: the comment above each key, and the placeholder
values (``[REPLACE: …]``, each warned about by a build). No comment holds anything a user
typed: names and paths are values, written by ``yaml.safe_dump`` in ``starter.py``."""

from __future__ import annotations

COMMENTS = {
    "top": """\
# yaml-language-server: $schema=schema/edition.schema.json
# A council's local edition of the SOC Scrutiny Question Bank, written by `qbank new-edition`.
# It builds as it is, from the question bank's folder (after `make install`):
#
#   make site EDITION=<this folder>    # into site-<this folder's name>/, never over site/
#
# but every "[REPLACE: …]" below is a placeholder that the build warns about (and that
# `qbank build --strict` refuses): put the council's own words in its place before you
# publish. Quotes are checked word for word against strategy.txt, the plain-text copy of the
# council's strategy; make it from the PDF or Word file (the Word file's tables read best) with
#
#   .venv/bin/qbank extract YOUR-STRATEGY.docx -o <this folder>/strategy.txt
#
# then copy each quote from strategy.txt. schema/ holds a copy of the schema for your
# editor (the YAML extension completes and checks keys as you type); qbank checks against
# its own. The full guide: docs/contributing/make-your-edition.md in the question bank.
""",
    "council": """\
# Your identity: the name on every page, printed checklist and download.
# logo: logo.svg                    # an .svg, .png or .jpg in this folder, at most 1 MB
# brand_colour: "#1d4f7a"           # the header colour: white text on it must reach 4.5:1
# site_url: https://www.example.gov.uk/soc-questions/   # where you will publish the site""",
    "contacts": """\
# Who councillors contact. Each may have name, email, phone and url, e.g.
#   name: A. N. Officer
#   email: community.safety@example.gov.uk
#   phone: 01234 567890""",
    "accessibility": """\
# The accessibility statement's contact (the accessibility regulations require one).""",
    "sources": """\
# The council's own documents. Every quote below is checked against the file's text.""",
    "local_questions": """\
# Local names, contacts and left-out checklists go under 'bodies:', by body code (csp, pcp,
# osc, hwb, lscb, dph, dcs), e.g.
# bodies:
#   csp:
#     name: Your Community Safety Partnership
#     source: {document: strategy, section: Partnerships, quote: the words that name it}
#   dcs:
#     leave_out: {asked_at: Your County Council}
#
# One example local question, for the overview and scrutiny committee. Add more with IDs
# L-<BODY>-02, -03 …; tag them with the bank's threats, 4P strands and themes.""",
    "strategy": """\
# The strategy page. The reporting line is also printed in every page footer, on every
# checklist and in every meeting pack. Each 'section:' is a heading of the strategy.""",
    "action_plan": """\
# The 4P action plan in the Home Office format. Leave out any cell the source does not
# state: the page says "not stated". Each cell is a quote from strategy.txt. For example:
#   - strand: protect
#     recommendation: the action, copied from strategy.txt
#     ownership: the officer or team the strategy names""",
}

PLACEHOLDERS = """\
contacts:
  - role: "[REPLACE: who councillors contact about serious and organised crime, e.g. Community safety manager]"
accessibility:
  contact:
    role: "[REPLACE: the team that answers accessibility requests, e.g. Web team]"
sources:
  - id: strategy
    title: "[REPLACE: the strategy's title, e.g. Serious and Organised Crime Strategy]"
    publisher: ""
    date: "[REPLACE: when it was adopted, e.g. September 2025]"
    file: strategy.txt
local_questions:
  - id: L-OSC-01
    body: osc
    text: "[REPLACE: a question your councillors should ask, drawn from the strategy]"
    expectation: "[REPLACE: what a good answer looks like]"
    threats: [all]                  # every threat; [] for no particular threat; or [drugs, cse]
    strands: [pursue]
    themes: [strategy-and-plans]
    source:
      document: strategy
      section: "[REPLACE: the heading it comes from]"
      quote: "[REPLACE: the strategy's words, copied from strategy.txt]"
strategy:
  source: strategy
  aim:
    section: "[REPLACE: the heading of the strategy's aim]"
    text: "[REPLACE: the aim, copied from strategy.txt]"
  council_actions:
    section: "[REPLACE: the heading of the council's actions]"
    items:
      - "[REPLACE: one action, copied from strategy.txt; one item per action]"
  reporting_line:
    section: "[REPLACE: the heading of how to report concerns]"
    text: "[REPLACE: how to report concerns, copied from strategy.txt: the police force, 101, Crimestoppers]"
action_plan: []
"""


def mapping_comment(table: int, rows: int, mapping: list[tuple[str, str]]) -> list[str]:
    """The comment above a drafted action plan: which table, and which column went where."""
    lines = [
        f"Drafted by qbank new-edition from table {table} of strategy.txt ({rows} rows).",
        "Its columns were read as (confirm them; move a cell to another key if one is wrong):",
    ]
    lines += [f'  "{heading[:40]}" -> {name}' for heading, name in mapping]
    if not any(f == "strand" for _, f in mapping):
        lines.append("  (no strand column: each row's strand is guessed, as its comment says)")
    return lines
