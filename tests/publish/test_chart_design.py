"""Charts as a citizen reads them: groups told apart, the comparison average drawn, tooltips, no label on a
line, static images readable on a phone. Synthetic data only."""

from __future__ import annotations

import re
from typing import Any

import pytest
import vl_convert

from macros.content.models import Indicator, Municipality, SeriesRow
from macros.publish import charts
from macros.publish.charts import (
    IMAGE_WIDTHS,
    ChartRenderer,
    chart_view,
    comparison_chart,
    static_spec,
    trend_chart,
)

IDS = ["hem", "jmf-a", "jmf-b", "jmf-c", "ref-a", "ref-b"]
NAMES = {m: Municipality(id=m, name=f"Kommun {m}", kolada_id=f"{9000 + i}") for i, m in enumerate(IDS)}


def indicator(target: float = 1.0) -> Indicator:
    return Indicator.model_validate({
        "id": "syntetisk", "title": "Syntetisk andel", "description": "Syntetisk.", "unit": "procent",
        "direction": "lower",
        "target": {"value": target, "year": 2026, "text": "Syntetiskt mål"}, "home": "hem",
        "comparison": ["jmf-a", "jmf-b", "jmf-c"], "reference": ["ref-a", "ref-b"], "series": "syntetisk",
        "sources": [{"title": "Syntetiska data", "licence": "Test"}]})


def row(muni: str, year: int, value: float | None, flag: str = "") -> SeriesRow:
    return SeriesRow(municipality=muni, year=year, value=value, flag=flag or ("missing" if value is None else ""),
                     source=f"Källa för {muni}")


# Comparison group 2.0, 4.0 and a missing value (mean 3.0); the references are large on purpose, so a
# weighted or all-municipality mean would differ.
LATEST = [row("hem", 2023, 2.9, "preliminary"), row("jmf-a", 2023, 2.0), row("jmf-b", 2023, 4.0),
          row("jmf-c", 2023, None), row("ref-a", 2023, 9.0), row("ref-b", 2023, None)]


def layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return spec["layer"]


def layer_with(spec: dict[str, Any], channel: str) -> dict[str, Any]:
    return next(layer for layer in layers(spec) if channel in layer.get("encoding", {}))


def data_of(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    return (layer.get("data") or spec["data"])["values"]


def test_comparison_and_reference_municipalities_look_different_and_have_a_legend() -> None:
    chart = comparison_chart(indicator(), LATEST, NAMES)
    bars = layer_with(chart.spec, "fill")
    fill, stroke = bars["encoding"]["fill"], bars["encoding"]["stroke"]
    assert fill["field"] == stroke["field"] == "roll" and fill.get("legend", {}) is not None
    styles = dict(zip(fill["scale"]["domain"], zip(fill["scale"]["range"], stroke["scale"]["range"], strict=True),
                      strict=True))
    reference = "Jämförs även med (ej i snittet)"  # one term on the page and in the chart
    assert set(styles) == {"Kommun hem", "Jämförelsekommuner", reference}
    assert len(set(styles.values())) == 3  # three looks
    ref_fill, ref_stroke = styles[reference]
    # A light fill with a dark outline: told apart by shape, and never an empty outline read as "no data".
    assert ref_fill.lower() not in ("#ffffff", "white", "transparent") and ref_fill.lower() != ref_stroke.lower()
    roles = {d["kommun"]: d["roll"] for d in data_of(chart.spec, bars)}
    assert roles["Kommun ref-a"] == reference and roles["Kommun jmf-a"] == "Jämförelsekommuner"


def test_the_comparison_groups_unweighted_average_is_drawn_and_labelled() -> None:
    chart = comparison_chart(indicator(), LATEST, NAMES)
    lines = layer_with(chart.spec, "strokeDash")
    drawn = {d["linje"]: d["värde"] for d in data_of(chart.spec, lines)}
    # An average says what it averages: 2 of the 3 comparison municipalities have a 2023 value.
    assert drawn["Snitt av 2 av 3 jämförelsekommuner som har värde för 2023: 3,0 %"] == pytest.approx(3.0)
    assert drawn["Mål för Kommun hem 2026: 1,0 %"] == 1.0
    assert lines["encoding"]["color"]["legend"] is not None  # explained in a legend
    dashes = lines["encoding"]["strokeDash"]["scale"]["range"]
    assert dashes[0] != dashes[1]  # told apart by dash, not colour alone
    assert "Snitt av 2 av 3 jämförelsekommuner som har värde för 2023: 3,0 %, varje kommun räknad lika." in chart.alt


def test_without_comparison_values_no_average_is_invented() -> None:
    only_references = [row("hem", 2023, 2.9), row("ref-a", 2023, 9.0)]
    chart = comparison_chart(indicator(), only_references, NAMES)
    lines = layer_with(chart.spec, "strokeDash")
    assert [d["linje"] for d in data_of(chart.spec, lines)][0].startswith("Mål")
    assert not any(d["linje"].startswith("Snitt") for d in data_of(chart.spec, lines))
    assert "snitt" not in chart.alt


def test_the_target_is_marked_on_the_home_row_only_and_said_in_words() -> None:
    """The target is the home municipality's: a solid mark on its own row, named in the legend and in the
    text alternative, not a dashed line through every municipality's row that reads as one more average."""
    chart = comparison_chart(indicator(), LATEST, NAMES)
    lines = layer_with(chart.spec, "strokeDash")
    rows = {}
    for d in data_of(chart.spec, lines):
        rows.setdefault(d["linje"], []).append(d["etikett"])
    target = "Mål för Kommun hem 2026: 1,0 %"
    assert rows[target] == ["Kommun hem ◆: 2,9 % (preliminärt)"]  # its row alone
    assert len(rows["Snitt av 2 av 3 jämförelsekommuner som har värde för 2023: 3,0 %"]) == len(LATEST)
    scale = lines["encoding"]["strokeDash"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True))[target] in ([], [1, 0])  # solid
    assert "Mål för Kommun hem 2026: 1,0 %, markerat med ett rött streck på raden för Kommun hem." in chart.alt
    graph = vl_convert.vegalite_to_scenegraph(static_spec(chart.spec, IMAGE_WIDTHS[""][0]))
    kinds = mark_names(graph)
    rules = [i for name, kind in kinds.items() if kind == "rule" for i in items(graph, name)]
    red = [r for r in rules if r.get("stroke") == charts.TARGET_COLOR]
    assert len(red) == 1 and not red[0].get("strokeDash"), red  # one solid mark in the static image too


@pytest.mark.parametrize("kind", ["trend", "comparison"])
def test_every_value_mark_has_a_tooltip_with_year_value_flag_and_source(kind: str) -> None:
    series = [row("hem", 2021, 3.1), row("hem", 2022, None), *LATEST]
    chart = trend_chart(indicator(), series, NAMES) if kind == "trend" else comparison_chart(indicator(), series, NAMES)
    # The layers that draw values (bars, points): the ones whose marks a screen reader describes.
    marked = [layer for layer in layers(chart.spec) if "description" in layer["encoding"]]
    assert marked, "no layer draws values"
    for layer in marked:
        titles = [t["title"] for t in layer["encoding"]["tooltip"]]
        assert titles == ["Kommun", "År", "Värde", "Anmärkning", "Källa"]
        assert layer["encoding"]["description"]["field"] == "beskrivning"  # what a screen reader says on focus
    values = data_of(chart.spec, marked[0])
    home = next(d for d in values if d["kommun"].startswith("Kommun hem") and d["år"] == "2023")
    assert home["text"] == "2,9 %" and home["flagga"] == "preliminärt" and home["källa"] == "Källa för hem"
    assert home["beskrivning"] == "Kommun hem ◆ 2023: 2,9 % (preliminärt). Källa: Källa för hem." \
        if kind == "comparison" else home["beskrivning"].startswith("Kommun hem 2023: 2,9 %")


def items(node: Any, name: str) -> list[dict[str, Any]]:
    """The scenegraph items of the mark called `name`."""
    if isinstance(node, dict):
        if node.get("name") == name:
            return node["items"]
        node = list(node.values())
    if isinstance(node, list):
        for child in node:
            found = items(child, name)
            if found:
                return found
    return []


def mark_names(node: Any, out: dict[str, str] | None = None) -> dict[str, str]:
    out = {} if out is None else out
    if isinstance(node, dict):
        if node.get("marktype") and node.get("name"):
            out[node["name"]] = node["marktype"]
        for child in node.values():
            mark_names(child, out)
    elif isinstance(node, list):
        for child in node:
            mark_names(child, out)
    return out


def text_box(item: dict[str, Any]) -> tuple[float, float, float, float]:
    """A generous box around a text item: left, top, right, bottom (the baseline is 'bottom')."""
    size = item["fontSize"]
    bottom = item["y"] + item.get("dy", 0)
    width = 0.75 * size * len(item["text"] if isinstance(item["text"], str) else max(item["text"], key=len))
    left = item["x"] - (width if item.get("align") == "right" else width / 2 if item.get("align") == "center" else 0)
    return left, bottom - 1.3 * size, left + width, bottom


@pytest.mark.parametrize("target", [1.0, 2.0, 2.9, 9.0])  # below, at and above the bars' values
@pytest.mark.parametrize("width", [w for w, _ in IMAGE_WIDTHS.values()])
def test_no_label_ever_sits_on_a_line(target: float, width: int) -> None:
    chart = comparison_chart(indicator(target), LATEST, NAMES)
    graph = vl_convert.vegalite_to_scenegraph(static_spec(chart.spec, width))
    kinds = mark_names(graph)
    texts = [i for name, kind in kinds.items() if kind == "text" for i in items(graph, name)]
    rules = [i for name, kind in kinds.items() if kind == "rule" for i in items(graph, name)]
    assert any("värde saknas" in str(t["text"]) for t in texts)
    assert len(rules) >= len(LATEST) + 1  # the average across every row, the target on the home row
    for text in texts:
        left, top, right, bottom = text_box(text)
        for rule in rules:
            x, y1, y2 = rule["x"], min(rule["y"], rule["y2"]), max(rule["y"], rule["y2"])
            assert not (left <= x <= right and y1 < bottom and top < y2), (text["text"], rule)


def test_static_images_are_readable_on_a_phone_and_declare_their_size(tmp_path) -> None:
    chart = comparison_chart(indicator(), LATEST, NAMES)
    svgs = ChartRenderer(tmp_path).images(chart)
    assert set(svgs) == set(IMAGE_WIDTHS)
    narrow = min(IMAGE_WIDTHS, key=lambda s: IMAGE_WIDTHS[s][0])
    assert IMAGE_WIDTHS[narrow][0] <= 358  # shown unscaled in a 390 px screen's content column
    for suffix, svg in svgs.items():
        sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg)]
        assert sizes and min(sizes) >= 13, suffix  # at 1:1 on a phone: no tiny text
        assert f'width="{IMAGE_WIDTHS[suffix][0]}"' in svg.split(">", 1)[0]  # the whole image fits the width
    view = chart_view(chart, svgs)
    assert view["width"] == IMAGE_WIDTHS[""][0] and view["height"] > 0
    assert [s["url"] for s in view["sources"]] == [f"{chart.slug}{narrow}.svg"]
    assert view["sources"][0]["media"] and view["sources"][0]["size"][1] > 0


def test_the_svg_cache_key_includes_the_chart_code(monkeypatch: pytest.MonkeyPatch) -> None:
    chart = comparison_chart(indicator(), LATEST, NAMES)
    before = chart.digest
    monkeypatch.setattr(charts, "_CODE_DIGEST", "changed-code")
    assert chart.digest != before
