"""The interactive checklist: tick, rate and note questions, keep them, print and export them."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

NOTE = "Asked at panel; PCC to report back in March."


@pytest.mark.parametrize("origin", ["http", "file"])
def test_answers_are_kept_printed_and_exported(
    page: Page, origins: dict[str, str], origin: str, tmp_path: Path
) -> None:
    url = origins[origin] + "police-and-crime-panels.html"
    page.goto(url)
    page.on("dialog", lambda dialog: dialog.accept())  # "Clear …? This cannot be undone."
    page.get_by_role("button", name="Clear my answers").click()
    page.get_by_label("Ask PCP-14").check()
    page.get_by_label("Answer").nth(13).select_option("Partly assured")
    page.get_by_label("Notes on PCP-14").fill(NOTE)

    page.reload()
    expect(page.get_by_label("Ask PCP-14")).to_be_checked()
    expect(page.get_by_label("Ask PCP-13")).not_to_be_checked()
    expect(page.locator("#status-pcp-14")).to_have_value("Partly assured")
    expect(page.get_by_label("Notes on PCP-14")).to_have_value(NOTE)

    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers (CSV)").click()
    saved = tmp_path / "answers.csv"
    info.value.save_as(saved)
    rows = {r["ID"]: r for r in csv.DictReader(io.StringIO(saved.read_text("utf-8-sig")))}
    assert len(rows) == 14
    assert rows["PCP-14"]["Ask"] == "Yes" and rows["PCP-14"]["Answer"] == "Partly assured"
    assert rows["PCP-14"]["Notes"] == NOTE
    assert rows["PCP-14"]["Question"].startswith("What use is being made of proceeds of crime")
    assert rows["PCP-13"] == {**rows["PCP-13"], "Ask": "", "Answer": "Not asked", "Notes": ""}

    page.emulate_media(media="print")
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=True))
    page.emulate_media(media="screen")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert NOTE in " ".join(text.split())
    assert "Partly assured" in text
    assert text.count("Not asked") == 0, "empty answers should not print"

    page.get_by_role("button", name="Clear my answers").click()
    page.reload()
    expect(page.get_by_label("Ask PCP-14")).not_to_be_checked()
    expect(page.get_by_label("Notes on PCP-14")).to_have_value("")
