"""Charts: Altair specs, a text alternative for each, and static SVG rendered once per content hash."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vl_convert

from .models import Indicator, Municipality, SeriesRow

# Charts depend on their inputs and on this module's code: both go into the cache key, so editing
# the chart code invalidates cached charts without a version number to remember.
_CODE_DIGEST = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]

HOME_COLOR = "#0b4f8a"
OTHER_COLOR = "#8a9099"
TARGET_COLOR = "#b3261e"


def fmt(value: float | None, unit: str) -> str:
    """Swedish number format: decimal comma, unit sign."""
    if value is None:
        return "värde saknas"
    text = f"{value:.1f}".replace(".", ",")
    return f"{text} %" if unit == "procent" else f"{text} {'kr' if unit == 'kronor' else ''}".strip()


@dataclass
class Chart:
    """A chart as everything a page needs: spec, text alternative, data table and file names."""

    slug: str  # stable file stem, e.g. 'trend'
    title: str
    alt: str
    spec: dict[str, Any]
    columns: list[str]
    rows: list[list[str]]
    records: list[dict[str, Any]] = field(default_factory=list)

    @property
    def digest(self) -> str:
        payload = json.dumps(self.spec, sort_keys=True, ensure_ascii=False) + vl_convert.get_vega_version()
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


def _spec(chart: Any) -> dict[str, Any]:
    # Text sizes readable at the static width; system font, so nothing is downloaded.
    chart = chart.configure(font="Roboto, Helvetica, Arial, sans-serif").configure_axis(
        labelFontSize=13, titleFontSize=13, labelColor="#1f2124", titleColor="#1f2124"
    ).configure_title(fontSize=15, color="#1f2124").configure_text(fontSize=13)
    spec = chart.to_dict(validate=False)  # built by our own code; schema validation cost ~1 s per 10 charts
    spec.pop("$schema", None)  # keep the spec free of remote URLs; the bundle knows its version
    return spec


def trend_chart(indicator: Indicator, rows: list[SeriesRow], names: dict[str, Municipality]) -> Chart | None:
    """The home municipality over time, with the target as a rule. None without any value."""
    import altair as alt  # imported on a cache miss only: it costs half a second to import
    home = sorted((r for r in rows if r.municipality == indicator.home), key=lambda r: r.year)
    published = [r for r in home if r.value is not None]
    if not published:
        return None
    name = names[indicator.home].name
    data = [{"år": str(r.year), "värde": r.value, "källa": r.source} for r in published]
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("år:O", title="År", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("värde:Q", title=indicator.unit.capitalize(), scale=alt.Scale(zero=True)),
    )
    layers = [base.mark_line(color=HOME_COLOR, point=alt.OverlayMarkDef(color=HOME_COLOR, size=60)),
              base.mark_text(dy=-10, color="#1f2124").encode(text=alt.Text("värde:Q", format=".1f"))]
    target = indicator.target
    if target is not None:
        rule = alt.Chart(alt.Data(values=[{"mål": target.value}]))
        layers.append(rule.mark_rule(color=TARGET_COLOR, strokeDash=[6, 4], size=2).encode(y="mål:Q"))
        layers.append(rule.mark_text(align="left", x=4, dy=-7, color=TARGET_COLOR).encode(
            y="mål:Q", text=alt.value(f"Mål {target.year}: {fmt(target.value, indicator.unit)}")))
    chart = alt.layer(*layers).properties(width="container", height=260, title=f"{indicator.title}, {name}")
    first, last = published[0], published[-1]
    alt_text = (f"Linjediagram: {indicator.title} i {name} {first.year}–{last.year}. "
                f"{first.year}: {fmt(first.value, indicator.unit)}, {last.year}: {fmt(last.value, indicator.unit)}.")
    if target is not None:
        alt_text += f" Målet är {fmt(target.value, indicator.unit)} år {target.year}."
    return Chart(
        slug="trend", title=f"Utveckling i {name}", alt=alt_text, spec=_spec(chart),
        columns=["År", "Värde", "Anmärkning", "Källa"],
        rows=[[str(r.year), fmt(r.value, indicator.unit), FLAG_LABELS[r.flag], r.source] for r in home],
        records=[r.model_dump(mode="json") for r in home],
    )


FLAG_LABELS = {"": "", "preliminary": "preliminärt", "revised": "reviderat", "missing": "saknas"}


def comparison_chart(indicator: Indicator, rows: list[SeriesRow], names: dict[str, Municipality]) -> Chart | None:
    """All compared municipalities in the latest year that has any value; the home one marked in words too."""
    import altair as alt
    group = [indicator.home, *indicator.comparison, *indicator.reference]
    years = sorted({r.year for r in rows if r.value is not None and r.municipality in group})
    if not years:
        return None
    year = years[-1]
    by_muni = {r.municipality: r for r in rows if r.year == year}
    data = []
    for mid in group:
        row = by_muni.get(mid)
        value = row.value if row else None
        role = "hem" if mid == indicator.home else ("referens" if mid in indicator.reference else "jämförelse")
        # The home municipality is marked with ◆ in its label as well as by colour.
        data.append({"kommun": names[mid].name + (" ◆" if mid == indicator.home else ""), "värde": value,
                     "text": fmt(value, indicator.unit), "roll": role})
    data.sort(key=lambda d: (d["värde"] is None, d["värde"] if d["värde"] is not None else 0))
    order = [d["kommun"] for d in data]
    base = alt.Chart(alt.Data(values=data)).encode(
        y=alt.Y("kommun:N", sort=order, title=None),
    )
    bars = base.mark_bar().encode(
        x=alt.X("värde:Q", title=f"{indicator.unit.capitalize()} ({year})", axis=alt.Axis(tickCount=6)),
        color=alt.condition(alt.datum.roll == "hem", alt.value(HOME_COLOR), alt.value(OTHER_COLOR)),
    )
    labels = base.mark_text(align="left", dx=4, color="#1f2124").encode(
        x=alt.X("värde:Q"), text="text:N")
    missing = base.transform_filter("datum.värde === null").mark_text(
        align="left", x=4, color="#1f2124", fontStyle="italic").encode(text="text:N")
    layers = [bars, labels, missing]
    if indicator.target is not None:
        rule = alt.Chart(alt.Data(values=[{"mål": indicator.target.value}]))
        layers.append(rule.mark_rule(color=TARGET_COLOR, strokeDash=[6, 4], size=2).encode(x="mål:Q"))
        layers.append(rule.mark_text(align="left", dx=4, y=-6, color=TARGET_COLOR).encode(
            x="mål:Q", text=alt.value(f"Mål {indicator.target.year}: {fmt(indicator.target.value, indicator.unit)}")))
    chart = alt.layer(*layers).properties(width="container", height=alt.Step(22),
                                          title=f"{indicator.title} {year}")
    present = [d for d in data if d["värde"] is not None]
    absent = [d["kommun"].rstrip(" ◆") for d in data if d["värde"] is None]
    home = next(d for d in data if d["roll"] == "hem")
    alt_text = (f"Stapeldiagram: {indicator.title} {year} i {len(data)} kommuner. "
                f"Lägst: {present[0]['kommun'].rstrip(' ◆')} {present[0]['text']}. "
                f"Högst: {present[-1]['kommun'].rstrip(' ◆')} {present[-1]['text']}. "
                f"{names[indicator.home].name}: {home['text']}.")
    if absent:
        alt_text += f" Värde saknas för {', '.join(absent)}."
    table_rows = []
    for mid in group:
        row = by_muni.get(mid)
        table_rows.append([names[mid].name, fmt(row.value if row else None, indicator.unit),
                           FLAG_LABELS[row.flag] if row else "saknas", row.source if row else ""])
    return Chart(
        slug=f"jamforelse-{year}", title=f"Jämförelse med andra kommuner {year}", alt=alt_text, spec=_spec(chart),
        columns=["Kommun", "Värde", "Anmärkning", "Källa"], rows=table_rows,
        records=[by_muni[m].model_dump(mode="json") if m in by_muni else
                 {"municipality": m, "year": year, "value": None, "flag": "missing", "source": ""} for m in group],
    )


@dataclass
class ChartRenderer:
    """Renders specs to SVG, reusing earlier results by content hash (a file cache across builds)."""

    cache_dir: Path | None
    rendered: int = 0
    reused: int = 0
    seconds: float = 0.0

    def svg(self, chart: Chart) -> str:
        # Static SVG needs a fixed width; the interactive view uses the container width.
        static = dict(chart.spec, width=620) if chart.spec.get("width") == "container" else chart.spec
        path = self.cache_dir / f"{chart.digest}.svg" if self.cache_dir else None
        if path is not None and path.is_file():
            self.reused += 1
            return path.read_text(encoding="utf-8")
        start = time.perf_counter()
        svg = vl_convert.vegalite_to_svg(static, format_locale="sv-SE")
        self.seconds += time.perf_counter() - start
        self.rendered += 1
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
        return svg


def input_digest(indicator: Indicator, rows: list[SeriesRow], names: dict[str, Municipality]) -> str:
    payload = json.dumps({"code": _CODE_DIGEST, "vega": vl_convert.get_vega_version(),
                          "indicator": indicator.model_dump(mode="json"),
                          "rows": [r.model_dump(mode="json") for r in rows],
                          "names": {k: v.name for k, v in sorted(names.items())}}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


def indicator_charts(indicator: Indicator, rows: list[SeriesRow], names: dict[str, Municipality],
                     renderer: ChartRenderer) -> list[tuple[Chart, str]]:
    """An indicator's charts with their SVG. Cached by a hash of everything they are drawn from, so an
    unchanged indicator costs one file read: no Altair, no rendering."""
    digest = input_digest(indicator, rows, names)
    cache = renderer.cache_dir / f"indicator-{digest}.json" if renderer.cache_dir else None
    if cache is not None and cache.is_file():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        renderer.reused += len(stored)
        return [(Chart(**{k: v for k, v in item.items() if k != "svg"}), item["svg"]) for item in stored]
    charts = [c for c in (trend_chart(indicator, rows, names), comparison_chart(indicator, rows, names)) if c]
    result = [(chart, renderer.svg(chart)) for chart in charts]
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        items = [{**chart.__dict__, "svg": svg} for chart, svg in result]
        cache.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return result


def vega_bundle(cache_dir: Path | None) -> str:
    """The self-hosted Vega/Vega-Lite/Vega-Embed bundle (no CDN), built once and cached by version."""
    key = f"vega-{vl_convert.get_vega_version()}-embed-{vl_convert.get_vega_embed_version()}.js"
    path = cache_dir / key if cache_dir else None
    if path is not None and path.is_file():
        return path.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(bundle, encoding="utf-8")
    return bundle
