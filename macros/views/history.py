"""What changed in the records' content, as pages show it: a record page's 'Ändringar' (newest first, a few
entries, the rest one click away on the same page) and the changes page's list of every change, paged with
its status changes (listings.changes_listing). The changes come from facts/changelog.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from macros.content.municipality import cap, term
from macros.content.store import Content
from macros.facts.changelog import ADDED, REMOVED, RecordChange, recorded_changes
from macros.structure.urls import CONTENT_CHANGES_URL, Linker, page_url
from macros.text.swedish import long_date

SHOWN_FIRST = 5  # entries a record page shows before 'Visa fler'
# At most this many on a record page, folded ones included: a committee given 500 missions would otherwise
# carry 500 entries on every build (929 kB at 5,000 missions); the changes page has them all.
AT_MOST = 50

ACTION_WORDS = {ADDED: "Lades till i portalen", REMOVED: "Togs bort ur portalen"}


def kind_word(kind: str) -> str:
    """What a record of `kind` is called beside its title on the changes page."""
    if kind in ("goals", "missions", "committees"):
        return cap(term(kind).singular)
    return {"indicators": "Indikator", "news": "Nyhet"}.get(kind, "")


def change_row(change: RecordChange, link: Linker) -> dict[str, Any]:
    """One change as a row: when, what record (linked while it has a page), and what changed."""
    return {
        "date": change.date.isoformat(), "date_text": long_date(change.date),
        "kind": kind_word(change.kind), "title": change.title,
        "url": link.to(page_url(change.kind, change.record_id)) if change.exists else None,
        "action": ACTION_WORDS.get(change.action),
        "fields": [{"label": f.label, "before": f.before, "after": f.after, "note": f.note} for f in change.fields],
        # Kinds may share ids (a goal and a mission never do, a committee may): the key names both.
        "key": f"{change.kind}-{change.record_id}",
    }


def record_history(content: Content, kind: str, record_id: str, link: Linker) -> dict[str, Any] | None:
    """A record page's 'Ändringar': its newest changes first, the rest folded, each naming its record
    when it is another's (a committee's missions); None when git could not tell (the page's change line
    says so)."""
    changes = recorded_changes(content)
    if not changes.available:
        return None
    # A committee's page lists missions: their changes that alter that list are its changes too.
    own = changes.of_committee(record_id) if kind == "committees" else changes.of(kind, record_id)
    rows = [{**change_row(c, link), "other": (c.kind, c.record_id) != (kind, record_id)} for c in own]
    return {"entries": rows[:SHOWN_FIRST], "more": rows[SHOWN_FIRST:AT_MOST], "count": len(rows),
            "shown": min(len(rows), AT_MOST),
            "limits": changes.limits, "changes_url": link.to(CONTENT_CHANGES_URL)}


def content_changes_view(content: Content, rows: Sequence[RecordChange], link: Linker) -> dict[str, Any]:
    """The changes page's list of content changes on one of its pages."""
    from macros.publish.feeds import feed_path

    changes = recorded_changes(content)
    return {"rows": [change_row(c, link) for c in rows], "total": len(changes.changes),
            "limits": changes.limits, "feed_url": link.to(feed_path("content"))}
