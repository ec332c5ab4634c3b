"""Open data as a Swedish spreadsheet opens it: the CSV variant Excel and LibreOffice read in Sweden.

Swedish Excel splits a CSV on semicolons (the list separator where the comma is the decimal sign),
reads 3,1 as a number and needs a UTF-8 byte-order mark to show å, ä and ö. Every dataset is also
published this way, beside the RFC 4180 file that programs read."""

from __future__ import annotations

import csv
import io
from typing import Any

from macros.content.municipality import cap, term
from macros.content.value_words import value_word
from macros.text.tabular import safe_cell

SUFFIX = "-kalkylark.csv"
BOM = "\ufeff"
# Column headings as a Swedish reader reads them; the programs' CSV and JSON keep the field names.
HEADINGS = {
    "id": "id", "number": "nummer", "title": "titel", "short_title": "kort titel", "status": "status",
    "status_label": "status i ord", "trend": "trend", "period": "uppföljning", "period_date": "uppföljningens datum",
    "age_months": "ålder i månader", "outdated": "inaktuell", "goal": "mål (id)", "goal_names": "mål",
    "goals": "mål (id)", "responsible": "ansvariga (id)", "responsible_names": "ansvariga",
    "concerned": "berörda (id)", "concerned_names": "berörda", "expected_completion": "beräknas klart år",
    "abbreviation": "förkortning", "name": "namn", "is_group": "grupp", "kind": "slag", "date": "datum",
    "before": "före", "after": "efter", "lead": "ingress", "url": "adress", "unit": "enhet",
    "direction": "riktning", "target_value": "målvärde", "target_year": "målår", "series": "dataserie",
    "indicators": "indikatorer (id)", "indicator_names": "indikatorer", "municipality": "kommun (id)",
    "municipality_code": "kommunkod", "municipality_name": "kommun", "year": "år", "value": "värde",
    "flag": "anmärkning", "source": "källa", "source_title": "källans namn", "source_url": "källans adress",
    "source_published": "källan publicerad", "fetched": "värdet hämtat", "published": "värdet publicerat",
    "latest_year": "senaste värdets år", "expected_year": "år som borde finnas",
}
# Columns whose values are codes (the programs' files keep them), by the field whose words they take.
CODE_COLUMNS = {"trend": "trend", "direction": "direction", "flag": "flag"}
# The status history's kind of record ('goal', 'mission'): in the municipality's own words for the levels.
KIND_TERMS = {"goal": "goals", "mission": "missions"}


def in_words(record: dict[str, Any]) -> dict[str, Any]:
    """A row with its codes in words (content/value_words.py, the settings' terms): 'Lägre är bättre', not
    'lower'; 'Åtagande', not 'mission'."""
    out = {k: value_word(CODE_COLUMNS[k], v) if k in CODE_COLUMNS else v for k, v in record.items()}
    if out.get("kind") in KIND_TERMS:
        out["kind"] = cap(term(KIND_TERMS[out["kind"]]).singular)
    return out


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
    writer.writerow({f: HEADINGS.get(f, f) for f in fields})
    writer.writerows({k: swedish_cell(v) for k, v in in_words(record).items()} for record in records)
    return BOM + out.getvalue()
