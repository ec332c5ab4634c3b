"""The page views: for each name in structure/page_views.VIEW_NAMES, its template and the typed context
it renders. The data comes from views.py; a record page adds its change line (from git) and its
'Rapportera fel' line, so a template needs nothing but its context.

A context's fields are exactly what its view builds: a dataclass built from a view's dict raises
TypeError on a key too many or too few. Nested rows are typed by their shapes (rows.py) where several
pages share them, and left as `Row` where one template alone reads them. A page that shows a record as
the listings do carries that row whole, as one field (a mission page its MissionRow, a goal page its
GoalCard), never its fields copied one by one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from macros.content.models import Goal, Mission
from macros.facts import derive
from macros.facts.currency import AgeView
from macros.structure.names import goal_name, mission_name
from macros.views import views
from macros.views.columns import Columns
from macros.views.history import record_history
from macros.views.registry import REGISTRY, PageRequest, view
from macros.views.report import page_address, report_contact, report_view
from macros.views.rows import GoalCard, LinkRow, MissionRow, NewsRow, SourceRow
from macros.views.views import CommitteeRef, ProgressView, StatusView

__all__ = ["REGISTRY", "PageRequest"]

Row = dict[str, Any]  # a nested row only one template reads, in the shape views.py builds
Pager = dict[str, Any] | None  # structure.paging.pager: None when the listing fits on one page


def _report(request: PageRequest, title: str) -> dict[str, str] | None:
    """The 'Rapportera fel' line of a record page (report.html), the page named; None without a contact."""
    page_path = "".join(part + "/" for part in request.link.base)
    return report_view(request.content.settings, title, page_address(request.site_url, page_path))


def _record_end(request: PageRequest, kind: str, record_id: str, title: str) -> dict[str, Any]:
    """What every record page ends with: when its content last changed, its changes, the report line."""
    return {"changed": request.changed_sentence(kind, record_id),
            "history": record_history(request.content, kind, record_id, request.link),
            "report": _report(request, title)}


@dataclass(frozen=True)
class StartPage:
    goals: list[GoalCard]
    outdated_note: str | None
    missions_link: str
    news: list[NewsRow]
    news_url: str
    indicators: list[LinkRow]
    missions_url: str


@view("start_page", template="start_page.html")
def start_page(request: PageRequest) -> StartPage:
    return StartPage(**views.start_page(request.content, request.link))


@dataclass(frozen=True)
class GoalsOverview:
    goals: list[GoalCard]
    outdated_note: str | None


@view("goals_overview", template="goals_overview.html")
def goals_overview(request: PageRequest) -> GoalsOverview:
    c = request.content
    return GoalsOverview(goals=views.goals_overview(c, request.link),
                         outdated_note=views.outdated_note(c, derive.goals_sorted(c)))


@dataclass(frozen=True)
class GoalPage:
    # The goal as its card on the start page and the goals overview shows it (views.goal_summary); the
    # page shows all of it but its title (the heading comes from the page's Markdown) and its own link.
    goal: GoalCard
    easy_summary: list[str]
    description: list[str]
    sections: list[Row]
    not_entered: Row | None
    stated_note: str | None
    timeline: list[Row]
    missions: list[MissionRow]
    mission_columns: Columns
    indicators: list[LinkRow]
    news: list[NewsRow]
    source: SourceRow
    goals_url: str
    feed_url: str
    changes_url: str  # the way to follow without a feed reader
    changed: str
    history: Row | None
    report: dict[str, str] | None


@view("goal_page", template="goal_page.html")
def goal_page(request: PageRequest, goal_id: str) -> GoalPage:
    goal: Goal = request.content.goals[goal_id]
    return GoalPage(**views.goal_page(request.content, goal, request.link),
                    **_record_end(request, "goals", goal_id, goal_name(goal)))


@dataclass(frozen=True)
class MissionPage:
    glossary: list[dict[str, str]]
    # The mission as the listings show it (views.mission_row); the page shows its number, status,
    # committees and goal number, the rest (its own link, the filters' keys) serves the listings.
    mission: MissionRow
    goal_title: str
    goal_name: str
    goal_url: str
    description: list[str]
    timeline: list[Row]
    source: SourceRow
    unassessed_as_of: str | None
    unassessed_counts: str | None
    changed: str
    history: Row | None
    report: dict[str, str] | None


@view("mission_page", template="mission_page.html")
def mission_page(request: PageRequest, mission_id: str) -> MissionPage:
    mission: Mission = request.content.missions[mission_id]
    return MissionPage(**views.mission_page(request.content, mission, request.link),
                       **_record_end(request, "missions", mission_id, mission_name(mission)))


@dataclass(frozen=True)
class MissionsOverview:
    rows: list[MissionRow]
    columns: Columns
    outdated_note: str | None
    pager: Pager
    all_rows_url: str
    goals: list[Row]
    statuses: list[Row]
    committees: list[Row]


@view("missions_overview", template="missions_overview.html")
def missions_overview(request: PageRequest, number: int = 1) -> MissionsOverview:
    return MissionsOverview(**views.missions_overview(request.content, request.link, number,
                                                      request.page_sizes.missions))


@dataclass(frozen=True)
class CommitteePage:
    id: str
    name: str
    abbreviation: str
    is_group: bool
    # The headings and empty-list sentences in the number the name takes (views.committee_wording).
    responsible_heading: str
    concerned_heading: str
    responsible_empty: str | None
    concerned_empty: str | None
    group_note: str | None
    responsible: list[MissionRow]
    concerned: list[MissionRow]
    responsible_columns: Columns
    concerned_columns: Columns
    pager: Pager
    scorecard: str | None
    outdated_note: str | None
    overview_url: str
    feed_url: str
    history: Row | None
    changes_url: str  # the way to follow without a feed reader
    indicators: list[LinkRow]
    report: dict[str, str] | None


@view("committee_page", template="committee_page.html")
def committee_page(request: PageRequest, committee_id: str, number: int = 1) -> CommitteePage:
    c = request.content
    return CommitteePage(**views.committee_page(c, committee_id, request.link, number, request.page_sizes.committee),
                         # On the listing's first page only: its continuation pages are the missions alone.
                         history=record_history(c, "committees", committee_id, request.link) if number == 1 else None,
                         report=_report(request, c.committees[committee_id].name))


@dataclass(frozen=True)
class CommitteesOverview:
    rows: list[Row]
    columns: Columns
    outdated_note: str | None


@view("committees_overview", template="committees_overview.html")
def committees_overview(request: PageRequest) -> CommitteesOverview:
    c = request.content
    return CommitteesOverview(**views.committees_overview(c, request.link),
                              outdated_note=views.outdated_note(c, derive.sorted_missions(c)))


@dataclass(frozen=True)
class IndicatorPage:
    title: str
    description: list[str]
    note: list[str]
    direction: str
    target: Row | None
    comparison_aim: str | None
    reference_term: str
    reference_meaning: str
    progress: ProgressView
    comparison: list[str]
    reference: list[str]
    home: str
    goals: list[LinkRow]
    responsible: tuple[CommitteeRef, ...]
    news: list[NewsRow]
    sources: list[Row]
    action_plan: Row | None
    charts: list[Row]
    method_url: str
    series_sheet_url: str
    value_age: Row
    home_missing: str | None
    changed: str
    history: Row | None
    report: dict[str, str] | None


@view("indicator_page", template="indicator_page.html")
def indicator_page(request: PageRequest, indicator_id: str) -> IndicatorPage:
    c = request.content
    built = views.indicator_page(c, indicator_id, request.link, request.charts.get(indicator_id, []))
    return IndicatorPage(**built,
                         **_record_end(request, "indicators", indicator_id, c.indicators[indicator_id].title))


@dataclass(frozen=True)
class IndicatorsOverview:
    rows: list[Row]


@view("indicators_overview", template="indicators_overview.html")
def indicators_overview(request: PageRequest) -> IndicatorsOverview:
    return IndicatorsOverview(rows=views.indicators_overview(request.content, request.link))


@dataclass(frozen=True)
class NewsPage:
    title: str
    date: str
    date_text: str
    overview_url: str
    lead: list[str]
    body: list[str]
    bullets_heading: str | None
    bullets: list[str]
    goals: list[LinkRow]
    indicators: list[LinkRow]
    portal_link_note: str
    source: SourceRow
    changed: str
    history: Row | None
    report: dict[str, str] | None


@view("news_page", template="news_page.html")
def news_page(request: PageRequest, news_id: str) -> NewsPage:
    c = request.content
    return NewsPage(**views.news_page(c, news_id, request.link),
                    **_record_end(request, "news", news_id, c.news[news_id].title))


@dataclass(frozen=True)
class NewsOverview:
    items: list[NewsRow]
    count: str


@view("news_overview", template="news_overview.html")
def news_overview(request: PageRequest) -> NewsOverview:
    return NewsOverview(**views.news_overview(request.content, request.link))


@dataclass(frozen=True)
class ChangesPage:
    latest: str | None
    latest_age: AgeView | None
    previous: str | None
    changes: list[Row]
    firsts: list[Row]
    any_changes: bool
    history: list[Row]
    history_csv: str
    history_sheet: str
    content_changes: Row
    pager: Pager
    feed_url: str


@view("changes_page", template="changes_page.html")
def changes_page(request: PageRequest, number: int = 1) -> ChangesPage:
    return ChangesPage(**views.changes_page(request.content, request.link, number, request.page_sizes.changes))


@dataclass(frozen=True)
class OpenDataPage:
    datasets: list[Row]
    citation: Row
    licence: Row
    feed_entries: int
    index_url: str
    catalog_url: str
    feeds: list[Row]
    record_example: str


@view("open_data_page", template="open_data_page.html")
def open_data_page(request: PageRequest) -> OpenDataPage:
    return OpenDataPage(**views.open_data_page(request.content, request.link, request.site_url))


@dataclass(frozen=True)
class CurrencyRule:
    months: int
    today: str
    upcoming: str | None
    indicator_cycles: list[Row]


@view("currency_rule", template="currency_rule.html")
def currency_rule(request: PageRequest) -> CurrencyRule:
    return CurrencyRule(**views.currency_rule(request.content))


@dataclass(frozen=True)
class ReportContact:
    email: str | None
    url: str | None
    publisher: str | None


@view("report_contact", template="report_contact.html")
def report_contact_view(request: PageRequest) -> ReportContact:
    return ReportContact(**report_contact(request.content.settings))


@dataclass(frozen=True)
class StatusLegend:
    statuses: list[StatusView]


@view("status_legend", template="status_legend.html")
def status_legend(request: PageRequest, applies_to: str) -> StatusLegend:
    return StatusLegend(statuses=views.status_legend(request.content, applies_to))


@dataclass(frozen=True)
class LatestFollowUp:
    label: str


@view("latest_follow_up", template="latest_follow_up.html")
def latest_follow_up(request: PageRequest, goal_id: str) -> LatestFollowUp:
    return LatestFollowUp(label=views.latest_follow_up(request.content, goal_id))


@dataclass(frozen=True)
class AgeExample:
    age: AgeView | None


@view("age_example", template="age_example.html")
def age_example(request: PageRequest) -> AgeExample:
    return AgeExample(age=views.age_example(request.content))
