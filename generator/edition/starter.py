"""``qbank new-edition``: a minimal, valid, commented edition that builds at once.

The starter's text is ``templates/starter/``: ``edition.yml`` (identity, a reporting line
left as a marked placeholder, one example local question, an empty action plan) and a
placeholder ``strategy.txt`` that ``qbank extract`` replaces. Every ``[REPLACE: …]`` is
warned about by a build (``advice.py``). A copy of the schema goes in ``schema/`` beside
``edition.yml``, so the editor's ``$schema`` line works wherever the folder lives.

Only an absent or empty folder is written to: the starter never replaces anything.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..content.schemas import SCHEMA_DIR, referenced
from ..content.textrules import BREAKS_A_LINE, describe

STARTER = Path(__file__).resolve().parents[2] / "templates" / "starter"
# The schemas edition.yml is checked against: the edition's, and the shared definitions.
SCHEMAS = referenced("edition.schema.json")


def placeholder_source() -> bytes:
    """The placeholder ``strategy.txt`` exactly as the starter writes it."""
    return (STARTER / "strategy.txt").read_bytes()


def new_edition(folder: Path, council: str) -> list[Path]:
    """Write the starter edition for ``council`` into ``folder``; return the files written.

    Raises ValueError (with what to do) for a folder that is not empty, or a name that
    cannot be a council's name; nothing is written then.
    """
    name = council.strip()
    if not name:
        raise ValueError('give the council\'s name: --council "Exampleshire District Council"')
    if found := BREAKS_A_LINE.search(name):
        raise ValueError(
            f"the council's name holds a {describe(found.group())}: give it on one line"
        )
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise ValueError(f"{folder} is not a folder: give a new or empty folder's name")
    if folder.is_dir() and any(folder.iterdir()):
        raise ValueError(
            f"{folder} is not empty: new-edition writes only into a new or empty folder, "
            "so that it never replaces anything; give another folder's name"
        )
    text = (STARTER / "edition.yml").read_text("utf-8")
    # A JSON string is a YAML double-quoted scalar: any name is written safely.
    text = text.replace("$council_yaml", json.dumps(name, ensure_ascii=False))
    text = text.replace("$council", name).replace("$folder", folder.as_posix())
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "edition.yml", folder / "strategy.txt"]
    written[0].write_text(text, "utf-8")
    written[1].write_bytes(placeholder_source())
    (folder / "schema").mkdir()
    for schema in SCHEMAS:
        written.append(folder / "schema" / schema)
        shutil.copyfile(SCHEMA_DIR / schema, written[-1])
    return written
