"""Open data that is safe to open: no published CSV cell starts a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from macros.text.tabular import FORMULA_START, rows_to_csv, safe_cell

ATTACKS = ["=HYPERLINK(\"https://evil.example\",\"Klicka\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "\0=1+1", "=", "-", "- punkt i en lista"]


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_would_start_a_formula_gets_an_apostrophe(text: str) -> None:
    [row] = parse(rows_to_csv([{"id": "x", "title": text}], ["id", "title"]))
    assert row["title"] == "'" + text.replace("\r", "\n")
    assert not row["title"].startswith(FORMULA_START)


@pytest.mark.parametrize("value", [-1.5, -3, 0, 2.25, -1e-5, "-1.5", "+3", "-2e3", ".5", None, True])
def test_numbers_stay_numbers(value: object) -> None:
    [row] = parse(rows_to_csv([{"value": value}], ["value"]))
    assert row["value"] == ("" if value is None else str(value))


@pytest.mark.parametrize("text", ["Uppsala", "Källa: Kolada", "2023-april", "'redan citerad", "a=b", " =1+1",
                                  "–tankstreck", "e-post@example.invalid"])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text
    [row] = parse(rows_to_csv([{"t": text}], ["t"]))
    assert row["t"] == text


@pytest.mark.parametrize("text", ["a\r=cmd|' /C calc'!A0", "a\r\n=1+1", "rad 1\rrad 2"])
def test_a_carriage_return_never_splits_a_row(text: str) -> None:
    out = rows_to_csv([{"id": "x", "title": text}, {"id": "y", "title": "z"}], ["id", "title"])
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 3 and rows[1] == ["x", text.replace("\r\n", "\n").replace("\r", "\n")]
    assert "\r" not in out


def test_open_data_and_series_csv_are_neutralised_but_json_keeps_the_text(project: Path) -> None:
    """An editor-written series (a synthetic one added to a copy of the project) reaches api/serier/
    through the one writer; the JSON twin keeps the exact text, as JSON is never run as a formula."""
    from macros.publish.opendata import open_data_files
    from macros.validation.loader import load_content

    attack = "=HYPERLINK(\"https://evil.example\",\"Källa\")"
    quoted = '"' + attack.replace('"', '""') + '"'
    (project / "data/series/syntetisk-formel.csv").write_text(
        f"municipality,year,value,flag,source,fetched\nuppsala,2023,-1.5,,{quoted},\n", encoding="utf-8")
    content, _ = load_content(project)
    files = open_data_files(content, "https://example.invalid/")
    [row] = parse(files["api/serier/syntetisk-formel.csv"])
    assert row["source"] == "'" + attack and row["value"] == "-1.5"
    assert json.loads(files["api/serier/syntetisk-formel.json"])["items"][0]["source"] == attack
    for name, text in files.items():
        if name.endswith(".csv"):
            for cells in csv.reader(io.StringIO(text)):
                for cell in cells:
                    assert not cell.startswith(FORMULA_START) or safe_cell(cell) == cell, (name, cell)
