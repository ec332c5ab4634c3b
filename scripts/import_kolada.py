"""Update a series from Kolada: `python -m scripts.import_kolada --kpi N31807 --series NAME --years 2019-2024`.

Fetches the KPI for every municipality in data/municipalities.yaml (or --municipalities a,b,c), and
merges the values into data/series/NAME.csv with source and fetch date. Needs network; the tests
run it on recorded responses instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from macros.kolada import fetch_values, http_get, merge, to_rows
from macros.loader import read_series
from macros.tabular import SERIES_FIELDS, rows_to_csv
from macros.yamlfile import parse_yaml, read_text


def parse_years(text: str) -> list[int]:
    if "-" in text:
        first, last = (int(p) for p in text.split("-", 1))
        return list(range(first, last + 1))
    return [int(p) for p in text.split(",")]


def main(argv: list[str] | None = None, get=http_get, today: dt.date | None = None) -> int:
    parser = argparse.ArgumentParser(description="Hämta ett nyckeltal från Kolada till en dataserie.")
    parser.add_argument("--kpi", required=True, help="nyckeltalets id, t.ex. N31807")
    parser.add_argument("--series", required=True, help="filnamn i data/series/ utan .csv")
    parser.add_argument("--years", required=True, help="t.ex. 2019-2024 eller 2022,2023")
    parser.add_argument("--municipalities", help="kommunernas id, kommaseparerade (standard: alla)")
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    from macros.models import Municipality

    data = parse_yaml(read_text(args.root / "data/municipalities.yaml")).data
    municipalities = [Municipality.model_validate(m) for m in data]
    if args.municipalities:
        wanted = args.municipalities.split(",")
        municipalities = [m for m in municipalities if m.id in wanted]
    years = parse_years(args.years)
    records = fetch_values(args.kpi, [m.kolada_id for m in municipalities], years, get=get)
    fresh = to_rows(records, municipalities, args.kpi, today or dt.date.today(), years)
    path = args.root / "data/series" / f"{args.series}.csv"
    problems: list = []
    existing = read_series(path, args.root, problems) if path.is_file() else []
    if problems:
        for p in problems:
            print(p.text(), file=sys.stderr)
        return 1
    rows = merge(existing, fresh)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rows_to_csv([r.model_dump(mode="json") for r in rows], SERIES_FIELDS), encoding="utf-8")
    published = sum(r.value is not None for r in fresh)
    print(f"{path}: {published} värden hämtade, {len(fresh) - published} saknas. Källa: Kolada.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
