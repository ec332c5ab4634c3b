"""Facts computed from the records rather than typed: current status, trend, mission counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .content import Content
from .models import Committee, Goal, GoalFollowUp, Mission, MissionFollowUp

TREND_LABELS = {"forbattrad": "Förbättrad", "oforandrad": "Oförändrad", "forsamrad": "Försämrad"}
CATEGORY_LABELS = {
    "complete": "färdiga",
    "on_track": "enligt plan",
    "delayed": "försenade",
    "not_done": "genomförs inte",
    "none": "utan publicerad bedömning",
}


T = TypeVar("T")


def memo(content: Content, key: Any, compute: Callable[[], T]) -> T:
    """`compute()` once per loaded content. Callers must not change what is returned."""
    try:
        return content.derived[key]
    except KeyError:
        value = content.derived[key] = compute()
        return value


def ordered(content: Content, follow_ups: list) -> list:
    """Follow-ups sorted by their period's date (unknown periods last, in file order)."""
    far = (9999, 12, 31)
    return sorted(
        follow_ups,
        key=lambda f: content.periods[f.period].date.timetuple()[:3] if f.period in content.periods else far,
    )


def history(content: Content, record: Goal | Mission) -> list:
    """The record's follow-ups in period order (see ordered)."""
    return memo(content, ("history", type(record).__name__, record.id),
                 lambda: ordered(content, record.follow_ups))


def latest(content: Content, record: Goal | Mission) -> GoalFollowUp | MissionFollowUp | None:
    followed = history(content, record)
    return followed[-1] if followed else None


def derived_trend(content: Content, history: list[GoalFollowUp], index: int) -> str | None:
    """Trend at follow-up `index` from the status ranks of it and the one before; None without a previous one."""
    if index == 0:
        return None
    now = content.status("goal", history[index].status)
    before = content.status("goal", history[index - 1].status)
    if now is None or before is None:
        return None
    if now.rank > before.rank:
        return "forbattrad"
    if now.rank < before.rank:
        return "forsamrad"
    return "oforandrad"


def trend_at(content: Content, history: list[GoalFollowUp], index: int) -> str | None:
    """The derived trend when there is a history, else the trend the source states."""
    return derived_trend(content, history, index) or history[index].trend


def current_trend(content: Content, goal: Goal) -> str | None:
    """The goal's trend at its latest follow-up (None before its first)."""
    followed = history(content, goal)
    return trend_at(content, followed, len(followed) - 1) if followed else None


@dataclass(frozen=True)
class MissionCounts:
    """How a goal's missions stand at their latest follow-up, counted by status category."""

    total: int
    by_category: dict[str, int]

    def sentence(self) -> str:
        """'9 uppdrag: 2 färdiga, 7 utan publicerad bedömning' (only non-zero categories)."""
        parts = [f"{n} {CATEGORY_LABELS[c]}" for c, n in self.by_category.items() if n]
        word = "uppdrag"
        return f"{self.total} {word}" + (": " + ", ".join(parts) if parts else "")


def mission_category(content: Content, mission: Mission) -> str:
    current = latest(content, mission)
    status = content.status("mission", current.status) if current else None
    return (status.category or "none") if status else "none"


def mission_counts(content: Content, missions: list[Mission]) -> MissionCounts:
    counter = Counter(mission_category(content, m) for m in missions)
    order = ["complete", "on_track", "delayed", "not_done", "none"]
    return MissionCounts(total=len(missions), by_category={c: counter.get(c, 0) for c in order})


def sorted_missions(content: Content) -> list[Mission]:
    """Every mission, by goal number and then mission number: the order of every listing."""
    return memo(content, "sorted_missions", lambda: sorted(
        content.missions.values(), key=lambda m: (content.goals[m.goal].number, m.number)))


def missions_of_goal(content: Content, goal_id: str) -> list[Mission]:
    def by_goal() -> dict[str, list[Mission]]:
        index: dict[str, list[Mission]] = {}
        for m in sorted(content.missions.values(), key=lambda m: m.number):
            index.setdefault(m.goal, []).append(m)
        return index

    return memo(content, "missions_by_goal", by_goal).get(goal_id, [])


def committee_missions(content: Content, committee_id: str) -> tuple[list[Mission], list[Mission]]:
    """Missions the committee is responsible for, and those it is only concerned by (listing order)."""
    def by_committee() -> dict[str, tuple[list[Mission], list[Mission]]]:
        index: dict[str, tuple[list[Mission], list[Mission]]] = {}
        for m in sorted_missions(content):
            for c in m.responsible:
                index.setdefault(c, ([], []))[0].append(m)
            for c in m.concerned:
                if c not in m.responsible:
                    index.setdefault(c, ([], []))[1].append(m)
        return index

    return memo(content, "missions_by_committee", by_committee).get(committee_id, ([], []))


def goals_sorted(content: Content) -> list[Goal]:
    return sorted(content.goals.values(), key=lambda g: g.number)


def committees_sorted(content: Content) -> list[Committee]:
    """Committees by name, the groups ('alla nämnder och bolag') last."""
    return sorted(content.committees.values(), key=lambda c: (c.is_group, c.name))
