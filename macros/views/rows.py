"""The nested rows the page contexts carry, by shape: what views.py builds as dicts for a source, a link,
a news item, a mission row and a goal card. The page contexts (page_views.py) name them, and
tests/views/test_contracts.py checks every row a view builds has exactly these keys."""

# No `from __future__ import annotations`: TypedDict must see NotRequired to tell optional keys apart.
from typing import NotRequired, TypedDict

from macros.facts.currency import AgeView
from macros.views.views import CommitteeRef, StatusView, TrendView


class LinkRow(TypedDict):
    """A linked record in a list (a goal's indicators, a news item's goals)."""

    title: str
    url: str


class SourceRow(TypedDict):
    """A source as every page shows it (views.source_view)."""

    missing: bool
    title: str | None
    url: str | None
    dates: str | None
    iso: NotRequired[str | None]  # absent when the source is missing


class NewsRow(TypedDict):
    """A news item in a list (views.news_refs)."""

    title: str
    date: str
    date_text: str
    url: str
    source: SourceRow


class MissionRow(TypedDict):
    """A mission as a table row on goal, committee and overview pages (views.mission_row)."""

    id: str
    number: int
    title: str
    url: str
    goal_id: str
    goal_number: int | None
    goal_short_title: str
    responsible: tuple[CommitteeRef, ...]
    concerned: tuple[CommitteeRef, ...]
    concerned_empty: str
    committee_ids: str
    status: StatusView | None
    category: str
    period: str | None
    age: AgeView | None
    expected_completion: int | None


class GoalCard(TypedDict):
    """A goal as a card on the start page and the goals overview (views.goal_summary)."""

    id: str
    number: int
    title: str
    short_title: str
    url: str
    status: StatusView
    trend: TrendView | None
    period: str | None
    age: AgeView | None
    counts: str
