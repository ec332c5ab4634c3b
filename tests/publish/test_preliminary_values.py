"""Preliminary values are labelled where a citizen meets them (chart shape, table, text alternative,
the computed assessment), and the series CSV's optional publication column is validated. Synthetic data."""

from __future__ import annotations

from pathlib import Path

from macros.content.models import Indicator, Municipality, SeriesRow
from macros.facts.progress import assess
from macros.publish.charts import HOME_COLOR, comparison_chart, trend_chart
from macros.validation.loader import errors_only, load_content

NAMES = {m: Municipality(id=m, name=f"Kommun {m}", kolada_id=f"{9000 + i}") for i, m in enumerate(["hem", "jmf"])}
INDICATOR = Indicator.model_validate({
    "id": "syntetisk", "title": "Syntetisk andel", "description": "Syntetisk.", "unit": "procent",
    "direction": "lower", "target": {"value": 1.0, "year": 2030, "text": "Syntetiskt mål"}, "home": "hem",
    "comparison": ["jmf"], "series": "syntetisk", "sources": [{"title": "Syntetiska data", "licence": "Test"}]})


def row(muni: str, year: int, value: float, flag: str = "") -> SeriesRow:
    return SeriesRow(municipality=muni, year=year, value=value, flag=flag, source="Kolada, N31807")


ROWS = [row("hem", 2023, 3.0), row("hem", 2024, 2.8), row("hem", 2025, 2.5, "preliminary"), row("jmf", 2025, 2.0)]


def test_the_trend_chart_draws_says_and_tabulates_a_preliminary_value() -> None:
    chart = trend_chart(INDICATOR, ROWS, NAMES)
    assert chart is not None
    assert "2025: 2,5 % (preliminärt)" in chart.alt
    assert "Preliminära värden (ofyllda punkter): 2025." in chart.alt
    assert chart.rows[-1][:3] == ["2025", "2,5 %", "preliminärt"]
    point = next(layer for layer in chart.spec["layer"] if layer["mark"]["type"] == "point")
    fill = point["encoding"]["fill"]
    assert "preliminärt" in fill["condition"]["test"] and fill["condition"]["value"] == "#ffffff"
    assert point["mark"]["stroke"] == HOME_COLOR  # an open point keeps its outline (white on white otherwise)


def test_a_series_without_preliminary_values_keeps_filled_points() -> None:
    chart = trend_chart(INDICATOR, ROWS[:2], NAMES)
    assert chart is not None and "reliminär" not in chart.alt
    point = next(layer for layer in chart.spec["layer"] if layer["mark"]["type"] == "point")
    assert "fill" not in point["encoding"]


def test_the_comparison_chart_labels_a_preliminary_value() -> None:
    chart = comparison_chart(INDICATOR, ROWS, NAMES)
    assert chart is not None
    assert "Kommun hem: 2,5 % (preliminärt)." in chart.alt
    labels = [d["etikett"] for d in chart.spec["layer"][0]["data"]["values"]]
    assert "Kommun hem ◆: 2,5 % (preliminärt)" in labels and "Kommun jmf: 2,0 %" in labels


def test_the_assessment_says_when_it_rests_on_a_preliminary_value() -> None:
    assert assess(INDICATOR, ROWS).reason.endswith("Det senaste värdet (2025) är preliminärt.")
    assert "preliminärt" not in assess(INDICATOR, ROWS[:2]).reason


def series_problems(project: Path, text: str) -> list[str]:
    (project / "data/series/testandel.csv").write_text(text, encoding="utf-8")
    return [p.text() for p in errors_only(load_content(project)[1]) if p.file == "data/series/testandel.csv"]


def test_the_published_column_is_optional_and_checked(project: Path) -> None:
    old = (project / "data/series/testandel.csv").read_text(encoding="utf-8")
    assert old.startswith("municipality,year,value,flag,source,fetched\n")  # an old file stays valid
    assert series_problems(project, old) == []
    new_header = old.replace("fetched\n", "fetched,published\n", 1)
    lines = new_header.splitlines()
    with_dates = "\n".join([lines[0]] + [line + "," for line in lines[1:]]) + "\n"
    assert series_problems(project, with_dates) == []
    bad = (lines[0] + ",published\n").replace("fetched,published,published", "fetched,published") \
        + 'testby,2019,3.0,,"Kolada, N31807",2026-01-10,2026-02-01\n'
    [problem] = series_problems(project, bad)
    assert "Publiceringsdatumet ligger efter datumet då värdet hämtades" in problem
    assert "2026-02-01" in problem and "senast 2026-01-10" in problem and "published" in problem
    [header] = series_problems(project, old.replace("fetched\n", "fetched,hämtad\n", 1))
    assert "Fel kolumner" in header and "municipality,year,value,flag,source,fetched,published" in header
