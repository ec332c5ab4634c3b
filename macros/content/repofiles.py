"""The repository's own files only: no symlinks, no special files, no file larger than its limit.

A symlink in content/, data/ or docs/ would publish or print a file from outside the repository
(`ln -s /etc/passwd docs/passwd.txt`); a FIFO blocks a reader forever; /dev/zero never ends. So
the editors' folders are walked without following links, everything that is not a plain file or
folder is refused by name, and every read opens the file itself (never through a link), checks it
is a regular file inside the repository, and reads at most its size limit.

`unsafe_entries` is what the validator and the site build call; `read_bytes` is how every content
file is read.
"""

from __future__ import annotations

import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from macros.content.problem import Problem
from macros.text.characters import escape

# Folders a pull request can change, and whose files the site reads or publishes (overrides/: the theme's
# templates and static files, published as they are).
EDITOR_FOLDERS = ("content", "data", "docs", "overrides")

HIDDEN_MESSAGE = ("Namnet börjar med en punkt, så filen räknas inte: den läses inte och publiceras inte. "
                  "Ta bort punkten om den ska med, annars ta bort filen.")
# Files git needs in otherwise empty folders; hidden, and nothing to warn about.
_GIT_FILES = {".gitkeep", ".gitignore", ".gitattributes"}


def hidden(name: str) -> bool:
    """The one rule for which files count, in every folder that reaches the site: a file or folder
    whose name starts with a dot does not (mkdocs publishes no such file from docs/ or the theme;
    the loader reads none from content/ or data/)."""
    return name.startswith(".")


def hidden_entries(root: Path, folders: tuple[str, ...] = EDITOR_FOLDERS) -> list[Problem]:
    """A warning for each hidden file or folder under root/<folder> (not below a hidden folder), so
    that a file left out by its name is never left out silently."""
    problems: list[Problem] = []
    for folder in folders:
        top = Path(root) / folder
        if top.is_symlink() or not top.is_dir():
            continue
        for current, dirs, files in os.walk(top):
            for name in sorted(dirs + files):
                if hidden(name) and name not in _GIT_FILES:
                    problems.append(Problem(_rel(Path(current) / name, Path(root)), 1, HIDDEN_MESSAGE,
                                            severity="warning"))
            dirs[:] = [d for d in dirs if not hidden(d)]
    return problems

_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must not wait for a writer

SYMLINK_MESSAGE = (
    "Symboliska länkar är inte tillåtna här: länken läses inte och publiceras inte. "
    "Ersätt den med en vanlig fil med innehållet."
)
SPECIAL_MESSAGE = "Här får bara finnas vanliga filer och mappar (inte enhetsfiler, FIFO eller sockets). Ta bort den."


class RepoFileError(Exception):
    """A file that may not be read; `message` is Swedish and names no content."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _rel(path: Path, root: Path) -> str:
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    # A line break in a name would split the message's `file:line:` in two.
    return escape(shown).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


# Names Windows cannot hold (device names, whatever the extension, and these characters or a final dot or
# space): a repository with one cannot be checked out there, and a name with a line break or a quote
# breaks the page addresses made from it. content/ and data/ allow only a–z, digits and '-' anyway.
_WINDOWS_DEVICES = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?", re.IGNORECASE)
_UNPORTABLE = re.compile(r'[\x00-\x1f\x7f<>:"\\|?*]|[ .]$')
_NAMED_FOLDERS = ("docs", "overrides")


def unportable_name(name: str) -> str | None:
    """Why a file or folder name cannot be published or checked out everywhere (Swedish), or None."""
    if _WINDOWS_DEVICES.fullmatch(name):
        return f"{name.split('.')[0]} är ett reserverat namn i Windows: förrådet kan då inte hämtas dit."
    if _UNPORTABLE.search(name):
        return ("Namnet har en radbrytning, ett kontrolltecken, något av tecknen < > : \" \\ | ? * eller slutar "
                "med punkt eller mellanslag: det kan inte bli en webbadress eller hämtas till Windows.")
    return None


def unsafe_entries(root: Path, folders: tuple[str, ...] = EDITOR_FOLDERS) -> list[Problem]:
    """Every symlink and special file under root/<folder> (the folders themselves included),
    one Problem each, without following any link."""
    root = Path(root)
    _real_folder.cache_clear()
    problems: list[Problem] = []
    stack = [root / name for name in reversed(folders)]
    while stack:
        path = stack.pop()
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue
        except OSError:
            problems.append(Problem(_rel(path, root), 1, "Filen eller mappen kan inte läsas (saknar behörighet?)."))
            continue
        relative = path.relative_to(root).parts
        if len(relative) > 1 and relative[0] in _NAMED_FOLDERS and (why := unportable_name(path.name)):
            problems.append(Problem(_rel(path, root), 1, f"{why} Byt namn på filen eller mappen.",
                                    value=f'"{escape(path.name)}"'.replace("\n", "\\n")))
        if stat.S_ISLNK(mode):
            problems.append(Problem(_rel(path, root), 1, SYMLINK_MESSAGE))
        elif stat.S_ISDIR(mode):
            try:
                names = sorted(os.listdir(path), reverse=True)
            except OSError:
                problems.append(Problem(_rel(path, root), 1, "Mappen kan inte läsas (saknar behörighet?)."))
                continue
            stack.extend(path / name for name in names)
        elif not stat.S_ISREG(mode):
            problems.append(Problem(_rel(path, root), 1, SPECIAL_MESSAGE))
    return problems


@lru_cache(maxsize=1024)
def _real_folder(folder: str) -> str:
    # Cached: 5,000 files share a handful of folders. unsafe_entries, which starts every load,
    # empties the cache, so a folder replaced by a link during `mkdocs serve` is seen at once.
    return os.path.realpath(folder)


def _inside(path: Path, root: Path) -> bool:
    """Whether `path`'s folder, links resolved, is `root` or below it (the file itself is opened
    with O_NOFOLLOW)."""
    real_root = _real_folder(os.fspath(root))
    real = _real_folder(os.path.dirname(os.path.abspath(path)))
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def read_bytes(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of a regular file at `path`, refusing links, special files, files outside `root`
    (through a linked folder) and files larger than `limit` bytes. Raises RepoFileError."""
    if root is not None and not _inside(path, root):
        raise RepoFileError(SYMLINK_MESSAGE)
    try:
        fd = os.open(path, os.O_RDONLY | _O_NOFOLLOW | _O_NONBLOCK)
    except FileNotFoundError:
        raise RepoFileError("Filen saknas.") from None
    except OSError:
        # ELOOP: the last part is a symlink (O_NOFOLLOW); anything else: unreadable.
        if os.path.islink(path):
            raise RepoFileError(SYMLINK_MESSAGE) from None
        raise RepoFileError("Filen kan inte läsas (saknar behörighet?).") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            if stat.S_ISDIR(info.st_mode):
                raise RepoFileError("Här väntas en fil, men det är en mapp.")
            raise RepoFileError(SPECIAL_MESSAGE)
        if info.st_size > limit:
            raise RepoFileError(too_large(info.st_size, limit))
        chunks = []
        left = limit + 1  # a file that grows while it is read is still cut off
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise RepoFileError(too_large(len(data), limit))
        return data
    finally:
        os.close(fd)


def too_large(size: int, limit: int) -> str:
    return f"Filen är för stor ({_kb(size)}). Högst {_kb(limit)} är tillåtet."


def _kb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",") if size >= 1024 * 1024 else f"{max(size // 1024, 1)} kB"
