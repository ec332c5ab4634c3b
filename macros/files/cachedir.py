"""The chart cache folder is a speed-up only: when it cannot be used the build goes on without it."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from macros.text.characters import escape


def usable_cache(cache_dir: Path | None) -> tuple[Path | None, str | None]:
    """`cache_dir` if it is (or can be made) a folder this process can write in; else None and a
    Swedish message naming it and what to do."""
    if cache_dir is None:
        return None, None
    reason = None
    try:
        if cache_dir.is_symlink():
            reason = "det är en symbolisk länk"
        elif cache_dir.exists() and not cache_dir.is_dir():
            reason = "det är en fil, inte en mapp"
        else:
            cache_dir.mkdir(parents=True, exist_ok=True)
            fd, probe = tempfile.mkstemp(dir=cache_dir, prefix=".prov-")
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(probe)
    except OSError as exc:
        reason = {errno.EROFS: "den är skrivskyddad", errno.EACCES: "behörighet saknas",
                  errno.EPERM: "behörighet saknas", errno.ENOSPC: "disken är full"}.get(
            exc.errno or 0, os.strerror(exc.errno) if exc.errno else type(exc).__name__)
    if reason is None:
        return cache_dir, None
    return None, (f"Cachemappen {escape(str(cache_dir))} kan inte användas ({reason}): diagrammen ritas utan cache, "
                  "vilket tar längre tid. Ta bort det som ligger där, eller gör mappen skrivbar, så används "
                  "cachen igen.")
