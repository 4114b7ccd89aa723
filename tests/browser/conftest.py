"""The built site served on localhost and opened in Chromium through Playwright."""

from __future__ import annotations

import functools
import gzip
import io
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SITE = Path(os.environ.get("ROSETTA_SITE", ROOT / "site"))
CHROMIUM = os.environ.get("ROSETTA_CHROMIUM", "/usr/bin/chromium")
BUDGETS: dict[str, int] = {}  # page -> bytes transferred on first load, printed at the end


def unavailable(reason: str):
    """A missing browser is a skip with its reason, except on CI, where it fails the run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)")
    pytest.skip(reason)


class Handler(SimpleHTTPRequestHandler):
    """Serves the site as a static host would: text compressed with gzip when the browser asks."""

    COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".py", ".ipynb", ".map"}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if not path.is_file():
            self.send_error(404)
            return None
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"{SITE}/index.html is missing: build the site first (nox -s site)")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set ROSETTA_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


def pytest_terminal_summary(terminalreporter):
    if BUDGETS:
        terminalreporter.section("page weight on first load, gzip-compressed (goal: under 500 KB per guide)")
        for page, size in sorted(BUDGETS.items()):
            terminalreporter.write_line(f"{size / 1024:8.1f} KB  {page}")
