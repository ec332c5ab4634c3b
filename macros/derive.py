"""Facts computed from the records rather than typed: current status, trend, mission counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .loader import Content
from .models import Goal, GoalFollowUp, Mission, MissionFollowUp

TREND_LABELS = {"forbattrad": "Förbättrad", "oforandrad": "Oförändrad", "forsamrad": "Försämrad"}
CATEGORY_LABELS = {
    "complete": "färdiga",
    "on_track": "enligt plan",
    "delayed": "försenade",
    "not_done": "genomförs inte",
    "none": "utan publicerad bedömning",
}


def ordered(content: Content, follow_ups: list) -> list:
    """Follow-ups sorted by their period's date (unknown periods last, in file order)."""
    far = (9999, 12, 31)
    return sorted(
        follow_ups,
        key=lambda f: content.periods[f.period].date.timetuple()[:3] if f.period in content.periods else far,
    )


def latest(content: Content, record: Goal | Mission) -> GoalFollowUp | MissionFollowUp | None:
    history = ordered(content, record.follow_ups)
    return history[-1] if history else None


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


def missions_of_goal(content: Content, goal_id: str) -> list[Mission]:
    return sorted((m for m in content.missions.values() if m.goal == goal_id), key=lambda m: m.number)


def goals_sorted(content: Content) -> list[Goal]:
    return sorted(content.goals.values(), key=lambda g: g.number)
