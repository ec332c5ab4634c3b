"""The scheduled Kolada workflow: only scheduled or dispatched on main, write rights only in its one
job, our own script does the import, and its last step opens ONE pull request or updates the open one
(simulated here with stand-ins for git and gh)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from tests.conftest import ROOT
from tests.test_workflows import WORKFLOWS

PATH = ROOT / ".github/workflows/kolada.yml"


def workflow() -> dict:
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


def test_linted_with_the_other_workflows() -> None:
    assert PATH in WORKFLOWS  # actionlint and zizmor (tests/test_workflows.py) run on it


def test_weekly_and_on_demand_only_and_the_writing_job_runs_nothing_of_ours() -> None:
    wf = workflow()
    assert set(wf[True]) == {"schedule", "workflow_dispatch"}  # never a pull request's code
    assert wf["permissions"] == {}
    fetch, publish = wf["jobs"]["fetch"], wf["jobs"]["publish"]
    assert fetch["permissions"] == {"contents": "read"}
    assert fetch["if"] == "github.ref == 'refs/heads/main'"
    assert any("scripts.kolada_update --body" in str(s.get("run", "")) for s in fetch["steps"])
    assert publish["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert publish["needs"] == "fetch" and publish["if"] == "needs.fetch.outputs.changed == 'true'"
    checkout = publish["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["ref"] == "main" and checkout["with"]["persist-credentials"] is False
    runs = "\n".join(str(s.get("run", "")) for s in publish["steps"])
    # Only data crosses from the reading job: series files are copied, nothing is installed or run.
    assert 'cp "$RUNNER_TEMP"/kolada/series/*.csv data/series/' in runs
    for forbidden in ("python", "pip", ".venv", "make ", "npm", "bash "):
        assert forbidden not in runs, forbidden
    pr_step = publish["steps"][-1]
    assert "github.token" in pr_step["env"]["GH_TOKEN"]
    # The token reaches no other step.
    assert all("token" not in str(s.get("env", "")) for s in publish["steps"][:-1] + fetch["steps"])


def _simulate(tmp_path: Path, open_pr: str, same_on_branch: bool) -> list[str]:
    """Run the pull-request step with `git` and `gh` replaced by stand-ins that log their arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    (bin_dir / "git").write_text(f'#!/bin/sh\necho "git $*" >> {log}\n'
                                 f'case "$*" in *"diff --quiet"*) exit {0 if same_on_branch else 1};; esac\n')
    (bin_dir / "gh").write_text(f'#!/bin/sh\necho "gh $*" >> {log}\n'
                                f'case "$1 $2" in "pr list") echo "{open_pr}";; esac\n')
    for tool in ("git", "gh"):
        (bin_dir / tool).chmod(0o755)
    step = workflow()["jobs"]["publish"]["steps"][-1]
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GH_TOKEN": "test-token", "BRANCH": "kolada/uppdatering",
           "GITHUB_REPOSITORY": "exempel/portal", "RUNNER_TEMP": str(tmp_path)}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return log.read_text(encoding="utf-8").splitlines()


def test_no_open_pull_request_opens_one(tmp_path: Path) -> None:
    calls = _simulate(tmp_path, open_pr="", same_on_branch=False)
    assert any(c.startswith("git -c http.https://github.com/.extraheader=AUTHORIZATION: basic ") and
               "push --force https://github.com/exempel/portal.git HEAD:refs/heads/kolada/uppdatering" in c
               for c in calls)
    assert not any("test-token" in c for c in calls)  # sent base64-encoded in a header, never in a URL
    [create] = [c for c in calls if c.startswith("gh pr create")]
    assert "--head kolada/uppdatering" in create and "--base main" in create
    assert f"--body-file {tmp_path}{os.sep}kolada{os.sep}pull-request.md" in create


def test_an_open_pull_request_is_updated_not_duplicated(tmp_path: Path) -> None:
    calls = _simulate(tmp_path, open_pr="17", same_on_branch=False)
    assert any("push --force" in c for c in calls)
    assert [c for c in calls if c.startswith("gh pr ") and not c.startswith("gh pr list")] == \
        [f"gh pr edit 17 --body-file {tmp_path}{os.sep}kolada{os.sep}pull-request.md"]


def test_the_same_values_already_on_the_branch_are_not_pushed_again(tmp_path: Path) -> None:
    calls = _simulate(tmp_path, open_pr="17", same_on_branch=True)
    assert not any("push" in c for c in calls)
    assert any(c.startswith("gh pr edit 17") for c in calls)
