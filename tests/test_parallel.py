"""The forked worker helpers (macros/parallel.py)."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from macros.parallel import can_fork, dump, fork_pool, load

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")


def test_worker_is_forked_and_the_collector_here_is_left_as_it_was(tmp_path: Path) -> None:
    before = gc.get_freeze_count()
    pool = fork_pool()
    try:
        assert gc.get_freeze_count() == before  # this process's objects are collected as usual
        assert pool.submit(os.getpid).result() != os.getpid()
        assert pool.submit(gc.get_freeze_count).result() > before  # the worker leaves what it inherited
        pool.submit(dump, {"sida": ["<p>å</p>"]}, tmp_path / "ut.pickle").result()
    finally:
        pool.shutdown()
    assert load(tmp_path / "ut.pickle") == {"sida": ["<p>å</p>"]}
