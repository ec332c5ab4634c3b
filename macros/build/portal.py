"""The portal for one build: validated content, its charts, and the files made from all of it.

Built once per build, before any page renders: chart assets are data here, so no page kind has
side effects. No mkdocs imports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.content.colours import STYLESHEET, stylesheet
from macros.content.gitdates import GitDates, change_sentence, read_git_dates
from macros.content.githistory import GitHistory, read_git_history
from macros.content.municipality import activate
from macros.content.problem import Problem
from macros.content.store import Content, ContentError
from macros.facts.changelog import ContentChanges, Shown, content_changes, recorded_changes, set_changes
from macros.facts.currency import clock
from macros.publish.chart_credit import credited_images
from macros.publish.charts import (
    HOME_COLOR,
    ChartRenderer,
    chart_files,
    chart_view,
    indicator_charts,
    vega_bundle,
)
from macros.structure import paging
from macros.structure.urls import CONTENT_CHANGES_URL, Linker, mission_rows_url, page_url
from macros.text.swedish import long_date
from macros.validation.loader import errors_only, load_content
from macros.views.listings import missions_listing
from macros.views.render import render
from macros.views.views import mission_row, missions_overview_columns


@dataclass
class Portal:
    """Everything one build needs. `assets` are site-relative paths and their bytes or text."""

    root: Path
    content: Content
    warnings: list[Problem]
    renderer: ChartRenderer
    page_sizes: paging.PageSizes = field(default_factory=paging.PageSizes)  # rows per page of each listing
    charts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # indicator id -> what its page shows
    assets: dict[str, str | bytes] = field(default_factory=dict)
    git_dates: GitDates = field(default_factory=lambda: GitDates(False))
    git_history: GitHistory = field(default_factory=lambda: GitHistory(False))
    site_url: str = "/"  # the published site's address (mkdocs' site_url), set by the plugin

    def record_files(self, kind: str, record_id: str) -> list[str]:
        """The files a record's page is made from: its YAML, and an indicator's series."""
        files = [self.content.origin(kind, record_id).file] if (kind, record_id) in self.content.origins else []
        if kind == "indicators" and record_id in self.content.indicators:
            series = self.content.indicators[record_id].series
            if ("series", series) in self.content.origins:
                files.append(self.content.origin("series", series).file)
        return files

    @property
    def changes(self) -> ContentChanges:
        """What changed in each record, from git (facts/changelog.py), as the content's pages show it."""
        return recorded_changes(self.content)

    def changed_sentence(self, kind: str, record_id: str) -> str:
        """When the record's page content last changed: the date of its newest visible change, the one its
        page's 'Ändringar' shows first (a commit that only touched an editor's note changes nothing a
        reader sees). Without such a change, what git can tell (gitdates.change_sentence)."""
        from macros.text.swedish import long_date

        files = self.record_files(kind, record_id)
        dates = self.git_dates
        dirty = next((f for f in files if f in dates.uncommitted), None)
        entries = self.changes.of(kind, record_id)
        if entries and not dirty:
            return f"Innehållet ändrades senast {long_date(entries[0].date)}."
        if dates.shallow and not dirty:
            return change_sentence(dates, "", clock(self.content))  # its visible changes are older than the clone
        known = [f for f in files if dates.last_changed(f)]
        newest = max(known, key=lambda f: dates.changed[f], default=files[0] if files else "")
        return change_sentence(dates, dirty or newest, clock(self.content))

    def site_dates(self) -> dict[str, str]:
        """When the site was built and when its content last changed, for the footer."""
        from macros.text.swedish import long_date

        # The newest change a reader can see, which the changes page lists first (facts/changelog.py).
        newest = self.changes.newest()
        return {"built": long_date(clock(self.content)), "built_iso": clock(self.content).isoformat(),
                "changed": long_date(newest.date()) if newest else None,
                "changed_iso": newest.date().isoformat() if newest else None,
                "changed_url": CONTENT_CHANGES_URL,
                "uncommitted": bool(self.git_dates.uncommitted)}

    def __post_init__(self) -> None:
        activate(self.content.settings)  # names, URLs and templates in this portal's words (macros/municipality.py)
        set_changes(self.content, content_changes(self.content, self.git_history, shown_fields()))
        # The versions' texts are needed only to derive the changes: not kept for the rest of the build.
        # The change dates drawn from the same walk are in git_dates already.
        self.git_history = GitHistory(self.git_history.available, (), self.git_history.shallow)

    def build_charts(self) -> None:
        """Build (or take from the cache) every indicator's charts, and the files they are served as."""
        names = self.content.municipalities
        # The home municipality in the site's own colour (contrast checked against white, the charts' background).
        home_color = self.content.settings.colours.primary if self.content.settings else HOME_COLOR
        for indicator_id, ind in self.content.indicators.items():
            rows = self.content.series.get(ind.series, [])
            shown = []
            for chart, plain_svgs in indicator_charts(ind, rows, names, self.renderer, home_color):
                svgs = credited_images(chart, plain_svgs, long_date(clock(self.content)))
                self.assets.update(chart_files(chart, svgs, page_url("indicators", indicator_id) + chart.slug))
                shown.append(chart_view(chart, svgs))
            self.charts[indicator_id] = shown
        if self.charts and any(self.charts.values()):
            self.assets["assets/vendor/vega.js"] = vega_bundle(self.renderer.cache_dir / "vendor"
                                                               if self.renderer.cache_dir else None)

    def site_files(self, site_url: str, today: dt.date) -> dict[str, str]:
        """Files derived from the whole content: Atom feeds, the open-data API with its catalogue, the
        rows the mission filters fetch when the listing has several pages, and the editors' JSON Schemas
        (generated here, never committed, so a new vocabulary id can never leave a stale copy)."""
        from macros.editors.schema import build_schemas
        from macros.publish.feeds import FEED_STYLESHEET, all_feeds, feed_stylesheet
        from macros.publish.opendata import open_data_files

        tag = self.content.settings.feed_tag if self.content.settings else "example.invalid,2026"
        files = {**all_feeds(self.content, site_url, tag, today), **open_data_files(self.content, site_url)}
        files[FEED_STYLESHEET] = feed_stylesheet()
        files.update({f"schemas/{name}": text for name, text in build_schemas(self.content).items()})
        if self.content.settings is not None:
            files[STYLESHEET] = stylesheet(self.content.settings.colours)
        missions = missions_listing(self.content, self.page_sizes.missions)
        if missions.paged:
            link = Linker(mission_rows_url())
            rows = [mission_row(self.content, m, link) for m in missions.rows]
            files[mission_rows_url()] = render("mission_rows.html", rows=rows,
                                               hide=missions_overview_columns(self.content).hidden)
        return files


def shown_fields() -> Shown:
    """What citizens see of each record kind, as publish/fields.py declares it, for the change lists."""
    from macros.editors.option_words import OPTION_WORDS
    from macros.publish.fields import ALWAYS_LEFT_OUT, PUBLISHED

    return Shown({kind: frozenset(p.published() - set(p.left_out())) for kind, p in PUBLISHED.items()},
                 frozenset(ALWAYS_LEFT_OUT), OPTION_WORDS)


def load_portal(root: Path, cache_dir: Path | None = None,
                page_sizes: paging.PageSizes | None = None) -> Portal:
    """Load and validate everything and build the charts; raise ContentError if anything is wrong
    (never publish partially)."""
    content, problems = load_content(root)
    errors = errors_only(problems)
    if errors:
        raise ContentError(errors)
    history = read_git_history(root)  # the one walk of git: the changes and the change dates
    portal = Portal(root=root, content=content, warnings=[p for p in problems if p.severity == "warning"],
                    renderer=ChartRenderer(cache_dir), page_sizes=page_sizes or paging.PageSizes(),
                    git_dates=read_git_dates(root, history), git_history=history)
    portal.build_charts()
    return portal
