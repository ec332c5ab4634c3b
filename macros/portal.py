"""The portal for one build: validated content, its charts, and the files made from all of it.

Built once per build, before any page renders: chart assets are data here, so no page kind has
side effects. No mkdocs imports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paging
from .charts import HOME_COLOR, ChartRenderer, chart_files, chart_view, indicator_charts, vega_bundle
from .colours import STYLESHEET, stylesheet
from .content import Content, ContentError
from .derive import sorted_missions
from .loader import errors_only, load_content
from .municipality import activate
from .problems import Problem
from .render import render
from .urls import Linker, mission_rows_url, page_url
from .views import mission_row


@dataclass
class Portal:
    """Everything one build needs. `assets` are site-relative paths and their bytes or text."""

    root: Path
    content: Content
    warnings: list[Problem]
    renderer: ChartRenderer
    page_size: int = paging.PAGE_SIZE
    charts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # indicator id -> what its page shows
    assets: dict[str, str | bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        activate(self.content.settings)  # names, URLs and templates in this portal's words (macros/municipality.py)

    def build_charts(self) -> None:
        """Build (or take from the cache) every indicator's charts, and the files they are served as."""
        names = self.content.municipalities
        # The home municipality in the site's own colour (contrast checked against white, the charts' background).
        home_color = self.content.settings.colours.primary if self.content.settings else HOME_COLOR
        for indicator_id, ind in self.content.indicators.items():
            rows = self.content.series.get(ind.series, [])
            shown = []
            for chart, svgs in indicator_charts(ind, rows, names, self.renderer, home_color):
                self.assets.update(chart_files(chart, svgs, page_url("indicators", indicator_id) + chart.slug))
                shown.append(chart_view(chart, svgs))
            self.charts[indicator_id] = shown
        if self.charts and any(self.charts.values()):
            self.assets["assets/vendor/vega.js"] = vega_bundle(self.renderer.cache_dir / "vendor"
                                                               if self.renderer.cache_dir else None)

    def site_files(self, site_url: str, today: dt.date) -> dict[str, str]:
        """Files derived from the whole content: Atom feeds, the open-data API with its catalogue, and the
        rows the mission filters fetch when the listing has several pages."""
        from .feeds import all_feeds
        from .opendata import open_data_files

        tag = self.content.settings.feed_tag if self.content.settings else "example.invalid,2026"
        files = {**all_feeds(self.content, site_url, tag, today), **open_data_files(self.content, site_url)}
        if self.content.settings is not None:
            files[STYLESHEET] = stylesheet(self.content.settings.colours)
        if paging.page_count(len(self.content.missions), self.page_size) > 1:
            link = Linker(mission_rows_url())
            rows = [mission_row(self.content, m, link) for m in sorted_missions(self.content)]
            files[mission_rows_url()] = render("mission_rows.html", rows=rows)
        return files


def load_portal(root: Path, cache_dir: Path | None = None, page_size: int = paging.PAGE_SIZE) -> Portal:
    """Load and validate everything and build the charts; raise ContentError if anything is wrong
    (never publish partially)."""
    content, problems = load_content(root)
    errors = errors_only(problems)
    if errors:
        raise ContentError(errors)
    portal = Portal(root=root, content=content, warnings=[p for p in problems if p.severity == "warning"],
                    renderer=ChartRenderer(cache_dir), page_size=page_size)
    portal.build_charts()
    return portal
