"""Serve a built site on loopback the way GitHub Pages does: gzip for text, the site's 404 page.

Usage: python -m scripts.serve_gzip [SITE_DIR] [--port N]

For measurements (Lighthouse) only: a plain `http.server` sends every file uncompressed, which makes
the site look several times heavier than it is when published.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# What GitHub Pages compresses: text formats. Images other than SVG are compressed already.
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
              "application/atom+xml", "application/rdf+xml")


class GzipHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
                      ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
                      ".webmanifest": "application/manifest+json"}

    def log_message(self, format: str, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        gz = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSED)
        if gz:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.send_header("Vary", "Accept-Encoding")
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _file(self) -> tuple[int, Path] | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # let the base class redirect to the slash form
            path = path / "index.html"
        if path.is_file():
            return 200, path
        page = Path(self.directory) / "404.html"
        return (404, page) if page.is_file() else None

    def do_GET(self) -> None:  # http.server's naming
        found = self._file()
        if found is None:
            super().do_GET()
            return
        status, path = found
        self._send(status, path.read_bytes(), self.guess_type(str(path)))

    def do_HEAD(self) -> None:
        self.do_GET()


@contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve `site` with gzip on 127.0.0.1; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--port", type=int, default=8001)
    opts = parser.parse_args()
    with serve(Path(opts.site).resolve(), opts.port) as url:
        print(f"Serving {opts.site} with gzip at {url} (Ctrl-C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
