"""CSV writing shared by chart downloads, open data and the importer."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

SERIES_FIELDS = ["municipality", "year", "value", "flag", "source", "fetched", "published"]

# A spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell starting with one of these as a
# formula, e.g. =HYPERLINK(...) or +cmd|'/c calc'!A1 (OWASP, "CSV Injection"; ASVS 5 1.2.10 adds NUL).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
# A text that is only a number (-1.5, +3, -2e3) is read as that number, never run: left as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """`value` as a spreadsheet will not run it: a text that would start a formula gets a leading
    apostrophe (OWASP's advice; the spreadsheet shows the text, the apostrophe marks it as text).
    Numbers, and texts that are plain numbers, are left alone so that they stay numbers.

    A carriage return inside a text becomes a line feed: the csv module quotes a field only for the
    characters of its line terminator ("\n" here), so a bare CR went out unquoted and a spreadsheet
    split the row there, making whatever followed (say "=cmd") the start of a new cell."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def rows_to_csv(records: list[dict[str, Any]], fields: list[str]) -> str:
    """RFC 4180 CSV with a header; lists and None become text ('' for None); no cell runs as a formula."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in record.items()} for record in records)
    return out.getvalue()
