"""The optional worker (macros/plugin/prerender.py): same output as rendering in-process, never waited on
for long, errors fail the build, and it ends with the build."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from macros.build.pages import generated_pages, render_view
from macros.build.portal import load_portal
from macros.plugin.prerender import Prerender, can_fork
from macros.plugin.search_input import indexer_part
from tests.conftest import build_site

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")

SITE_URL = "https://example.invalid/"
TODAY = dt.date(2026, 1, 1)


def portal_of(project: Path):
    """The project loaded as the build loads it, drawing its charts into (or taking them from) the project's own
    chart cache, which its builds share: the 450-mission corpus's charts are drawn once per session, not per test."""
    return load_portal(project, project / ".cache")


@pytest.fixture(scope="module")
def _big_portal_loaded(big_project: Path):
    """The 450-mission corpus loaded once for the module: the tests only read it (each worker is a fork)."""
    return portal_of(big_project)


@pytest.fixture
def big_portal(_big_portal_loaded):
    """That portal, with its own words active as in a build: every test starts from the default words
    (conftest's `_default_words`), and a worker that rendered in other words than the build process must show."""
    from macros.content.municipality import activate

    activate(_big_portal_loaded.content.settings)
    return _big_portal_loaded


def jobs_of(portal) -> list[tuple[str, str, str, tuple]]:
    return [(p.src_uri, p.src_uri.removesuffix(".md") + "/", p.view, p.args) for p in generated_pages(portal)]


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_worker_renders_what_the_build_process_would(big_portal) -> None:
    portal = big_portal
    jobs = jobs_of(portal)
    assert {view for _, _, view, _ in jobs} >= {"mission_page", "goal_page", "committee_page", "indicator_page",
                                                "missions_overview"}
    worker = Prerender(portal, jobs, 50, SITE_URL, TODAY, search_parts=True)
    try:
        folder = worker.finish()  # the worker has rendered everything by the time the site files are done
        for src, url, view, args in jobs:
            body = render_view(portal, url, view, args)
            assert worker.take(src) == (body, indexer_part(body)), src
        assert worker.take("mal/okand.md") is None
        expected = portal.site_files(SITE_URL, TODAY)
        written = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
                   for p in folder.rglob("*") if p.is_file()}
        assert written == expected
    finally:
        worker.close()
    assert not folder.exists()  # its files are removed with it


def test_build_process_takes_back_what_the_worker_has_not_started(
        big_portal, monkeypatch: pytest.MonkeyPatch) -> None:
    import macros.plugin.prerender

    portal = big_portal
    # Four chunks, the last one short, are enough to hand one back: not the whole corpus, each page 10 ms slower.
    jobs = jobs_of(portal)[:180]
    parent = os.getpid()

    def slow_in_worker(*args: Any) -> str:
        if os.getpid() != parent:
            time.sleep(0.01)  # half a second a chunk
        return render_view(*args)

    monkeypatch.setattr(macros.plugin.prerender, "render_view", slow_in_worker)  # inherited by the fork
    worker = Prerender(portal, jobs, 50, SITE_URL, TODAY)
    try:
        time.sleep(0.2)  # the pool hands the first chunks to the worker
        # The last page is asked for while the worker is on the first chunks: its chunk is handed
        # back (None: this process renders it) and the worker never renders it.
        assert worker.take(jobs[-1][0]) is None
        from_worker = 0
        for src, url, view, args in jobs[:-1]:
            rendered = worker.take(src)
            assert rendered is None or rendered == (render_view(portal, url, view, args), None), src
            from_worker += rendered is not None
        assert 0 < from_worker < len(jobs) - 1
        assert worker.take(jobs[-1][0]) is None  # each body is handed over once
    finally:
        worker.close()


def test_worker_errors_fail_the_build(big_portal) -> None:
    portal = big_portal
    worker = Prerender(portal, [("x.md", "x/", "mission_page", ("finns-inte",))], 50, SITE_URL, TODAY)
    try:
        worker.finish()  # the worker has tried (and failed) to render the page
        with pytest.raises(KeyError, match="finns-inte"):
            worker.take("x.md")
    finally:
        worker.close()


def test_worker_ends_with_its_parent(big_project: Path, tmp_path: Path) -> None:
    """However the build process ends (here: killed, so no clean-up runs), the worker goes too."""
    import subprocess
    import sys

    script = tmp_path / "parent.py"
    script.write_text(
        "import datetime as dt, os, sys, time\n"
        "from pathlib import Path\n"
        "from macros.build.portal import load_portal\n"
        "from macros.plugin.prerender import Prerender\n"
        f"portal = load_portal(Path({str(big_project)!r}), Path({str(big_project / '.cache')!r}))\n"
        "worker = Prerender(portal, [], 50, 'https://example.invalid/', dt.date(2026, 1, 1))\n"
        "print(worker.pid, flush=True)\n"
        "time.sleep(60)\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        pid = int(parent.stdout.readline())
        assert Path(f"/proc/{pid}").exists()
    finally:
        parent.kill()
        parent.wait()
    for _ in range(100):
        if not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]:
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"the worker {pid} outlived its parent")


@pytest.mark.build
def test_site_is_the_same_with_and_without_the_worker(big_project: Path, big_site: Path, tmp_path: Path) -> None:
    # big_site is the corpus built as CI builds it, with the worker (the plugin's default).
    config = big_project / "mkdocs.yml"
    off_config = big_project / "mkdocs-off.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - portal\n" in text
    off_config.write_text(text.replace("\n  - portal\n", "\n  - portal:\n      prerender: false\n"), encoding="utf-8")
    off = tmp_path / "off"
    result = build_site(big_project, off, config=off_config)
    assert result.returncode == 0, result.stderr
    assert snapshot(big_site) == snapshot(off)


@pytest.mark.build
def test_a_rebuild_replaces_the_previous_site_whole(big_project: Path, big_site: Path, tmp_path: Path) -> None:
    """The worker removes half of the previous site once the new one is in place: nothing of it stays."""
    site = tmp_path / "site"
    shutil.copytree(big_site, site)  # the previous site: the same build's, so the rebuild must give it back
    first = snapshot(site)
    (site / "uppdrag" / "inaktuell.html").write_text("gammal", encoding="utf-8")
    assert build_site(big_project, site).returncode == 0
    assert snapshot(site) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_removal_never_follows_a_link_out_of_the_folder(big_portal, tmp_path: Path) -> None:
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "kvar.txt").write_text("rör ej", encoding="utf-8")
    old = tmp_path / "gammal"
    for i in range(100):
        (old / "site" / f"del-{i % 7}" / f"sida-{i}").mkdir(parents=True)
        (old / "site" / f"del-{i % 7}" / f"sida-{i}" / "index.html").write_text("x", encoding="utf-8")
    (old / "site" / "del-0" / "lank").symlink_to(outside, target_is_directory=True)
    (old / "site" / "lank-till-fil").symlink_to(outside / "kvar.txt")
    worker = Prerender(big_portal, [], 50, SITE_URL, TODAY)
    try:
        worker.remove_previous_site(old)
    finally:
        worker.close()
    assert not old.exists() and (outside / "kvar.txt").read_text(encoding="utf-8") == "rör ej"


def test_removing_the_previous_site_never_fails_the_build(big_portal, tmp_path: Path) -> None:
    """By then the new site is in place: a vanished folder or a stopped worker is no error."""
    worker = Prerender(big_portal, [], 50, SITE_URL, TODAY)
    worker.remove_previous_site(tmp_path / "finns-inte")
    old = tmp_path / "gammal"
    (old / "site" / "uppdrag" / "x").mkdir(parents=True)
    worker.close()  # its pool takes no more work
    worker.remove_previous_site(old)
    assert not old.exists()


def test_a_build_stopped_while_the_worker_starts_leaves_no_worker(big_portal, monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM can arrive between the worker's fork and the end of Prerender's start, before the plugin holds the
    object to close it: the start shuts its own pool, instead of leaving a worker that races Python's exit."""
    from concurrent.futures import ProcessPoolExecutor

    first: list[Any] = []
    real_submit = ProcessPoolExecutor.submit

    def submit(pool, fn, *args, **kwargs):
        if first:  # the first task forked the worker; the build is stopped at the next one, as SIGTERM would
            raise SystemExit("avbröts")
        first.append(real_submit(pool, fn, *args, **kwargs))
        return first[0]

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit)
    with pytest.raises(SystemExit):
        Prerender(big_portal, jobs_of(big_portal)[:100], 50, SITE_URL, TODAY)
    pid = first[0].result()
    assert pid != os.getpid()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # shut down and reaped, not left running
