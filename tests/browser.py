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


# axe-core, as every browser test runs it: the WCAG 2.2 AA rules and best practice.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


def inject_axe(page) -> None:
    """axe-core into the page, once for all its runs: sending and compiling its ~500 kB script costs about as much
    as a run of every rule."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)


def axe_violations(page, label: str, options: dict | None = None, context: str | None = None) -> list[str]:
    """One axe run on a page axe was injected into: the report of its violations, named by `label`."""
    response = page.evaluate("([context, options]) => context ? axe.run(context, options) : axe.run(options)",
                             [context, options or AXE_OPTIONS])
    if not response["violations"]:
        return []
    from axe_playwright_python.base import AxeResults

    return [f"{label}: axe:\n{AxeResults(response).generate_report()}"]


def colour_rules(page) -> list[str]:
    """The axe rules (of the tags we run) whose result can depend on colours, from axe-core's own metadata
    (category `cat.color`: color-contrast and link-in-text-block in axe 4.12)."""
    rules = page.evaluate("tags => axe.getRules(tags).filter(r => r.tags.includes('cat.color')).map(r => r.ruleId)",
                          AXE_OPTIONS["runOnly"]["values"])
    assert "color-contrast" in rules and "link-in-text-block" in rules, rules
    return rules


# The palette toggle: the one part of a page whose elements differ between the schemes (the other toggle label
# is shown). The dark pass runs every rule on it.
PALETTE = "[data-md-component=palette]"
# Everything axe's rules outside `cat.color` read from a page: the DOM (tags, attributes, text, form state) and
# how each element is laid out (shown or not, where, how big, how it scrolls, its text styling). Colours are
# left out: they are what the scheme changes, and the colour rules run in both schemes.
STRUCTURE = r"""palette => {
  const skip = document.querySelector(palette);
  const rows = [];
  for (const el of document.querySelectorAll('*')) {
    if (skip && skip.contains(el)) continue;
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    const colour = a => (el === document.body && a.name.startsWith('data-md-color-'))
      || (el.matches('meta[name=color-scheme]') && a.name === 'content');  // the scheme Material set
    const attrs = [...el.attributes].filter(a => !colour(a)).map(a => a.name + '="' + a.value + '"').join(' ');
    // The search box's status line says how far Material's search worker has come (initialising, ready): a
    // matter of time, not of the scheme.
    const text = el.matches('.md-search-result__meta') ? '(status)'
      : [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.data.trim()).join(' ');
    const state = 'checked' in el ? [el.checked, el.disabled, el.value] : [];
    const style = ['display', 'visibility', 'opacity', 'position', 'overflowX', 'overflowY', 'clip', 'clipPath',
      'contentVisibility', 'fontSize', 'fontWeight', 'fontStyle', 'lineHeight', 'letterSpacing', 'wordSpacing',
      'textDecorationLine', 'outlineStyle', 'pointerEvents', 'zIndex'].map(p => s[p]);
    const before = getComputedStyle(el, '::before').content, after = getComputedStyle(el, '::after').content;
    rows.push([`<${el.tagName.toLowerCase()} ${attrs}> ${text.slice(0, 80)} | ${state} | ${style} | ` +
      `${before} ${after} | scroll ${el.scrollWidth}x${el.scrollHeight}`, [r.x, r.y, r.width, r.height]]);
  }
  return rows;
}"""


def structure_differences(light: list, dark: list) -> list[str]:
    """The first elements (up to five) that differ between the schemes in more than colour. Boxes may differ by
    a pixel: text is antialiased against its background, which moves a box's fraction of a pixel."""
    if len(light) != len(dark):
        return [f"{len(light)} elements in light, {len(dark)} in dark"]
    return [f"light: {a} {[round(v) for v in box_a]}\n    dark:  {b} {[round(v) for v in box_b]}"
            for (a, box_a), (b, box_b) in zip(light, dark, strict=True)
            if a != b or any(abs(u - v) > 1 for u, v in zip(box_a, box_b, strict=True))][:5]


def dark_axe_failures(page, label: str, light: list) -> list[str]:
    """axe on a page in the dark scheme (axe injected), given the STRUCTURE of the same page in light, where every
    rule ran: the colour rules on the whole page, every rule on the palette toggle, and a failure if the page
    differs from the light one in more than colour, so a rule that reads no colour cannot find in dark what it
    did not find in light."""
    only = {**AXE_OPTIONS, "runOnly": {"type": "rule", "values": colour_rules(page)}}
    failures = axe_violations(page, f"{label}, colour rules", only)
    failures += axe_violations(page, f"{label}, palette toggle", context=PALETTE)
    if differences := structure_differences(light, page.evaluate(STRUCTURE, PALETTE)):
        failures.append(f"{label}: the page differs from the light one in more than colour, so axe's other rules "
                        "would have to run in dark too:\n  " + "\n  ".join(differences))
    return failures
