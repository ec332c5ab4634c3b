"""Optional speed-up (plugin option `prerender`): a second process renders the bodies of generated
pages, and the files made from all content, while mkdocs builds pages on its one core.

The worker is forked once the content is loaded, so it starts with everything this process has. It
renders pages in the order mkdocs asks for them, in chunks; when mkdocs reaches a chunk the worker
has not started, this process cancels it and renders those pages itself, so neither side waits for
long. Results come back as files rather than through the pool's pipe (a pipe is drained by a thread
of this busy process, which held the worker up for seconds). Site files (feeds, open data) are
written into a folder of the worker's own, which the plugin moves into the site at on_post_build:
nothing is written into mkdocs' site directory while mkdocs owns it.

Once the new site is in place, the worker also removes half of the previous one: removing some ten
thousand files is mostly the file system's work, which two processes share well.

The output is byte-identical to rendering in-process (tests/plugin/test_prerender.py). The worker ends with
its parent (PR_SET_PDEATHSIG on Linux) and its files are removed when the build ends or fails.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from macros.build.pages import render_view
from macros.build.portal import Portal
from macros.files.output import remove_tree, write_files
from macros.plugin.search_input import IndexerPart, indexer_part

Job = tuple[str, str, str, tuple]  # (source path, page URL, view name, arguments)
Rendered = tuple[str, IndexerPart | None]  # a body, and what the search indexer is to read of it

_portal: Portal | None = None  # the worker's portal: set before the fork, inherited by the child


def can_fork() -> bool:
    """A worker only helps with a second core to run on (the cores this process may use)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return "fork" in multiprocessing.get_all_start_methods() and cores > 1


def _start_worker() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler raises into a build
    if sys.platform.startswith("linux"):  # die with the parent, however it ends
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _render_chunk(jobs: list[Job], out: str, search_parts: bool) -> None:
    assert _portal is not None
    bodies = [render_view(_portal, url, view, args) for _, url, view, args in jobs]
    parts = [indexer_part(body) for body in bodies] if search_parts else [None] * len(bodies)
    with open(out, "wb") as f:
        pickle.dump(list(zip(bodies, parts, strict=True)), f, protocol=pickle.HIGHEST_PROTOCOL)


def _write_site_files(folder: str, site_url: str, today: dt.date) -> None:
    assert _portal is not None
    write_files(Path(folder), _portal.site_files(site_url, today))


def _remove(paths: list[str]) -> None:
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            remove_tree(Path(path))
        else:
            with contextlib.suppress(OSError):
                os.unlink(path)


def _entries_below(folder: Path, enough: int = 64) -> list[str]:
    """Paths below `folder`, taken as many levels down as it needs to hold `enough` of them (a folder
    that cannot be read stays one entry). Links are entries, never followed."""
    entries = [str(folder)]
    while len(entries) < enough:
        deeper: list[str] = []
        for path in entries:
            if os.path.islink(path) or not os.path.isdir(path):
                deeper.append(path)
                continue
            try:
                with os.scandir(path) as found:
                    deeper.extend(sorted(e.path for e in found))
            except OSError:
                deeper.append(path)
        if deeper == entries:
            break
        entries = deeper
    return entries


class _Chunk:
    def __init__(self, future: Future[None], keys: list[str], out: Path) -> None:
        self.future, self.keys, self.out = future, keys, out


class Prerender:
    """Generated page bodies rendered ahead in a forked worker (with what the search indexer is to read of
    them, if `search_parts`), and the site files written by it."""

    def __init__(self, portal: Portal, jobs: list[Job], chunk: int, site_url: str, today: dt.date,
                 search_parts: bool = False, handover: Path | None = None) -> None:
        """`handover` is a new folder of this build's on the site's file system (output.scratch_folder),
        since the site files the worker writes there are renamed into the site; a new temporary folder
        if not given."""
        global _portal
        _portal = portal
        self._handover = handover or Path(tempfile.mkdtemp(prefix="malportal-"))
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_start_worker)
        self._rendered: dict[str, Rendered] = {}  # chunks read, by source path, until taken
        self._pending: dict[str, _Chunk] = {}  # chunks not read yet, by each of their source paths
        self.site_folder = self._handover / "site"
        try:
            self.pid: int = self._pool.submit(os.getpid).result()  # forks the worker now, with the content loaded
            for number, start in enumerate(range(0, len(jobs), chunk)):
                part = jobs[start:start + chunk]
                out = self._handover / f"{number}.pickle"
                keys = [job[0] for job in part]
                entry = _Chunk(self._pool.submit(_render_chunk, part, str(out), search_parts), keys, out)
                self._pending.update(dict.fromkeys(keys, entry))
            self._site_files = self._pool.submit(_write_site_files, str(self.site_folder), site_url, today)
        except BaseException:
            # Stopped while starting (SIGTERM raises in the build's main thread): nobody holds this object yet
            # to close it, and a pool left running races Python's own clean-up at exit (a traceback).
            self.close()
            raise

    def take(self, key: str) -> Rendered | None:
        """What the worker rendered for the generated page `key`: its body, and search_input.indexer_part of
        it if the worker was asked for search parts (else None). None if the caller must render it (its
        chunk had not started, and is cancelled so it never will). Each page is handed over once."""
        if key not in self._rendered:
            chunk = self._pending.get(key)
            if chunk is None:
                return None
            for chunk_key in chunk.keys:
                del self._pending[chunk_key]
            if chunk.future.cancel():
                return None
            chunk.future.result()  # re-raises an error of the worker
            with open(chunk.out, "rb") as f:
                self._rendered.update(zip(chunk.keys, pickle.load(f), strict=True))
            chunk.out.unlink()
        return self._rendered.pop(key)

    def finish(self) -> Path:
        """Wait for the site files; return the folder they are in (removed by close)."""
        self._site_files.result()  # re-raises an error of the worker
        return self.site_folder

    def remove_previous_site(self, folder: Path) -> None:
        """Remove `folder` (the previous site, set aside) on both cores: the worker takes every other
        entry. Never raises: the new site is in place by then, and what is left is removed below."""
        try:
            entries = _entries_below(folder)
            theirs = self._pool.submit(_remove, entries[::2])
            _remove(entries[1::2])
            theirs.result()
        except Exception:  # an unreadable folder, a broken pool: removed in-process below
            pass
        remove_tree(folder)

    def close(self) -> None:
        global _portal
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._handover, ignore_errors=True)
        _portal = None
