"""Which measure a series holds, so an import never mixes another measure into it.

The binding is the indicator YAML: an indicator names its series (`series:`), its unit and, under
`sources`, the Kolada KPI the series holds (`kpi:`). The importer writes KPI X into series S only if
every indicator that uses S declares X as its one Kolada KPI, and never replaces a row whose source
is anything other than that KPI. A series no indicator declares a KPI for (such as one compiled from
another publisher's table) is therefore never written by the importer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.content.models import SeriesRow
from macros.content.problem import Problem, show_value

if TYPE_CHECKING:  # only a type here; keeps this module free of the loader
    from macros.content.store import Content


class BindingError(Exception):
    """The requested KPI is not the measure the series holds; the message is Swedish."""


@dataclass(frozen=True)
class Binding:
    series: str
    kpi: str
    unit: str
    indicators: tuple[str, ...]


def kolada_source(kpi: str) -> str:
    """The `source` text of every row the importer writes for `kpi`."""
    return f"Kolada, {kpi}"


def _file(content: Content, indicator_id: str) -> str:
    origin = content.origins.get(("indicators", indicator_id))
    return origin.file if origin else f"content/indicators/{indicator_id}.yaml"


def bind(content: Content, series: str, kpi: str) -> Binding:
    """The binding of `series` to `kpi`, or BindingError saying why the KPI does not belong there."""
    users = sorted((i for i in content.indicators.values() if i.series == series), key=lambda i: i.id)
    if not users:
        raise BindingError(
            f"Ingen indikator i content/indicators/ använder dataserien '{series}'. Det är indikatorn som "
            f"anger vilket mått serien innehåller: skapa den först, med 'series: {series}' och en källa med "
            f"'kpi: {kpi}' under 'sources'."
        )
    for ind in users:
        declared = sorted({s.kpi for s in ind.sources if s.kpi})
        if declared != [kpi]:
            stated = ("anger Kolada-nyckeltalet " + ", ".join(declared)) if declared else "anger inget Kolada-nyckeltal"
            raise BindingError(
                f"{_file(content, ind.id)}: indikatorn '{ind.id}' använder dataserien '{series}' och {stated} "
                f"under 'sources'. Serien är alltså inte bunden till {kpi}, och importen avbryts så att inget annat "
                f"mått blandas in i den. "
                f"Tillåtet: ett nyckeltal som indikatorn anger som sitt enda (kpi: under sources), eller en "
                f"egen dataserie och indikator för {kpi}."
            )
    units = sorted({ind.unit for ind in users})
    if len(units) > 1:
        raise BindingError(
            f"Dataserien '{series}' används av indikatorer med olika enheter ({', '.join(units)}): "
            + ", ".join(_file(content, i.id) for i in users) + ". En serie har en enhet."
        )
    return Binding(series, kpi, units[0], tuple(i.id for i in users))


def source_conflicts(existing: Iterable[SeriesRow], keys: set[tuple[str, int]], kpi: str) -> list[SeriesRow]:
    """Rows an import of `kpi` for `keys` (municipality, year) would replace but that hold another source."""
    source = kolada_source(kpi)
    return [r for r in existing if (r.municipality, r.year) in keys and r.source != source]


def binding_problems(content: Content) -> list[Problem]:
    """For the validator: rows from a Kolada KPI the indicator does not declare, i.e. another measure
    mixed into the series. (Values outside the unit's range are reported by checks.py, at their row.)"""
    problems = []
    for ind in sorted(content.indicators.values(), key=lambda i: i.id):
        declared = {s.kpi for s in ind.sources if s.kpi}
        file = f"data/series/{ind.series}.csv"
        foreign: dict[str, list[SeriesRow]] = {}
        for row in content.series.get(ind.series, []):
            kpi = row.source.removeprefix("Kolada, ") if row.source.startswith("Kolada, ") else None
            if kpi and kpi not in declared:
                foreign.setdefault(kpi, []).append(row)
        for kpi, rows in sorted(foreign.items()):
            first = rows[0]
            problems.append(Problem(
                file, 1, f"{len(rows)} rad(er) (t.ex. kommun {first.municipality}, år {first.year}) kommer från "
                f"Kolada-nyckeltalet {kpi}, men indikatorn '{ind.id}' anger inte det under 'sources' (kpi:). "
                "Serien blandar då olika mått.", field="source", value=show_value(first.source),
                allowed=", ".join(repr(kolada_source(k)) for k in sorted(declared)) or "en källa som inte är Kolada"))
    return problems
