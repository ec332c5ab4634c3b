"""Hardening, round 2 (issue 24): no code from content, no page hijacked by an id, builds that survive
ordinary machines and faults. One test (or a few) per class of break, each on the fixture project."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import BIN, build_site, copy_project


def other_filesystem(near: Path) -> Path:
    """A writable folder on another file system than `near` (/dev/shm is a tmpfs on Linux), or skip."""
    for candidate in (Path("/dev/shm"), Path("/run/user") / str(os.getuid())):
        try:
            if candidate.is_dir() and os.access(candidate, os.W_OK) and \
                    os.stat(candidate).st_dev != os.stat(near).st_dev:
                return candidate
        except OSError:
            continue
    pytest.skip("no writable folder on another file system than the project (no tmpfs at /dev/shm)")


@pytest.fixture
def foreign_tmp(tmp_path: Path):
    """An empty TMPDIR on another file system than the project, removed afterwards."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="hardening-tmp-", dir=other_filesystem(tmp_path)))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


# --- temporary files beside the staging folder


def test_build_with_tmpdir_on_another_filesystem(tmp_path: Path, foreign_tmp: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    for _ in range(2):  # the second build also swaps the previous site out
        result = build_site(project, site, {"TMPDIR": str(foreign_tmp)})
        assert result.returncode == 0, result.stderr[-3000:]
        assert "Traceback" not in result.stderr
    assert (site / "index.html").is_file() and (site / "api/katalog.rdf").is_file()
    assert leftovers(site) == [] and list(foreign_tmp.iterdir()) == []


def test_a_killed_builds_temporary_folders_are_removed_by_the_next_build(tmp_path: Path, foreign_tmp: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "TMPDIR": str(foreign_tmp)}
    proc = subprocess.Popen([str(BIN / "mkdocs"), "build", "--clean", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    # Killed once the worker is running (its hand-over folder exists), so every temporary folder is there.
    while time.monotonic() < deadline and proc.poll() is None:
        if len(leftovers(site)) >= 2 or any(foreign_tmp.iterdir()):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the build ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.5)  # the worker dies with its parent (PR_SET_PDEATHSIG)
    assert leftovers(site), "the build was killed before it made its temporary folders"
    result = build_site(project, site, {"TMPDIR": str(foreign_tmp)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert leftovers(site) == [] and list(foreign_tmp.iterdir()) == []
