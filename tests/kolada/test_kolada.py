"""The Kolada importer on recorded responses: batching, paging, totals, missing values, revisions."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from macros.kolada import client as kolada
from tests.conftest import ROOT

FIXTURES = ROOT / "tests/fixtures/kolada"
BASE = "https://api.kolada.se/v3/data/kpi/N31807/municipality/"


class Recorded:
    """Answers known URLs from recorded files and refuses everything else (no network in tests)."""

    def __init__(self) -> None:
        self.routes = {
            BASE + "0380,0580,0581/year/2022,2023": "page1.json",
            BASE + "0380,0580,0581/year/2022,2023?page=2&per_page=3": "page2.json",
            BASE + "1283/year/2022,2023": "batch2.json",
            "https://api.kolada.se/v3/kpi/N31807": "kpi.json",
        }
        self.asked: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        if url not in self.routes:
            raise AssertionError(f"unexpected request {url}")
        return (FIXTURES / self.routes[url]).read_bytes()


@pytest.fixture
def project(project: Path) -> Path:
    """The fixture project, with the municipalities (Kolada ids) the recorded responses are about."""
    path = project / "data/municipalities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "".join(
        f'- id: {m}\n  name: {m.capitalize()}\n  kolada_id: "{code}"\n'
        for m, code in (("uppsala", "0380"), ("linkoping", "0580"), ("norrkoping", "0581"), ("helsingborg", "1283"))),
        encoding="utf-8")
    return project


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kolada, "BATCH", 3)


# A synthetic indicator that binds the series to N31807 (the importer writes only a declared KPI).
INDICATOR = """id: kolada-n31807
title: Syntetisk testindikator
description: Syntetisk testindikator, publiceras aldrig.
unit: procent
direction: lower
series: kolada-n31807
sources:
  - title: Kolada
    kpi: N31807
    licence: "Fri användning. Ange Källa: Kolada."
"""


def run_import(project: Path, get: Recorded, *extra: str) -> int:
    from scripts.import_kolada import main

    (project / "content/indicators/kolada-n31807.yaml").write_text(INDICATOR, encoding="utf-8")
    return main(["--kpi", "N31807", "--series", "kolada-n31807", "--years", "2022-2023", "--municipalities",
                 "uppsala,linkoping,norrkoping,helsingborg", "--root", str(project), *extra],
                get=get, today=dt.date(2026, 11, 22))


def read(project: Path) -> dict[tuple[str, str], dict[str, str]]:
    with open(project / "data/series/kolada-n31807.csv", encoding="utf-8") as f:
        return {(r["municipality"], r["year"]): r for r in csv.DictReader(f)}


def test_import_batches_pages_and_writes_source_and_date(project: Path, small_batches: None) -> None:
    get = Recorded()
    assert run_import(project, get) == 0
    assert get.asked == list(get.routes)  # two batches, the first one two pages long, then the KPI's calendar
    rows = read(project)
    assert rows[("uppsala", "2023")]["value"] == "3.9"  # the total, not the women's or men's value
    assert rows[("norrkoping", "2023")]["flag"] == "missing" and rows[("norrkoping", "2023")]["value"] == ""
    assert rows[("helsingborg", "2022")] == {"municipality": "helsingborg", "year": "2022", "value": "3.8",
                                             "flag": "", "source": "Kolada, N31807", "fetched": "2026-11-22",
                                             "published": ""}  # final; Kolada states no date for 2022
    assert rows[("uppsala", "2023")]["published"] == "2024-08-30"  # the KPI's publ_period: its date is known
    from macros.validation.loader import errors_only, load_content

    assert errors_only(load_content(project)[1]) == []  # the written CSV passes validation


def test_reimport_flags_revised_values_and_keeps_published_ones(project: Path, small_batches: None) -> None:
    path = project / "data/series/kolada-n31807.csv"
    path.write_text("municipality,year,value,flag,source,fetched\n"
                    "uppsala,2023,4.2,,\"Kolada, N31807\",2025-01-01\n"
                    "norrkoping,2023,4.0,,\"Kolada, N31807\",2025-01-01\n", encoding="utf-8")
    assert run_import(project, Recorded()) == 0
    rows = read(project)
    assert rows[("uppsala", "2023")]["value"] == "3.9" and rows[("uppsala", "2023")]["flag"] == "revised"
    assert rows[("norrkoping", "2023")]["value"] == "4.0"  # Kolada now has none: the published value stays


def test_urls_batch_ids_and_years() -> None:
    urls = kolada.data_urls("N31807", [f"{i:04d}" for i in range(30)], [2023, 2022])
    assert len(urls) == 2 and urls[0].endswith("/year/2022,2023")
    assert urls[1].startswith(BASE + "0025,0026")
