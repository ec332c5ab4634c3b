"""The pages the portal makes: every view by name, and the list of pages generated from the content.

A hand-written page in docs/ calls a view as a macro (`{{ goal_page("mal-1") }}`); a generated
page (one per record, and the continuation pages of long listings) names its view and arguments
here. Both are rendered by `render_view`. Nothing here knows about mkdocs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from macros.build.search_terms import record_tags
from macros.content.municipality import term
from macros.facts import derive
from macros.facts.derive import committee_missions
from macros.facts.events import latest_changes
from macros.structure import paging
from macros.structure.names import committee_heading, goal_name, mission_name
from macros.structure.urls import CHANGES_URL, Linker, page_file, page_url, section_url
from macros.text.htmlsafe import html_safe
from macros.views import views
from macros.views.render import render
from macros.views.report import report_contact, report_view

if TYPE_CHECKING:
    from macros.build.portal import Portal


def _render(template: str, view: dict[str, Any] | list[Any], key: str | None = None) -> str:
    return render(template, **({key: view} if key else view))


def _changed(portal: Portal, kind: str, record_id: str) -> str:
    """The line under a record page saying when its content last changed, from git (macros/gitdates.py)."""
    return render("changed.html", sentence=portal.changed_sentence(kind, record_id))


def _reported(html: str, portal: Portal, link: Linker, title: str) -> str:
    """A record page's body with the 'Rapportera fel' line under it, the page named (report.py)."""
    view = report_view(portal.content.settings, title, "/" + "".join(p + "/" for p in link.base))
    return html + render("report.html", **view) if view else html


# Every page view by name: (portal, linker for the page, arguments) -> HTML.
PAGE_VIEWS: dict[str, Callable[..., str]] = {
    "start_page": lambda portal, link: _render("start.html", views.start_page(portal.content, link)),
    "goals_overview": lambda portal, link: _render("goals.html", {
        "goals": views.goals_overview(portal.content, link),
        "outdated_note": views.outdated_note(portal.content, derive.goals_sorted(portal.content))}),
    "goal_page": lambda portal, link, goal_id: _reported(_render(
        "goal.html", views.goal_page(portal.content, portal.content.goals[goal_id], link))
        + _changed(portal, "goals", goal_id), portal, link, goal_name(portal.content.goals[goal_id])),
    "mission_page": lambda portal, link, mission_id: _reported(_render(
        "mission.html", views.mission_page(portal.content, portal.content.missions[mission_id], link))
        + _changed(portal, "missions", mission_id), portal, link, mission_name(portal.content.missions[mission_id])),
    "missions_overview": lambda portal, link, number=1: _render(
        "missions.html", views.missions_overview(portal.content, link, number, portal.page_size)),
    "committee_page": lambda portal, link, committee_id, number=1: _reported(_render(
        "committee.html", views.committee_page(portal.content, committee_id, link, number, portal.page_size)),
        portal, link, portal.content.committees[committee_id].name),
    "committees_overview": lambda portal, link: _render("committees.html", {
        "rows": views.committees_overview(portal.content, link),
        "outdated_note": views.outdated_note(portal.content, derive.sorted_missions(portal.content))}),
    "indicator_page": lambda portal, link, indicator_id: _reported(_render("indicator.html", views.indicator_page(
        portal.content, indicator_id, link, portal.charts.get(indicator_id, [])))
        + _changed(portal, "indicators", indicator_id), portal, link, portal.content.indicators[indicator_id].title),
    "indicators_overview": lambda portal, link: _render(
        "indicators.html", views.indicators_overview(portal.content, link), "rows"),
    "news_page": lambda portal, link, news_id: _reported(_render(
        "news.html", views.news_page(portal.content, news_id, link)) + _changed(portal, "news", news_id),
        portal, link, portal.content.news[news_id].title),
    "news_overview": lambda portal, link: _render("news_list.html", views.news_overview(portal.content, link)),
    "changes_page": lambda portal, link, number=1: _render(
        "changes.html", views.changes_page(portal.content, link, number, portal.page_size)),
    "open_data_page": lambda portal, link: _render("opendata.html", views.open_data_page(portal.content, link)),
    "currency_rule": lambda portal, link: _render("currency_rule.html", views.currency_rule(portal.content)),
    "report_contact": lambda portal, link: render("report_contact.html", **report_contact(portal.content.settings)),
    "status_legend": lambda portal, link, applies_to: _render(
        "legend.html", views.status_legend(portal.content, applies_to), "statuses"),
}


def render_view(portal: Portal, page_url: str, name: str, args: tuple[Any, ...]) -> str:
    """The HTML of the named view for the page at site-relative `page_url`."""
    return PAGE_VIEWS[name](portal, Linker(page_url), *args)


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from content: its source path (relative to docs/), its Markdown (front matter and
    heading) and the view that renders its body."""

    kind: str  # 'goals', 'missions', 'committees', 'indicators', 'news', or 'listings' (continuation pages)
    src_uri: str
    markdown: str
    view: str  # a name in PAGE_VIEWS
    args: tuple[str | int, ...]


def generated_pages(portal: Portal) -> list[GeneratedPage]:
    """Every per-record page and every continuation page of a long listing."""
    c = portal.content
    pages: list[GeneratedPage] = []
    for kind, records, view, title, heading in (
        ("goals", c.goals, "goal_page", goal_name, lambda r: r.title),
        ("missions", c.missions, "mission_page", mission_name, lambda r: r.title),
        ("committees", c.committees, "committee_page", lambda r: r.name, committee_heading),
        ("indicators", c.indicators, "indicator_page", lambda r: r.title, lambda r: r.title),
        ("news", c.news, "news_page", lambda r: r.title, lambda r: r.title),
    ):
        for record_id, record in records.items():
            pages.append(GeneratedPage(kind, page_file(kind, record_id), page_markdown(
                title(record), heading(record), tags=record_tags(record)), view, (record_id,)))
    # Continuation pages of long listings (page 1 is the listing itself, a hand-written page).
    # Each listing: base URL, name, view, leading arguments (the page number comes last), rows.
    listings = [(section_url("missions"), f"Alla {term('missions').plural}", "missions_overview", (), len(c.missions)),
                (CHANGES_URL, "Vad har ändrats?", "changes_page", (), len(latest_changes(c)[2]))]
    for committee in c.committees.values():
        responsible, concerned = committee_missions(c, committee.id)
        listings.append((page_url("committees", committee.id), committee.name, "committee_page", (committee.id,),
                         max(len(responsible), len(concerned))))
    for base, name, view, args, total in listings:
        for number in range(2, paging.page_count(total, portal.page_size) + 1):
            heading = f"{name} – sida {number}"
            pages.append(GeneratedPage("listings", paging.listing_page_file(base, number),
                                       page_markdown(heading, heading, searchable=False), view, (*args, number)))
    return pages


# Entities for the characters HTML and Jinja treat as syntax; both show an entity as the character.
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"})
# Those, and a backslash before each character Python-Markdown gives meaning to. One pass, char by char.
_INERT = {**str.maketrans({c: "\\" + c for c in "\\`*_[]()#+-.!"}), **_ENTITIES}


def inert(text: str) -> str:
    """Text that Markdown, HTML and Jinja all show literally: entities for <>&{}, escapes for the rest."""
    return " ".join(text.split()).translate(_INERT)


def page_markdown(title: str, heading: str, searchable: bool = True, tags: list[str] | None = None) -> str:
    """A generated page: front-matter title and a Markdown H1 (for the table of contents and skip link).
    Its body is rendered by its view and added by the plugin after Markdown; mkdocs-macros is told to
    leave the page alone, so nothing in it is ever evaluated as a template."""
    safe_title = html_safe(title).translate(_ENTITIES)
    if len(safe_title) > 120:
        safe_title = safe_title[:117].rstrip() + "…"
    # Continuation pages of listings hold only tables of records that have pages of their own;
    # indexing them would add duplicate hits and cost a full HTML parse each.
    search = "" if searchable else "search:\n  exclude: true\n"
    # Words the page is found by first (search_terms.py); JSON is YAML, so any text is quoted safely.
    search += f"tags: {json.dumps([html_safe(t) for t in tags], ensure_ascii=False)}\n" if tags else ""
    return (f"---\ntitle: {json.dumps(safe_title, ensure_ascii=False)}\nrender_macros: false\n{search}---\n\n"
            f"# {inert(html_safe(heading))}\n")
