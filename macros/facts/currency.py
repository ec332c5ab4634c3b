"""Currency: how old a status or a value is on the day the site was built, and whether it is outdated.

The one home of the rule (DESIGN.md, "Currency"): every view, feed and open-data file asks here.
The rhythm is declared in data: each period's date in data/periods.yaml, how long a status stays
current in data/portal.yaml (`status_current_months`), and each indicator's publication cycle in
its file (`publication`). The clock is the build date: `SOURCE_DATE_EPOCH` when set (the Makefile
sets it from the last commit, so two builds of one commit agree), else today in UTC. No mkdocs here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from macros.content.models import GoalFollowUp, Indicator, MissionFollowUp, SeriesRow
from macros.content.store import Content
from macros.text.swedish import MONTHS, count

# When settings do not say: a status older than a year is outdated (a municipality that follows up
# at least yearly has published a newer one by then).
DEFAULT_CURRENT_MONTHS = 12


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """The build's date in UTC: from SOURCE_DATE_EPOCH (reproducible builds), else today."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw.isdigit():
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def clock(content: Content) -> dt.date:
    """The date every age on the site is counted to: set once per build (set_clock), else build_date()."""
    day = content.derived.get("currency:today")
    if day is None:
        day = content.derived["currency:today"] = build_date()
    return day


def set_clock(content: Content, day: dt.date) -> None:
    """Fix the date ages are counted to (the build sets the build date; tests set fixed dates)."""
    content.derived["currency:today"] = day


def months_between(then: dt.date, now: dt.date) -> int:
    """Whole months from `then` to `now` (0 when `now` is earlier): 30 April 2023 to 5 December 2026 is 43."""
    months = (now.year - then.year) * 12 + (now.month - then.month)
    # A month is complete when the day of month is reached; the last day of a month counts as reached
    # by the last day of a shorter month (31 August to 30 September is one month).
    next_day = now + dt.timedelta(days=1)
    if now.day < then.day and next_day.month == now.month:
        months -= 1
    return max(months, 0)


def age_words(months: int) -> str:
    """'för 3 år och 7 månader sedan', 'för 1 månad sedan', 'för mindre än en månad sedan'."""
    years, rest = divmod(months, 12)
    parts = [count(years, "år", "år")] if years else []
    if rest:
        parts.append(count(rest, "månad", "månader"))
    if not parts:
        return "för mindre än en månad sedan"
    return "för " + " och ".join(parts) + " sedan"


def month_year(day: dt.date) -> str:
    """'april 2023'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def current_months(content: Content) -> int:
    settings = content.settings
    months = getattr(settings, "status_current_months", None) if settings else None
    return months or DEFAULT_CURRENT_MONTHS


@dataclass(frozen=True)
class StatusAge:
    """A status's period in words, its age on the build date and whether it is outdated."""

    period_id: str
    period_label: str
    date: dt.date
    months: int
    outdated: bool
    next_period: str | None  # the follow-up expected after this one (data/periods.yaml), if declared

    @property
    def words(self) -> str:
        """'april 2023'."""
        return month_year(self.date)

    @property
    def age(self) -> str:
        """'för 3 år och 7 månader sedan'."""
        return age_words(self.months)

    @property
    def text(self) -> str:
        """'bedömd april 2023, för 3 år och 7 månader sedan'."""
        return f"bedömd {self.words}, {self.age}"

    @property
    def outdated_text(self) -> str | None:
        """'Inaktuell: senaste bedömningen gäller april 2023' when outdated, else None."""
        return f"Inaktuell: senaste bedömningen gäller {self.words}" if self.outdated else None

    def view(self) -> AgeView:
        """What a page shows: the sentence, whether it is outdated, and the period date for <time>."""
        sentence = (f"senaste bedömningen gäller {self.words}, {self.age}" if self.outdated
                    else self.text[:1].upper() + self.text[1:])
        return AgeView(sentence, self.words, self.outdated, self.date.isoformat())


@dataclass(frozen=True)
class AgeView:
    """A status's age as pages show it. Hashable, so listings render each distinct one once (render.age_label)."""

    sentence: str  # 'Bedömd april 2023, för 3 månader sedan' or, outdated, 'senaste bedömningen gäller …'
    short: str  # 'april 2023', for listing rows
    outdated: bool
    iso: str  # the period's date, for <time datetime>


def status_age(content: Content, period_id: str | None, final: bool = False) -> StatusAge | None:
    """The age of a status given at `period_id` (None for an unknown period or no status). A `final`
    status (a mission reported complete) has an age but never goes out of date."""
    period = content.periods.get(period_id) if period_id else None
    if period is None:
        return None
    months = months_between(period.date, clock(content))
    return StatusAge(period.id, period.label, period.date, months,
                     not final and months >= current_months(content), _next_periods(content).get(period.id))


def _next_periods(content: Content) -> dict[str, str]:
    """Each period's id -> the label of the period that follows it by date (computed once per content)."""
    known = content.derived.get("currency:next")
    if known is None:
        ordered = sorted(content.periods.values(), key=lambda p: p.date)
        known = content.derived["currency:next"] = {a.id: b.label for a, b in zip(ordered, ordered[1:], strict=False)}
    return known


def current_age(content: Content, applies_to: str, follow_up: GoalFollowUp | MissionFollowUp | None
                ) -> StatusAge | None:
    """The age of a record's latest status: what every view, listing and open-data row shows."""
    if follow_up is None:
        return None
    status = content.status(applies_to, follow_up.status)
    return status_age(content, follow_up.period, final=bool(status and status.category == "complete"))


def outdated_count(ages: Iterable[StatusAge | None]) -> int:
    """How many of the statuses are outdated (records without a status are not counted)."""
    return sum(1 for a in ages if a is not None and a.outdated)


def outdated_sentence(outdated: int, assessed: int, months: int) -> str | None:
    """'2 av 5 bedömningar är inaktuella: äldre än 8 månader.' for overviews; None when none is."""
    if not outdated:
        return None
    verb = "är inaktuell" if outdated == 1 else "är inaktuella"
    noun = "bedömning" if assessed == 1 else "bedömningar"
    pronoun = "den" if outdated == 1 else "de"
    return (f"{outdated} av {assessed} {noun} {verb}: äldre än {months} månader, "
            f"så {pronoun} kan ha ersatts av nyare uppföljningar som ännu inte finns i portalen.")


# --- indicator values -------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueAge:
    """The home municipality's newest value of an indicator, measured against its publication cycle."""

    newest_year: int | None  # None: the portal has no value for the home municipality
    expected_year: int | None  # the newest year that should be published by now (None: no cycle declared)
    outdated: bool
    cycle: str | None  # 'Nya värden publiceras en gång om året, i maj.'
    next_expected: str | None  # 'Värden för 2026 väntas i maj 2027.'

    @property
    def outdated_text(self) -> str | None:
        if not self.outdated or self.newest_year is None:
            return None
        return (f"Inaktuell: senaste värdet gäller {self.newest_year}; "
                f"värden för {self.expected_year} borde finnas")


def expected_year(indicator: Indicator, today: dt.date) -> int | None:
    """The newest year whose values the cycle says are published by `today` (None without a cycle)."""
    cycle = indicator.publication
    if cycle is None:
        return None
    published_this_year = (today.month, today.day) >= (cycle.month, 1)
    return today.year - cycle.lag_years + (0 if published_this_year else -1)


def value_age(indicator: Indicator, rows: list[SeriesRow], today: dt.date) -> ValueAge:
    years = [r.year for r in rows if r.municipality == indicator.home and r.value is not None]
    newest = max(years) if years else None
    expected = expected_year(indicator, today)
    cycle = indicator.publication
    cycle_text = next_text = None
    if cycle is not None and expected is not None:
        month = MONTHS[cycle.month - 1]
        cycle_text = f"Nya värden publiceras en gång om året, i {month}, för året {_years_back(cycle.lag_years)}."
        next_text = f"Värden för {expected + 1} väntas i {month} {expected + 1 + cycle.lag_years}."
    outdated = newest is not None and expected is not None and newest < expected
    return ValueAge(newest, expected, outdated, cycle_text, next_text)


def _years_back(lag: int) -> str:
    return "innan" if lag == 1 else f"{lag} år tidigare"
