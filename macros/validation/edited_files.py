"""Which content files the editor changed, so a clash is reported on the file they touched.

Asked of git only when a clash is found (a mission number used twice): files changed in the
working tree or untracked, and in a pull request's CI run (`GITHUB_BASE_REF`) the files changed
since the base branch, if that branch has been fetched; elsewhere, on a branch other than the publishing
branch (a form editor's cms/… branch), the files changed since it. None when git cannot tell.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

_TIMEOUT = 10  # seconds; git answers in milliseconds, a hung git must not hang validation


def _git(root: Path, *args: str) -> list[str] | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, timeout=_TIMEOUT, check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return [p for p in result.stdout.decode("utf-8", "replace").split("\0") if p]


def changed_files(root: Path, publishing_branch: str | None = "main") -> set[str] | None:
    """Paths relative to `root` (posix) of content changed by the editor, or None if unknown."""
    prefix = _git(root, "rev-parse", "--show-prefix")
    if prefix is None:
        return None
    here = prefix[0].strip() if prefix else ""
    changed: set[str] = set()
    status = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "content", "data")
    for entry in status or []:
        if len(entry) > 3 and entry[2] == " ":
            changed.add(entry[3:])
        else:  # the source path of a rename, which follows its entry in -z output
            changed.add(entry)
    base = os.environ.get("GITHUB_BASE_REF")
    if base:
        diff = _git(root, "diff", "--name-only", "-z", f"origin/{base}...HEAD", "--", "content", "data")
        changed.update(diff or [])
    elif publishing_branch:
        # Outside CI, on a branch of its own (the form editor commits to cms/…): what it changed since it
        # left the publishing branch. Nothing when HEAD is that branch or it does not exist here.
        head = _git(root, "rev-parse", "--abbrev-ref", "HEAD")
        if head and head[0].strip() not in (publishing_branch, "HEAD"):
            diff = _git(root, "diff", "--name-only", "-z", f"{publishing_branch}...HEAD", "--", "content", "data")
            changed.update(diff or [])
    # git prints paths relative to the repository's top; content is relative to `root`.
    return {p[len(here):] if here and p.startswith(here) else p for p in changed}
