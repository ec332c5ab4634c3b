"""Every committed version of the content files, from git: what a record looked like before and after each
commit that touched it, so the portal can say what changed and when (facts/changelog.py).

Two git calls for the whole repository, whatever its size: one `git log --raw` lists, per commit, each
changed file's blob before and after; one `git cat-file --batch` reads the blobs needed. The same walk gives
each file's last change (gitdates.py), so a build walks the history once. A file added in a
commit needs no blob (its addition is the fact), except a file holding several records (data/committees.yaml),
where the records added are in it. The history depends only on the commits, so two builds of one commit
agree. A shallow clone's oldest commit seems to add every file: it is the cut-off, never a change. No mkdocs.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

# The folders whose files are records (content/) or vocabularies and settings (data/).
TRACKED = ("content", "data")
ZERO = "0" * 40
# Files holding several records: their added versions are read too, to know which records they added.
MULTI_RECORD = ("data/committees.yaml",)
MAX_BLOB_BYTES = 512 * 1024  # as yamlfile.MAX_FILE_BYTES: a larger blob is no record version we publish


@dataclass(frozen=True)
class FileVersion:
    """One commit's change of one file: its text before (None: the commit added it) and after (None: removed).
    A version that could not be read is None too: `added` and `removed` say which None means absent."""

    path: str
    commit: str
    when: dt.datetime
    before: str | None
    after: str | None
    added: bool
    removed: bool


@dataclass(frozen=True)
class GitHistory:
    """The committed changes of content/ and data/, newest commit first. `available`: git could tell;
    `shallow`: only the newest part of the history was there, so older changes are not known."""

    available: bool
    versions: tuple[FileVersion, ...] = ()
    shallow: bool = False
    # Each changed file's newest commit date (the first time the walk, newest first, sees it); a file
    # seen only in a shallow clone's cut-off has none. Paths relative to the project.
    changed: dict[str, dt.datetime] = field(default_factory=dict)
    # The project's folder inside its repository ('' or 'site/'), as `git rev-parse --show-prefix` says.
    prefix: str = ""


@dataclass(frozen=True)
class _Raw:
    path: str
    commit: str
    when: dt.datetime
    old: str
    new: str


def run_git(root: Path, args: list[str], stdin: bytes | None = None, timeout: int = 120) -> bytes | None:
    """git's output in `root`, or None when git is missing, fails or takes longer than `timeout` seconds."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=timeout,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _run(root: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    return run_git(root, args, stdin, timeout=300)  # reading every old version can take longer than one log


def parse_raw_log(text: str, prefix: str = "", shallow: bool = False,
                  changed: dict[str, dt.datetime] | None = None) -> list[_Raw]:
    """`git log --format=%x00%H %ct %P --raw --no-abbrev` output, newest commit first. A shallow clone's
    cut-off commits (no parents there) are left out: their 'additions' are only where the history stops.
    `changed`, when given, receives each path's newest commit date (a path first seen in a cut-off: none)."""
    changes: list[_Raw] = []
    seen: set[str] = set()
    commit, when, skip = "", None, False
    for line in text.splitlines():
        if line.startswith("\0"):
            sha, stamp, *parents = line[1:].split()
            commit = sha
            when = dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC) if stamp.isdigit() else None
            skip = shallow and not parents
        elif line.startswith(":") and "\t" in line and when is not None and not skip:
            meta, path = line.split("\t", 1)
            parts = meta.split()
            if len(parts) < 5:
                continue
            if changed is not None and path not in seen:
                seen.add(path)
                changed[path[len(prefix):] if prefix and path.startswith(prefix) else path] = when
            if path.startswith('"'):
                continue  # git quotes unusual names; no record file has one (loader: slug file names)
            path = path[len(prefix):] if prefix and path.startswith(prefix) else path
            changes.append(_Raw(path, commit, when, parts[2], parts[3]))
    return changes


def _read_blobs(root: Path, shas: list[str]) -> dict[str, str]:
    """The text of each blob, from one `git cat-file --batch`; a blob too large or not UTF-8 is left out."""
    if not shas:
        return {}
    out = _run(root, ["cat-file", "--batch"], ("\n".join(shas) + "\n").encode())
    if out is None:
        return {}
    blobs: dict[str, str] = {}
    pos = 0
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("ascii", "replace").split()
        pos = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue  # '<sha> missing'
        size = int(header[2])
        body = out[pos:pos + size]
        pos += size + 1
        if size <= MAX_BLOB_BYTES:
            try:
                blobs[header[0]] = body.decode("utf-8")
            except UnicodeDecodeError:
                pass
    return blobs


def read_git_history(root: Path) -> GitHistory:
    """Every committed change of the files under content/ and data/ of the project at `root`, with the
    versions before and after that the record changes need. Paths are relative to `root`."""
    top = _run(root, ["rev-parse", "--is-shallow-repository", "--show-prefix"])
    if top is None:
        return GitHistory(False)
    shallow, prefix = ([*top.decode().split("\n"), "", ""])[:2]
    prefix, is_shallow = prefix.strip(), shallow.strip() == "true"
    # Along the first parents, a merge shown as its diff to them: a change is dated when it reached this
    # branch (the merge of an editor's pull request), not when the editor committed it on theirs.
    log = _run(root, ["log", "--first-parent", "-m", "--format=%x00%H %ct %P", "--raw", "--no-abbrev",
                      "--no-renames", "--", *TRACKED])
    if log is None:
        return GitHistory(False)
    changed: dict[str, dt.datetime] = {}
    raw = parse_raw_log(log.decode("utf-8", "replace"), prefix, is_shallow, changed)
    needed: set[str] = set()
    for change in raw:
        if change.old != ZERO:
            needed.add(change.old)
        if change.new != ZERO and (change.old != ZERO or change.path in MULTI_RECORD):
            needed.add(change.new)
    blobs = _read_blobs(root, sorted(needed))
    versions = tuple(FileVersion(c.path, c.commit, c.when, blobs.get(c.old), blobs.get(c.new),
                                 c.old == ZERO, c.new == ZERO) for c in raw)
    return GitHistory(True, versions, is_shallow, changed, prefix)
