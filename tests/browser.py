"""Helpers for browser tests: serve a built site on loopback and drive Debian's Chromium."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def require_chromium() -> None:
    """Skip without Chromium locally; in CI a missing browser is a failure, never a silent skip."""
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # keep test output quiet
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Serve the site's own 404 page, as GitHub Pages does.
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now, for a server a test starts (mkdocs serve, decap-server)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 on a free port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def served_page(browser: Any, site: Path) -> Iterator[tuple[Any, str]]:
    """A fresh browser page and the base URL of `site`, served for the duration."""
    with serve(site) as url:
        page = browser.new_page()
        try:
            yield page, url
        finally:
            page.close()
