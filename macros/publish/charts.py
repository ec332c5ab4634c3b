"""Charts: Altair specs, a text alternative for each, and static SVG rendered once per content hash."""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import vl_convert

from macros.content.models import Indicator, Municipality, SeriesRow
from macros.content.value_words import VALUE_WORDS
from macros.facts.groups import comparison_members, reference_members, whole_group
from macros.files.atomic import write_text_atomic
from macros.publish import chartcache

# Charts depend on their inputs and on the code that draws and stores them (this module and every one
# of ours it imports, directly or not, as the CI cache key lists them): both go into the cache key, so
# editing that code invalidates cached charts without a version number to remember. (An entry written
# before chartcache.py kept key order once published the chart data with its keys sorted.)
_CODE_FILES = ("publish/charts.py", "publish/chartcache.py", "files/atomic.py", "content/models.py",
               "content/formats.py", "content/vocabulary.py", "content/value_words.py", "text/tabular.py",
               "facts/groups.py")
_PACKAGE = Path(__file__).parents[1]
_CODE_DIGEST = hashlib.sha256(json.dumps({name: hashlib.sha256((_PACKAGE / name).read_bytes()).hexdigest()
                                          for name in _CODE_FILES}).encode()).hexdigest()[:12]

HOME_COLOR = "#0b4f8a"  # the default; a site draws its home municipality in its settings' colours.primary
OTHER_COLOR = "#8a9099"  # 3.2:1 against white: a graphic object needs 3:1 (WCAG 1.4.11)
# The reference bars (compared with, not in the average) are the least prominent: a light grey fill with a
# thin grey outline (3:1 against white, WCAG 1.4.11); the home municipality is the most prominent (its
# colour, a thicker outline, its label in bold); the comparison group solid grey between them. The roles
# differ in fill and outline as well as colour.
REFERENCE_COLOR = OTHER_COLOR
REFERENCE_FILL = "#eceef1"
TARGET_COLOR = "#b3261e"
AVERAGE_COLOR = "#1f2124"
TEXT_COLOR = "#1f2124"
ROW_STEP = 44  # px per municipality in the comparison chart: the label above, the bar below
FONT_SIZE = 14  # in the static image at its own size: the narrow variant is shown unscaled on phones

# One term for the reference municipalities wherever they are named (page, legend, text alternative).
REFERENCE_TERM = "Jämförs även med"
REFERENCE_MEANING = "ingår inte i jämförelsekommunernas snitt"
# Legend labels for the bars' three roles; the reference group is told apart by a light bar with a
# dark outline, so the roles differ in shape as well as colour.
ROLE_LABELS = {"hem": None, "jämförelse": "Jämförelsekommuner", "referens": f"{REFERENCE_TERM} (ej i snittet)"}

# Static images: a wide one, and a narrow one that phones get through <picture>, so that the text in
# it is not scaled down to a few pixels. name suffix -> (total width in px, media condition or None).
IMAGE_WIDTHS: dict[str, tuple[int, str | None]] = {"": (640, None), "-smal": (350, "(max-width: 37.5em)")}


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
    credit: str = ""  # 'Källa: …. Värden för 2023.': in the image's title/desc and under it on the page

    @property
    def digest(self) -> str:
        payload = json.dumps(self.spec, sort_keys=True, ensure_ascii=False) + vl_convert.get_vega_version()
        return hashlib.sha256((payload + _CODE_DIGEST).encode()).hexdigest()[:16]


FLAG_LABELS = {"": "", **{code: word.lower() for code, word in VALUE_WORDS["flag"].items()}}


def note_and_source(row: SeriesRow | None) -> tuple[str, str]:
    """A value's remark and source as the table and the tooltip show them. For a missing value the series'
    source column holds why it is missing ('Inte med i … sammanställning'): that is the remark, and the
    value has no source (the value cell already says it is missing, so the remark never repeats it)."""
    if row is None:
        return "", "–"
    if row.value is None:
        return row.source, "–"
    return FLAG_LABELS[row.flag], row.source


def credit(rows: list[SeriesRow]) -> str:
    """'Källa: A; B. Värden för 2021–2023.': the sources and years of the values a chart draws."""
    shown = [r for r in rows if r.value is not None]
    sources = list(dict.fromkeys(r.source for r in shown))
    years = sorted({r.year for r in shown})
    span = f"{years[0]}" if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
    return f"Källa: {'; '.join(sources)}. Värden för {span}."


def _point(name: str, row: SeriesRow | None, year: int, unit: str) -> dict[str, Any]:
    """One value as the chart's data has it: what a tooltip and a screen reader say about it."""
    value = row.value if row else None
    flag, source = note_and_source(row)
    text = fmt(value, unit)
    said = f"{name} {year}: {text}" + (f" ({flag})" if flag and value is not None else "") + f". Källa: {source}."
    return {"kommun": name, "år": str(year), "värde": value, "text": text, "flagga": flag or "–",
            "källa": source, "beskrivning": said}


def _said(row: SeriesRow, unit: str) -> str:
    """A value as a text alternative says it: a preliminary one is called so."""
    return fmt(row.value, unit) + (" (preliminärt)" if row.flag == "preliminary" else "")


def _preliminary_fill(alt: Any, rows: list[SeriesRow]) -> dict[str, Any]:
    # A preliminary value is drawn as an open point: a shape, not only a word in the tooltip.
    if not any(r.flag == "preliminary" and r.value is not None for r in rows):
        return {}
    return {"fill": alt.condition(f"datum.flagga === '{FLAG_LABELS['preliminary']}'", alt.value("#ffffff"),
                                  alt.value(HOME_COLOR))}


def _tooltip(alt: Any) -> list[Any]:
    # Shown on hover (vega-tooltip) and on keyboard focus (portal.js): every value with its year,
    # source and flag ("Anmärkning", as in the data table).
    return [alt.Tooltip("kommun:N", title="Kommun"), alt.Tooltip("år:N", title="År"),
            alt.Tooltip("text:N", title="Värde"), alt.Tooltip("flagga:N", title="Anmärkning"),
            alt.Tooltip("källa:N", title="Källa")]


def _wrap(text: str, width: int) -> list[str]:
    """A title as lines that fit `width` px at the title's font size (a title does not wrap by itself)."""
    limit, lines = max(20, width // 9), [""]
    words: list[str] = []
    for word in text.split():  # a unit stays with its number
        if word in ("%", "kr") and words:
            words[-1] += " " + word
        else:
            words.append(word)
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > limit:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def _wrapped_labels(labels: list[str], limit: int = 26) -> str:
    """A legend labelExpr that shows each label on lines of at most `limit` characters: a legend sits
    right of the axis labels, and on a phone a long label would run out of the image."""
    mapping = {label: _wrap(label, limit * 9) for label in labels if len(label) > limit}
    return f"({json.dumps(mapping, ensure_ascii=False)})[datum.label] || datum.label" if mapping else "datum.label"


def _lines_legend(alt: Any, lines: list[dict[str, Any]]) -> Any | None:
    """Reference lines (target, average) as rules explained in a legend, not by text in the plot, so
    that no label can ever sit on a line or on a bar. `lines`: label, value, colour, dash."""
    if not lines:
        return None
    labels = [line["linje"] for line in lines]
    return alt.Chart(alt.Data(values=lines)).mark_rule(size=3, aria=False).encode(  # the legend says what they are
        color=alt.Color("linje:N", title=None, scale=alt.Scale(domain=labels, range=[line["färg"] for line in lines]),
                        legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=3, symbolSize=400,
                                          labelExpr=_wrapped_labels(labels))),
        strokeDash=alt.StrokeDash("linje:N", scale=alt.Scale(domain=labels, range=[line["streck"] for line in lines]),
                                  legend=None),
        tooltip=[alt.Tooltip("linje:N", title="Linje")],
    )


def _spec(chart: Any, alt_text: str) -> dict[str, Any]:
    # Text sizes readable at the static widths; system font, so nothing is downloaded.
    chart = chart.properties(description=alt_text).configure(
        font="Verdana, DejaVu Sans, sans-serif",
        autosize={"type": "fit-x", "contains": "padding"},  # the given width is the whole image's
    ).configure_axis(
        labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE, labelColor=TEXT_COLOR, titleColor=TEXT_COLOR,
        titleFontWeight="normal",
    ).configure_legend(
        labelFontSize=FONT_SIZE, labelColor=TEXT_COLOR, titleFontSize=FONT_SIZE, titleColor=TEXT_COLOR, labelLimit=0,
        orient="bottom", direction="vertical",
    ).configure_title(fontSize=FONT_SIZE + 1, color=TEXT_COLOR, anchor="start").configure_view(
        strokeWidth=0)
    spec = chart.to_dict(validate=False)  # built by our own code; schema validation would only cost time
    spec.pop("$schema", None)  # keep the spec free of remote URLs; the bundle knows its version
    # Legends under the plot, one below the other: side by side they would not fit a phone (Vega's
    # legend layout; Altair's schema types it as an expression only).
    spec["config"]["legend"]["layout"] = {"bottom": {"direction": "vertical", "anchor": "start"}}
    # The lines' legend draws each symbol with its line's dash (Vega-Lite's legend `encode`, which
    # Altair's schema lacks): one legend says both colour and dash.
    for layer in spec.get("layer", []):
        color = layer.get("encoding", {}).get("color", {})
        if color.get("field") == "linje":
            dash = {"scale": "strokeDash", "field": "value"}
            color["legend"]["encode"] = {"symbols": {"update": {"strokeDash": dash}}}
    return spec


def trend_chart(indicator: Indicator, rows: list[SeriesRow], names: dict[str, Municipality],
                home_color: str = HOME_COLOR) -> Chart | None:
    """The home municipality over time, with the target as a rule. None without any value."""
    import altair as alt  # imported on a cache miss only: it costs half a second to import
    home = sorted((r for r in rows if r.municipality == indicator.home), key=lambda r: r.year)
    published = [r for r in home if r.value is not None]
    if not published:
        return None
    name = names[indicator.home].name
    # Every year the series has, a missing one too: the line breaks there instead of joining its neighbours.
    data = [_point(name, r, r.year, indicator.unit) for r in home]
    base = alt.Chart(alt.Data(values=data)).encode(
        x=alt.X("år:O", title="År", axis=alt.Axis(labelAngle=0, labelOverlap="parity")),
        y=alt.Y("värde:Q", title=indicator.unit.capitalize(), scale=alt.Scale(zero=True),
                axis=alt.Axis(tickCount=5, grid=True)),
    )
    # No value labels in the plot (they would collide with the target line): the values are in the
    # table below, in the tooltips and in the text alternative.
    layers = [base.mark_line(color=home_color, strokeWidth=2.5, invalid="break-paths-show-domains"),
              base.mark_point(color=home_color, stroke=home_color, strokeWidth=2, filled=True, size=90,
                              opacity=1).encode(
                  tooltip=_tooltip(alt), description="beskrivning:N", **_preliminary_fill(alt, home))]
    target = indicator.target
    lines = []
    if target is not None:
        lines.append({"linje": f"Mål {target.year}: {fmt(target.value, indicator.unit)}", "värde": target.value,
                      "färg": TARGET_COLOR, "streck": [6, 4]})
    legend = _lines_legend(alt, lines)
    if legend is not None:
        layers.append(legend.encode(y="värde:Q"))
    chart = alt.layer(*layers).properties(width="container", height=240,
                                          title=f"{indicator.title}, {name}")
    first, last = published[0], published[-1]
    alt_text = (f"Linjediagram: {indicator.title} i {name} {first.year}–{last.year}. "
                f"{first.year}: {_said(first, indicator.unit)}, {last.year}: {_said(last, indicator.unit)}.")
    preliminary = [str(r.year) for r in published if r.flag == "preliminary"]
    if preliminary:
        alt_text += f" Preliminära värden (ofyllda punkter): {', '.join(preliminary)}."
    if target is not None:
        alt_text += f" Målet är {fmt(target.value, indicator.unit)} år {target.year}."
    return Chart(
        slug="trend", title=f"Utveckling i {name}", alt=alt_text, spec=_spec(chart, alt_text),
        columns=["År", "Värde", "Anmärkning", "Källa"],
        rows=[[str(r.year), fmt(r.value, indicator.unit), *note_and_source(r)] for r in home],
        records=[r.model_dump(mode="json") for r in home], credit=credit(home),
    )


def average_wording(indicator: Indicator, values: dict[str, float | None], year: int) -> str | None:
    """Rule: an average says what it averages. 'Snitt av 6 av 8 jämförelsekommuner som har värde för
    2023' (or 'Snitt av alla 8 jämförelsekommuner, 2023'); None when no member has a value."""
    members = comparison_members(indicator)  # each once, the home municipality not among them
    present = sum(1 for m in members if values.get(m) is not None)
    total = len(members)
    if not present:
        return None
    if present == total:
        return f"Snitt av alla {total} jämförelsekommuner, {year}" if total > 1 else f"Jämförelsekommunen, {year}"
    return f"Snitt av {present} av {total} jämförelsekommuner som har värde för {year}"


def comparison_average(indicator: Indicator, values: dict[str, float | None]) -> float | None:
    """The comparison group's unweighted mean (every municipality counts once, whatever its size),
    over the members with a published value; the home and the reference municipalities are not in it."""
    present = [values[m] for m in comparison_members(indicator) if values.get(m) is not None]
    return sum(present) / len(present) if present else None  # type: ignore[arg-type]


def comparison_chart(indicator: Indicator, rows: list[SeriesRow], names: dict[str, Municipality],
                     home_color: str = HOME_COLOR) -> Chart | None:
    """All compared municipalities in the latest year that has any value; the home one marked in words too.
    Each bar has its label, with the value, in the gap above it; the comparison group's average is drawn
    as a dotted tick across each bar, the target as a solid one across the home municipality's bar alone,
    so no line ever runs through a label."""
    import altair as alt
    group = whole_group(indicator)  # each municipality once (macros/groups.py)
    years = sorted({r.year for r in rows if r.value is not None and r.municipality in group})
    if not years:
        return None
    year = years[-1]
    by_muni = {r.municipality: r for r in rows if r.year == year}
    home_name = names[indicator.home].name
    roles = {"hem": home_name, **{k: v for k, v in ROLE_LABELS.items() if v}}
    data = []
    for mid in group:
        role = "hem" if mid == indicator.home else ("referens" if mid in reference_members(indicator) else "jämförelse")
        # The home municipality is marked with ◆ in its label as well as by colour.
        point = _point(names[mid].name + (" ◆" if mid == indicator.home else ""), by_muni.get(mid), year,
                       indicator.unit)
        point["etikett"] = f"{point['kommun']}: {point['text']}" if point["värde"] is not None \
            else f"{point['kommun']} – värde saknas"
        if point["värde"] is not None and point["flagga"] == FLAG_LABELS["preliminary"]:
            point["etikett"] += f" ({point['flagga']})"
        point["roll"] = roles[role]
        data.append(point)
    data.sort(key=lambda d: (d["värde"] is None, d["värde"] if d["värde"] is not None else 0))
    order = [d["etikett"] for d in data]
    present_roles = [label for label in roles.values() if any(d["roll"] == label for d in data)]
    fills = {home_name: home_color, roles["jämförelse"]: OTHER_COLOR, roles["referens"]: REFERENCE_FILL}
    strokes = {home_name: home_color, roles["jämförelse"]: OTHER_COLOR, roles["referens"]: REFERENCE_COLOR}
    # A row per municipality: its label in the upper part, its bar (band) in the lower part.
    rows_y = alt.Y("etikett:N", sort=order, title=None, axis=None,
                   scale=alt.Scale(paddingInner=0.5, paddingOuter=0.55, align=1))
    x = alt.X("värde:Q", title=f"{indicator.unit.capitalize()} ({year})", axis=alt.Axis(tickCount=5, grid=True),
              scale=alt.Scale(zero=True))
    is_home = f"datum.roll === {json.dumps(home_name, ensure_ascii=False)}"
    bars = alt.Chart(alt.Data(values=data)).mark_bar().encode(
        y=rows_y, x=x,
        strokeWidth=alt.condition(is_home, alt.value(3), alt.value(1.5)),
        fill=alt.Fill("roll:N", title=None, scale=alt.Scale(domain=present_roles,
                                                            range=[fills[r] for r in present_roles])),
        stroke=alt.Stroke("roll:N", title=None, scale=alt.Scale(domain=present_roles,
                                                                range=[strokes[r] for r in present_roles])),
        tooltip=_tooltip(alt), description="beskrivning:N",
    )
    # The labels: the home municipality's in bold (Vega-Lite has no font-weight channel, so two layers).
    label_layers = [alt.Chart(alt.Data(values=data)).mark_text(  # aria off: the bar says the same
        align="left", baseline="bottom", x=0, dy=-(ROW_STEP // 4) - 3, color=TEXT_COLOR, fontSize=FONT_SIZE,
        fontWeight=weight, aria=False,
    ).encode(y=alt.Y("etikett:N", sort=order), text="etikett:N").transform_filter(test)
        for weight, test in (("normal", f"!({is_home})"), ("bold", is_home))]
    layers = [bars, *label_layers]
    values = {mid: by_muni[mid].value if mid in by_muni else None for mid in group}
    average = comparison_average(indicator, values)
    averaged = average_wording(indicator, values, year)
    lines = []
    if average is not None:
        lines.append({"linje": f"{averaged}: {fmt(average, indicator.unit)}",
                      "värde": average, "färg": AVERAGE_COLOR, "streck": [2, 2]})
    # The target is the home municipality's own: a solid mark across its bar alone (a bullet graph's
    # target), while the average, which every municipality is compared with, is dotted on every row.
    home = next(d for d in data if d["roll"] == home_name)
    target = indicator.target
    target_label = None
    if target is not None:
        target_label = f"Mål för {home_name} {target.year}: {fmt(target.value, indicator.unit)}"
        lines.append({"linje": target_label, "värde": target.value, "färg": TARGET_COLOR, "streck": []})
    if lines:
        ticks = [{**line, "etikett": d["etikett"]} for line in lines for d in data
                 if line["linje"] != target_label or d is home]
        band = {"y": alt.Y("etikett:N", sort=order, bandPosition=0), "y2": alt.Y2("etikett:N", bandPosition=1)}
        if target is not None:  # a white edge: the red mark stands out on the home colour's bar as well (3:1)
            layers.append(alt.Chart(alt.Data(values=[{"värde": target.value, "etikett": home["etikett"]}]))
                          .mark_rule(size=7, color="#ffffff", aria=False).encode(x="värde:Q", **band))
        layers.append(_lines_legend(alt, lines).properties(data=alt.Data(values=ticks)).encode(
            x="värde:Q", **band, tooltip=alt.value(None)))
    chart = alt.layer(*layers).properties(width="container", height=alt.Step(ROW_STEP),
                                          title=f"{indicator.title} {year}")
    chart = chart.resolve_legend(fill="shared", stroke="shared", color="independent")
    present = [d for d in data if d["värde"] is not None]
    absent = [d["kommun"].rstrip(" ◆") for d in data if d["värde"] is None]
    alt_text = (f"Stapeldiagram: {indicator.title} {year} i {len(data)} kommuner. "
                f"Lägst: {present[0]['kommun'].rstrip(' ◆')} {present[0]['text']}. "
                f"Högst: {present[-1]['kommun'].rstrip(' ◆')} {present[-1]['text']}. "
                f"{home_name}: {home['text']}"
                + (f" ({home['flagga']})" if home["flagga"] == FLAG_LABELS["preliminary"] else "") + ".")
    if average is not None:
        alt_text += f" {averaged}: {fmt(average, indicator.unit)}, varje kommun räknad lika."
    if target_label is not None:
        alt_text += f" {target_label}, markerat med ett rött streck på raden för {home_name}."
    if absent:
        alt_text += f" Värde saknas för {', '.join(absent)}."
    table_rows = []
    for mid in group:
        row = by_muni.get(mid)
        table_rows.append([names[mid].name, fmt(row.value if row else None, indicator.unit), *note_and_source(row)])
    return Chart(
        slug=f"jamforelse-{year}", title=f"Jämförelse med andra kommuner {year}", alt=alt_text,
        spec=_spec(chart, alt_text), columns=["Kommun", "Värde", "Anmärkning", "Källa"], rows=table_rows,
        records=[by_muni[m].model_dump(mode="json") if m in by_muni else
                 {"municipality": m, "year": year, "value": None, "flag": "missing", "source": ""} for m in group],
        credit=credit([by_muni[m] for m in group if m in by_muni]),
    )


_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height an SVG declares, for the <img> that shows it (no layout shift)."""
    match = _SIZE.search(svg)
    return (round(float(match.group(1))), round(float(match.group(2)))) if match else (0, 0)


def static_spec(spec: dict[str, Any], width: int) -> dict[str, Any]:
    """The spec for a static image `width` px wide (the interactive view takes its container's width);
    the title wrapped to fit."""
    static = dict(spec, width=width) if spec.get("width") == "container" else dict(spec)
    title = static.get("title")
    if isinstance(title, str):
        static["title"] = _wrap(title, width)
    return static


@dataclass
class ChartRenderer:
    """Renders specs to SVG, reusing earlier results by content hash (a file cache across builds)."""

    cache_dir: Path | None
    rendered: int = 0
    reused: int = 0
    seconds: float = 0.0

    def images(self, chart: Chart) -> dict[str, str]:
        """Every static image of the chart (IMAGE_WIDTHS), by name suffix; counted once per chart."""
        path = self.cache_dir / f"{chart.digest}.json" if self.cache_dir else None
        stored = chartcache.load(path) if path is not None else None
        if _intact_images(stored):
            self.reused += 1
            return stored
        start = time.perf_counter()
        svgs = {suffix: vl_convert.vegalite_to_svg(static_spec(chart.spec, width), format_locale="sv-SE")
                for suffix, (width, _) in IMAGE_WIDTHS.items()}
        self.seconds += time.perf_counter() - start
        self.rendered += 1
        if path is not None:
            chartcache.store(path, svgs)
        return svgs

    def svg(self, chart: Chart) -> str:
        """The wide static image."""
        return self.images(chart)[""]


def input_digest(indicator: Indicator, rows: list[SeriesRow], names: dict[str, Municipality],
                 home_color: str = HOME_COLOR) -> str:
    inputs = {"code": _CODE_DIGEST, "vega": vl_convert.get_vega_version(),
              "indicator": indicator.model_dump(mode="json"),
              "rows": [r.model_dump(mode="json") for r in rows],
              "names": {k: v.name for k, v in sorted(names.items())}}
    if home_color != HOME_COLOR:  # the settings' colour (colours.primary); the default keeps earlier keys
        inputs["home_color"] = home_color
    payload = json.dumps(inputs, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


def indicator_charts(indicator: Indicator, rows: list[SeriesRow], names: dict[str, Municipality],
                     renderer: ChartRenderer, home_color: str = HOME_COLOR) -> list[tuple[Chart, dict[str, str]]]:
    """An indicator's charts with their static SVGs (by name suffix, IMAGE_WIDTHS). Cached by a hash of
    everything they are drawn from, so an unchanged indicator costs one file read: no Altair, no rendering."""
    digest = input_digest(indicator, rows, names, home_color)
    cache = renderer.cache_dir / f"indicator-{digest}.json" if renderer.cache_dir else None
    stored = _intact_charts(chartcache.load(cache)) if cache is not None else None
    if stored is not None:
        renderer.reused += len(stored)
        return stored
    charts = [c for c in (trend_chart(indicator, rows, names, home_color),
                          comparison_chart(indicator, rows, names, home_color)) if c]
    result = [(chart, renderer.images(chart)) for chart in charts]
    if cache is not None:
        chartcache.store(cache, [{**chart.__dict__, "svgs": svgs} for chart, svgs in result])
    return result


def _intact_images(stored: Any) -> bool:
    """A cached set of a chart's images: one safe SVG for each width."""
    return (isinstance(stored, dict) and set(stored) == set(IMAGE_WIDTHS)
            and all(chartcache.is_safe_svg(svg) for svg in stored.values()))


def _intact_charts(stored: Any) -> list[tuple[Chart, dict[str, str]]] | None:
    """Cached charts of an indicator, or None if the entry is not what this code writes."""
    if not isinstance(stored, list):
        return None
    try:
        charts = [(Chart(**{k: v for k, v in item.items() if k != "svgs"}), item["svgs"]) for item in stored]
    except (TypeError, KeyError, AttributeError):
        return None
    return charts if all(_intact_images(svgs) for _, svgs in charts) else None


def chart_files(chart: Chart, svgs: dict[str, str], base: str) -> dict[str, str]:
    """The files a chart publishes, by site-relative path: its images, its spec and its data."""
    from macros.text.tabular import SERIES_FIELDS, rows_to_csv

    files = {f"{base}{suffix}.svg": svg for suffix, svg in svgs.items()}
    files[f"{base}.vl.json"] = json.dumps(chart.spec, ensure_ascii=False, allow_nan=False, sort_keys=True)
    files[f"{base}.csv"] = rows_to_csv(chart.records, SERIES_FIELDS)
    files[f"{base}.json"] = json.dumps(chart.records, ensure_ascii=False, allow_nan=False, indent=1)
    return files


def chart_view(chart: Chart, svgs: dict[str, str]) -> dict[str, Any]:
    """What the indicator page shows of a chart; URLs are relative to the page."""
    width, height = svg_size(svgs[""])
    sources = [{"url": f"{chart.slug}{suffix}.svg", "media": media, "size": svg_size(svgs[suffix])}
               for suffix, (_, media) in IMAGE_WIDTHS.items() if media and suffix in svgs]
    return {"slug": chart.slug, "title": chart.title, "alt": chart.alt, "credit": chart.credit,
            "columns": chart.columns,
            "rows": chart.rows, "svg_url": f"{chart.slug}.svg", "width": width, "height": height,
            "sources": sources, "spec_url": f"{chart.slug}.vl.json",
            "csv_url": f"{chart.slug}.csv", "json_url": f"{chart.slug}.json"}


# The SHA-256 of vl-convert's bundle for each (Vega, Vega-Embed) version it ships: a cached copy is used
# only if it matches, so a tampered .cache/ can never publish other JavaScript. A vl-convert upgrade
# without its line here only costs the time of building the bundle (tests/publish/test_chart_cache.py fails
# until the line is added).
VEGA_BUNDLE_SHA256 = {
    ("6.2.0", "7.0.2"): "3425bd951a44d478d0505c6b5d1e8d57656b6e9a4da7bfe88a718ce61d76e572",
}


def vega_bundle(cache_dir: Path | None) -> str:
    """The self-hosted Vega/Vega-Lite/Vega-Embed bundle (no CDN), built once and cached by version."""
    versions = (vl_convert.get_vega_version(), vl_convert.get_vega_embed_version())
    path = cache_dir / f"vega-{versions[0]}-embed-{versions[1]}.js" if cache_dir else None
    expected = VEGA_BUNDLE_SHA256.get(versions)
    if path is not None and expected and not path.is_symlink() and path.is_file():
        cached = path.read_bytes()
        if hashlib.sha256(cached).hexdigest() == expected:
            return cached.decode("utf-8")
    bundle = vl_convert.javascript_bundle()
    if path is not None and expected == hashlib.sha256(bundle.encode("utf-8")).hexdigest():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, bundle)
        except OSError:
            pass  # see chartcache.store
    return bundle
