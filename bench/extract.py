"""``python -m bench.extract``: how long ``qbank extract`` takes, and how much memory, on the
hostile files of ``bench/hostile.py`` and on a made-up council's strategy (Word, and its PDF
when LibreOffice is installed). Each run is a fresh ``qbank extract`` process measured by
``/usr/bin/time -v``; the target for a hostile file is under 5 s and under 300 MB, refused
with a message naming the limit."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.hostile import inflating_docx, shared_stream_pdf

QBANK = Path(sys.executable).with_name("qbank")


def measure(document: Path, out: Path) -> tuple[float, int, int, str]:
    """Seconds, peak memory in MB, exit code and the first line of the message."""
    run = subprocess.run(
        ["/usr/bin/time", "-v", str(QBANK), "extract", str(document), "-o", str(out), "--force"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    assert wall and rss, run.stderr
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    said = (run.stderr.split("\tCommand being timed")[0].strip() or run.stdout).splitlines()
    code = run.returncode
    return seconds, int(rss.group(1)) // 1024, code, said[0][:150] if said else ""


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = {
            "docx, 1 GB part (issue's 1.2 MB file)": inflating_docx(folder / "a.docx", 1 << 30),
            "pdf, 2,000 pages x shared 2 MB stream": shared_stream_pdf(folder / "b.pdf", 2000),
            "pdf, 5 pages x shared 2 MB stream": shared_stream_pdf(folder / "c.pdf", 5),
        }
        from tests.strategy_docs import make_strategy_docx, to_pdf

        cases["docx, made-up strategy with a table"] = make_strategy_docx(folder / "s.docx")
        if shutil.which("soffice"):
            cases["pdf, the same strategy (LibreOffice)"] = to_pdf(cases[next(reversed(cases))])
        print(f"{'file':42} {'size':>9} {'seconds':>8} {'peak MB':>8} exit  message")
        for name, document in cases.items():
            seconds, mb, code, said = measure(document, folder / "out.txt")
            size = document.stat().st_size
            print(f"{name:42} {size:>9,} {seconds:>8.2f} {mb:>8} {code:>4}  {said}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
