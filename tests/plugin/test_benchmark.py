"""The scale benchmark (scripts/benchmark.py) end to end on its smallest corpus. A module of its own: it builds
its own corpus and needs none of the session's builds, so it can run beside the modules that read the
450-mission site instead of after them on the same worker."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.mark.build
def test_benchmark_prints_figures_and_rebuilds_only_the_changed_indicators_charts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scripts.benchmark import main

    assert main(["--sizes", "30", "--runs", "1", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "== 30 uppdrag (65 sidor; golvet 65 sidor), 1 körningar ==" in out
    # The figures agree with each other: with one run the median is that run, and the ratio is portal / floor.
    portal, floor, ratio = map(float, re.search(
        r"byggtid, median: +portal +(\d+\.\d+) s +golv +(\d+\.\d+) s +kvot +(\d+\.\d+)", out).groups())
    assert f"byggtider (portal):       {portal:.2f} s" in out and f"byggtider (golv):         {floor:.2f} s" in out
    assert portal > 0 and floor > 0 and ratio == pytest.approx(portal / floor, rel=0.03)
    off = re.search(r"utan förrendering, median: +(\d+\.\d+) s +kvot (\d+\.\d+)", out)
    assert float(off.group(2)) == pytest.approx(float(off.group(1)) / floor, rel=0.03)
    largest, record = map(float, re.search(r"största sida: +(\d+) kB.*\n +största postsida: +(\d+) kB", out).groups())
    assert 0 < record <= largest
    # The synthetic corpus has ten indicators with two charts each; one indicator file changed.
    assert "en ändrad indikatorfil:   2 diagram renderade, 18 från cache" in out
    assert (tmp_path / "site-portal/uppdrag/index.html").is_file()
    assert (tmp_path / "site-floor/index.html").is_file()
