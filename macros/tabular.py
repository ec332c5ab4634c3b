"""CSV writing shared by chart downloads, open data and the importer."""

from __future__ import annotations

import csv
import io
from typing import Any

SERIES_FIELDS = ["municipality", "year", "value", "flag", "source", "fetched"]


def rows_to_csv(records: list[dict[str, Any]], fields: list[str]) -> str:
    """RFC 4180 CSV with a header; lists and None become text ('' for None)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()
