"""Consistency checks in the style of sqlite-utils' test_docs: data, docs and CLI agree."""

from __future__ import annotations

import json
import re

from generator.cli import parser
from generator.content.load import ROOT
from generator.content.model import Bank

README = (ROOT / "README.md").read_text("utf-8")


def test_every_cli_command_is_documented() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    commands = sorted(sub.choices)  # type: ignore[arg-type]
    assert commands == ["build", "extract", "new-edition", "notes", "pack", "serve", "validate"]
    for command in commands:
        assert f"qbank {command}" in README, f"README does not document `qbank {command}`"


def test_every_make_target_in_readme_exists() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    phony = set(re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split())  # type: ignore[union-attr]
    for target in set(re.findall(r"`make (\w+)", README)):
        assert target in phony, f"README mentions `make {target}`, which is not a .PHONY target"
    assert {"site", "test", "serve", "check"} <= phony


def test_every_theme_and_strand_is_used(bank: Bank) -> None:
    for theme in bank.themes:
        assert bank.tagged("themes", theme.id), f"theme {theme.id} tags no question"
    for strand in bank.strands:
        assert bank.tagged("strands", strand.id), f"strand {strand.id} tags no question"


def test_every_audience_has_expectations_and_every_threat_resources(bank: Bank) -> None:
    assert all(a.expectations for a in bank.audiences)
    assert all(t.resources for t in bank.threats)


def test_question_ids_are_in_published_order(bank: Bank) -> None:
    for audience in bank.audiences:
        numbers = [int(q.id.rsplit("-", 1)[1]) for q in audience.questions]
        assert numbers == list(range(1, len(numbers) + 1)), audience.id


def test_every_content_file_names_its_schema() -> None:
    files = [ROOT / "bank.yml", ROOT / "glossary.yml", ROOT / "editorial-notes.yml"]
    files += sorted((ROOT / "questions").glob("*.yml")) + sorted((ROOT / "threats").glob("*.yml"))
    for path in files:
        first = path.read_text("utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.name} does not start with its $schema line"
        schema = (path.parent / match.group(1)).resolve()
        assert schema.is_file(), f"{path.name} names a schema that does not exist"
        json.loads(schema.read_text("utf-8"))


def test_schemas_are_valid_json_schema() -> None:
    import jsonschema

    for path in sorted((ROOT / "schema").glob("*.schema.json")):
        schema = json.loads(path.read_text("utf-8"))
        jsonschema.validators.validator_for(schema).check_schema(schema)


def test_editorial_notes_cover_the_known_changes(bank: Bank) -> None:
    text = " ".join(f"{n.title} {n.text}" for n in bank.notes)
    for fact in ("2017", "Supporting Families", "National Cyber Security Centre", "2021", "2023"):
        assert fact in text, fact
    assert bank.notes_for("audience:lscb")


def test_docs_pages_are_all_in_the_nav(bank: Bank) -> None:
    from generator.site.outputs import nav

    def pages(items: object) -> list[str]:
        if isinstance(items, str):
            return [items]
        if isinstance(items, dict):
            return [p for v in items.values() for p in pages(v)]
        if isinstance(items, list):
            return [p for v in items for p in pages(v)]
        return []

    listed = set(pages(nav(bank)))
    for md in (ROOT / "docs").rglob("*.md"):
        assert md.relative_to(ROOT / "docs").as_posix() in listed, f"{md} is not in the nav"


def test_readme_is_short_and_links_the_detail() -> None:
    """A newcomer reads the README in five minutes; the detail is a link away."""
    assert len(README.splitlines()) < 200
    links = set(re.findall(r"\]\(([^)#]+\.md)\)", README))
    for page in ("reliability", "performance", "edition-reference", "architecture", "engines"):
        assert f"docs/contributing/{page}.md" in links, f"README does not link {page}.md"
    for link in links:
        assert (ROOT / link).is_file(), f"README links {link}, which does not exist"
    assert "make site" in README and "make test" in README
    assert "## Preparing a meeting in the browser" in README
