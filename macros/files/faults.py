"""Faults of the machine (a full disk, a read-only or busy folder, a file where a folder belongs), told
in Swedish with the file or folder and what to do, instead of a traceback.

A build stages the new site beside the old one and swaps it in only when it has succeeded
(output.StagedSite), so after any of these the previous site is as it was.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from macros.text.characters import escape

_WHAT = {
    errno.ENOSPC: ("disken är full", "Frigör utrymme på disken och bygg igen."),
    errno.EDQUOT: ("diskkvoten är slut", "Frigör utrymme inom kvoten och bygg igen."),
    errno.EROFS: ("filsystemet är skrivskyddat", "Bygg till en mapp som går att skriva i (mkdocs build -d MAPP)."),
    errno.EACCES: ("behörighet saknas",
                   "Ge skrivbehörighet till mappen, eller bygg till en annan (mkdocs build -d MAPP)."),
    errno.EPERM: ("åtgärden är inte tillåten", "Ge skrivbehörighet till mappen, eller bygg till en annan."),
    errno.ENOTDIR: ("en fil ligger där en mapp ska vara", "Ta bort eller flytta filen och bygg igen."),
    errno.EEXIST: ("en fil ligger där en mapp ska vara", "Ta bort eller flytta filen och bygg igen."),
    errno.EISDIR: ("en mapp ligger där en fil ska vara", "Ta bort eller flytta mappen och bygg igen."),
    errno.EBUSY: ("mappen används (en monteringspunkt?)", "Bygg till en vanlig mapp och kopiera den dit."),
    errno.EIO: ("läs- eller skrivfel på disken", "Kontrollera disken och bygg igen."),
    errno.EMFILE: ("för många öppna filer", "Höj gränsen (ulimit -n) och bygg igen."),
}


def _where(exc: OSError) -> str:
    names = [str(n) for n in (exc.filename, exc.filename2) if n]
    return " → ".join(escape(os.fspath(n)) for n in names)


def fault_message(exc: BaseException, site: Path | None = None) -> str | None:
    """The Swedish message for a machine fault `exc`, or None when it is not one (a bug of ours)."""
    if not isinstance(exc, OSError) or exc.errno is None:
        return None
    what, todo = _WHAT.get(exc.errno, (escape(os.strerror(exc.errno)), "Åtgärda felet och bygg igen."))
    where = _where(exc) or (f"i mappen {escape(str(site.parent))}" if site is not None else "")
    text = f"Bygget avbröts: {what}" + (f" ({where})." if where else ".")
    if site is not None:
        text += f" Webbplatsen i {escape(str(site))} är som den var före bygget."
    return f"{text} {todo}"
