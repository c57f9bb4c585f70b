"""The edition guide works as written: its commands, run in order in a fresh clone, build an
edition (issue 27: the guide's first command, ``qbank new-edition``, failed in a fresh clone,
which has no ``qbank`` until ``make install``).

The clone is ``git clone`` of this repository. ``make install`` in it would download every
package again (minutes, and the package registries); the test lends it this clone's ``.venv``
and ``node_modules`` instead, and checks first that ``make`` then has nothing to install, so
the commands run exactly as written and the borrowed environment is never rebuilt.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document

from generator.content.load import ROOT

GUIDES = {
    "guide": ("docs/contributing/make-your-edition.md", "## 1. Start from the starter"),
    "readme": ("README.md", "## A council's local edition"),
}
STRATEGY = [
    ("heading", "Serious and organised crime strategy"),
    ("heading", "Reporting concerns"),
    ("text", "Anyone with information should report it to the police on 101."),
]


def guide_commands(name: str) -> list[str]:
    """The first ``sh`` block under the guide's heading, one command a line."""
    path, heading = GUIDES[name]
    text = (ROOT / path).read_text("utf-8")
    after = text[text.index(heading) :]
    block = re.search(r"```sh\n(.*?)```", after, re.DOTALL)
    assert block is not None, f"{path}: no sh block under {heading!r}"
    return [line for line in block.group(1).splitlines() if line.strip()]


def _strategy(path: Path) -> None:
    """The council's strategy, as a Word or PDF file, where the guide's extract reads it."""
    if path.suffix == ".docx":
        doc = Document()
        for kind, words in STRATEGY:
            (doc.add_heading if kind == "heading" else doc.add_paragraph)(words)
        doc.save(str(path))
    else:
        from weasyprint import HTML

        html = "".join(f"<h2>{w}</h2>" if k == "heading" else f"<p>{w}</p>" for k, w in STRATEGY)
        HTML(string=html).write_pdf(path)


def _clone(dest: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(dest)], check=True)
    for name in (".venv", "node_modules"):
        (dest / name).symlink_to(ROOT / name, target_is_directory=True)
    # What the clone's make install compares the environment with: older than what is lent.
    for name in ("pyproject.toml", "package.json", "package-lock.json"):
        os.utime(dest / name, (0, 0))
    return dest


@pytest.mark.parametrize("name", sorted(GUIDES))
def test_the_guides_commands_build_an_edition_in_a_fresh_clone(tmp_path: Path, name: str) -> None:
    commands = guide_commands(name)
    assert commands[0].startswith("make install"), "the first command must make qbank"
    assert all(c.startswith(("make ", ".venv/bin/qbank ")) for c in commands), commands
    clone = _clone(tmp_path / "soc-question-bank")
    up_to_date = subprocess.run(["make", "-q", "install"], cwd=clone, check=False)
    assert up_to_date.returncode == 0, "make install would rebuild the lent environment"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "MAKEFLAGS")}
    for command in commands:
        if " extract " in command:
            _strategy(clone / command.split(" extract ")[1].split()[0])
        run = subprocess.run(
            ["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, f"{command}\n{run.stdout}\n{run.stderr}"
    edition = tmp_path / "northwold"
    assert "report it to the police on 101" in (edition / "strategy.txt").read_text("utf-8")
    site = clone / "site-northwold"
    assert "Northwold District Council" in (site / "index.html").read_text("utf-8")
    assert not (clone / "site").exists()  # never over the national site


def test_the_starter_names_the_guides_commands(tmp_path: Path) -> None:
    from generator.cli import main

    assert main(["new-edition", str(tmp_path / "northwold"), "--council", "Northwold"]) == 0
    text = (tmp_path / "northwold" / "edition.yml").read_text("utf-8")
    # The folder is named in words, never by its path: a path is text the user typed
    # (a newline in it would end the comment), and only values are written from it.
    assert "make site EDITION=<this folder>" in text and str(tmp_path) not in text.split("\n\n")[0]
    assert "site-<this folder's name>" in text and "-o site " not in text
    assert ".venv/bin/qbank extract" in text


def test_the_starters_schema_copy_is_complete(tmp_path: Path) -> None:
    from generator.cli import main

    assert main(["new-edition", str(tmp_path / "e"), "--council", "Northwold"]) == 0
    schema = tmp_path / "e" / "schema"
    copied = {p.name for p in schema.iterdir()}
    for path in schema.iterdir():
        for ref in re.findall(r'"\$ref"\s*:\s*"([^"#]+)', path.read_text("utf-8")):
            assert ref in copied, f"{path.name} refers to {ref}, which was not copied"
    assert "editorial-notes.schema.json" in copied


def test_the_guides_action_plan_example_quotes_the_worked_example() -> None:
    guide = (ROOT / "docs/contributing/make-your-edition.md").read_text("utf-8")
    block = guide[guide.index("```yaml\naction_plan:") :]
    cells = re.findall(r"recommendation: (.+)", block[: block.index("```", 3)])
    assert len(cells) == 2
    strategy = " ".join((ROOT / "editions/broxtowe/strategy-2019.txt").read_text().split())
    for cell in cells:
        assert cell in strategy
