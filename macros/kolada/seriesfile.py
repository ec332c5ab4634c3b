"""Where a series CSV lives, and writing it: only a slug-named regular file inside data/series/."""

from __future__ import annotations

import errno
import re
from pathlib import Path

from macros.content.models import SLUG_PATTERN, SeriesRow
from macros.files.atomic import write_text_atomic
from macros.text.tabular import SERIES_FIELDS, rows_to_csv

SERIES_DIR = Path("data") / "series"


class SeriesPathError(Exception):
    """A series name or path the importer refuses to write, or a failed write; the message is Swedish."""


_ERRNO_WORDS = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EFBIG: "filen blir större än systemet tillåter",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "filsystemet är skrivskyddat",
}


def series_path(root: Path, name: str) -> Path:
    """data/series/<name>.csv under `root`, refusing anything that could land elsewhere.

    The name must be a slug (no '/', '..', dots or upper case), and neither data/, data/series/ nor
    the file may be a symbolic link: a link would let the write land outside data/series/.
    """
    if not re.fullmatch(SLUG_PATTERN, name) or len(name) > 80:
        raise SeriesPathError(
            f"Ogiltigt namn på dataserien: {name!r}. Namnet är filnamnet i data/series/ utan .csv och får "
            "bara innehålla små bokstäver a–z, siffror och bindestreck (t.ex. 'kolada-n31807')."
        )
    for part in (root / "data", root / SERIES_DIR):
        if part.is_symlink():
            raise SeriesPathError(f"{part} är en symbolisk länk; importen skriver bara i en vanlig mapp data/series/.")
        if part.exists() and not part.is_dir():
            raise SeriesPathError(f"{part} är ingen mapp.")
    path = root / SERIES_DIR / f"{name}.csv"
    if path.is_symlink():
        raise SeriesPathError(f"{path} är en symbolisk länk; importen skriver inte genom länkar. "
                              "Ersätt den med en vanlig fil.")
    if path.exists() and not path.is_file():
        raise SeriesPathError(f"{path} är ingen vanlig fil.")
    return path


def write_series(path: Path, rows: list[SeriesRow]) -> None:
    """Write the series atomically (the old file stays whole if anything fails)."""
    try:
        path.parent.mkdir(exist_ok=True)
        write_text_atomic(path, rows_to_csv([r.model_dump(mode="json") for r in rows], SERIES_FIELDS))
    except OSError as exc:
        reason = _ERRNO_WORDS.get(exc.errno or 0, exc.strerror or str(exc))
        raise SeriesPathError(f"Kunde inte skriva {path}: {reason}. Filen är oförändrad "
                              "(den ersätts i ett svep eller inte alls).") from None
