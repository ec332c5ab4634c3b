"""The loaded portal for one build: content plus what every page needs. No mkdocs imports here."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import paging
from .charts import ChartRenderer, chart_files, chart_view, indicator_charts
from .derive import committee_missions, sorted_missions
from .history import latest_changes
from .loader import Content, ContentError, errors_only, load_content
from .problems import Problem
from .render import render
from .urls import Linker, page_file
from .views import mission_row


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from content: its Markdown (title and heading) and the view that renders its body."""

    markdown: str
    view: str  # a name in glue.PAGE_VIEWS
    args: tuple[str | int, ...]


@dataclass
class Portal:
    """Everything one build needs: validated content, and the files pages ask to be written."""

    root: Path
    content: Content
    warnings: list[Problem]
    renderer: ChartRenderer
    assets: dict[str, str | bytes] = field(default_factory=dict)  # site-relative path -> file content
    pages: dict[str, GeneratedPage] = field(default_factory=dict)  # source path -> page, set in on_files

    def indicator_charts(self, indicator_id: str) -> list[dict[str, Any]]:
        """Build, render (or reuse) and register the indicator's charts; return what its page links to."""
        ind = self.content.indicators[indicator_id]
        rows = self.content.series.get(ind.series, [])
        names = self.content.municipalities
        out = []
        for chart, svgs in indicator_charts(ind, rows, names, self.renderer):
            self.assets.update(chart_files(chart, svgs, f"indikatorer/{indicator_id}/{chart.slug}"))
            out.append(chart_view(chart, svgs))
        return out

    def site_files(self, site_url: str, today: dt.date) -> dict[str, str]:
        """Files derived from the whole content: Atom feeds and the open-data API with its catalogue."""
        from .feeds import all_feeds
        from .opendata import open_data_files

        tag = self.content.settings.feed_tag if self.content.settings else "example.invalid,2026"
        files = {**all_feeds(self.content, site_url, tag, today), **open_data_files(self.content, site_url)}
        if paging.page_count(len(self.content.missions)) > 1:
            files["uppdrag/rader.html"] = self.mission_rows_fragment()
        return files

    def generated_pages(self) -> dict[str, GeneratedPage]:
        """Source path -> generated page for every per-record page and every listing continuation page."""
        c = self.content
        pages: dict[str, GeneratedPage] = {}
        for kind, records, view, title, heading in (
            ("goals", c.goals, "goal_page", lambda r: f"Fokusmål {r.number}. {r.short_title}", lambda r: r.title),
            ("missions", c.missions, "mission_page", lambda r: f"Uppdrag {r.number}: {r.title}", lambda r: r.title),
            ("committees", c.committees, "committee_page", lambda r: r.name,
             lambda r: r.name if r.is_group else f"{r.name} ({r.abbreviation})"),
            ("indicators", c.indicators, "indicator_page", lambda r: r.title, lambda r: r.title),
            ("news", c.news, "news_page", lambda r: r.title, lambda r: r.title),
        ):
            for record_id, record in records.items():
                pages[page_file(kind, record_id)] = GeneratedPage(
                    page_markdown(title(record), heading(record)), view, (record_id,))
        # Continuation pages of long listings (page 1 is the listing itself).
        # Each listing: base URL, name, view, leading arguments (the page number comes last), rows.
        listings = [("uppdrag/", "Alla uppdrag", "missions_overview", (), len(c.missions)),
                    ("andringar/", "Vad har ändrats?", "changes_page", (), len(latest_changes(c)[2]))]
        for committee in c.committees.values():
            responsible, concerned = committee_missions(c, committee.id)
            listings.append((f"namnder/{committee.id}/", committee.name, "committee_page", (committee.id,),
                             max(len(responsible), len(concerned))))
        for base, name, view, args, total in listings:
            for number in range(2, paging.page_count(total) + 1):
                heading = f"{name} – sida {number}"
                pages[paging.page_file(base, number)] = GeneratedPage(
                    page_markdown(heading, heading, searchable=False), view, (*args, number))
        return pages

    def mission_rows_fragment(self) -> str:
        """Every overview row in one file, fetched by the filters when the listing has several pages."""
        link = Linker("uppdrag/")
        rows = [mission_row(self.content, m, link) for m in sorted_missions(self.content)]
        return render("mission_rows.html", rows=rows)


# Entities for the characters HTML and Jinja treat as syntax; both show an entity as the character.
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"})
# Those, and a backslash before each character Python-Markdown gives meaning to. One pass, char by char.
_INERT = {**str.maketrans({c: "\\" + c for c in "\\`*_[]()#+-.!"}), **_ENTITIES}


def inert(text: str) -> str:
    """Text that Markdown, HTML and Jinja all show literally: entities for <>&{}, escapes for the rest."""
    return " ".join(text.split()).translate(_INERT)


def _entities(text: str) -> str:
    return text.translate(_ENTITIES)


def page_markdown(title: str, heading: str, searchable: bool = True) -> str:
    """A generated page: front-matter title and a Markdown H1 (for the table of contents and skip link).
    Its body is rendered by its view and appended by the on_page_markdown hook; mkdocs-macros is told to
    leave the page alone, so nothing in it is ever evaluated as a template."""
    safe_title = _entities(title)
    if len(safe_title) > 120:
        safe_title = safe_title[:117].rstrip() + "…"
    # Continuation pages of listings hold only tables of records that have pages of their own;
    # indexing them would add duplicate hits and cost a full HTML parse each.
    search = "" if searchable else "search:\n  exclude: true\n"
    return (f"---\ntitle: {json.dumps(safe_title, ensure_ascii=False)}\nrender_macros: false\n{search}---\n\n"
            f"# {inert(heading)}\n")


def write_files(site: Path, files: dict[str, str] | dict[str, str | bytes]) -> None:
    """Write site-relative files below `site`."""
    folders: set[Path] = set()  # thousands of files share a few folders (api/uppdrag/ holds one per mission)
    for rel, data in sorted(files.items()):
        path = site / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)


def load_portal(root: Path, cache_dir: Path | None = None) -> Portal:
    """Load and validate everything; raise ContentError if anything is wrong (never publish partially)."""
    content, problems = load_content(root)
    errors = errors_only(problems)
    if errors:
        raise ContentError(errors)
    return Portal(root=root, content=content, warnings=[p for p in problems if p.severity == "warning"],
                  renderer=ChartRenderer(cache_dir))
