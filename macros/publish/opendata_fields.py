"""What a journalist needs beside each open-data row: names beside ids, municipality codes, units,
source addresses and dates, the news, and a citation naming the sources actually used."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from macros.content.models import Indicator, IndicatorSource, SeriesRow
from macros.content.store import Content
from macros.facts.currency import clock
from macros.publish.fields import NEWS, SERIES
from macros.text.swedish import join, long_date

# Columns of a series in open data: the series file's own first (so existing readers keep working),
# then what a reader needs to use it alone. One pair of dates: when the value was fetched and published, the
# row's own when the series file has them, else its source's (never two columns for one date).
SERIES_COLUMNS = [*SERIES.column_names, "municipality_code", "municipality_name", "unit", "source_url"]
KOLADA_PREFIX = "Kolada, "
OPEN_DATA_PAGE = "oppna-data/"  # the open-data page: the datasets' landing page in the catalogue too


def row_source(indicators: list[Indicator], row: SeriesRow) -> IndicatorSource | None:
    """The indicator source a series row names: by title (the row may shorten it) or by Kolada KPI."""
    for ind in indicators:
        for source in ind.sources:
            if source.kpi and row.source == f"{KOLADA_PREFIX}{source.kpi}":
                return source
            if source.title == row.source or source.title.startswith(row.source):
                return source
    return None


def series_rows(content: Content, name: str) -> list[dict[str, Any]]:
    """A series' rows with municipality code and name, unit, and the source's address and dates."""
    indicators = [i for i in content.indicators.values() if i.series == name]
    unit = indicators[0].unit if indicators else None
    out = []
    for row in content.series.get(name, []):
        municipality = content.municipalities.get(row.municipality)
        source = row_source(indicators, row)
        fetched = row.fetched or (source.retrieved if source else None)
        published = row.published or (source.published if source else None)
        out.append({**row.model_dump(mode="json"),
                    "fetched": fetched.isoformat() if fetched else None,
                    "published": published.isoformat() if published else None,
                    "municipality_code": municipality.kolada_id if municipality else None,
                    "municipality_name": municipality.name if municipality else None,
                    "unit": unit,
                    "source_url": source.url if source else None})
    return out


def series_title(content: Content, name: str) -> str:
    """A series named as a reader knows it: by its indicator's title, not its file name."""
    titles = [i.title for i in content.indicators.values() if i.series == name]
    return f"Värden: {titles[0]}" if titles else f"Värden i dataserien {name}"


def news_rows(content: Content) -> list[dict[str, Any]]:
    """Every news item, newest first, with its source and the goals and indicators the portal links it to."""
    return [NEWS.row(content, n) for n in sorted(content.news.values(), key=lambda n: (n.date, n.id), reverse=True)]


def sources_used(content: Content) -> list[str]:
    """The sites the published content actually comes from (host names, first seen first), and 'Kolada'
    only when a published value comes from Kolada."""
    urls: list[str | None] = []
    for g in content.goals.values():
        urls += [g.source.url if g.source else None] + [fu.source.url for fu in g.follow_ups if fu.source]
    for m in content.missions.values():
        urls += [m.source.url if m.source else None] + [fu.source.url for fu in m.follow_ups if fu.source]
    urls += [n.source.url for n in content.news.values()]
    kolada = False
    for name, rows in content.series.items():
        indicators = [i for i in content.indicators.values() if i.series == name]
        for row in rows:
            if row.value is None:
                continue
            kolada = kolada or row.source.startswith(KOLADA_PREFIX)
            source = row_source(indicators, row)
            urls.append(source.url if source else None)
    hosts = [h.removeprefix("www.") for h in (urlsplit(u).hostname for u in urls if u) if h]
    return list(dict.fromkeys(hosts)) + (["Kolada"] if kolada else [])


def citation(content: Content, site_url: str = "/") -> str:
    """How to cite the open data: the publisher, the data's address, the day it was retrieved (the build
    date: the files are as of that day) and the sources actually used."""
    publisher = content.settings.publisher_name if content.settings else "utgivaren"
    used = sources_used(content)
    address = f"{site_url.rstrip('/')}/{OPEN_DATA_PAGE}"
    text = f"Källa: {publisher}, öppna data, {address} (hämtad {long_date(clock(content))})"
    if used:
        text += f", med uppgifter från {join(used)}"
    text += "."
    if "Kolada" in used:
        text += " Värden från Kolada ska anges med Källa: Kolada."
    return text
