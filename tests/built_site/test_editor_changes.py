"""An editor's typical pull request keeps CI green: on a copy of the live project, add a scaffolded
and filled-in mission, a follow-up with a status for a new period, a new committee and a new series
row, then run the live-content checks (test_live_content.py) on the copy. All added data is
synthetic and stays in the temporary copy."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.validation.loader import errors_only, load_content
from tests import site_checks
from tests.conftest import ROOT, SITE_URL, build_site

COMMITTEE = "testnamnden-for-redaktorstestet"
SYNTHETIC = "Syntetisk text från redaktörstestet; publiceras aldrig."
# What scaffold may leave for the editor to fill in.
PLACEHOLDER = re.compile(r"fyll[ _-]?i\b|todo|xxx|ange |…|\.\.\.", re.IGNORECASE)


def load(path: Path) -> tuple[str, Any]:
    """The file's leading comment lines (the schema modeline) and its data."""
    text = path.read_text(encoding="utf-8")
    comments = "".join(line for line in text.splitlines(keepends=True) if line.startswith("#"))
    return comments.split("\n\n")[0] if comments else "", yaml.safe_load(text)


def save(path: Path, comments: str, data: Any) -> None:
    path.write_text(comments + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")


def fill(value: Any, key: str = "") -> Any:
    """Replace every placeholder value scaffold wrote, as an editor would."""
    if isinstance(value, dict):
        return {k: fill(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, key) for v in value]
    if isinstance(value, str) and PLACEHOLDER.search(value):
        return "https://example.org/redaktorstestet" if key == "url" else SYNTHETIC
    return value


def scaffold(*args: str) -> subprocess.CompletedProcess:
    """`python -m scripts.scaffold …`, run in this process (its `main`): what it writes and prints."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from scripts.scaffold import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(["scripts.scaffold", *args], code, out.getvalue(), err.getvalue())


def add_committee(project: Path) -> None:
    path = project / "data/committees.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n"
                    f"- id: {COMMITTEE}\n  abbreviation: TFR\n  name: Testnämnden för redaktörstestet\n",
                    encoding="utf-8")


def add_period(project: Path) -> str:
    """A period after every existing one (the next year's April follow-up)."""
    path = project / "data/periods.yaml"
    comments, periods = load(path)
    year = max(p["year"] for p in periods) + 1
    period = {"id": f"{year}-april", "label": f"Delårsuppföljning per april {year}", "kind": "april", "year": year,
              "date": f"{year}-04-30"}
    save(path, comments, periods + [period])
    return period["id"]


def status_for(project: Path, applies_to: str) -> str:
    statuses = yaml.safe_load((project / "data/statuses.yaml").read_text(encoding="utf-8"))
    return next(s["id"] for s in statuses if s["applies_to"] == applies_to)


def add_follow_up(path: Path, follow_up: dict[str, Any]) -> None:
    comments, data = load(path)
    data["follow_ups"] = (data.get("follow_ups") or []) + [follow_up]
    save(path, comments, data)


def scaffold_mission(project: Path, goal: str) -> str:
    result = scaffold("mission", "--root", str(project), "--goal", goal,
                 "--title", "Testuppdrag från redaktörstestet", "--responsible", COMMITTEE)
    assert result.returncode == 0, result.stdout + result.stderr
    path = Path(result.stdout.strip().splitlines()[0])  # then a line saying what to fill in
    path = path if path.is_absolute() else ROOT / path
    assert path.is_file() and path.is_relative_to(project), path
    comments, data = load(path)
    data = fill(data)
    data["description"] = SYNTHETIC
    if not data.get("source"):
        data["source"] = {"title": "Testkälla: redaktörstestet"}
    save(path, comments, data)
    return data["id"]


def add_series_row(project: Path) -> tuple[str, str, int]:
    path = sorted((project / "data/series").glob("*.csv"))[0]
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    municipality, year = rows[0]["municipality"], max(int(r["year"]) for r in rows) + 1
    with open(path, "a", encoding="utf-8", newline="") as f:
        if not path.read_text(encoding="utf-8").endswith("\n"):
            f.write("\n")
        f.write(f"{municipality},{year},1.5,preliminary,Testkälla: redaktörstestet,\n")
    return path.stem, municipality, year


@pytest.mark.build
def test_an_editors_typical_change_set_passes_every_content_check(live_project: Path, tmp_path: Path) -> None:
    project = live_project
    before, _ = load_content(project)
    goal, mission = sorted(before.goals)[0], sorted(before.missions)[0]

    add_committee(project)
    period = add_period(project)
    new_mission = scaffold_mission(project, goal)
    add_follow_up(project / f"content/missions/{mission}.yaml",
                  {"period": period, "status": status_for(project, "mission"), "assessment": SYNTHETIC})
    add_follow_up(project / f"content/goals/{goal}.yaml",
                  {"period": period, "status": status_for(project, "goal"), "summary": SYNTHETIC})
    series, municipality, year = add_series_row(project)

    validated = site_checks.validate_here(project)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    content, problems = load_content(project)
    assert errors_only(problems) == []
    assert new_mission in content.missions and COMMITTEE in content.committees and period in content.periods
    assert len(content.series[series]) == len(before.series[series]) + 1

    site = tmp_path / "site"
    result = build_site(project, site, {"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    assert site_checks.missing_record_pages(content, site) == []
    assert site_checks.broken_links(site, SITE_URL) == []
    assert site_checks.foreign_resources(site, SITE_URL) == []
    assert site_checks.incomplete_open_data(content, site, SITE_URL) == []
    # The changes themselves reach the site.
    committee_page = (site / f"namnder/{COMMITTEE}/index.html").read_text(encoding="utf-8")
    assert f"../../uppdrag/{new_mission}/" in committee_page
    with open(site / "api/statushistorik.csv", encoding="utf-8", newline="") as f:
        events = {(row["id"], row["period"]) for row in csv.DictReader(f)}
    assert {(mission, period), (goal, period)} <= events
    # The published editors' schemas offer the new committee and period with no other command.
    schema = (site / "schemas/mission.schema.json").read_text(encoding="utf-8")
    assert f'"{COMMITTEE}"' in schema and f'"{period}"' in schema
    assert f"{municipality},{year},1.5,preliminary" in (site / f"api/serier/{series}.csv").read_text("utf-8")
