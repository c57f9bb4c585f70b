"""``qbank new-edition``: a valid, commented edition that builds at once.

Without a strategy the starter holds marked placeholders (``[REPLACE: …]``, each warned about
by a build) and a placeholder ``strategy.txt`` that ``qbank extract`` replaces. With
``--strategy`` the document is extracted into ``strategy.txt`` and the source, the strategy
page's sections and the action plan are drafted from it (``draft.py``): the document's own
words, so they build at once, with what was guessed said in comments. A copy of the schema
goes in ``schema/`` beside ``edition.yml``, so the editor's ``$schema`` line works.

Every value is written as YAML data (``yaml.safe_dump``), never put into text: a name with
quotes, ``$`` or a colon is the name. Only an absent or empty folder is written to.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.schemas import SCHEMA_DIR, referenced
from ..content.textrules import council_name_problem, one_line
from .files import LOGO_MAX_BYTES, LOGO_TYPES, contrast
from .starter_text import COMMENTS, PLACEHOLDERS, mapping_comment

STARTER = Path(__file__).resolve().parents[2] / "templates" / "starter"
# The schemas edition.yml is checked against: the edition's, and the shared definitions.
SCHEMAS = referenced("edition.schema.json")


def placeholder_source() -> bytes:
    """The placeholder ``strategy.txt`` exactly as the starter writes it."""
    return (STARTER / "strategy.txt").read_bytes()


@dataclass
class Started:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what extract warned about
    drafted: list[str] = field(default_factory=list)  # what was drafted, said for the officer


def new_edition(
    folder: Path,
    council: str,
    strategy: Path | None = None,
    logo: Path | None = None,
    colour: str = "",
) -> Started:
    """Write the starter edition for ``council`` into ``folder``.

    Raises ValueError (with what to do) for a folder that is not empty, a name that cannot
    be a council's, a logo or colour the build would refuse, or a strategy that cannot be
    read; nothing is written then.
    """
    name = council.strip()
    if problem := council_name_problem(name):
        raise ValueError(f"{problem[0]}: {problem[1]}")
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise ValueError(f"{folder} is not a folder: give a new or empty folder's name")
    if folder.is_dir() and any(folder.iterdir()):
        raise ValueError(
            f"{folder} is not empty: new-edition writes only into a new or empty folder, "
            "so that it never replaces anything; give another folder's name"
        )
    colour = _colour(colour)
    logo_name = _logo(logo) if logo else ""
    started = Started()
    data = _starter_data(name)
    text = ""
    notes: dict[str, list[str]] = {}
    if strategy is not None:
        from .draft import draft
        from .extract import read, text_of

        extracted = read(strategy)
        text = text_of(strategy, extracted)
        started.warnings = extracted.warnings
        notes = _apply(data, draft(extracted), name, started)
    if logo_name:
        data["logo"] = logo_name
    if colour:
        data["brand_colour"] = colour
    folder.mkdir(parents=True, exist_ok=True)
    started.written = [folder / "edition.yml", folder / "strategy.txt"]
    started.written[0].write_text(render(data, notes), "utf-8")
    if text:
        started.written[1].write_text(text, "utf-8", newline="\n")
    else:
        started.written[1].write_bytes(placeholder_source())
    if logo and logo_name:
        started.written.append(folder / logo_name)
        shutil.copyfile(logo, started.written[-1])
    (folder / "schema").mkdir()
    for schema in SCHEMAS:
        started.written.append(folder / "schema" / schema)
        shutil.copyfile(SCHEMA_DIR / schema, started.written[-1])
    return started


def _colour(colour: str) -> str:
    if not colour:
        return ""
    value = colour.strip().lower()
    if not value.startswith("#"):
        value = "#" + value
    if len(value) != 7 or any(c not in "0123456789abcdef" for c in value[1:]):
        raise ValueError(f"--colour {colour!r} is not a colour: give six hex digits, e.g. #1d4f7a")
    if (ratio := contrast("#ffffff", value)) < 4.5:
        raise ValueError(
            f"--colour {value} gives white header text a contrast ratio of {ratio:.2f}:1, "
            "below the 4.5:1 that WCAG AA needs: choose a darker shade"
        )
    return value


def _logo(logo: Path) -> str:
    suffix = logo.suffix.lower()
    if suffix not in LOGO_TYPES:
        raise ValueError(f"--logo {logo}: give an {', '.join(LOGO_TYPES)} image")
    if not logo.is_file():
        raise ValueError(f"--logo {logo} is not a file")
    if logo.stat().st_size > LOGO_MAX_BYTES:
        raise ValueError(f"--logo {logo} is over 1 MB: export a smaller image (about 400 px wide)")
    return "logo" + (".jpg" if suffix == ".jpeg" else suffix)


def _starter_data(name: str) -> dict[str, Any]:
    """The starter's values, placeholders included, in the order edition.yml gives them."""
    data: dict[str, Any] = {"council": name}
    data.update(yaml.safe_load(PLACEHOLDERS))
    data["sources"][0]["publisher"] = name
    return data


def _apply(data: dict[str, Any], d: Any, name: str, started: Started) -> dict[str, list[str]]:
    """Put what was drafted into ``data``; return the comments to write above keys."""
    notes: dict[str, list[str]] = {}
    if d.title:
        data["sources"][0]["title"] = d.title
        started.drafted.append(f"the source's title: {d.title}")
    s = data["strategy"]
    for section, value in d.strategy.items():
        s[section] = value
        started.drafted.append(f"strategy {section.replace('_', ' ')}: under '{value['section']}'")
    if d.headings:
        shown = [one_line(h)[:80] for h in d.headings[:30]]
        notes["strategy"] = ["The strategy's headings (for each 'section:'):"]
        notes["strategy"] += [f"  {h}" for h in shown]
        if len(d.headings) > 30:
            notes["strategy"].append(f"  … and {len(d.headings) - 30} more in strategy.txt")
    if d.plan:
        data["action_plan"] = d.plan
        notes["action_plan"] = mapping_comment(d.table, len(d.plan), d.mapping)
        notes["action_plan_rows"] = d.plan_notes
        started.drafted.append(
            f"the action plan: {len(d.plan)} rows from table {d.table} of strategy.txt"
        )
    return notes


def render(data: dict[str, Any], notes: dict[str, list[str]]) -> str:
    """``edition.yml``: each top-level key's comments, then the key dumped as YAML data."""
    out = [COMMENTS["top"]]
    for key, value in data.items():
        if key in COMMENTS:
            out.append(COMMENTS[key])
        out += [_comment(line) for line in notes.get(key, [])]
        if key == "action_plan" and value:
            out.append("action_plan:")
            for row, note in zip(value, notes.get("action_plan_rows", []), strict=False):
                if note:
                    out.append(f"  # {one_line(note)}")
                out.append(_dump([row], indent=2))
        else:
            out.append(_dump({key: value}))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _comment(line: str) -> str:
    """A comment line, its indent kept, whatever it quotes kept on the line."""
    indent = len(line) - len(line.lstrip(" "))
    return f"# {' ' * indent}{one_line(line)}".rstrip()


def _dump(value: Any, indent: int = 0) -> str:
    text = yaml.safe_dump(
        value, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    ).rstrip("\n")
    pad = " " * indent
    return "\n".join(pad + line for line in text.split("\n"))
