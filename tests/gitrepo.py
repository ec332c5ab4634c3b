"""Git in a temporary test repository with fixed authors and dates, so the history the portal reads from it
(content/githistory.py, content/gitdates.py) is the same on every machine and never reads the user's config."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def git(repo: Path, *args: str, when: int | None = None) -> None:
    """`git -C repo args`, committed (if it commits) at `when` (Unix seconds, UTC) by a fixed author."""
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def count_processes(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The argument list of every process `subprocess.run` starts from now on in this test (git's included)."""
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(args, *a, **k):
        calls.append(list(args))
        return real(args, *a, **k)

    monkeypatch.setattr(subprocess, "run", counting)
    return calls
