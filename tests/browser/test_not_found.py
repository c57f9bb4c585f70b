"""The not-found page (404.html) as a server shows it for a missing address at any depth, under
the edition's site_url path and at the server root, and as a file opened from a shared drive:
styled, in the GOV.UK pattern, with links that lead somewhere and a search that searches."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# The example edition's site_url is https://intranet.example.gov.uk/soc-questions/.
EDITION_PATH = "/soc-questions/"


class _Server(SimpleHTTPRequestHandler):
    """Serves the site under ``prefix`` and 404.html (status 404) for anything it lacks,
    as the README's nginx line (error_page 404) has it."""

    prefix = "/"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        inside = path.startswith(self.prefix)
        return super().translate_path("/" + path[len(self.prefix) :] if inside else "/-/")

    def send_head(self) -> Any:
        target = Path(self.translate_path(self.path))
        if target.is_file():
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def serve() -> Iterator[Any]:
    servers: list[ThreadingHTTPServer] = []

    def start(site: Path, prefix: str) -> str:
        handler = type("Handler", (_Server,), {"prefix": prefix})
        server = ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}{prefix}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _check_page(page: Page, home: str) -> None:
    expect(page.locator("h1")).to_have_text("Page not found")
    # Styled: Material's stylesheet makes the header sticky.
    header = page.locator(".md-header")
    expect(header).to_have_css("position", "sticky")
    expect(page.locator(".qb-not-found a", has_text="Police and crime panels")).to_be_visible()
    page.locator(".qb-not-found a", has_text="go to the home page").click()
    expect(page).to_have_url(home)
    expect(page.locator(".qb-roles")).to_be_visible()


@pytest.mark.parametrize("depth", ["", "a/", "a/b/c/"])
def test_under_the_edition_path_at_any_depth(
    page: Page, serve: Any, built_edition_site: Path, depth: str
) -> None:
    base = serve(built_edition_site, EDITION_PATH)
    response = page.goto(f"{base}{depth}no-such-page.html")
    assert response is not None and response.status == 404
    _check_page(page, f"{base}index.html")


def test_at_the_server_root_at_depth(page: Page, serve: Any, built_site: Path) -> None:
    base = serve(built_site, "/")
    page.goto(f"{base}threats/x/no-such-page.html")
    page.locator("#qb-not-found-q").fill("cuckooing")
    page.locator(".qb-not-found-search button").click()
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    page.goto(f"{base}threats/x/no-such-page.html")
    _check_page(page, f"{base}index.html")


def test_opened_from_a_shared_drive(page: Page, built_edition_site: Path) -> None:
    page.goto((built_edition_site / "404.html").as_uri())
    _check_page(page, (built_edition_site / "index.html").as_uri())
