"""The scheduled Kolada update (scripts/kolada_update.py, called by .github/workflows/kolada.yml), run
end to end on recorded responses in a git copy of the fixture project: a revised value and a new year
open a pull request whose description is the citizen-change summary; a KPI with nothing new changes
nothing and opens none; a failed request writes nothing and fails the run with a Swedish message."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from pathlib import Path

import pytest

from macros.kolada import client as kolada
from scripts import kolada_update
from tests.conftest import ROOT

RECORDED = ROOT / "tests/fixtures/kolada/update"
YEARS = [2023, 2024, 2025]
SERIES = "data/series/kolada-test.csv"
INDICATOR = """id: kolada-test
title: Syntetisk Kolada-indikator
description: Syntetisk indikator för test, publiceras aldrig.
unit: procent
direction: lower
home: testby
series: kolada-test
sources:
  - title: Kolada (syntetiska värden)
    kpi: N31807
    licence: Endast för test
"""


class Recorded:
    """Answers the KPI's calendar and the one data page from recorded files; nothing else."""

    def __init__(self, data: str, fail: str | None = None) -> None:
        ids = ["9001", "9002", "9003", "9004"]
        [self.data_url] = kolada.data_urls("N31807", ids, YEARS)
        self.routes = {self.data_url: data, kolada.kpi_url("N31807"): "kpi.json"}
        self.fail = fail
        self.asked: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        if url == self.fail:
            raise kolada.KoladaError(f"Kolada svarade med HTTP-status 503 (Service Unavailable) på {url}.")
        if url not in self.routes:
            raise AssertionError(f"unexpected request {url}")
        return (RECORDED / self.routes[url]).read_bytes()


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repo(project: Path) -> Path:
    """The fixture project with a series bound to N31807, as a git repository on main."""
    (project / "content/indicators/kolada-test.yaml").write_text(INDICATOR, encoding="utf-8")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-m", "start")
    return project


def update(root: Path, get: Recorded, today: dt.date, *extra: str) -> int:
    return kolada_update.main(["--root", str(root), "--body", str(root.parent / "body.md"),
                               "--years", "2023-2025", *extra], get=get, today=today)


def rows(root: Path) -> dict[tuple[str, str], dict[str, str]]:
    with open(root / SERIES, encoding="utf-8") as f:
        return {(r["municipality"], r["year"]): r for r in csv.DictReader(f)}


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


def first_run_on_main(repo: Path) -> None:
    """The values as main has them after an earlier run (June 2026)."""
    assert update(repo, Recorded("first.json"), dt.date(2026, 6, 1)) == 0
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-m", "juni")
    (repo.parent / "body.md").unlink()


def test_a_revised_value_and_a_new_year_open_one_pull_request(repo: Path, tmp_path: Path, monkeypatch,
                                                              capsys) -> None:
    first_run_on_main(repo)
    output = tmp_path / "github_output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    assert update(repo, Recorded("second.json"), dt.date(2026, 11, 22), "--commit") == 0
    assert outputs(output) == {"changed": "true", "branch": "kolada/uppdatering"}
    data = rows(repo)
    revised = data[("testby", "2024")]
    assert (revised["value"], revised["flag"], revised["fetched"]) == ("4.0", "revised", "2026-11-22")
    new = data[("testby", "2025")]  # period 2025 is out as preliminary values since 2026-04-01, final 2026-12-15
    assert (new["value"], new["flag"], new["published"]) == ("3.8", "preliminary", "2026-04-01")
    unchanged = data[("testby", "2023")]
    assert (unchanged["value"], unchanged["flag"], unchanged["fetched"]) == ("3.9", "", "2026-06-01")
    # Committed on the fixed branch, main untouched: the workflow pushes this branch.
    assert git(repo, "branch", "--show-current") == "kolada/uppdatering"
    assert git(repo, "diff", "--name-only", "main", "HEAD") == SERIES
    assert git(repo, "status", "--porcelain") == ""
    body = (repo.parent / "body.md").read_text(encoding="utf-8")
    print(body)  # the pull request's description, shown with pytest -s
    assert body.startswith("# Nya värden från Kolada\n")
    assert "## Vad ändras för medborgarna" in body
    assert "Testby 2024: 4,2 → 4 (reviderat)" in body
    assert "Testby 2025: saknas → 3,8 (preliminärt)" in body
    assert "Provby 2025: saknas → 5,3 (preliminärt)" in body
    assert "Testby 2023" not in body  # nothing new there
    assert "2 preliminära" in body  # the import's own line
    from macros.validation.loader import errors_only, load_content

    assert errors_only(load_content(repo)[1]) == []  # the branch passes validation


def test_a_kpi_with_nothing_new_changes_nothing_and_opens_no_pull_request(repo: Path, tmp_path: Path,
                                                                         monkeypatch, capsys) -> None:
    first_run_on_main(repo)
    before = (repo / SERIES).read_bytes()
    output = tmp_path / "github_output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    capsys.readouterr()
    assert update(repo, Recorded("first.json"), dt.date(2026, 11, 22), "--commit") == 0  # months later, same values
    assert (repo / SERIES).read_bytes() == before  # not even the retrieval dates change
    assert outputs(output) == {"changed": "false"}
    assert "ingen pull request" in capsys.readouterr().out
    assert not (repo.parent / "body.md").exists()
    assert git(repo, "branch", "--show-current") == "main" and git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize("failing", ["data", "calendar"])
def test_a_failed_request_writes_nothing_and_fails_the_run(repo: Path, tmp_path: Path, monkeypatch, capsys,
                                                           failing: str) -> None:
    first_run_on_main(repo)
    before = (repo / SERIES).read_bytes()
    output = tmp_path / "github_output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    get = Recorded("second.json")
    get.fail = get.data_url if failing == "data" else kolada.kpi_url("N31807")
    capsys.readouterr()
    assert update(repo, get, dt.date(2026, 11, 22), "--commit") == 1
    assert (repo / SERIES).read_bytes() == before
    assert outputs(output) == {"changed": "false"}
    captured = capsys.readouterr()
    assert "HTTP-status 503" in captured.err and "Dataserien har inte ändrats" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert "::error title=Kolada-importen misslyckades::" in captured.out
    assert git(repo, "branch", "--show-current") == "main" and git(repo, "status", "--porcelain") == ""


def test_uncommitted_series_changes_refuse_the_run(repo: Path, capsys) -> None:
    (repo / "data/series/testandel.csv").write_text("municipality,year\n", encoding="utf-8")
    assert update(repo, Recorded("first.json"), dt.date(2026, 11, 22)) == 1
    assert "inte är incheckade" in capsys.readouterr().err


def test_no_bound_indicator_means_nothing_to_fetch(project: Path, capsys) -> None:
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-m", "start")
    assert update(project, Recorded("first.json"), dt.date(2026, 11, 22)) == 0
    out = capsys.readouterr().out
    assert "Ingen indikator anger ett Kolada-nyckeltal" in out and "ingen pull request" in out


@pytest.mark.parametrize(("year", "today", "expected"), [
    (2024, dt.date(2026, 11, 22), (False, None)),  # before the calendar's period: final
    (2025, dt.date(2026, 3, 1), (True, None)),  # in the calendar, before its preliminary date
    (2025, dt.date(2026, 4, 1), (True, dt.date(2026, 4, 1))),  # preliminary values are out
    (2025, dt.date(2026, 12, 15), (False, dt.date(2026, 12, 15))),  # final
    (2026, dt.date(2026, 12, 15), (True, None)),  # a later period than the calendar's: not final yet
])
def test_publication_follows_the_kpis_calendar(year: int, today: dt.date, expected: tuple) -> None:
    meta = kolada.KpiMeta("N31807", 2025, dt.date(2026, 4, 1), dt.date(2026, 12, 15))
    assert kolada.publication(meta, year, "", today) == expected
    assert kolada.publication(None, year, "", today) == (False, None)
    assert kolada.publication(meta, 2024, "Preliminärt", today)[0] is True


@pytest.mark.parametrize(("argv", "words"), [
    (["--all", "--kpi", "N31807"], "ange inte --kpi eller --series"),
    (["--kpi", "N31807", "--series", "x"], "ange --kpi, --series och --years, eller --all"),
    (["--all", "--deadline", "0"], "ange antal sekunder"),
])
def test_import_arguments_for_all_and_deadline(argv: list[str], words: str, capsys) -> None:
    from scripts.import_kolada import main

    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2 and words in capsys.readouterr().err


def test_a_series_bound_to_two_kpis_refuses_the_whole_run(repo: Path, capsys) -> None:
    second = INDICATOR.replace("id: kolada-test", "id: kolada-test-2").replace("kpi: N31807", "kpi: N00001")
    (repo / "content/indicators/kolada-test-2.yaml").write_text(second, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "--quiet", "-m", "två")
    assert update(repo, Recorded("first.json"), dt.date(2026, 11, 22)) == 1
    err = capsys.readouterr().err
    assert "är alltså inte bunden till" in err and "Dataserien har inte ändrats" in err
    assert not (repo / SERIES).exists()
