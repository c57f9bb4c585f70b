"""Loader tests: each kind of bad input gives one exact message at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content.errors import ContentError
from generator.edition import load_bank
from tests.conftest import copy_bank


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A copy of the real bank that a test may break."""
    return copy_bank(tmp_path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def errors(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_bank(root)
    return [str(p).split("\n")[0] for p in info.value.problems]


def test_real_bank_loads(bank) -> None:  # type: ignore[no-untyped-def]
    counts = [len(a.questions) for a in bank.audiences]
    assert counts == [7, 14, 11, 5, 4, 10, 5]
    assert len(bank.threats) == 7
    assert len({q.id for q in bank.questions}) == 56


def test_unknown_key_with_suggestion(root: Path) -> None:
    f = root / "questions/csp.yml"
    edit(f, "    threats: [all]\n", "    threads: []\n    threats: [all]\n")
    line = line_of(f, "threads:")
    assert errors(root) == [f"questions/csp.yml:{line}:5: unknown key 'threads' in question CSP-01"]
    with pytest.raises(ContentError) as info:
        load_bank(root)
    assert info.value.problems[0].hint == "did you mean 'threats'?"


def test_yaml_syntax_error(root: Path) -> None:
    f = root / "threats/drugs.yml"
    edit(f, "name: Drugs", "name: [Drugs")
    line = line_of(f, "name: [Drugs")
    (msg,) = errors(root)
    assert msg.startswith(f"threats/drugs.yml:{line + 1}:")
    assert "YAML syntax error" in msg


def test_duplicate_key_is_an_error(root: Path) -> None:
    f = root / "threats/drugs.yml"
    edit(f, "name: Drugs\n", "name: Drugs\nname: Heroin\n")
    line = line_of(f, "name: Heroin")
    assert errors(root) == [
        f"threats/drugs.yml:{line}:1: duplicate key 'name' (first at line {line - 1}); "
        "YAML would silently keep only the last one"
    ]


def test_wrong_type(root: Path) -> None:
    f = root / "questions/dph.yml"
    edit(f, "order: 5", "order: five")
    assert errors(root) == [
        f"questions/dph.yml:{line_of(f, 'order: five')}:1: 'order' should be a whole number, "
        "not text"
    ]


def test_empty_required_field(root: Path) -> None:
    f = root / "questions/hwb.yml"
    edit(f, "name: Health and wellbeing boards", 'name: ""')
    line = line_of(f, 'name: ""')
    assert errors(root) == [f"questions/hwb.yml:{line}:1: 'name' is empty"]


def test_missing_required_key(root: Path) -> None:
    f = root / "threats/cyber.yml"
    edit(f, "slug: cyber-crime\n", "")
    assert errors(root) == ["threats/cyber.yml:2:1: missing required key 'slug'"]


def test_empty_file(root: Path) -> None:
    (root / "threats/drugs.yml").write_text("# nothing here\n", "utf-8")
    assert errors(root) == ["threats/drugs.yml:1:1: the file is empty"]


def test_duplicate_question_id(root: Path) -> None:
    f = root / "questions/csp.yml"
    edit(f, "id: CSP-02", "id: CSP-01")
    (msg,) = errors(root)
    first = line_of(f, "id: CSP-01")
    second = [n for n, x in enumerate(f.read_text().splitlines(), 1) if "id: CSP-01" in x][1]
    assert msg == (
        f"questions/csp.yml:{second}:5: duplicate question ID 'CSP-01' "
        f"(already used at questions/csp.yml:{first})"
    )


def test_unknown_references(root: Path) -> None:
    f = root / "questions/dph.yml"
    text = f.read_text("utf-8")
    f.write_text(text.replace("threats: [drugs]", "threats: [drugz]", 1), "utf-8")
    g = root / "questions/osc.yml"
    edit(g, "strands: [", "strands: [persue, ")
    h = root / "questions/pcp.yml"
    edit(h, "themes: [", "themes: [local-profiles, ")
    msgs = errors(root)
    assert f"questions/dph.yml:{line_of(f, 'drugz')}:" in msgs[0]
    assert msgs[0].endswith("unknown threat 'drugz' in question DPH-03")
    assert msgs[1].endswith("unknown strand 'persue' in question OSC-01")
    assert msgs[2].endswith("unknown theme 'local-profiles' in question PCP-01")
    assert len(msgs) == 3


def test_unknown_audience_in_note(root: Path) -> None:
    f = root / "editorial-notes.yml"
    edit(f, "audience:lscb", "audience:lscp")
    line = line_of(f, "audience:lscp")
    assert errors(root) == [
        f"editorial-notes.yml:{line}:9: note 'lscb-replaced' applies to unknown audience 'lscp'"
    ]


def test_correction_must_match_text(root: Path) -> None:
    f = root / "questions/lscb.yml"
    edit(f, 'original: "in place for to protect"', 'original: "in place for to protekt"')
    (msg,) = errors(root)
    assert msg.startswith(f"questions/lscb.yml:{line_of(f, 'protekt')}:")
    assert msg.endswith(
        "correction original 'in place for to protekt' does not occur in the text it is attached to"
    )


def test_not_utf8(root: Path) -> None:
    (root / "threats/drugs.yml").write_bytes(b"id: drugs\nname: Dr\xfcgs\n")
    assert errors(root) == [
        "threats/drugs.yml:2:9: the file is not UTF-8 (byte 0xfc cannot be decoded)"
    ]


def test_alias_bomb_is_refused(root: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n"
    (root / "threats/drugs.yml").write_text(bomb, "utf-8")
    assert errors(root) == [
        "threats/drugs.yml:2:8: YAML aliases (*name) are not allowed in content files"
    ]


def test_every_error_in_every_file_at_once(root: Path) -> None:
    edit(root / "questions/csp.yml", "order: 1", "order: one")
    edit(root / "threats/cyber.yml", "slug: cyber-crime\n", "")
    (root / "threats/drugs.yml").write_text("", "utf-8")
    assert len(errors(root)) == 3


def test_cli_reports_errors_without_traceback(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(root / "questions/csp.yml", "order: 1", "order: one")
    assert main(["--root", str(root), "validate"]) == 1
    err = capsys.readouterr().err
    assert "questions/csp.yml:" in err and "'order' should be a whole number" in err
    assert "hint:" in err and "1 content error found." in err
    assert "Traceback" not in err


def test_cli_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert "56 questions" in capsys.readouterr().out
