"""The two ways a series CSV may be written: the portal's own (commas, decimal point), and what Swedish
Excel saves as "CSV (semikolonavgränsad)" (semicolons, decimal comma), so an editor can export a sheet
and commit it as it is. The importer and the open data always write the portal's own form."""

from __future__ import annotations

import re

# The columns of a series file, in order; `published` (Kolada's publication date) may follow.
SERIES_COLUMNS = ("municipality", "year", "value", "flag", "source", "fetched")
OPTIONAL_SERIES_COLUMNS = ("published",)
HEADERS = (SERIES_COLUMNS, SERIES_COLUMNS + OPTIONAL_SERIES_COLUMNS)

_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def _header(text: str) -> str:
    return text.split("\n", 1)[0].strip().lstrip("\ufeff")


def is_semicolon_series(text: str) -> bool:
    """True when the first line holds the series' columns separated by semicolons."""
    return tuple(part.strip() for part in _header(text).split(";")) in HEADERS


def decimal_point(value: str) -> str:
    """'2,5' as '2.5'; anything else unchanged (the model reports what is not a number)."""
    return value.replace(",", ".") if _DECIMAL_COMMA.fullmatch(value) else value


def columns_message(found: list[str]) -> str:
    """What is wrong with the first line, and exactly what it must be."""
    expected = list(SERIES_COLUMNS)
    names = [name.strip() for name in found]
    if len(names) == 1 and any(sep in names[0] for sep in ";\t"):
        separator = "tabbtecken" if "\t" in names[0] else "semikolon"
        names = [part.strip() for part in re.split(r"[;\t]", names[0])]
        lead = f"Kolumnerna är avgränsade med {separator}, och då måste de heta exakt som nedan. "
        if separator == "tabbtecken":
            lead = "Kolumnerna är avgränsade med tabbtecken. Spara filen som CSV med kommatecken eller semikolon. "
    else:
        lead = ""
    missing = [name for name in expected if name not in names]
    unknown = [name for name in names if name not in expected + list(OPTIONAL_SERIES_COLUMNS)]
    details = []
    if missing:
        details.append("saknas: " + ", ".join(missing))
    if unknown:
        details.append("okända: " + ", ".join(name or "(tom)" for name in unknown))
    if not details and not lead:
        details.append("i fel ordning")
    found_text = f" ({'; '.join(details)})" if details else ""
    return (f"Fel kolumner i CSV-filens första rad{found_text}. {lead}Första raden ska vara "
            f"{','.join(expected)}, eventuellt följd av {','.join(OPTIONAL_SERIES_COLUMNS)} (kommatecken; Excels "
            "semikolonavgränsade CSV med decimalkomma går också bra).")
