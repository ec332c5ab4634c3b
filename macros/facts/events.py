"""Status history as events: every follow-up is an event with the status before and after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.content.store import Content
from macros.facts.derive import history, is_change, memo
from macros.structure.names import goal_full_name, mission_name
from macros.structure.urls import page_url


@dataclass(frozen=True)
class StatusEvent:
    """A goal's or mission's assessment at one follow-up, with the status it replaced."""

    kind: str  # 'goals' or 'missions': the section its page is in (urls.page_url)
    applies_to: str  # 'goal' or 'mission': the kind of status it has (Status.applies_to)
    record_id: str
    title: str
    goal_id: str
    period_id: str
    period_label: str
    date: dt.date
    before: str | None  # status label before, None when there was no earlier assessment
    after: str
    text: str | None
    url: str
    # The statuses' ids (before: None for a first assessment): pages show them as badges, feeds as words.
    before_status: str | None = None
    after_status: str | None = None

    @property
    def changed(self) -> bool:
        return is_change(self.before, self.after)

    @property
    def first(self) -> bool:
        """The first published assessment: new, not a change (derive.is_change)."""
        return self.before is None


def _label(content: Content, applies_to: str, status_id: str | None) -> str | None:
    status = content.status(applies_to, status_id) if status_id else None
    return f"{status.label} – {status.meaning}" if status else None


def status_events(content: Content) -> list[StatusEvent]:
    """All events, newest first; ties ordered by goal number, then missions by number."""
    return memo(content, "status_events", lambda: _status_events(content))


def latest_changes(content: Content) -> tuple[str | None, str | None, list[StatusEvent]]:
    """The newest follow-up period with any assessment, the one before it, and what is new in it:
    changed statuses first, then first assessments (which are not changes)."""
    return memo(content, "latest_changes", lambda: _latest_changes(content))


def _status_events(content: Content) -> list[StatusEvent]:
    events: list[StatusEvent] = []
    records = [("goals", "goal", g, g.id, goal_full_name(g), (g.number, 0))
               for g in content.goals.values()]
    records += [("missions", "mission", m, m.goal, mission_name(m),
                 (content.goals[m.goal].number, m.number)) for m in content.missions.values()]
    order: dict[tuple[str, str], tuple[int, int]] = {}
    for kind, applies_to, record, goal_id, title, sort_key in records:
        order[(kind, record.id)] = sort_key
        previous = previous_id = None
        for fu in history(content, record):
            period = content.periods[fu.period]
            after = _label(content, applies_to, fu.status) or fu.status
            text = getattr(fu, "summary", None) or getattr(fu, "assessment", None)
            events.append(StatusEvent(kind, applies_to, record.id, title, goal_id, period.id, period.label,
                                      period.date, previous, after, text, page_url(kind, record.id),
                                      previous_id, fu.status))
            previous, previous_id = after, fu.status
    events.sort(key=lambda e: (-e.date.toordinal(), order[(e.kind, e.record_id)]))
    return events


def _latest_changes(content: Content) -> tuple[str | None, str | None, list[StatusEvent]]:
    events = status_events(content)
    periods = sorted({(e.date, e.period_id) for e in events}, reverse=True)
    if not periods:
        return None, None, []
    latest = periods[0][1]
    previous = periods[1][1] if len(periods) > 1 else None
    changes = [e for e in events if e.period_id == latest and e.changed]
    firsts = [e for e in events if e.period_id == latest and e.first]
    return latest, previous, changes + firsts
