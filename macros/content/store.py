"""The loaded content: every validated record by id, where each was read from, and the error that
stops a build. Loading (validation/loader.py), checks, derived facts and views all work on this one object."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from macros.content.models import (
    Committee,
    Goal,
    Indicator,
    Mission,
    Municipality,
    News,
    Period,
    SeriesRow,
    Settings,
    Status,
)
from macros.content.problem import Problem
from macros.content.yamlfile import Parsed


@dataclass
class Origin:
    """Where a record was read from, for locating problems found later (cross-references)."""

    file: str
    parsed: Parsed
    index: int | None = None  # position in a vocabulary list

    def line(self, *loc: str | int) -> int:
        prefix = () if self.index is None else (self.index,)
        return self.parsed.line_of(prefix + tuple(loc))


@dataclass
class Content:
    """All validated records, by id. Only records that passed their own model are here."""

    goals: dict[str, Goal] = field(default_factory=dict)
    missions: dict[str, Mission] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    news: dict[str, News] = field(default_factory=dict)
    committees: dict[str, Committee] = field(default_factory=dict)
    statuses: dict[str, Status] = field(default_factory=dict)
    periods: dict[str, Period] = field(default_factory=dict)
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    series: dict[str, list[SeriesRow]] = field(default_factory=dict)
    settings: Settings | None = None
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # Ids of records that exist but failed validation: references to them are not reported again.
    broken: set[str] = field(default_factory=set)
    # Facts derived from the records, computed on first use (derive.py). Content is not changed
    # after loading, and listings at 5,000 missions would otherwise re-sort and re-scan it per page.
    derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def origin(self, kind: str, record_id: str) -> Origin:
        return self.origins[(kind, record_id)]

    def status(self, applies_to: str, status_id: str) -> Status | None:
        return self.statuses.get(f"{applies_to}:{status_id}")


class ContentError(Exception):
    """Raised by callers that refuse to go on with errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems
