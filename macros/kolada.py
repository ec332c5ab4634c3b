"""Kolada API v3 importer: fetch a KPI for many municipalities and years into a series CSV.

The HTTP call is injected (`get`), so tests run on recorded responses and nothing is fetched at
build or test time.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

from .models import Municipality, SeriesRow

API = "https://api.kolada.se/v3"
BATCH = 25  # municipality ids per request; keeps URLs short and pages few
Getter = Callable[[str], dict[str, Any]]


def http_get(url: str) -> dict[str, Any]:  # pragma: no cover - network, used only by the CLI
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def batches(items: list[str], size: int | None = None) -> Iterable[list[str]]:
    size = size or BATCH  # read at call time, so the batch size can be changed
    for start in range(0, len(items), size):
        yield items[start:start + size]


def data_urls(kpi: str, kolada_ids: list[str], years: list[int]) -> list[str]:
    year_part = ",".join(str(y) for y in sorted(years))
    return [f"{API}/data/kpi/{kpi}/municipality/{','.join(batch)}/year/{year_part}" for batch in batches(kolada_ids)]


def fetch_values(kpi: str, kolada_ids: list[str], years: list[int], get: Getter = http_get) -> list[dict[str, Any]]:
    """Every value record for the KPI, following `next_url` until the last page."""
    records: list[dict[str, Any]] = []
    for url in data_urls(kpi, kolada_ids, years):
        next_url: str | None = url
        while next_url:
            page = get(next_url)
            records.extend(page.get("values", []))
            next_url = page.get("next_url") or None
    return records


def to_rows(records: list[dict[str, Any]], municipalities: list[Municipality], kpi: str, fetched: dt.date,
            years: list[int]) -> list[SeriesRow]:
    """One row per municipality and year asked for; the total (gender 'T'); missing where Kolada has none."""
    by_code = {m.kolada_id: m for m in municipalities}
    found: dict[tuple[str, int], float | None] = {}
    for record in records:
        muni = by_code.get(str(record.get("municipality")))
        if muni is None:
            continue
        total = next((v for v in record.get("values", []) if v.get("gender") == "T"), None)
        found[(muni.id, int(record["period"]))] = total.get("value") if total else None
    rows = []
    source = f"Kolada, {kpi}"
    for muni in municipalities:
        for year in sorted(years):
            value = found.get((muni.id, year))
            rows.append(SeriesRow(municipality=muni.id, year=year, value=value,
                                  flag="" if value is not None else "missing", source=source, fetched=fetched))
    return rows


def merge(existing: list[SeriesRow], fresh: list[SeriesRow]) -> list[SeriesRow]:
    """Fresh values replace old ones for the same municipality and year; a changed value is flagged
    'revised' (Kolada revises without notice). A fresh 'missing' never erases a published value."""
    merged = {(r.municipality, r.year): r for r in existing}
    for row in fresh:
        old = merged.get((row.municipality, row.year))
        if old is not None and old.value is not None and row.value is None:
            continue
        if old is not None and old.value is not None and row.value is not None and old.value != row.value:
            row = row.model_copy(update={"flag": "revised"})
        merged[(row.municipality, row.year)] = row
    return sorted(merged.values(), key=lambda r: (r.municipality, r.year))
