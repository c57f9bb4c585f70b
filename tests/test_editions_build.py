"""Many editions in one run: ``qbank build -o DIR --edition A --edition B``, a folder each."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.content.load import ROOT


def edition(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "edition.yml").write_text(text, "utf-8")
    return folder


def test_each_edition_is_built_into_a_folder_of_its_own(tmp_path: Path) -> None:
    county = edition(tmp_path / "editions" / "borsetshire", "council: Borsetshire County Council\n")
    out = tmp_path / "sites"
    args = ["build", "-o", str(out), "--edition", str(ROOT / "editions" / "example")]
    assert main([*args, "--edition", str(county)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["borsetshire", "example"]
    for name, council in (
        ("borsetshire", "Borsetshire County Council"),
        ("example", "Exampleshire District Council"),
    ):
        home = (out / name / "index.html").read_text("utf-8")
        assert f"<title>Home - {council}: SOC Scrutiny Question Bank</title>" in home
        assert (out / name / "downloads" / "police-and-crime-panels.pdf").is_file()


def test_subfolders_puts_even_one_edition_in_its_folder(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):  # argparse: --subfolders without an edition
        main(["build", "-o", str(tmp_path), "--subfolders", "--edition"])
    assert main(["build", "-o", str(tmp_path / "out"), "--subfolders"]) == 2


def test_two_editions_may_not_share_a_folder_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = edition(tmp_path / "a" / "same", "council: A Council\n")
    b = edition(tmp_path / "b" / "same", "council: B Council\n")
    out = tmp_path / "sites"
    assert main(["build", "-o", str(out), "--edition", str(a), "--edition", str(b)]) == 2
    assert "would both build into" in capsys.readouterr().err
    assert not out.exists()


def test_every_editions_content_errors_come_before_any_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = edition(tmp_path / "good", "council: Good Council\n")
    bad = edition(tmp_path / "bad", "council: Bad Council\ncouncil_name: typo\n")
    worse = edition(tmp_path / "worse", "contacts: []\n")
    out = tmp_path / "sites"
    args = ["build", "-o", str(out), "--edition", str(good), "--edition", str(bad)]
    assert main([*args, "--edition", str(worse)]) == 1
    err = capsys.readouterr().err
    assert "bad/edition.yml" in err and "worse/edition.yml" in err
    assert not out.exists()
