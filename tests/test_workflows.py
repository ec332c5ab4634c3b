"""The workflows: linted, least privilege per job, pinned actions; no job that can write runs a pull
request's code or serves a fork; the review comment and the preview's life; jobs, caches and the
SITE_URL check."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.codegraph import closure
from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else (shutil.which(name) or name)


def test_actionlint_passes() -> None:
    result = subprocess.run([tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_passes_offline() -> None:
    result = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(ROOT / ".github/workflows")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    on = workflow[True]  # PyYAML reads the key `on` as True
    return {on: None} if isinstance(on, str) else on


# Every job's permissions, exactly: a new job or a wider permission must be argued here.
PERMISSIONS = {
    "site.yml": {"validate": {"contents": "read"}, "test": {"contents": "read"}, "engines": {"contents": "read"},
                 "deploy": {"contents": "write", "pull-requests": "read"}},
    "preview.yml": {"identify": {"actions": "read", "pull-requests": "read"},
                    "publish": {"actions": "read", "contents": "write"},
                    "comment": {"actions": "read", "pull-requests": "write"}},
    "preview-remove.yml": {"remove": {"contents": "write", "pull-requests": "write"}},
    "kolada.yml": {"fetch": {"contents": "read"}, "publish": {"contents": "write", "pull-requests": "write"}},
}


def test_actions_pinned_and_each_jobs_permissions_exactly_as_argued() -> None:
    assert {p.name for p in WORKFLOWS} == set(PERMISSIONS)
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        for ref in re.findall(r"uses:\s*(\S+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), ref
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {}
        assert {name: job["permissions"] for name, job in workflow["jobs"].items()} == PERMISSIONS[path.name]
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "actions/checkout@" in str(step.get("uses", "")):
                    assert step["with"]["persist-credentials"] is False


def writes(job: dict) -> bool:
    return any(level == "write" for level in job["permissions"].values())


def test_no_job_that_can_write_runs_a_pull_requests_code() -> None:
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        on = triggers(workflow)
        for name, job in workflow["jobs"].items():
            if not writes(job):
                continue
            where = f"{path.name}:{name}"
            if "pull_request" in on:
                # A pull_request run executes the pull request's code: writing jobs run for main only.
                assert "github.event_name == 'push'" in job["if"] and "refs/heads/main" in job["if"], where
            for step in job["steps"]:
                uses, run = str(step.get("uses", "")), str(step.get("run", ""))
                if "actions/checkout@" in uses:
                    # The default branch only: no ref at all, the repository's default branch, or main (the
                    # scheduled Kolada run: a schedule event's payload names no repository).
                    assert step["with"].get("ref", "main") in (
                        "${{ github.event.repository.default_branch }}", "main"), where
                # Nothing is installed or built: an artifact is copied or quoted, never executed.
                for forbidden in ("setup-python", "actions/cache", "pip ", "make", ".venv", "npm", "bash ",
                                  "source ", "chmod"):
                    assert forbidden not in uses + run, (where, forbidden)
                for line in filter(None, (line.strip() for line in run.splitlines())):
                    if "python3" in line:
                        assert re.match(r"(.*; then )?python3 -m scripts\.(pages_branch|pr_comment) ", line), line


def test_forks_never_get_a_token_that_can_write() -> None:
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        on = triggers(workflow)
        # pull_request_target gives a fork a write token: only to remove a preview on close, in one file.
        if "pull_request_target" in on:
            assert path.name == "preview-remove.yml" and on["pull_request_target"] == {"types": ["closed"]}
            for job in workflow["jobs"].values():
                assert job["if"] == "github.event.pull_request.head.repo.full_name == github.repository"
        assert "pull_request_target" not in str({k: v for k, v in on.items() if k != "pull_request_target"})
    # The preview is published for branches of this repository only; a fork's site would run its
    # author's scripts on the site's own address.
    preview = load("preview.yml")
    assert preview["jobs"]["publish"]["if"] == ("needs.identify.outputs.current == 'true' && "
                                                "needs.identify.outputs.same_repo == 'true'")
    assert triggers(preview) == {"workflow_run": {"workflows": ["Webbplats"], "types": ["completed"]}}


def test_one_review_comment_from_artifacts_checked_against_github() -> None:
    jobs = load("preview.yml")["jobs"]
    verify = step_text(jobs["identify"])
    assert "scripts.pr_comment verify" in verify and "workflow_run.head_sha" in str(jobs["identify"])
    for name in ("identify", "publish", "comment"):
        for step in jobs[name]["steps"]:
            if "download-artifact" in str(step.get("uses", "")):
                assert step["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
                assert step["with"]["path"].startswith("${{ runner.temp }}/")  # outside the checkout
    # Nothing is written for a run whose commit is no longer the open pull request's head.
    assert "needs.identify.outputs.current == 'true'" in jobs["comment"]["if"]
    comment = step_text(jobs["comment"])
    assert "scripts.pr_comment compose" in comment and "scripts.pr_comment post" in comment
    assert "${SITE_URL}pr-${NUMBER}/" in comment
    assert "scripts.pages_branch preview" in step_text(jobs["publish"])
    # The read-only run produces what the comment quotes.
    validate = site_workflow()["jobs"]["validate"]
    upload = next(s for s in validate["steps"] if "upload-artifact" in str(s.get("uses", "")))
    assert upload["with"]["name"] == "granskning" and "pull_request" in upload["if"]


def test_preview_is_removed_when_the_pull_request_closes() -> None:
    removal = load("preview-remove.yml")
    assert triggers(removal)["pull_request_target"]["types"] == ["closed"]
    steps = step_text(removal["jobs"]["remove"])
    assert "scripts.pages_branch remove" in steps and "scripts.pr_comment closed" in steps
    # A missed removal is swept by main's deploy, which keeps only open pull requests' previews.
    deploy = step_text(site_workflow()["jobs"]["deploy"])
    assert "gh pr list" in deploy and "scripts.pages_branch main" in deploy and "--open-prs" in deploy
    # Removal and publication of one preview never interleave.
    assert load("preview.yml")["concurrency"]["group"].startswith("preview-")
    assert removal["concurrency"]["group"].startswith("preview-")


def site_workflow() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))


def step_text(job: dict) -> str:
    return " ".join(str(s.get("run", "")) + " " + str(s.get("uses", "")) for s in job["steps"])


def test_jobs_validate_first_then_build_test_compare_and_deploy_only_from_main() -> None:
    workflow = site_workflow()
    on = triggers(workflow)
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert set(jobs) == {"validate", "test", "engines", "deploy"}
    assert jobs["test"]["needs"] == "validate" and jobs["engines"]["needs"] == "validate"
    assert "make compare-engines" in step_text(jobs["engines"])
    assert "PLACEHOLDER" not in (ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8")
    deploy = jobs["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "test"
    assert "scripts.pages_branch main" in step_text(deploy)


def test_validate_job_is_fast_annotates_the_diff_and_summarises_without_a_browser() -> None:
    job = site_workflow()["jobs"]["validate"]
    steps = step_text(job)
    assert "scripts.validate --format github" in steps
    summary = next(s for s in job["steps"] if "make --no-print-directory --silent summary" in str(s.get("run", "")))
    assert "pull_request" in summary["if"]
    assert "CHROMIUM" not in str(job.get("env", {}))
    for browser_work in ("make test", "make build", ".ci/run", "pytest", "chrom", "playwright", "mkdocs build"):
        assert browser_work not in steps.lower(), browser_work
    # The summary compares with the pull request's base: the merge commit's first parent must be fetched.
    assert job["steps"][0]["with"]["fetch-depth"] >= 2


def test_test_job_runs_the_same_entry_point_as_ci_and_the_readme() -> None:
    job = site_workflow()["jobs"]["test"]
    runs = [str(s.get("run", "")) for s in job["steps"]]
    assert "make build" in runs and "bash .ci/run" in runs
    commands = [line for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1].strip() == "make test"
    uploads = [s for s in job["steps"] if "upload" in str(s.get("uses", ""))]
    assert [(s["with"]["name"], s["with"]["path"]) for s in uploads] == [("webbplats", "site")] * 2
    # The preview is uploaded before the slow tests, the site to publish only after them.
    names = [str(s.get("uses", "")) + str(s.get("run", "")) for s in job["steps"]]
    preview = next(i for i, s in enumerate(job["steps"]) if "pull_request" in str(s.get("if", ""))
                   and "upload-artifact" in names[i])
    publish = next(i for i, s in enumerate(job["steps"]) if "refs/heads/main" in str(s.get("if", ""))
                   and "upload-artifact" in names[i])
    assert preview < names.index("bash .ci/run") < publish


def test_python_packages_are_cached_by_the_lock() -> None:
    """Every job that installs the locked packages (make) sets up Python with pip's cache keyed by the lock."""
    checked = []
    for name, job in site_workflow()["jobs"].items():
        if "make " not in step_text(job):
            continue
        setups = [s for s in job["steps"] if "actions/setup-python@" in str(s.get("uses", ""))]
        assert len(setups) == 1, name
        assert setups[0]["with"]["cache"] == "pip", name
        assert setups[0]["with"]["cache-dependency-path"] == "requirements.lock", name
        checked.append(name)
    assert set(checked) == {"validate", "test", "engines"}


def test_chart_cache_key_covers_every_input_of_a_chart() -> None:
    job = site_workflow()["jobs"]["test"]
    cache = next(s for s in job["steps"] if "actions/cache@" in str(s.get("uses", "")))
    assert cache["with"]["path"] == ".cache"
    key = cache["with"]["key"]
    # Indicator, series rows and municipality names feed input_digest; the lock pins Vega's version.
    for part in ("content/indicators/", "data/series/", "data/municipalities.yaml", "macros/publish/charts.py",
                 "requirements.lock"):
        assert part in key, part
    # Every module of ours the chart code imports, directly or not, shapes what is hashed (model_dump of
    # the models, dates formatted by formats.py) or how an entry is stored; the cache key inside the
    # build (charts._CODE_FILES) lists the same.
    from macros.publish.charts import _CODE_FILES

    files = {f"{m.removeprefix('macros.').replace('.', '/')}.py" for m in closure("macros.publish.charts")}
    assert {"publish/chartcache.py", "content/models.py", "content/formats.py"} <= files
    for file in files:
        assert f"macros/{file}" in key, file
    assert set(_CODE_FILES) == files


def deploy_check() -> dict:
    deploy = site_workflow()["jobs"]["deploy"]
    steps = deploy["steps"]
    check = next(i for i, s in enumerate(steps) if "SITE_URL" in str(s.get("run", "")))
    deploy_at = next(i for i, s in enumerate(steps) if "scripts.pages_branch main" in str(s.get("run", "")))
    assert check < deploy_at
    assert steps[check]["env"]["SITE_URL"] == "${{ vars.SITE_URL }}"
    return steps[check]


def run_check(site_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-c", deploy_check()["run"]],
                          env={"SITE_URL": site_url, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)


def test_deploy_refuses_to_publish_without_site_url() -> None:
    result = run_check("")
    assert result.returncode == 1
    assert result.stdout.startswith("::error title=SITE_URL saknas::")
    assert "Settings → Secrets and variables → Actions → Variables" in result.stdout
    assert run_check("http://example.org/").returncode == 1
    assert run_check("https://uppsala.example/mal").returncode == 1  # previews go under <SITE_URL>pr-<N>/
    ok = run_check("https://uppsala.example/mal/")
    assert ok.returncode == 0, ok.stdout


def test_pull_requests_build_for_their_preview_address() -> None:
    env = site_workflow()["jobs"]["test"]["env"]
    expression = " ".join(env["SITE_URL"].split())
    assert expression == ("${{ github.event_name == 'pull_request' && format('{0}pr-{1}/', vars.SITE_URL || "
                          "'https://example.invalid/', github.event.pull_request.number) || vars.SITE_URL || "
                          "'https://example.invalid/' }}")
