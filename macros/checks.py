"""Checks across files: references exist, numbers are unique, derived facts agree with stated ones."""

from __future__ import annotations

from collections.abc import Iterable

from .content import Content
from .derive import TREND_LABELS, derived_trend, mission_counts, missions_of_goal, ordered, stated_sentence
from .problems import Problem, field_path, show_value
from .series_binding import binding_problems


def _allowed(ids: Iterable[str]) -> str:
    ids = sorted(ids)
    shown = ", ".join(ids[:25])
    return shown + (f" … ({len(ids)} st.)" if len(ids) > 25 else "")


def _ref(
    content: Content, kind: str, rid: str, loc: tuple, value: str, known: dict, what: str, vocab_file: str
) -> Problem | None:
    if value in known or value in content.broken:
        return None
    origin = content.origin(kind, rid)
    return Problem(
        origin.file,
        origin.line(*loc),
        f"Okänd {what}. Lägg till den i {vocab_file} eller rätta id:t.",
        field=field_path(loc),
        value=show_value(value),
        allowed=_allowed(known),
    )


def _status(content: Content, kind: str, rid: str, loc: tuple, status_id: str, applies_to: str) -> Problem | None:
    allowed = {s.id: s for s in content.statuses.values() if s.applies_to == applies_to}  # by plain id
    return _ref(content, kind, rid, loc, status_id, allowed, "status", "data/statuses.yaml")


def _follow_up_problems(content: Content, kind: str, record, applies_to: str) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, fu in enumerate(record.follow_ups):
        for p in (
            _ref(
                content,
                kind,
                record.id,
                ("follow_ups", i, "period"),
                fu.period,
                content.periods,
                "uppföljningsperiod",
                "data/periods.yaml",
            ),
            _status(content, kind, record.id, ("follow_ups", i, "status"), fu.status, applies_to),
        ):
            if p:
                problems.append(p)
        if fu.period in seen:
            origin = content.origin(kind, record.id)
            problems.append(
                Problem(
                    origin.file,
                    origin.line("follow_ups", i, "period"),
                    "Samma uppföljningsperiod finns två gånger.",
                    field=f"follow_ups[{i}].period",
                    value=show_value(fu.period),
                )
            )
        seen.add(fu.period)
    return problems


def _goal_problems(content: Content) -> list[Problem]:
    problems = []
    numbers: dict[int, str] = {}
    for goal in content.goals.values():
        origin = content.origin("goals", goal.id)
        if goal.number in numbers:
            problems.append(
                Problem(
                    origin.file,
                    origin.line("number"),
                    f"Numret används redan av {numbers[goal.number]}.",
                    field="number",
                    value=show_value(goal.number),
                )
            )
        numbers.setdefault(goal.number, goal.id)
        fu_problems = _follow_up_problems(content, "goals", goal, "goal")
        problems += fu_problems
        if fu_problems:
            continue
        history = ordered(content, goal.follow_ups)
        for i, fu in enumerate(history):
            computed = derived_trend(content, history, i)
            if computed and fu.trend and fu.trend != computed:
                index = goal.follow_ups.index(fu)
                problems.append(
                    Problem(
                        origin.file,
                        origin.line("follow_ups", index, "trend"),
                        f"Trenden räknas ut från statushistoriken och blir '{TREND_LABELS[computed]}'. "
                        "Ta bort fältet eller rätta statusen.",
                        field=f"follow_ups[{index}].trend",
                        value=show_value(fu.trend),
                        allowed=computed,
                    )
                )
        # The stated counts in the newest follow-up text should agree with the missions' own statuses.
        if history and history[-1].stated_counts:
            stated = history[-1].stated_counts
            counts = mission_counts(content, missions_of_goal(content, goal.id))
            derived = (
                counts.total,
                counts.by_category["complete"],
                counts.by_category["on_track"],
                counts.by_category["delayed"],
            )
            if derived != (stated.total, stated.complete, stated.on_track, stated.delayed):
                index = goal.follow_ups.index(history[-1])
                problems.append(
                    Problem(
                        origin.file,
                        origin.line("follow_ups", index, "stated_counts"),
                        f"Uppföljningstexten anger {stated_sentence(stated)}, men uppdragsfilerna ger "
                        f"{counts.sentence()}.",
                        field=f"follow_ups[{index}].stated_counts",
                        severity="warning",
                    )
                )
    return problems


def _mission_problems(content: Content) -> list[Problem]:
    problems = []
    numbers: dict[tuple[str, int], str] = {}
    for mission in content.missions.values():
        origin = content.origin("missions", mission.id)
        p = _ref(content, "missions", mission.id, ("goal",), mission.goal, content.goals, "fokusmål", "content/goals/")
        if p:
            problems.append(p)
        key = (mission.goal, mission.number)
        if key in numbers:
            problems.append(
                Problem(
                    origin.file,
                    origin.line("number"),
                    f"Numret används redan inom {mission.goal} av {numbers[key]}.",
                    field="number",
                    value=show_value(mission.number),
                )
            )
        numbers.setdefault(key, mission.id)
        if not mission.responsible and not mission.concerned:
            problems.append(
                Problem(origin.file, origin.line(), "Ange minst en ansvarig eller berörd nämnd.", field="responsible")
            )
        for role in ("responsible", "concerned"):
            ids = getattr(mission, role)
            for i, cid in enumerate(ids):
                p = _ref(
                    content, "missions", mission.id, (role, i), cid, content.committees, "nämnd", "data/committees.yaml"
                )
                if p:
                    problems.append(p)
                if cid in ids[:i]:
                    problems.append(
                        Problem(
                            origin.file,
                            origin.line(role, i),
                            "Nämnden står två gånger.",
                            field=f"{role}[{i}]",
                            value=show_value(cid),
                        )
                    )
        problems += _follow_up_problems(content, "missions", mission, "mission")
    return problems


def _indicator_problems(content: Content) -> list[Problem]:
    problems = []
    for ind in content.indicators.values():
        origin = content.origin("indicators", ind.id)
        if ind.series not in content.series:
            problems.append(
                Problem(
                    origin.file,
                    origin.line("series"),
                    "Dataserien finns inte i data/series/.",
                    field="series",
                    value=show_value(ind.series),
                    allowed=_allowed(content.series),
                )
            )
        p = _ref(
            content,
            "indicators",
            ind.id,
            ("home",),
            ind.home,
            content.municipalities,
            "kommun",
            "data/municipalities.yaml",
        )
        if p:
            problems.append(p)
        for role in ("comparison", "reference"):
            for i, mid in enumerate(getattr(ind, role)):
                p = _ref(
                    content,
                    "indicators",
                    ind.id,
                    (role, i),
                    mid,
                    content.municipalities,
                    "kommun",
                    "data/municipalities.yaml",
                )
                if p:
                    problems.append(p)
        for i, gid in enumerate(ind.goals):
            p = _ref(content, "indicators", ind.id, ("goals", i), gid, content.goals, "fokusmål", "content/goals/")
            if p:
                problems.append(p)
        if ind.action_plan:
            p = _ref(content, "indicators", ind.id, ("action_plan", "news"), ind.action_plan.news, content.news,
                     "nyhet", "content/news/")
            if p:
                problems.append(p)
    return problems


def _news_problems(content: Content) -> list[Problem]:
    problems = []
    for item in content.news.values():
        for role, known, what in (
            ("goals", content.goals, "fokusmål"),
            ("indicators", content.indicators, "indikator"),
        ):
            for i, rid in enumerate(getattr(item, role)):
                p = _ref(content, "news", item.id, (role, i), rid, known, what, f"content/{role}/")
                if p:
                    problems.append(p)
    return problems


def _series_problems(content: Content) -> list[Problem]:
    problems = []
    for name, rows in content.series.items():
        unknown = sorted({r.municipality for r in rows} - set(content.municipalities))
        for mid in unknown:
            problems.append(
                Problem(
                    f"data/series/{name}.csv",
                    1,
                    "Okänd kommun i dataserien.",
                    field="municipality",
                    value=show_value(mid),
                    allowed=_allowed(content.municipalities),
                )
            )
    return problems


def check_references(content: Content) -> list[Problem]:
    """Every cross-file problem, in a stable order."""
    return (
        _goal_problems(content)
        + _mission_problems(content)
        + _indicator_problems(content)
        + _news_problems(content)
        + _series_problems(content)
        + binding_problems(content)
    )
