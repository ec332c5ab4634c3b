"""When each content file last changed, from git: never a hand-typed date.

One `git log` for the whole repository, parsed once (fast at 5,000 records), and one `git status`
for files changed since the last commit. The dates depend only on the commit, so two builds of one
commit agree. No mkdocs here.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# The folders whose files are records (content/) or vocabularies and settings (data/).
TRACKED = ("content", "data")


@dataclass(frozen=True)
class GitDates:
    """Last commit date per repository-relative path (POSIX), files changed since that commit, and
    whether git could tell at all."""

    available: bool
    changed: dict[str, dt.datetime] = field(default_factory=dict)
    uncommitted: frozenset[str] = frozenset()
    # A shallow clone (CI checks out one commit by default): its oldest commit seems to add every file,
    # so a file last seen there has no known date.
    shallow: bool = False

    def last_changed(self, path: str) -> dt.datetime | None:
        return self.changed.get(path)

    def newest(self) -> dt.datetime | None:
        """When the content last changed: the newest commit touching content/ or data/."""
        return max(self.changed.values(), default=None)


def run_git(root: Path, args: list[str], stdin: bytes | None = None, timeout: int = 120) -> bytes | None:
    """git's output in `root`, or None when git is missing, fails or takes longer than `timeout` seconds."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=timeout,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _git(root: Path, *args: str) -> str | None:
    out = run_git(root, list(args))
    return None if out is None else out.decode("utf-8").replace("\r\n", "\n")


def parse_log(text: str, prefix: str = "", shallow: bool = False) -> dict[str, dt.datetime]:
    """`git log --format=%x00%ct %P --name-only` output: a NUL line with the commit's time and parents,
    then its files. Newest commit first, so the first time a path is seen is its last change. In a
    shallow clone a commit without parents is the cut-off, not a real first commit: its files get no date."""
    dates: dict[str, dt.datetime] = {}
    unknown: set[str] = set()
    when: dt.datetime | None = None
    cut_off = False
    for line in text.splitlines():
        if line.startswith("\0"):
            stamp, *parents = line[1:].split()
            when = dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC) if stamp.isdigit() else None
            cut_off = shallow and not parents
        elif line and when is not None:
            path = line[len(prefix):] if prefix and line.startswith(prefix) else line
            if path not in dates and path not in unknown:
                if cut_off:
                    unknown.add(path)
                else:
                    dates[path] = when
    return dates


def read_git_dates(root: Path) -> GitDates:
    """The last change of every file under content/ and data/ of the project at `root`. Paths are
    relative to `root` even when `root` is a folder inside a larger repository."""
    top = _git(root, "rev-parse", "--is-shallow-repository", "--show-prefix")
    if top is None:
        return GitDates(False)
    shallow, prefix = ([*top.split("\n"), "", ""])[:2]
    prefix = prefix.strip()
    log = _git(root, "log", "--format=%x00%ct %P", "--name-only", "--no-renames", "--", *TRACKED)
    if log is None:
        return GitDates(False)
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *TRACKED) or ""
    dirty = set()
    for line in status.splitlines():
        path = line[3:].split(" -> ")[-1].strip('"')
        dirty.add(path)
    # `git status` paths are relative to the repository's top; make them relative to root too.
    dirty = {p[len(prefix):] if prefix and p.startswith(prefix) else p for p in dirty}
    is_shallow = shallow.strip() == "true"
    return GitDates(True, parse_log(log, prefix, is_shallow), frozenset(dirty), is_shallow)


def change_sentence(dates: GitDates, path: str, build_day: dt.date) -> str:
    """'Innehållet ändrades senast 12 mars 2025.' from git, or a plain statement of why it is not known."""
    from macros.text.swedish import long_date

    if not dates.available:
        return (f"När innehållet senast ändrades går inte att säga: versionshistoriken fanns inte när sidan "
                f"byggdes ({long_date(build_day)}).")
    if path in dates.uncommitted:
        return (f"Innehållet har ändrats efter den senaste incheckningen; sidan byggdes {long_date(build_day)} "
                "med ändringen.")
    when = dates.last_changed(path)
    if when is None and dates.shallow:
        return (f"När innehållet senast ändrades går inte att säga: sidan byggdes {long_date(build_day)} "
                "med bara den senaste delen av versionshistoriken.")
    if when is None:
        return f"Innehållet finns inte i versionshistoriken ännu; sidan byggdes {long_date(build_day)}."
    return f"Innehållet ändrades senast {long_date(when.date())}."
