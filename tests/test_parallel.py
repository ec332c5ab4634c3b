"""The forked worker helpers (macros/parallel.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from macros.parallel import can_fork, dump, fork_pool, load

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")

_state = "före"


def _inherited() -> str:
    return _state


def test_worker_is_forked_with_this_process_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"{__name__}._state", "satt före fork")
    pool = fork_pool()
    monkeypatch.setattr(f"{__name__}._state", "satt efter fork")
    try:
        assert pool.submit(os.getpid).result() != os.getpid()
        assert pool.submit(_inherited).result() == "satt före fork"  # forked already, not at first task
        pool.submit(dump, {"sida": ["<p>å</p>"]}, tmp_path / "ut.pickle").result()
    finally:
        pool.shutdown()
    assert load(tmp_path / "ut.pickle") == {"sida": ["<p>å</p>"]}
