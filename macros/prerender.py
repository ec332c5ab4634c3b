"""Render generated page bodies and site-wide files in a second process while mkdocs builds pages.

mkdocs converts and themes pages one at a time, on one core. Our views need nothing from mkdocs, so
during `mkdocs build` a worker forked once the content is loaded renders the views hand-written
pages call as macros, and generated page bodies (each with the lighter copy the search indexer
reads, see indexing.py), then creates the empty files mkdocs will write those pages into, then
writes the site-wide files (feeds, open data).

The worker renders pages in the order mkdocs asks for them, in chunks, and starts while mkdocs is
still cleaning the site directory and building the nav, so it stays ahead: rendering a body takes
it a fraction of what mkdocs spends on each page. Should mkdocs catch up, it renders any chunk the
worker has not started itself instead of waiting for it. Rendered chunks are handed over as files
(see parallel.py).

The output is the same as rendering in-process, which is what `mkdocs serve` does (forking a
process that runs server threads is not safe) and what happens on a single core.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from .parallel import dump, fork_pool, load
from .site import Portal, write_files

CHUNK = 50  # pages per task: a few tens of milliseconds of work, so neither side waits long

# The worker's portal: set before the fork, so the child inherits the loaded content.
_portal: Portal | None = None
# (portal, page URL, view name, arguments) -> the page body (any picklable value)
Render = Callable[[Portal, str, str, tuple], Any]
Job = tuple[str, str, tuple]  # (page URL, view name, arguments)
_render: Render | None = None


def _render_chunk(jobs: list[Job], out: str) -> None:
    assert _portal is not None and _render is not None
    dump([_render(_portal, url, view, args) for url, view, args in jobs], out)


def _write_site_files(site_dir: str, site_url: str, today: dt.date) -> int:
    assert _portal is not None
    files = _portal.site_files(site_url, today)
    write_files(Path(site_dir), files)
    return len(files)


def _create_empty(paths: list[str]) -> None:
    for path in paths:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        try:  # never touches a file that exists: mkdocs may have written it already
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            pass


class _Chunk:
    """Pages rendered together: by the worker into `out`, or here if the worker has not started them."""

    def __init__(self, future: Future[None], keys: list[str], out: Path) -> None:
        self.future, self.keys, self.out = future, keys, out


class Prerender:
    """Bodies of generated pages and views called by hand-written pages, rendered ahead in a worker
    process; site files written by it too."""

    def __init__(self, portal: Portal, render: Render, jobs: dict[str, Job],
                 lead: dict[str, Job] | None = None) -> None:
        """`jobs`: key -> (page URL, view name, arguments), in the order mkdocs builds the pages.

        `lead`: jobs mkdocs asks for before those (views called as macros by hand-written pages),
        rendered first and one at a time, so that mkdocs never waits for more than one of them."""
        global _portal, _render
        _portal, _render = portal, render
        self._handover = Path(tempfile.mkdtemp(prefix="malportal-"))
        self._pool = fork_pool()
        self._bodies: dict[str, Any] = {}
        self._pending: dict[str, _Chunk] = {}
        self._chunks: list[_Chunk] = []
        self._add_chunks(lead or {}, 1)
        self._add_chunks(jobs, CHUNK)
        self._outputs: Future[None] | None = None
        self._site_files: Future[int] | None = None

    def _add_chunks(self, jobs: dict[str, Job], size: int) -> None:
        order = list(jobs)
        for start in range(0, len(order), size):
            keys = order[start:start + size]
            out = self._handover / f"{len(self._chunks)}.pickle"
            chunk = _Chunk(self._pool.submit(_render_chunk, [jobs[k] for k in keys], str(out)), keys, out)
            self._chunks.append(chunk)
            self._pending.update(dict.fromkeys(keys, chunk))

    def create_outputs(self, paths: list[str]) -> None:
        """Have the worker create the directories and empty files that mkdocs will write pages into.

        Creating a file and its directory costs far more on a journaling file system than writing
        into an empty file that exists, and mkdocs does it one page at a time on its one core."""
        self._outputs = self._pool.submit(_create_empty, paths)

    def write_site_files(self, site_dir: Path, site_url: str, today: dt.date) -> None:
        """Have the worker write the site-wide files once it has rendered the pages."""
        self._site_files = self._pool.submit(_write_site_files, str(site_dir), site_url, today)

    def body(self, key: str) -> Any | None:
        """What the worker rendered for the job `key` (a generated page's source path, or a macro
        call's glue.call_key), or None: the caller renders it.

        None for a job that was not given to the worker, and for the jobs of a chunk the worker has
        not started (cancelled here, so it never will); a chunk already started is waited for."""
        if key not in self._bodies:
            chunk = self._pending.get(key)
            if chunk is None:
                return None
            for chunk_key in chunk.keys:
                del self._pending[chunk_key]
            if chunk.future.cancel():
                return None
            chunk.future.result()  # re-raises an error of the worker
            self._bodies.update(zip(chunk.keys, load(chunk.out), strict=True))
            chunk.out.unlink()
        return self._bodies.pop(key)

    def wait(self) -> int:
        """Wait until the worker has done all it was given; return how many site files it wrote.

        Re-raises an error of the worker in writing them (an error in a chunk is raised where its
        pages are asked for)."""
        futures.wait([chunk.future for chunk in self._chunks])
        if self._outputs:
            self._outputs.result()
        return self._site_files.result() if self._site_files else 0

    def finish(self) -> int:
        """`wait`, then release the worker and the hand-over files."""
        try:
            return self.wait()
        finally:
            self.close()

    def close(self) -> None:
        global _portal, _render
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._handover, ignore_errors=True)
        _portal = _render = None
