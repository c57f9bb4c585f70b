"""What the browser tests (and the benchmark) share: how to start Chromium, the built site's
pages, and which URLs stay on this machine."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Playwright's launch() gives Chromium a fresh temporary profile (--user-data-dir) itself.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Without this Chromium looks up Google hosts by itself; with it no name resolves but ours.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
# Schemes that never reach a network host.
LOCAL_SCHEMES = frozenset({"file", "data", "blob"})
NETWORK_SCHEMES = frozenset({"http", "https", "ws", "wss"})
LOOPBACK = frozenset({"127.0.0.1", "localhost"})


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to its root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def is_local(url: str) -> bool:
    """True for a URL that is served from this machine: a file, inline data or loopback."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in NETWORK_SCHEMES and parts.hostname in LOOPBACK


def unavailable(reason: str) -> NoReturn:
    """Skip a test that cannot run here; fail it instead where CI says it must run."""
    if os.environ.get("QBANK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and QBANK_REQUIRE_BROWSER=1 says the browser tests must run")
    pytest.skip(reason)


@dataclass
class RequestLog:
    """Every URL any page of the session requested, in order."""

    urls: list[str] = field(default_factory=list)

    def foreign(self, since: int = 0) -> list[str]:
        """Requested URLs, from index ``since`` on, that left this machine."""
        return [url for url in self.urls[since:] if not is_local(url)]
