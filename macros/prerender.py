"""Render generated page bodies and site-wide files in a second process while mkdocs builds pages.

mkdocs converts and themes pages one at a time, on one core. Our views need nothing from mkdocs, so
during `mkdocs build` a forked worker renders every generated page body in the order mkdocs will ask
for them, then writes the site-wide files (feeds, open data). At 5,000 missions that moves about a
fifth of the build off the main process. The output is the same as rendering in-process, which is
what `mkdocs serve` does (forking a process that runs server threads is not safe) and what happens
on a single core.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .site import Portal, write_files

CHUNK = 250  # pages per task: large enough that pickling is cheap, small enough to start early

# The worker's portal: set before the fork, so the child inherits the loaded content.
_portal: Portal | None = None
Render = Callable[[Portal, str, str, tuple], str]  # (portal, page URL, view name, arguments) -> HTML
_render: Render | None = None


def _render_chunk(jobs: list[tuple[str, str, tuple]]) -> list[str]:
    assert _portal is not None and _render is not None
    return [_render(_portal, url, view, args) for url, view, args in jobs]


def _write_site_files(site_dir: str, site_url: str, today: dt.date) -> int:
    assert _portal is not None
    files = _portal.site_files(site_url, today)
    write_files(Path(site_dir), files)
    return len(files)


def can_fork() -> bool:
    """A worker only helps with a second core to run on (the cores this process may use)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return "fork" in multiprocessing.get_all_start_methods() and cores > 1


class Prerender:
    """Bodies of generated pages, rendered ahead in a worker process; site files written by it too."""

    def __init__(self, portal: Portal, render: Render, jobs: dict[str, tuple[str, str, tuple]],
                 site_dir: Path, site_url: str, today: dt.date) -> None:
        """`jobs`: source path -> (page URL, view name, arguments), in the order mkdocs builds pages."""
        global _portal, _render
        _portal, _render = portal, render
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        self._bodies: dict[str, str] = {}
        self._pending: dict[str, tuple[Future[list[str]], list[str]]] = {}  # page -> its chunk's task and pages
        order = list(jobs)
        for start in range(0, len(order), CHUNK):
            keys = order[start:start + CHUNK]
            future = self._pool.submit(_render_chunk, [jobs[k] for k in keys])
            self._pending.update(dict.fromkeys(keys, (future, keys)))
        self._site_files = self._pool.submit(_write_site_files, str(site_dir), site_url, today)

    def body(self, src_uri: str) -> str | None:
        """The rendered body of a generated page (waiting for its chunk), or None if it is not here."""
        if src_uri not in self._bodies:
            if src_uri not in self._pending:
                return None
            future, keys = self._pending[src_uri]
            for key, html in zip(keys, future.result(), strict=True):
                self._bodies[key] = html
                del self._pending[key]
        return self._bodies.pop(src_uri)

    def finish(self) -> int:
        """Wait for the site files; return how many were written. Re-raises any error of the worker."""
        try:
            return self._site_files.result()
        finally:
            self.close()

    def close(self) -> None:
        global _portal, _render
        self._pool.shutdown(wait=True, cancel_futures=True)
        _portal = _render = None
