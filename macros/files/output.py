"""Writing the built site: files below a folder, and a build that replaces the previous site only
once it has succeeded (a failed or interrupted build leaves the old site as it was)."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_files(site: Path, files: dict[str, str] | dict[str, str | bytes]) -> None:
    """Write site-relative files below `site`."""
    folders: set[Path] = set()  # thousands of files share a few folders (api/uppdrag/ holds one per mission)
    for rel, data in sorted(files.items()):
        path = site / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)


def move_into(source: Path, dest: Path) -> None:
    """Move everything below `source` into `dest`: a folder `dest` lacks moves whole (one rename), a
    file replaces its namesake. Both must be on one file system."""
    for entry in os.scandir(source):
        target = dest / entry.name
        if entry.is_dir(follow_symlinks=False) and target.is_dir():
            move_into(Path(entry.path), target)
        else:
            os.replace(entry.path, target)


def remove_tree(folder: Path) -> None:
    """Remove `folder` and everything below it, as far as possible: the build has succeeded by then."""
    shutil.rmtree(folder, ignore_errors=True)


def _prefix(target: Path, what: str) -> str:
    return f".{target.name}.{what}-"


def scratch_folder(target: Path, what: str) -> Path:
    """A new private folder beside `target` (the site folder), for a build's temporary files: on the
    same file system as the site, so its files can be renamed into it (a temporary folder under $TMPDIR
    may be a tmpfs), and named after this process, so the next build removes it if this one is killed."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=_prefix(target, "bygge") + f"{os.getpid()}-{what}-", dir=target.parent))


def remove_abandoned(target: Path) -> None:
    """Folders beside `target` left by builds that were killed outright (SIGKILL, power loss): a
    build's folder whose process (named in its name) no longer runs, and any previous site set aside.
    That one is garbage whoever removes it: if another build is removing it right now, both tolerate
    the other."""
    target = Path(target).resolve()
    if not target.parent.is_dir():
        return
    for entry in target.parent.glob(_prefix(target, "bygge") + "*"):
        pid = entry.name.removeprefix(_prefix(target, "bygge")).split("-", 1)[0]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists() and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
    aside = [*target.parent.glob(_prefix(target, "gammal") + "*")]
    if target.is_dir() and not target.is_symlink():  # set aside within a site folder that is a mount point
        aside += target.glob(_prefix(target, "gammal") + "*")
    for entry in aside:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


class StagedSite:
    """A site built in a fresh folder beside its final place, swapped in when the build succeeds.

    The swap is two renames on one file system (the old site aside, the new one in), so readers see
    the old site or the new one; the old one is then removed."""

    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(self.target)
        self.path = scratch_folder(self.target, "site")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.path, 0o777 & ~umask)  # a site folder as any other, not mkdtemp's private 0700

    def commit(self, remove: Callable[[Path], None] | None = None) -> None:
        """Put the staged site in place of the target, then remove the previous site with `remove`."""
        old = None
        if self.target.exists():
            old = Path(tempfile.mkdtemp(prefix=_prefix(self.target, "gammal"), dir=self.target.parent))
            try:
                os.replace(self.target, old / "site")
            except OSError as exc:
                if exc.errno not in (errno.EBUSY, errno.EXDEV):
                    os.rmdir(old)
                    raise
                os.rmdir(old)  # the site folder is a mount point: it stays, its contents are replaced
                self._replace_contents()
                return
        os.replace(self.path, self.target)
        if old is not None:
            (remove or remove_tree)(old)

    def _replace_contents(self) -> None:
        """The swap for a site folder that cannot be renamed (a mount point): the old entries are moved
        aside within it, the new ones copied in (another file system), then the old ones removed. Not
        atomic for readers, but a failure (a full disk) puts the old entries back."""
        aside = Path(tempfile.mkdtemp(prefix=_prefix(self.target, "gammal"), dir=self.target))
        moved = [e.name for e in os.scandir(self.target) if e.path != str(aside)]
        for name in moved:
            os.replace(self.target / name, aside / name)
        put: list[Path] = []
        try:
            for entry in os.scandir(self.path):
                dest = self.target / entry.name
                put.append(dest)
                if entry.is_dir(follow_symlinks=False):
                    shutil.copytree(entry.path, dest, symlinks=True)
                else:
                    shutil.copy2(entry.path, dest, follow_symlinks=False)
        except BaseException:
            for dest in put:
                if dest.is_dir() and not dest.is_symlink():
                    shutil.rmtree(dest, ignore_errors=True)
                else:
                    dest.unlink(missing_ok=True)
            for name in moved:
                os.replace(aside / name, self.target / name)
            shutil.rmtree(aside, ignore_errors=True)
            raise
        shutil.rmtree(aside, ignore_errors=True)
        shutil.rmtree(self.path, ignore_errors=True)

    def discard(self) -> None:
        """Remove the staged site; the target is left as it was."""
        shutil.rmtree(self.path, ignore_errors=True)
