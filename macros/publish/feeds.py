"""Atom feeds (RFC 4287) of status changes and news: site-wide, per goal and per committee; and one of the
changes to the records' content (facts/changelog.py), apart, so a large edit never pushes the status
changes out of the others."""

from __future__ import annotations

import datetime as dt
import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from macros.content.municipality import activate, genitive, term
from macros.content.store import Content
from macros.facts.changelog import CHANGED, RecordChange, recorded_changes
from macros.facts.derive import assessment_wording, involved_committees
from macros.facts.events import StatusEvent, status_events
from macros.structure.names import goal_name
from macros.structure.urls import CONTENT_CHANGES_URL, page_url, section
from macros.text.xmlsafe import one_line

ATOM = "http://www.w3.org/2005/Atom"
# Newest entries per feed. Readers poll feeds for what is new; the whole history is in
# api/statushistorik.csv. Keeps every feed small whatever the number of missions.
FEED_ENTRIES = 100
# A feed is for a feed reader. Opened in a browser it would show bare code; a CSS stylesheet (which every
# browser applies to XML, unlike XSLT, which browsers are dropping) shows it as a short explanation, its
# title and its entries instead. The feed stays plain Atom: the stylesheet is a processing instruction.
FEED_STYLESHEET = "flode/flode.css"
_FEED_CSS = """/* How a feed looks when opened in a browser (macros/publish/feeds.py): what it is, then its entries. */
:root { display: block; max-width: 40em; margin: 1.5em auto; padding: 0 1em; color: #1f2124; background: #fff;
  font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
feed::before { display: block; margin-bottom: 1.5em; padding: .8em 1em; border-left: 4px solid currentColor;
  background: #eef1f4; content: "%s"; }
feed > title { display: block; margin-bottom: .5em; font-size: 1.6em; font-weight: 700; }
entry { display: block; margin: 1em 0; padding-top: .6em; border-top: 1px solid #c4c8cc; }
entry > title { display: block; font-weight: 700; }
entry > summary { display: block; }
id, link, author, updated { display: none; }
@media (prefers-color-scheme: dark) {
  :root { color: #e4e4e4; background: #1f2124; }
  feed::before { background: #2b2f35; }
}
"""
_FEED_EXPLANATION = (
    "Det här är ett flöde. Det är till för en flödesläsare: en app eller ett tillägg i webbläsaren som "
    "hämtar det som är nytt på webbplatser åt dig, utan konto. Vill du följa ändringarna: kopiera adressen "
    "i webbläsarens adressfält och klistra in den i flödesläsaren. Här nedanför syns det senaste som flödet "
    "innehåller.")


def feed_stylesheet() -> str:
    """The CSS that shows a feed opened in a browser as an explanation and a list (FEED_STYLESHEET)."""
    return _FEED_CSS % _FEED_EXPLANATION.replace('"', "'")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    updated: dt.date
    summary: str


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _before_colon(title: str) -> str:
    """A title followed by ': ': without its own closing full stop, colon or semicolon (an ellipsis stays),
    so a mission titled as a sentence does not read 'resursutnyttjande.: Gul'."""
    title = title.rstrip()
    if title.endswith((".", ":", ";")) and not title.endswith("..."):
        title = title[:-1].rstrip()
    return title


def _event_entry(event: StatusEvent, tag: str, age: str = "") -> Entry:
    change = assessment_wording(event.before, event.after)
    summary = (f"{event.period_label}{age}. {change}." + (f" {one_line(event.text)}" if event.text else ""))
    kind = "mal" if event.kind == "goals" else "uppdrag"
    title = f"{_before_colon(one_line(event.title))} – {change[0].lower()}{change[1:]} ({event.period_label})"
    return Entry(f"tag:{tag}:{kind}/{event.record_id}/{event.period_id}", title, event.url, event.date, summary)


def _news_entries(content: Content, tag: str, goal_id: str | None = None) -> list[Entry]:
    return [Entry(f"tag:{tag}:nyhet/{n.id}", n.title, page_url("news", n.id), n.date, n.lead)
            for n in content.news.values() if goal_id is None or goal_id in n.goals]


def render_feed(title: str, feed_path: str, page: str, entries: list[Entry], site_url: str, tag: str,
                fallback: dt.date, author: str | None = None) -> str:
    """Atom XML; the newest FEED_ENTRIES entries first; deterministic (dates come from the content,
    never the clock). Titles and summaries are one line of text XML 1.0 can carry, whatever the content."""
    ET.register_namespace("", ATOM)
    entries = sorted(entries, key=lambda e: (-e.updated.toordinal(), e.id))[:FEED_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "sv"})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"tag:{tag}:{feed_path}"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = one_line(title)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(entries[0].updated if entries else fallback)
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": site_url + feed_path})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": site_url + page})
    author_node = ET.SubElement(feed, f"{{{ATOM}}}author")
    # Atom requires an author; the site's name (settings `site_name`), else the feed's title.
    ET.SubElement(author_node, f"{{{ATOM}}}name").text = one_line(author or title)
    for entry in entries:
        node = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(node, f"{{{ATOM}}}id").text = entry.id
        ET.SubElement(node, f"{{{ATOM}}}title").text = one_line(entry.title)
        ET.SubElement(node, f"{{{ATOM}}}updated").text = _stamp(entry.updated)
        ET.SubElement(node, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": site_url + entry.url})
        ET.SubElement(node, f"{{{ATOM}}}summary").text = one_line(entry.summary)
    ET.indent(feed)
    stylesheet = posixpath.relpath(FEED_STYLESHEET, posixpath.dirname(feed_path))
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<?xml-stylesheet type="text/css" href="{stylesheet}"?>\n'
            + ET.tostring(feed, encoding="unicode") + "\n")


def feed_path(kind: str, record_id: str | None = None) -> str:
    """Where a feed lives: 'flode/alla.xml', 'flode/innehall.xml' (content changes), 'flode/mal/<id>.xml',
    'flode/namnder/<id>.xml'."""
    if kind == "all":
        return "flode/alla.xml"
    if kind == "content":
        return "flode/innehall.xml"
    return f"flode/{section(kind)}/{record_id}.xml"


def _change_entry(change: RecordChange, tag: str) -> Entry:
    """A content change: its id names the record and the commit, so it stays the same in every build."""
    what = "ändrades" if change.action == CHANGED else change.summary.rstrip(".").lower()
    url = page_url(change.kind, change.record_id) if change.exists else CONTENT_CHANGES_URL
    return Entry(f"tag:{tag}:andring/{section(change.kind)}/{change.record_id}/{change.commit[:12]}",
                 f"{_before_colon(one_line(change.title))} – {what}", url, change.date, change.summary)


def _age(content: Content, event: StatusEvent) -> str:
    """', bedömd april 2023, för 3 år och 7 månader sedan (räknat till 5 december 2026)' (currency.py): the age
    changes at most once a month, so an entry's text stays the same between most builds."""
    from macros.facts.currency import clock, status_age
    from macros.text.swedish import long_date

    age = status_age(content, event.period_id)
    return f", {age.text} (räknat till {long_date(clock(content))})" if age else ""


def all_feeds(content: Content, site_url: str, tag: str, fallback: dt.date) -> dict[str, str]:
    activate(content.settings)  # this content's words and folders, however it was put together
    events = status_events(content)  # newest first, so each feed's first FEED_ENTRIES are its newest
    by_goal: dict[str, list[StatusEvent]] = {}
    by_committee: dict[str, list[StatusEvent]] = {}
    for e in events:
        by_goal.setdefault(e.goal_id, []).append(e)
        if e.kind == "missions":
            for c in involved_committees(content, content.missions[e.record_id]):
                by_committee.setdefault(c, []).append(e)

    def entries(selected: list[StatusEvent]) -> list[Entry]:
        # Entries are sorted by date and id in render_feed; events beyond the newest FEED_ENTRIES
        # dates cannot reach the feed, so they are not turned into entries at all.
        return [_event_entry(e, tag, _age(content, e)) for e in _newest(selected)]

    site_name = content.settings.site_title if content.settings else None
    files = {feed_path("all"): render_feed(
        f"{site_name}: statusändringar och nyheter" if site_name else "Statusändringar och nyheter",
        feed_path("all"), "", entries(events) + _news_entries(content, tag), site_url, tag, fallback, site_name)}
    changes = recorded_changes(content).changes[:FEED_ENTRIES]  # newest first
    files[feed_path("content")] = render_feed(
        f"{site_name}: ändringar i innehållet" if site_name else "Ändringar i innehållet", feed_path("content"),
        CONTENT_CHANGES_URL, [_change_entry(c, tag) for c in changes], site_url, tag, fallback, site_name)
    for goal in content.goals.values():
        files[feed_path("goals", goal.id)] = render_feed(
            goal_name(goal), feed_path("goals", goal.id), page_url("goals", goal.id),
            entries(by_goal.get(goal.id, [])) + _news_entries(content, tag, goal.id), site_url, tag, fallback,
            site_name)
    for committee in content.committees.values():
        files[feed_path("committees", committee.id)] = render_feed(
            f"{committee.name}: {genitive(term('missions').definite_plural)} status",
            feed_path("committees", committee.id), page_url("committees", committee.id),
            entries(by_committee.get(committee.id, [])), site_url, tag, fallback, site_name)
    return files


def _newest(events: list[StatusEvent]) -> list[StatusEvent]:
    """The events that can be among a feed's newest FEED_ENTRIES: all of those dated on or after the
    FEED_ENTRIES-th newest date (`events` is newest first), so ties on that date are all kept."""
    if len(events) <= FEED_ENTRIES:
        return events
    cutoff = events[FEED_ENTRIES - 1].date
    return [e for e in events if e.date >= cutoff]
