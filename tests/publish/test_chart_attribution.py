"""A chart keeps its attribution when reused: its SVG names its source and date in <title>/<desc>, and the page
says them under it; the data table puts a missing value's explanation in the remark, never in the source
column; the home municipality is the most prominent bar and the reference ones (not in the average) the least.
Synthetic data only."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from macros.content.models import Indicator, Municipality, SeriesRow
from macros.publish.chart_credit import credited_images
from macros.publish.charts import (
    OTHER_COLOR,
    REFERENCE_COLOR,
    REFERENCE_FILL,
    comparison_chart,
    trend_chart,
)

IDS = ["hem", "jmf-a", "jmf-b", "ref-a"]
NAMES = {m: Municipality(id=m, name=f"Kommun {m}", kolada_id=f"{9000 + i}") for i, m in enumerate(IDS)}
IND = Indicator.model_validate({
    "id": "syntetisk", "title": "Syntetisk andel", "description": "Syntetisk.", "unit": "procent",
    "direction": "lower", "home": "hem", "comparison": ["jmf-a", "jmf-b"], "reference": ["ref-a"],
    "series": "syntetisk", "sources": [{"title": "Syntetiska data", "licence": "Test"}]})
WHY = "Inte med i den syntetiska sammanställningen"
ROWS = [SeriesRow(municipality="hem", year=2022, value=2.5, source="Syntetisk källa"),
        SeriesRow(municipality="hem", year=2023, value=2.9, source="Syntetisk källa"),
        SeriesRow(municipality="jmf-a", year=2023, value=2.0, source="Syntetisk källa"),
        SeriesRow(municipality="jmf-b", year=2023, value=None, flag="missing", source=WHY),
        SeriesRow(municipality="ref-a", year=2023, value=9.0, source="Syntetisk källa")]
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def test_the_svg_names_its_source_and_date() -> None:
    chart = comparison_chart(IND, ROWS, NAMES)
    assert chart is not None and chart.credit == "Källa: Syntetisk källa. Värden för 2023."
    svg = credited_images(chart, {"": SVG}, "5 december 2026")[""]
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert [child.tag for child in root][:2] == [f"{ns}title", f"{ns}desc"]
    desc = root.find(f"{ns}desc").text
    assert "Källa: Syntetisk källa. Värden för 2023." in desc and "Bilden gjord 5 december 2026." in desc
    assert root.find(f"{ns}title").text == chart.title
    trend = trend_chart(IND, ROWS, NAMES)
    assert trend is not None and trend.credit == "Källa: Syntetisk källa. Värden för 2022–2023."


def test_a_missing_values_explanation_is_its_remark_not_its_source() -> None:
    chart = comparison_chart(IND, ROWS, NAMES)
    row = next(r for r in chart.rows if r[0] == "Kommun jmf-b")
    assert row == ["Kommun jmf-b", "värde saknas", WHY, "–"]
    assert all(r[2] != "saknas" for r in chart.rows)  # the remark never repeats the value cell


def test_home_is_the_most_prominent_and_references_the_least() -> None:
    chart = comparison_chart(IND, ROWS, NAMES)
    text = json.dumps(chart.spec, ensure_ascii=False)
    bars = next(layer for layer in chart.spec["layer"] if "fill" in layer.get("encoding", {}))
    enc = bars["encoding"]
    assert enc["strokeWidth"]["condition"]["value"] > enc["strokeWidth"]["value"]  # home: thicker outline
    assert "Kommun hem" in enc["strokeWidth"]["condition"]["test"]
    fills = dict(zip(enc["fill"]["scale"]["domain"], enc["fill"]["scale"]["range"], strict=True))
    assert fills["Jämförs även med (ej i snittet)"] == REFERENCE_FILL and REFERENCE_COLOR == OTHER_COLOR
    assert '"fontWeight": "bold"' in text  # the home label in bold
