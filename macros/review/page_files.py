"""Files other than content that change what citizens see: the hand-written pages (docs/), the theme
overrides (overrides/) and the site's configuration (mkdocs.yml). The review summary lists each one
added, changed or removed, so a pull request that changes only a page is not summarised as changing
nothing. (data/portal.yaml, the settings, is compared field by field with the content.)"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Literal

from macros.content.repofiles import hidden

PAGE_PARTS = ("docs", "overrides", "mkdocs.yml")
Action = Literal["added", "changed", "removed"]


def snapshot(root: Path) -> dict[str, str]:
    """A digest of every file of PAGE_PARTS under `root`, by its root-relative path. Links and special
    files are not read (the validator refuses them) and hidden files do not count (repofiles.hidden)."""
    found: dict[str, str] = {}
    for part in PAGE_PARTS:
        top = root / part
        paths = [top] if not top.is_dir() or top.is_symlink() else []
        if not paths:
            for current, dirs, files in os.walk(top):  # does not follow links to folders
                dirs[:] = sorted(d for d in dirs if not hidden(d))
                paths += [Path(current) / f for f in sorted(files) if not hidden(f)]
        for path in paths:
            try:
                if not stat.S_ISREG(os.lstat(path).st_mode):
                    continue
                found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
    return found


def page_changes(base: dict[str, str], head: dict[str, str]) -> list[tuple[str, Action]]:
    """(path, what happened) for every file that differs, sorted by path."""
    changes: list[tuple[str, Action]] = []
    for path in sorted(set(base) | set(head)):
        if path not in base:
            changes.append((path, "added"))
        elif path not in head:
            changes.append((path, "removed"))
        elif base[path] != head[path]:
            changes.append((path, "changed"))
    return changes


def page_address(path: str) -> str | None:
    """The site address of a page in docs/ ('docs/om.md' -> 'om/', 'docs/mal/index.md' -> 'mal/'),
    None for other files."""
    if not path.startswith("docs/") or not path.endswith(".md"):
        return None
    stem = path.removeprefix("docs/").removesuffix(".md")
    if stem == "index":
        return "/"
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"
