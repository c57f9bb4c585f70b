"""``js/answers-validator.js``: the answers file schema compiled for the browser.

The site checks an imported answers file against ``schema/answers.schema.json``, the same
file Python checks with jsonschema. The page security policy forbids eval, so Ajv (from npm,
pinned in package.json) compiles the schema here, at build time, into standalone code
(``tools/answers-validator.js``); nothing generated is committed.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "answers-validator.js"
SCHEMA = ROOT / "schema" / "answers.schema.json"
AJV = ROOT / "node_modules" / "ajv" / "package.json"


def check() -> None:
    """A clear error, before any work, when Node or Ajv is missing."""
    if shutil.which("node") is None:
        raise OSError("node is missing: install Node.js to compile the answers file validator")
    if not AJV.is_file():
        raise OSError(
            f"{AJV.parent.relative_to(ROOT)} is missing: run `npm ci` (`make site` does it) to "
            "install Ajv, which compiles the answers file schema for the browser"
        )


@functools.cache
def _compiled(schema: bytes, script: bytes) -> bytes:
    # Keyed by the schema's and the script's text: a build compiles once per change.
    done = subprocess.run(
        ["node", str(SCRIPT)], cwd=ROOT, capture_output=True, check=False, timeout=120
    )
    if done.returncode != 0:
        raise OSError("could not compile the answers file schema: " + done.stderr.decode()[-2000:])
    return done.stdout


def answers_validator() -> bytes:
    """The standalone validator, as the script the site loads."""
    check()
    return _compiled(SCHEMA.read_bytes(), SCRIPT.read_bytes())
