"""mkdocs and mkdocs-macros glue: the only module that knows about mkdocs objects. Keep it thin."""

from __future__ import annotations

import itertools
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import views
from .loader import ContentError
from .render import render as render_html
from .site import Portal, load_portal
from .urls import Linker

log = logging.getLogger("mkdocs.plugins.portal")

_portals: dict[str, Portal] = {}


def project_root(config: Any) -> Path:
    return Path(config["config_file_path"]).resolve().parent


def cache_dir(config: Any) -> Path:
    """Rendered charts and the Vega bundle are cached here across builds (by content hash)."""
    return project_root(config) / ".cache"


def portal_for(config: Any, reload: bool = False) -> Portal:
    """The portal for this build, loaded once per build; content errors abort the build cleanly."""
    key = str(project_root(config))
    if reload or key not in _portals:
        try:
            _portals[key] = load_portal(project_root(config), cache_dir(config))
        except ContentError as exc:
            raise PluginError(
                "Innehållet har fel och webbplatsen byggs inte:\n" + "\n".join(p.text() for p in exc.problems)
            ) from None
        for warning in _portals[key].warnings:
            log.info(warning.text())  # info, not warning: a content warning must not fail --strict
    return _portals[key]


# Rendered fragments wait here between the macro call and on_page_content. Python-Markdown would
# otherwise re-parse every generated HTML block with its HTML parser, which was about a third of
# the build time at 1,000 missions; the fragment is already final HTML.
# Listing tables carry data-search-exclude, so the search index never holds them; they are also
# kept out of the page until the search plugin has indexed it, which spares the indexer from
# parsing them (they were most of its input on listing pages).
_fragments: dict[str, str] = {}
_fragment_ids = itertools.count()
_FRAGMENT = re.compile(r'<div data-pm-(fragment|late)="([a-z0-9/_.:-]+)"></div>')
_EXCLUDED_TABLE = re.compile(r'<div class="pm-table-wrap"[^>]*data-search-exclude>.*?</table>\s*</div>', re.S)


def _park(page_url: str, html: str, kind: str) -> str:
    key = f"{page_url or 'index'}:{next(_fragment_ids)}"
    _fragments[key] = html
    return f'<div data-pm-{kind}="{key}"></div>'


def hold(page_url: str, html: str) -> str:
    """Park `html` and return a placeholder block that Markdown passes through untouched."""
    html = _EXCLUDED_TABLE.sub(lambda m: _park(page_url, m.group(0), "late"), html)
    return "\n" + _park(page_url, html, "fragment") + "\n"


def release(page_html: str) -> str:
    """Put the parked fragments back, except listing tables (called from on_page_content)."""
    return _FRAGMENT.sub(lambda m: _fragments.pop(m.group(2)) if m.group(1) == "fragment" else m.group(0),
                         page_html)


def release_late(page_html: str) -> str:
    """Put the listing tables back once the page is indexed (called from on_page_context)."""
    return _FRAGMENT.sub(lambda m: _fragments.pop(m.group(2)), page_html)


def define_env(env: Any) -> None:
    """Register the page macros. Each builds a view for the current page and renders it."""

    def ctx() -> tuple[Portal, Linker]:
        return portal_for(env.conf), Linker(env.page.url if env.page else "")

    def render(template: str, **context: Any) -> str:
        return hold(env.page.url if env.page else "", render_html(template, **context))

    @env.macro
    def start_page() -> str:
        portal, link = ctx()
        return render("start.html", **views.start_page(portal.content, link))

    @env.macro
    def goals_overview() -> str:
        portal, link = ctx()
        return render("goals.html", goals=views.goals_overview(portal.content, link))

    @env.macro
    def goal_page(goal_id: str) -> str:
        portal, link = ctx()
        return render("goal.html", **views.goal_page(portal.content, portal.content.goals[goal_id], link))

    @env.macro
    def mission_page(mission_id: str) -> str:
        portal, link = ctx()
        return render("mission.html", **views.mission_page(portal.content, portal.content.missions[mission_id], link))

    @env.macro
    def missions_overview(number: int = 1) -> str:
        portal, link = ctx()
        return render("missions.html", **views.missions_overview(portal.content, link, number))

    @env.macro
    def committee_page(committee_id: str, number: int = 1) -> str:
        portal, link = ctx()
        return render("committee.html", **views.committee_page(portal.content, committee_id, link, number))

    @env.macro
    def committees_overview() -> str:
        portal, link = ctx()
        return render("committees.html", rows=views.committees_overview(portal.content, link))

    @env.macro
    def indicator_page(indicator_id: str) -> str:
        portal, link = ctx()
        charts = portal.indicator_charts(indicator_id)
        return render("indicator.html", **views.indicator_page(portal.content, indicator_id, link, charts))

    @env.macro
    def indicators_overview() -> str:
        portal, link = ctx()
        return render("indicators.html", rows=views.indicators_overview(portal.content, link))

    @env.macro
    def news_page(news_id: str) -> str:
        portal, link = ctx()
        return render("news.html", **views.news_page(portal.content, news_id, link))

    @env.macro
    def changes_page(number: int = 1) -> str:
        portal, link = ctx()
        return render("changes.html", **views.changes_page(portal.content, link, number))

    @env.macro
    def open_data_page() -> str:
        portal, link = ctx()
        return render("opendata.html", **views.open_data_page(portal.content, link))

    @env.macro
    def status_legend(applies_to: str) -> str:
        portal, _ = ctx()
        return render("legend.html", statuses=views.status_legend(portal.content, applies_to))
