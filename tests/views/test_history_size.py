"""A record page's 'Ändringar' stays bounded however many changes its record has (views/history.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from macros.structure.urls import Linker
from macros.views import history


def test_a_committee_with_many_missions_shows_a_bounded_history(monkeypatch: pytest.MonkeyPatch) -> None:
    changes = [SimpleNamespace(date=dt.date(2026, 1, 1) - dt.timedelta(days=i), kind="missions",
                               record_id=f"m-{i}", title=f"Uppdrag {i}", exists=True, action=history.ADDED,
                               fields=[]) for i in range(600)]
    recorded = SimpleNamespace(available=True, limits=None, of_committee=lambda _id: changes)
    monkeypatch.setattr(history, "recorded_changes", lambda content: recorded)
    view = history.record_history(None, "committees", "ks", Linker("namnder/ks/"))
    assert len(view["entries"]) + len(view["more"]) == history.AT_MOST == view["shown"]
    assert view["count"] == 600 and view["entries"][0]["title"] == "Uppdrag 0"  # the newest first
