"""Use the machine's second core: a forked worker process, and results handed back as files.

Results go through a file rather than the pool's pipe: a pipe is drained by a thread of this
process, which gets its turn only every few milliseconds while this process is busy, and a worker
writing megabytes into it was held up for seconds.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any


def can_fork() -> bool:
    """A worker only helps with a second core to run on (the cores this process may use)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return "fork" in multiprocessing.get_all_start_methods() and cores > 1


def fork_pool() -> ProcessPoolExecutor:
    """One worker, forked now: it starts with everything this process has loaded."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    pool.submit(int).result()  # the pool forks on its first task
    return pool


def dump(value: Any, out: str | Path) -> None:
    with open(out, "wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)


def load(path: str | Path) -> Any:
    with open(path, "rb") as f:
        return pickle.load(f)
