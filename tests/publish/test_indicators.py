"""Indicators: computed progress, charts with text alternatives and data, caching, and series checks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from macros.content.models import Indicator, Municipality, SeriesRow
from macros.facts.progress import assess
from macros.publish.charts import ChartRenderer, comparison_chart, fmt, trend_chart
from macros.validation.loader import errors_only, load_content

NAMES = {m: Municipality(id=m, name=m.capitalize(), kolada_id=f"{i:04d}")
         for i, m in enumerate(["uppsala", "lund", "malmo"])}


def indicator(**kw) -> Indicator:
    data = {"id": "syntetisk", "title": "Syntetisk andel", "description": "Syntetisk.", "unit": "procent",
            "direction": "lower",
            "target": {"value": 1.0, "year": 2026, "text": "Högst 1 procent"}, "comparison": ["lund"],
            "reference": ["malmo"], "home": "uppsala",  # the home the rows below are for
            "series": "syntetisk", "sources": [{"title": "Test", "licence": "Test"}]}
    return Indicator.model_validate({**data, **kw})


def rows(values: dict[int, float | None], muni: str = "uppsala") -> list[SeriesRow]:
    return [SeriesRow(municipality=muni, year=y, value=v, flag="" if v is not None else "missing", source="Test")
            for y, v in values.items()]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({2020: 2.0, 2023: 0.9}, "achieved"),
        ({2020: 2.0, 2023: 1.2}, "on_track"),      # needs 11.5 %/yr down, achieved 15.7 %/yr
        ({2020: 2.0, 2023: 1.8}, "acceleration"),  # right way, too slow
        ({2020: 2.0, 2023: 2.0}, "acceleration"),  # unchanged: ratio 0
        ({2020: 2.0, 2023: 2.4}, "deterioration"),
        ({2023: 2.0}, "insufficient"),              # one year only
        ({2023: None}, "insufficient"),             # missing is not zero
        ({}, "insufficient"),
    ],
)
def test_progress_is_computed_from_data(values: dict, expected: str) -> None:
    assert assess(indicator(), rows(values)).status == expected


def test_progress_needs_a_target_and_works_for_higher_is_better() -> None:
    assert assess(indicator(target=None), rows({2020: 2.0, 2023: 1.0})).status == "insufficient"
    higher = indicator(direction="higher", target={"value": 80, "year": 2026, "text": "Minst 80"})
    assert assess(higher, rows({2020: 50.0, 2023: 70.0})).status == "on_track"
    assert assess(higher, rows({2020: 50.0, 2023: 45.0})).status == "deterioration"


def test_progress_ratio_thresholds() -> None:
    # Required: 2.0 -> 1.0 over 6 years; achieved exactly that rate over 3 years gives ratio 1.0.
    rate = (1.0 / 2.0) ** (1 / 6)
    latest = 2.0 * rate**3
    progress = assess(indicator(), rows({2020: 2.0, 2023: latest}))
    assert progress.status == "on_track" and progress.ratio == pytest.approx(1.0)


def test_trend_chart_text_alternative_states_key_figures() -> None:
    chart = trend_chart(indicator(), rows({2021: 2.5, 2022: None, 2023: 2.1}), NAMES)
    assert chart is not None
    assert chart.alt == ("Linjediagram: Syntetisk andel i Uppsala 2021–2023. 2021: 2,5 %, 2023: 2,1 %. "
                         "Målet är 1,0 % år 2026.")
    # A missing value's row: its explanation (the series' source column) as the remark, no source.
    assert chart.rows == [["2021", "2,5 %", "", "Test"], ["2022", "värde saknas", "Test", "–"],
                          ["2023", "2,1 %", "", "Test"]]
    assert "$schema" not in json.dumps(chart.spec)
    assert trend_chart(indicator(), rows({2023: None}), NAMES) is None


def test_comparison_chart_marks_home_and_missing_values() -> None:
    data = rows({2023: None}) + rows({2023: 2.2}, "lund") + rows({2023: 4.5}, "malmo")
    chart = comparison_chart(indicator(), data, NAMES)
    assert chart is not None and chart.slug == "jamforelse-2023"
    assert "Lägst: Lund 2,2 %" in chart.alt and "Högst: Malmo 4,5 %" in chart.alt
    assert "Uppsala: värde saknas" in chart.alt and "Värde saknas för Uppsala" in chart.alt
    labels = [d["kommun"] for d in chart.spec["layer"][0]["data"]["values"]] if "data" in chart.spec["layer"][0] \
        else [d["kommun"] for d in chart.spec["data"]["values"]]
    assert "Uppsala ◆" in labels


def test_charts_render_to_svg_once_per_content_hash(tmp_path: Path) -> None:
    renderer = ChartRenderer(tmp_path)
    data = rows({2021: 2.5, 2023: 2.1})
    chart = trend_chart(indicator(), data, NAMES)
    svg = renderer.svg(chart)
    assert svg.startswith("<svg") and "2,5" in svg  # Swedish number format in the static image
    assert renderer.svg(trend_chart(indicator(), data, NAMES)) == svg
    assert (renderer.rendered, renderer.reused) == (1, 1)
    renderer.svg(trend_chart(indicator(), rows({2021: 2.5, 2023: 2.0}), NAMES))
    assert renderer.rendered == 2


def test_unchanged_indicator_reuses_its_charts_without_building_them(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from macros.publish import charts

    data = rows({2021: 2.5, 2023: 2.1}) + rows({2023: 2.2}, "lund")
    first = charts.indicator_charts(indicator(), data, NAMES, ChartRenderer(tmp_path))
    assert [c.slug for c, _ in first] == ["trend", "jamforelse-2023"]

    def must_not_build(*args, **kwargs):
        raise AssertionError("chart rebuilt although nothing changed")

    monkeypatch.setattr(charts, "trend_chart", must_not_build)
    monkeypatch.setattr(charts, "comparison_chart", must_not_build)
    renderer = ChartRenderer(tmp_path)
    again = charts.indicator_charts(indicator(), data, NAMES, renderer)
    assert [(c.alt, svg) for c, svg in again] == [(c.alt, svg) for c, svg in first]
    assert (renderer.rendered, renderer.reused) == (0, 2)
    monkeypatch.undo()
    changed = charts.indicator_charts(indicator(), data[1:], NAMES, renderer)  # without 2021
    assert renderer.rendered == 1 and len(changed) == 2  # the trend chart changed; the comparison is reused


def test_fmt() -> None:
    assert fmt(3.14, "procent") == "3,1 %" and fmt(None, "procent") == "värde saknas"


def write_series(project: Path, text: str) -> None:
    (project / "data/series/testandel.csv").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("row", "message", "line"),
    [
        ("provby,2023,abc,,Källa,", "tal", 3),
        ("provby,2023,,,Källa,", "missing", 3),
        ("provby,2023,2.0,missing,Källa,", "missing", 3),
        ("provby,tjugo,2.0,,Källa,", "heltal", 3),
        ("provby,2023,2.0,okänd,Källa,", "Tillåtet", 3),
        ("provby,2022,2.0,,Källa,", "finns redan på rad 2", 3),
        # Checked after loading, against the vocabulary: still reported at its row.
        ("gotland,2023,2.0,,Källa,", "Okänd kommun", 3),
    ],
)
def test_bad_series_rows_are_reported_with_their_line(project: Path, row: str, message: str, line: int) -> None:
    write_series(project, "municipality,year,value,flag,source,fetched\nprovby,2022,2.1,,Källa,\n" + row + "\n")
    errors = errors_only(load_content(project)[1])
    assert len(errors) == 1, [e.text() for e in errors]
    assert errors[0].file == "data/series/testandel.csv"
    assert message in errors[0].text()
    assert errors[0].line == line


def test_indicator_page_has_figure_alt_table_and_downloads(built_site: Path) -> None:
    page_dir = built_site / "indikatorer/testandel"
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    assert '<img class="pm-chart__image" src="trend.svg" alt="Linjediagram: Testandel vuxna med testbistånd i ' in html
    assert '<img class="pm-chart__image" src="jamforelse-2023.svg" alt="Stapeldiagram: Testandel vuxna med ' in html
    assert ("Lägst: Testby 2,1 %. Högst: Storby 4,5 %. Testby: 2,1 %. Snitt av 1 av 2 jämförelsekommuner som "
            "har värde för 2023: 2,2 %, varje kommun räknad lika. Mål för Testby 2026: 1,0 %, markerat med ett "
            "rött streck på raden för Testby. Värde saknas för Exempelby.") in html
    assert "Behöver gå snabbare" in html  # computed from the data: 2.5 -> 2.1 is too slow for 1.0 by 2026
    assert "Testkälla: syntetisk statistik (länk saknas), datum saknas. Testdata, publiceras aldrig." in html
    assert html.count("<tr><th scope=\"row\">") == 3 + 4  # trend years, compared municipalities
    with open(page_dir / "jamforelse-2023.csv", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert {r["municipality"]: r["value"] for r in table}["provby"] == "2.2"
    assert {r["municipality"]: r["flag"] for r in table}["exempelby"] == "missing"
    assert json.loads((page_dir / "jamforelse-2023.json").read_text("utf-8"))[0]["municipality"] == "testby"
    svg = (page_dir / "jamforelse-2023.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Storby" in svg and "http" not in svg.replace("http://www.w3.org", "")
    spec = (page_dir / "jamforelse-2023.vl.json").read_text(encoding="utf-8")
    assert "https://" not in spec
    bundle = (built_site / "assets/vendor/vega.js").read_text(encoding="utf-8")
    assert "vegaEmbed" in bundle and len(bundle) > 100_000


def test_news_article_is_published_and_linked(built_site: Path) -> None:
    html = (built_site / "nyheter/testnyhet-om-testandelen/index.html").read_text("utf-8")
    assert "Testnyhet: fler ska klara sig utan testbistånd" in html and 'datetime="2023-10-30"' in html
    assert "Andra stycket i testnyheten." in html and "<li>Andra testinsatsen.</li>" in html
    assert 'href="../../indikatorer/testandel/"' in html
    assert 'href="../../mal/fokusmal-2/"' in html
    goal = (built_site / "mal/fokusmal-2/index.html").read_text("utf-8")
    assert "Testandel vuxna med testbistånd" in goal and "Testnyhet: fler ska klara sig" in goal


def test_csv_writer_round_trips(tmp_path: Path) -> None:
    from macros.text.tabular import SERIES_FIELDS, rows_to_csv

    text = rows_to_csv([r.model_dump(mode="json") for r in rows({2023: 2.0, 2024: None})], SERIES_FIELDS)
    assert list(csv.DictReader(io.StringIO(text)))[1]["flag"] == "missing"
