"""The local preview (`mkdocs serve`, `make serve`) in a real browser: while the content has an error every
page shows the error list, and after the fix every page kind comes back by itself, record pages included
(which the broken content does not make, so the server answers them with its 404 page)."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import free_port
from tests.conftest import BIN, copy_project, warm_cache
from tests.editing import replace as edit

MISSION = "content/missions/fm1-uppdrag-1.yaml"

# One page of each kind, and a text that is on it only when the page is the real one.
PAGES = {
    "": "Testkommunen ska ha en stark testekonomi",
    "uppdrag/fm1-uppdrag-1/": "effektivisera testadministrationen",
    "mal/fokusmal-1/": "Testkommunen ska ha en stark testekonomi",
    "namnder/ks/": "Testuppdrag",
    "indikatorer/testandel/": "Testandel vuxna med testbistånd",
    "nyheter/testnyhet-om-testandelen/": "fler ska klara sig utan testbistånd",
    "uppdrag/": "Testuppdrag",
}


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """`mkdocs serve` on a copy of the fixture project; yields the project and the preview's base URL."""
    project = copy_project(tmp_path / "project")
    warm_cache(project / ".cache")  # the first build draws no chart: the preview's own behaviour is tested here
    port = free_port()
    env = {**os.environ, "SITE_URL": "https://example.invalid/", "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-q", "-a", f"127.0.0.1:{port}", "-f",
                               str(project / "mkdocs.yml")], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while _status(base) != 200:
            assert server.poll() is None and time.monotonic() < deadline, "mkdocs serve did not start"
            time.sleep(0.05)  # polled: the test goes on as soon as the preview answers
        yield project, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_every_page_kind_comes_back_after_the_error_is_fixed(preview: tuple[Path, str], browser) -> None:
    project, base = preview
    tabs = {}
    for path, text in PAGES.items():
        page = browser.new_context().new_page()  # a window each: mkdocs' reload script polls only when visible
        page.goto(base + path)
        page.get_by_text(text).first.wait_for(timeout=30_000)
        tabs[path] = page
    good = (project / MISSION).read_text(encoding="utf-8")
    edit(project, MISSION, "\ngoal: fokusmal-1", "\ngoal: fokusmal-1\nx_goal: fel")
    for path, page in tabs.items():
        page.get_by_text("Innehållet har fel").first.wait_for(timeout=60_000)
        assert "x_goal" in page.content(), path
    (project / MISSION).write_text(good, encoding="utf-8")
    for path, page in tabs.items():
        page.get_by_text(PAGES[path]).first.wait_for(timeout=60_000)  # no reload by hand
        assert "Innehållet har fel" not in page.content(), path
    for page in tabs.values():
        page.context.close()
