"""The publishing workflow: linted, least privilege, pinned actions, no pull_request_target; its jobs,
caches and the SITE_URL check."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

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


def test_actions_pinned_permissions_minimal_and_no_pull_request_target() -> None:
    assert WORKFLOWS
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert "pull_request_target" not in text
        for ref in re.findall(r"uses:\s*(\S+)", text):
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), ref
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {}
        for name, job in workflow["jobs"].items():
            assert "permissions" in job
            if (path.name, name) != ("kolada.yml", "update"):  # the one job that pushes: test_kolada_workflow.py
                assert "write" not in str(job["permissions"].get("contents", ""))


def site_workflow() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))


def step_text(job: dict) -> str:
    return " ".join(str(s.get("run", "")) + " " + str(s.get("uses", "")) for s in job["steps"])


def test_jobs_validate_first_then_build_test_compare_and_deploy_only_from_main() -> None:
    workflow = site_workflow()
    triggers = workflow[True]  # PyYAML reads the key `on` as True
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert set(jobs) == {"validate", "test", "engines", "deploy"}
    assert jobs["test"]["needs"] == "validate" and jobs["engines"]["needs"] == "validate"
    assert "make compare-engines" in step_text(jobs["engines"])
    deploy = jobs["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "test"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "actions/deploy-pages@" in step_text(deploy)


def test_validate_job_is_fast_annotates_the_diff_and_summarises_without_a_browser() -> None:
    job = site_workflow()["jobs"]["validate"]
    steps = step_text(job)
    assert "scripts.validate --format github" in steps
    summary = next(s for s in job["steps"] if "make summary" in str(s.get("run", "")))
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
    uploads = {str(s.get("uses", "")).split("@")[0]: s for s in job["steps"] if "upload" in str(s.get("uses", ""))}
    assert "pull_request" in uploads["actions/upload-artifact"]["if"]
    assert uploads["actions/upload-artifact"]["with"]["path"] == "site"
    assert "refs/heads/main" in uploads["actions/upload-pages-artifact"]["if"]
    # The preview is uploaded before the slow tests, the site to publish only after them.
    names = [str(s.get("uses", "")) + str(s.get("run", "")) for s in job["steps"]]
    position = {key: next(i for i, n in enumerate(names) if key in n)
                for key in ("upload-artifact", ".ci/run", "upload-pages-artifact")}
    assert position["upload-artifact"] < position[".ci/run"] < position["upload-pages-artifact"]


def test_python_packages_are_cached_by_the_lock() -> None:
    for name, job in site_workflow()["jobs"].items():
        for step in job["steps"]:
            if "actions/setup-python@" in str(step.get("uses", "")):
                assert step["with"]["cache"] == "pip", name
                assert step["with"]["cache-dependency-path"] == "requirements.lock", name


def test_chart_cache_key_covers_every_input_of_a_chart() -> None:
    job = site_workflow()["jobs"]["test"]
    cache = next(s for s in job["steps"] if "actions/cache@" in str(s.get("uses", "")))
    assert cache["with"]["path"] == ".cache"
    key = cache["with"]["key"]
    # Indicator, series rows and municipality names feed input_digest; the lock pins Vega's version.
    for part in ("content/indicators/", "data/series/", "data/municipalities.yaml", "macros/charts.py",
                 "requirements.lock"):
        assert part in key, part
    # Every module of ours the chart code imports, directly or not, shapes what is hashed (model_dump of
    # the models, dates formatted by formats.py) or how an entry is stored; the cache key inside the
    # build (charts._CODE_FILES) lists the same.
    from macros.charts import _CODE_FILES

    def imported(module: str) -> list[str]:
        source = (ROOT / "macros" / f"{module}.py").read_text(encoding="utf-8")
        found = re.findall(r"^from \.(\w+) import", source, flags=re.M)
        return found + [m.strip() for line in re.findall(r"^from \. import (.+)$", source, flags=re.M)
                        for m in line.split(",")]

    modules, todo = {"charts"}, ["charts"]
    while todo:
        for module in imported(todo.pop()):
            if module not in modules:
                modules.add(module)
                todo.append(module)
    assert {"chartcache", "models", "formats"} <= modules
    for module in modules:
        assert f"macros/{module}.py" in key, module
    assert set(_CODE_FILES) == {f"{module}.py" for module in modules}


def deploy_check() -> dict:
    deploy = site_workflow()["jobs"]["deploy"]
    steps = deploy["steps"]
    check = next(i for i, s in enumerate(steps) if "SITE_URL" in str(s.get("run", "")))
    deploy_at = next(i for i, s in enumerate(steps) if "actions/deploy-pages@" in str(s.get("uses", "")))
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
    ok = run_check("https://uppsala.example/mal/")
    assert ok.returncode == 0, ok.stdout


def test_pull_requests_build_with_a_placeholder_site_url() -> None:
    env = site_workflow()["jobs"]["test"]["env"]
    assert env["SITE_URL"] == "${{ vars.SITE_URL || 'https://example.invalid/' }}"
