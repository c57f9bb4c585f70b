"""The Content Security Policy every page carries (a ``<meta http-equiv>`` in the theme).

No inline script runs unless the policy names its SHA-256 hash, and only the theme's own
scripts are named: the few that Material writes inline into every page, and the one the
iframe-worker shim writes into its hidden frame when search runs from ``file://``. Hashes
are computed at build time from those scripts' text, so a page's policy fits the page's
depth (both texts hold a relative URL). Text from YAML can never add a script: anything
else inline is refused by the browser.

Plain Python: the MkDocs hook hands in the texts.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

# What each kind of resource may load. 'self' covers file:// too (measured in Chromium: a
# page opened from a shared drive loads its scripts, styles, search index and frames).
# Material's icons are data: SVGs in its stylesheet, hence img-src data:.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("manifest-src", "'self'"),
    ("media-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),  # the not-found page's search form
)

_INLINE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_EXECUTABLE_TYPES = frozenset(
    {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
)
# The iframe-worker shim writes this into its frame: two helper functions it defines by
# name, and the worker's URL (``${e}``) twice, once in an inline script.
_SHIM_FRAME = re.compile(
    r"<script>(postMessage=\$\{(?P<post>\w+)\};importScripts=\$\{(?P<imports>\w+)\};"
    r".*?)<\\/script>",
    re.DOTALL,
)


class ShimChanged(ValueError):
    """The iframe-worker shim no longer has the shape this module reads."""


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in ``html`` that a browser would run.

    JSON data blocks (``type="application/json"``) are data, not script: CSP leaves them be.
    """
    found = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group(1) or ""
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _EXECUTABLE_TYPES:
            found.append(match.group(2))
    return found


def sha256_source(script: str) -> str:
    """The CSP source expression that allows exactly this script text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _function_source(js: str, name: str) -> str:
    """``function name(...){...}`` as it stands in ``js`` (what Function#toString returns)."""
    start = js.find(f"function {name}(")
    if start < 0:
        raise ShimChanged(f"function {name} not found")
    depth = 0
    for i in range(js.index("{", start), len(js)):
        depth += {"{": 1, "}": -1}.get(js[i], 0)
        if depth == 0:
            return js[start : i + 1]
    raise ShimChanged(f"function {name} never closes")


def shim_frame_script(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its frame for ``worker_url``.

    The shim builds it from a template literal holding two of its own functions' source text
    and the worker URL exactly as Material passes it (relative to the page).
    """
    match = _SHIM_FRAME.search(shim)
    if match is None:
        raise ShimChanged("its frame template was not found")
    text = match.group(1)
    for name in (match.group("post"), match.group("imports")):
        text = text.replace(f"${{{name}}}", _function_source(shim, name))
    return text.replace("${e}", worker_url)


def policy(scripts: Iterable[str]) -> str:
    """The policy for a page whose allowed inline scripts are ``scripts``."""
    hashes = sorted(dict.fromkeys(sha256_source(s) for s in scripts))
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src" and hashes:
            value = " ".join([value, *hashes])
        parts.append(f"{name} {value}")
    return "; ".join(parts)
