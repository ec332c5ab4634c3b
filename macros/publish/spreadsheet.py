"""Open data as a Swedish spreadsheet opens it: the CSV variant Excel and LibreOffice read in Sweden.

Swedish Excel splits a CSV on semicolons (the list separator where the comma is the decimal sign),
reads 3,1 as a number and needs a UTF-8 byte-order mark to show å, ä and ö. Every dataset is also
published this way, beside the RFC 4180 file that programs read."""

from __future__ import annotations

import csv
import io
from typing import Any

from macros.text.tabular import safe_cell

SUFFIX = "-kalkylark.csv"
BOM = "\ufeff"


def swedish_cell(value: Any) -> Any:
    """A cell as a Swedish spreadsheet reads it: decimal comma, 'ja'/'nej', empty for None; texts are
    made safe from formulas like every CSV cell (tabular.safe_cell)."""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float):
        return repr(value).replace(".", ",") if not value.is_integer() else f"{value:.1f}".replace(".", ",")
    if value is None:
        return ""
    return safe_cell(value)


def rows_to_swedish_csv(records: list[dict[str, Any]], fields: list[str]) -> str:
    """Semicolon-separated, decimal comma, UTF-8 with a byte-order mark. Line ends are LF, which Excel and
    LibreOffice read, like every file the site writes (a CRLF would not survive the build's text handling)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: swedish_cell(v) for k, v in record.items()} for record in records)
    return BOM + out.getvalue()
