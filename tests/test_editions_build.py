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


def test_every_target_is_checked_before_any_is_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mkdocs.commands import build as mkdocs_build

    def fake_build(config: object) -> None:  # fast: stands in for MkDocs, writes one page
        Path(config["site_dir"], "index.html").write_text("a site", "utf-8")  # type: ignore[index]

    monkeypatch.setattr(mkdocs_build, "build", fake_build)
    monkeypatch.setenv("QBANK_JOBS", "1")  # in this process, so the stand-in is used
    monkeypatch.setenv("QBANK_CACHE", "0")
    first = edition(tmp_path / "eds" / "alpha", "council: Alpha Council\n")
    second = edition(tmp_path / "eds" / "beta", "council: Beta Council\n")
    out = tmp_path / "sites"
    (out / "beta").mkdir(parents=True)  # someone's folder where the second site would go
    (out / "beta" / "minutes.txt").write_text("Minutes", "utf-8")
    args = ["build", "-o", str(out), "--subfolders", "--edition", str(first)]
    assert main([*args, "--edition", str(second)]) == 2
    err = capsys.readouterr().err
    assert "refusing to build into" in err and "beta" in err
    assert sorted(p.name for p in out.iterdir()) == ["beta"]  # alpha was never built
    assert (out / "beta" / "minutes.txt").read_text("utf-8") == "Minutes"


def test_a_target_may_not_be_another_editions_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mkdocs.commands import build as mkdocs_build

    monkeypatch.setattr(mkdocs_build, "build", lambda config: None)
    # sites/beta is where edition "beta" would be built, and it is where edition alpha lives.
    first = edition(tmp_path / "sites" / "beta" / "alpha", "council: Alpha Council\n")
    second = edition(tmp_path / "eds" / "beta", "council: Beta Council\n")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    args = ["build", "-o", str(tmp_path / "sites"), "--edition", str(first)]
    assert main([*args, "--edition", str(second)]) == 2
    assert "edition folder" in capsys.readouterr().err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
