"""The pages the portal makes: every view by name, and the list of pages generated from the content.

A hand-written page in docs/ calls a view as a macro (`{{ goal_page("mal-1") }}`); a generated
page (one per record, and the continuation pages of long listings) names its view and arguments
here. Both are rendered by `render_view`, with the template each view declares (views/registry.py).
Nothing here knows about mkdocs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from macros.build.descriptions import record_description
from macros.build.search_terms import record_tags
from macros.structure.names import committee_heading, goal_name, mission_name
from macros.structure.urls import Linker, page_file
from macros.text.htmlsafe import html_safe
from macros.views.listings import all_listings
from macros.views.page_views import PageRequest
from macros.views.registry import render_page

if TYPE_CHECKING:
    from macros.build.portal import Portal


def page_request(portal: Portal, page_url: str) -> PageRequest:
    """What a view gets for the page at site-relative `page_url`: the content, a linker for the page,
    the page sizes, the charts built before any page and the git change line."""
    return PageRequest(portal.content, Linker(page_url), portal.page_sizes, portal.charts, portal.changed_sentence,
                       portal.site_url)


def render_view(portal: Portal, page_url: str, name: str, args: tuple[Any, ...]) -> str:
    """The HTML of the named view (views/page_views.py) for the page at site-relative `page_url`."""
    return render_page(name, page_request(portal, page_url), args)


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from content: its source path (relative to docs/), its Markdown (front matter and
    heading) and the view that renders its body."""

    kind: str  # 'goals', 'missions', 'committees', 'indicators', 'news', or 'listings' (continuation pages)
    src_uri: str
    markdown: str
    view: str  # a registered view (views/page_views.py)
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
                title(record), heading(record), tags=record_tags(record),
                description=record_description(record)), view, (record_id,)))
    # Continuation pages of long listings (page 1 is the listing itself, a hand-written or record page).
    for listing in all_listings(c, portal.page_sizes):
        for number in listing.continuation_pages():
            heading = f"{listing.name} – sida {number}"
            pages.append(GeneratedPage("listings", listing.page_file(number),
                                       page_markdown(heading, heading, searchable=False), listing.view,
                                       (*listing.args, number)))
    return pages


# Entities for the characters HTML and Jinja treat as syntax; both show an entity as the character.
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"})
_ATTRIBUTE = str.maketrans({**_ENTITIES, '"': "&quot;"})
# Those, and a backslash before each character Python-Markdown gives meaning to. One pass, char by char.
_INERT = {**str.maketrans({c: "\\" + c for c in "\\`*_[]()#+-.!"}), **_ENTITIES}


def inert(text: str) -> str:
    """Text that Markdown, HTML and Jinja all show literally: entities for <>&{}, escapes for the rest."""
    return " ".join(text.split()).translate(_INERT)


def page_markdown(title: str, heading: str, searchable: bool = True, tags: list[str] | None = None,
                  description: str | None = None) -> str:
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
    # The page's own description (descriptions.py), not the site's: what a search snippet shows.
    # The theme writes it into an attribute unescaped: entities for quotes too.
    search += (f"description: {json.dumps(html_safe(description).translate(_ATTRIBUTE), ensure_ascii=False)}\n"
               if description else "")
    return (f"---\ntitle: {json.dumps(safe_title, ensure_ascii=False)}\nrender_macros: false\n{search}---\n\n"
            f"# {inert(html_safe(heading))}\n")
