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

from macros.content.models import GoalFollowUp, Indicator, MissionFollowUp, Publication, SeriesRow
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


# --- indicator values -------------------------------------------------------------------------

# When an indicator declares no publication cycle: values for a year are taken to be published by the end of
# the year after (most yearly statistics are), so a series is only marked outdated when it is clearly behind.
# Validation warns the editor to declare the source's real cycle (validation/checks.py).
DEFAULT_PUBLICATION = Publication(month=12, lag_years=1)


@dataclass(frozen=True)
class ValueAge:
    """An indicator's newest value measured against its publication cycle: the home municipality's newest
    value, or, when the portal has none for it, the newest value in the series (what the charts show)."""

    newest_year: int | None  # the home municipality's newest year; None: the portal has no value for it
    series_year: int | None  # the newest year with any value in the series; None: no value at all
    expected_year: int | None  # the newest year that should be published by now (by the declared or default cycle)
    outdated: bool
    declared: bool  # whether the indicator declares its cycle (else DEFAULT_PUBLICATION is assumed)
    cycle: str | None  # 'Nya värden publiceras en gång om året, i maj.' (None without a declared cycle)
    next_expected: str | None  # 'Värden för 2026 väntas i maj 2027.'
    today_year: int = 0
    home: str = ""  # the home municipality's name, for the sentence

    @property
    def shown_year(self) -> int | None:
        """The year the age is told of: the home municipality's newest, else the series' newest."""
        return self.newest_year if self.newest_year is not None else self.series_year

    @property
    def age(self) -> str | None:
        """'för 3 år sedan', 'i år'."""
        year = self.shown_year
        if year is None:
            return None
        years = max(self.today_year - year, 0)
        return "i år" if years == 0 else f"för {count(years, 'år', 'år')} sedan"

    @property
    def sentence(self) -> str | None:
        """'Senaste värde för Testby avser 2023, för 3 år sedan.' or, without a home value, the series'
        newest: 'Senaste värde i dataserien avser 2023, för 3 år sedan; för Testby finns inget värde.'"""
        if self.shown_year is None:
            return None
        if self.newest_year is not None:
            return f"Senaste värde för {self.home} avser {self.newest_year}, {self.age}."
        return (f"Senaste värde i dataserien avser {self.series_year}, {self.age}; "
                f"för {self.home} finns inget värde.")

    @property
    def outdated_text(self) -> str | None:
        """'Inaktuell: senaste värdet gäller 2023; värden för 2025 borde finnas' (and on what the expectation
        rests when the indicator declares no cycle)."""
        if not self.outdated or self.shown_year is None:
            return None
        text = f"Inaktuell: senaste värdet gäller {self.shown_year}; värden för {self.expected_year} borde finnas"
        if not self.declared:
            text += " om källan publicerar en gång om året"
        return text


def expected_year(indicator: Indicator, today: dt.date) -> int | None:
    """The newest year whose values the declared cycle says are published by `today` (None without one)."""
    cycle = indicator.publication
    return None if cycle is None else _expected(cycle, today)


def _expected(cycle: Publication, today: dt.date) -> int:
    published_this_year = (today.month, today.day) >= (cycle.month, 1)
    return today.year - cycle.lag_years + (0 if published_this_year else -1)


def value_age(indicator: Indicator, rows: list[SeriesRow], today: dt.date, home: str = "") -> ValueAge:
    """The age of an indicator's newest value on `today`; outdated by its declared cycle or, without one,
    by DEFAULT_PUBLICATION (every series is held to a rhythm, DESIGN.md "Currency")."""
    years = [r.year for r in rows if r.municipality == indicator.home and r.value is not None]
    newest = max(years) if years else None
    series_years = [r.year for r in rows if r.value is not None]
    series_newest = max(series_years) if series_years else None
    cycle = indicator.publication
    expected = _expected(cycle or DEFAULT_PUBLICATION, today)
    cycle_text = next_text = None
    if cycle is not None:
        month = MONTHS[cycle.month - 1]
        cycle_text = f"Nya värden publiceras en gång om året, i {month}, för året {_years_back(cycle.lag_years)}."
        next_text = f"Värden för {expected + 1} väntas i {month} {expected + 1 + cycle.lag_years}."
    shown = newest if newest is not None else series_newest
    outdated = shown is not None and shown < expected
    return ValueAge(newest, series_newest, expected, outdated, cycle is not None, cycle_text, next_text,
                    today.year, home or (indicator.home or ""))


def _years_back(lag: int) -> str:
    return "innan" if lag == 1 else f"{lag} år tidigare"
