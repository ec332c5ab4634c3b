"""Replace a file so that a reader (or a crash) sees the old content or the new, never a part."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def _new_file_mode() -> int:
    # What open() would give a new file: 0o666 less the umask (which can only be read by setting it).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically.

    The temporary file lies in the same folder, so os.replace is a rename within one file system
    (atomic on POSIX and Windows); it is fsynced before the rename so the new name never points at
    unwritten blocks, and the folder is fsynced after, so the rename itself survives a power cut.
    On any failure the temporary file is removed and `path` is untouched.
    """
    data = text.encode("utf-8")
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)  # mkstemp creates 0600; keep the file readable as before
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # not every file system can fsync a folder
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
