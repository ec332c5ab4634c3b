"""When each content file last changed, from git: never a hand-typed date.

The dates come from the build's one walk of the history (githistory.py: a file's last change is the
newest commit that touched it along the branch, a merged pull request dated when it was merged, as its
changes are), plus one `git status` for files changed since the last commit. The dates depend only on
the commit, so two builds of one commit agree. No mkdocs here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from macros.content.githistory import TRACKED, GitHistory, read_git_history, run_git


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


def read_git_dates(root: Path, history: GitHistory | None = None) -> GitDates:
    """The last change of every file under content/ and data/ of the project at `root`, from `history`
    (read here when not given). Paths are relative to `root` even when `root` is a folder inside a
    larger repository."""
    history = read_git_history(root) if history is None else history
    if not history.available:
        return GitDates(False)
    status = run_git(root, ["status", "--porcelain", "--untracked-files=all", "--", *TRACKED])
    dirty = set()
    for line in (status or b"").decode("utf-8").replace("\r\n", "\n").splitlines():
        dirty.add(line[3:].split(" -> ")[-1].strip('"'))
    # `git status` paths are relative to the repository's top; make them relative to root too.
    prefix = history.prefix
    dirty = {p[len(prefix):] if prefix and p.startswith(prefix) else p for p in dirty}
    return GitDates(True, dict(history.changed), frozenset(dirty), history.shallow)


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
