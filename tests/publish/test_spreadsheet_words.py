"""The Swedish spreadsheet files speak Swedish: codes in words (from the one home, content/value_words.py), one
pair of date columns per series value, and the open-data page describes columns by the headings of the file
each link points to. The programs' CSV and JSON keep the codes. Fixture project only."""

from __future__ import annotations

import csv
import datetime as dt
import io

from macros.content.models import IndicatorSource
from macros.facts import currency
from macros.publish.opendata import datasets, open_data_files
from macros.validation.loader import load_content
from tests.conftest import FIXTURE
from tests.page_html import page_html

SITE = "https://kommun.example/"


def content():
    c, problems = load_content(FIXTURE)
    assert not [p for p in problems if p.severity == "error"]
    currency.set_clock(c, dt.date(2026, 12, 5))
    return c


def sheet(files: dict[str, str], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"api/{name}-kalkylark.csv"].lstrip("\ufeff")), delimiter=";"))


def machine(files: dict[str, str], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"api/{name}.csv"])))


def test_spreadsheet_values_are_words_and_the_programs_files_keep_codes() -> None:
    files = open_data_files(content(), SITE)
    goal = next(r for r in sheet(files, "mal") if r["trend"])
    assert goal["trend"] in {"Förbättrad", "Oförändrad", "Försämrad"}
    assert machine(files, "mal")[0]["trend"] in {"forbattrad", "oforandrad", "forsamrad", ""}
    assert sheet(files, "indikatorer")[0]["riktning"] == "Lägre är bättre"
    assert machine(files, "indikatorer")[0]["direction"] == "lower"
    assert {r["slag"] for r in sheet(files, "statushistorik")} == {"Fokusmål", "Uppdrag"}  # the settings' terms
    flags = {r["anmärkning"] for r in sheet(files, "serier/testandel")}
    assert "Saknas" in flags and "missing" not in flags
    assert "missing" in {r["flag"] for r in machine(files, "serier/testandel")}


def test_a_series_has_one_pair_of_date_columns_filled_from_its_source() -> None:
    c = content()
    ind = c.indicators["testandel"]
    source = IndicatorSource(title=ind.sources[0].title, licence="x", published=dt.date(2024, 3, 1),
                             retrieved=dt.date(2024, 4, 2))
    c.indicators["testandel"] = ind.model_copy(update={"sources": [source]})
    files = open_data_files(c, SITE)
    rows = sheet(files, "serier/testandel")
    dates = [h for h in rows[0] if "hämta" in h or "publicera" in h]
    assert dates == ["värdet hämtat", "värdet publicerat"], list(rows[0])
    row = next(r for r in machine(files, "serier/testandel") if r["source"] == source.title)
    assert (row["fetched"], row["published"]) == ("2024-04-02", "2024-03-01")


def test_indicators_dataset_carries_the_age_of_the_newest_value() -> None:
    row = datasets(content())["indikatorer"]["rows"][0]
    assert (row["latest_year"], row["expected_year"], row["outdated"]) == (2023, 2025, True)


def test_the_page_describes_columns_by_the_spreadsheets_headings() -> None:
    html = page_html(content(), "open_data_page", "oppna-data/")
    assert "period_date, age_months och outdated" not in html
    assert "”uppföljningens datum” (period_date)" in html and "”inaktuell” (outdated)" in html
