"""mkdocs and mkdocs-macros glue: the only module that knows about mkdocs objects. Keep it thin."""

from __future__ import annotations

import ast
import itertools
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.exceptions import PluginError

from . import views
from .indexing import fragment_input, indexer_input, is_sensitive
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
    key = config["config_file_path"]  # called by every hook for every page: no path resolving here
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


class Fragment(NamedTuple):
    """Rendered HTML for a page, and what the search indexer is to read of it (None: the whole page)."""

    html: str
    search: str | None


# Rendered fragments wait here between the view and on_page_content. Python-Markdown would
# otherwise re-parse every generated HTML block with its HTML parser, which was about a third of
# the build time at 1,000 missions; the fragment is already final HTML.
_fragments: dict[str, Fragment] = {}
_fragment_ids = itertools.count()
_FRAGMENT = re.compile(r'<div data-pm-fragment="([a-z0-9/_.:-]+)"></div>')
# Whole pages wait here while the search plugin indexes a lighter copy (see indexing.py).
_pages: dict[str, str] = {}


def hold(page_url: str, fragment: Fragment) -> str:
    """Park `fragment` and return a placeholder block that Markdown passes through untouched."""
    key = f"{page_url or 'index'}:{next(_fragment_ids)}"
    _fragments[key] = fragment
    return f'\n<div data-pm-fragment="{key}"></div>\n'


def release(page_key: str, page_html: str) -> str:
    """Put the parked fragments back and keep the page; return the copy the search indexer reads
    (called from on_page_content)."""
    held = {key: _fragments.pop(key) for key in _FRAGMENT.findall(page_html)}
    _pages[page_key] = _FRAGMENT.sub(lambda m: held[m.group(1)].html, page_html)
    if is_sensitive(page_html) or any(f.search is None for f in held.values()):
        return indexer_input(_pages[page_key])
    # Slimmed tag by tag: the page's own markup slimmed here, each fragment's slimmed already.
    return _FRAGMENT.sub(lambda m: held[m.group(1)].search or "", indexer_input(page_html))


def restore(page_key: str) -> str:
    """The whole page again, once the search plugin has indexed it (called from on_page_context)."""
    return _pages.pop(page_key)


def _render(template: str, view: dict[str, Any] | list[Any], key: str | None = None) -> str:
    return render_html(template, **({key: view} if key else view))


# Every page view by name: (portal, linker for the page, arguments) -> HTML. Hand-written pages call
# these as macros; generated pages are rendered straight from the on_page_markdown hook, which spares
# mkdocs-macros compiling each of them as a Jinja template (a tenth of the build at 1,000 missions).
PAGE_VIEWS: dict[str, Callable[..., str]] = {
    "start_page": lambda portal, link: _render("start.html", views.start_page(portal.content, link)),
    "goals_overview": lambda portal, link: _render("goals.html", views.goals_overview(portal.content, link), "goals"),
    "goal_page": lambda portal, link, goal_id: _render(
        "goal.html", views.goal_page(portal.content, portal.content.goals[goal_id], link)),
    "mission_page": lambda portal, link, mission_id: _render(
        "mission.html", views.mission_page(portal.content, portal.content.missions[mission_id], link)),
    "missions_overview": lambda portal, link, number=1: _render(
        "missions.html", views.missions_overview(portal.content, link, number)),
    "committee_page": lambda portal, link, committee_id, number=1: _render(
        "committee.html", views.committee_page(portal.content, committee_id, link, number)),
    "committees_overview": lambda portal, link: _render(
        "committees.html", views.committees_overview(portal.content, link), "rows"),
    "indicator_page": lambda portal, link, indicator_id: _render("indicator.html", views.indicator_page(
        portal.content, indicator_id, link, portal.indicator_charts(indicator_id))),
    "indicators_overview": lambda portal, link: _render(
        "indicators.html", views.indicators_overview(portal.content, link), "rows"),
    "news_page": lambda portal, link, news_id: _render("news.html", views.news_page(portal.content, news_id, link)),
    "news_overview": lambda portal, link: _render("news_list.html", views.news_overview(portal.content, link)),
    "changes_page": lambda portal, link, number=1: _render(
        "changes.html", views.changes_page(portal.content, link, number)),
    "open_data_page": lambda portal, link: _render("opendata.html", views.open_data_page(portal.content, link)),
    "status_legend": lambda portal, link, applies_to: _render(
        "legend.html", views.status_legend(portal.content, applies_to), "statuses"),
}


def render_view(portal: Portal, page_url: str, name: str, args: tuple[Any, ...]) -> str:
    """The HTML of the named view for the page at `page_url`."""
    return PAGE_VIEWS[name](portal, Linker(page_url), *args)


def render_fragment(portal: Portal, page_url: str, name: str, args: tuple[Any, ...]) -> Fragment:
    """The named view for the page at `page_url`, with its search indexer input."""
    html = render_view(portal, page_url, name, args)
    return Fragment(html, fragment_input(html))


# A view called as a macro with literal arguments, written out on its own: `{{ name("a", 1) }}`.
_MACRO_CALL = re.compile(r"\{\{\s*(\w+)\(([^(){}]*)\)\s*\}\}")

# Where a macro call may find its fragment rendered ahead (prerender.py), by call_key.
_rendered_ahead: Callable[[str], Fragment | None] | None = None


def macro_calls(markdown: str) -> list[tuple[str, tuple[Any, ...]]]:
    """The view macro calls in a hand-written page that can be rendered before the page is: those
    written out with literal arguments. A call the page makes in any other way is rendered when made."""
    calls = []
    for name, args in _MACRO_CALL.findall(markdown):
        if name not in PAGE_VIEWS or name == "indicator_page":  # charts register assets in this process
            continue
        try:
            values = ast.literal_eval(f"({args},)") if args.strip() else ()
        except (ValueError, SyntaxError):
            continue
        calls.append((name, values))
    return calls


def call_key(page_url: str, name: str, args: tuple[Any, ...]) -> str:
    return f"{page_url}|{name}|{args!r}"


def use_rendered_ahead(lookup: Callable[[str], Fragment | None] | None) -> None:
    """Have macro calls take their fragment from `lookup` (by call_key) where it has one."""
    global _rendered_ahead
    _rendered_ahead = lookup


def page_view(portal: Portal, page_url: str, name: str, *args: Any) -> str:
    """Render the named view for the page at `page_url`, parked until on_page_content."""
    fragment = _rendered_ahead(call_key(page_url, name, args)) if _rendered_ahead else None
    if fragment is None:
        fragment = render_fragment(portal, page_url, name, args)
    return hold(page_url, fragment)


def define_env(env: Any) -> None:
    """Register every page view as a macro for the hand-written pages in docs/."""

    def macro(name: str) -> Callable[..., str]:
        def call(*args: Any) -> str:
            return page_view(portal_for(env.conf), env.page.url if env.page else "", name, *args)

        call.__name__ = name
        return call

    for name in PAGE_VIEWS:
        env.macro(macro(name), name)
