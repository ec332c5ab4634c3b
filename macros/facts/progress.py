"""Progress towards an indicator's target, computed from the data (never typed by an editor).

Method (after Open SDG's progress measure): compare the annual rate of change actually achieved
since the first value with the rate needed to reach the target by its year. Rates are compound
annual growth rates (CAGR) when every value is positive, otherwise straight-line yearly changes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

from macros.content.models import Indicator, SeriesRow

ON_TRACK_RATIO = 0.95  # achieved rate at least 95 % of the required rate

Status = Literal["achieved", "on_track", "acceleration", "deterioration", "insufficient"]

LABELS: dict[Status, str] = {
    "achieved": "Målet är nått",
    "on_track": "På väg att nå målet",
    "acceleration": "Behöver gå snabbare",
    "deterioration": "Går åt fel håll",
    "insufficient": "Underlag saknas",
}

ICONS: dict[Status, str] = {
    "achieved": "check",
    "on_track": "circle",
    "acceleration": "warning",
    "deterioration": "stop",
    "insufficient": "none",
}

COLORS: dict[Status, str] = {
    "achieved": "green",
    "on_track": "green",
    "acceleration": "yellow",
    "deterioration": "red",
    "insufficient": "none",
}


@dataclass(frozen=True)
class Progress:
    """The computed progress and the figures it rests on, so the page can show its working."""

    status: Status
    reason: str
    base: tuple[int, float] | None = None
    latest: tuple[int, float] | None = None
    ratio: float | None = None

    @property
    def label(self) -> str:
        return LABELS[self.status]


def _rate(start: float, end: float, years: int) -> float:
    if start > 0 and end > 0:
        return (end / start) ** (1 / years) - 1
    return (end - start) / years


def home_values(indicator: Indicator, rows: list[SeriesRow]) -> list[tuple[int, float]]:
    """The home municipality's published values, oldest first."""
    return sorted((r.year, r.value) for r in rows if r.municipality == indicator.home and r.value is not None)


def assess(indicator: Indicator, rows: list[SeriesRow]) -> Progress:
    progress = _assess(indicator, rows)
    latest = progress.latest
    if latest is not None and any(r.municipality == indicator.home and r.year == latest[0] and r.flag == "preliminary"
                                  for r in rows):  # the assessment may change when Kolada's final value comes
        return dataclasses.replace(progress, reason=f"{progress.reason} Det senaste värdet ({latest[0]}) är "
                                                    "preliminärt.")
    return progress


def _assess(indicator: Indicator, rows: list[SeriesRow]) -> Progress:
    values = home_values(indicator, rows)
    target = indicator.target
    if target is None:
        return Progress("insufficient", "Indikatorn har inget målvärde.")
    if not values:
        return Progress("insufficient", "Värden för kommunen finns ännu inte i portalen.")
    lower = indicator.direction == "lower"
    latest = values[-1]
    if (latest[1] <= target.value) if lower else (latest[1] >= target.value):
        return Progress("achieved", "Senaste värdet når målvärdet.", values[0], latest)
    if len(values) < 2:
        return Progress("insufficient", "Minst två år med värden behövs för att bedöma utvecklingen.", None, latest)
    base = values[0]
    if target.year <= base[0]:
        return Progress("insufficient", "Målåret ligger inte efter det första värdet.", base, latest)
    actual = _rate(base[1], latest[1], latest[0] - base[0])
    required = _rate(base[1], target.value, target.year - base[0])
    ratio = actual / required if required else 0.0
    if ratio >= ON_TRACK_RATIO:
        status: Status = "on_track"
        reason = "Utvecklingen sedan första året räcker för att nå målet i tid."
    elif ratio >= 0:
        status = "acceleration"
        reason = "Utvecklingen går åt rätt håll men för långsamt för att nå målet i tid."
    else:
        status = "deterioration"
        reason = "Värdet har rört sig bort från målet sedan första året."
    return Progress(status, reason, base, latest, ratio)
