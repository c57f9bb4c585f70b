"""Browser fixtures: one Chromium for the session, a loopback server, every request logged.

Chromium is Debian's (never a Playwright download). Each colour scheme gets one browser
context for the whole session; tests open and close pages in it. Every request any page
makes is logged, and a browser test fails if one of them went to another host.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from tests.browser.pages import CHROMIUM, FLAGS, RequestLog, unavailable

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request would bury the test output


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site over http from a loopback server on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def origins(site_url: str, built_site: Path) -> dict[str, str]:
    """Where the site is opened from: an intranet server, and a shared drive."""
    return {"http": site_url, "file": built_site.as_uri() + "/"}


@pytest.fixture(scope="session")
def request_log() -> RequestLog:
    return RequestLog()


@pytest.fixture(scope="session")
def contexts(browser: Browser, request_log: RequestLog) -> Iterator[dict[str, BrowserContext]]:
    made: dict[str, BrowserContext] = {}
    for scheme in SCHEMES:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        context.set_default_timeout(15_000)
        context.on("request", lambda r: request_log.urls.append(r.url))
        made[scheme] = context
    yield made
    for context in made.values():
        context.close()


@pytest.fixture
def scheme() -> str:
    """The colour scheme of ``page``; tests parametrize it to run in both."""
    return "light"


@pytest.fixture
def page(contexts: dict[str, BrowserContext], scheme: str) -> Iterator[Page]:
    opened = contexts[scheme].new_page()
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _stays_on_this_machine(request: pytest.FixtureRequest) -> Iterator[None]:
    """Whatever a browser test does, no page it opens may ask another host for anything."""
    if request.node.get_closest_marker("browser") is None:
        yield
        return
    log: RequestLog = request.getfixturevalue("request_log")
    start = len(log.urls)
    yield
    foreign = log.foreign(start)
    assert not foreign, f"{request.node.name}: requests to other hosts: {foreign}"
