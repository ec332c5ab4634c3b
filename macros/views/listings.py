"""The portal's paginated listings, each one `structure.paging.Listing` made from the content: the
listing's view pages with it, the build generates its continuation pages from it, and the site files
(the mission filter's rows) ask it whether it is paged."""

from __future__ import annotations

from macros.content.municipality import term
from macros.content.store import Content
from macros.facts.changelog import recorded_changes
from macros.facts.derive import committee_missions, sorted_missions
from macros.facts.events import latest_changes
from macros.structure.paging import PAGE_SIZE, Listing, PageSizes
from macros.structure.urls import CHANGES_URL, page_url, section_url


def missions_listing(content: Content, size: int = PAGE_SIZE) -> Listing:
    """Every mission, in listing order (the missions overview)."""
    return Listing(section_url("missions"), f"Alla {term('missions').plural}",
                   (sorted_missions(content),), size, "missions_overview")


def changes_listing(content: Content, size: int = PAGE_SIZE) -> Listing:
    """The changes page: the status events of the newest follow-up and every change of the records'
    content (facts/changelog.py), newest first, paged side by side."""
    return Listing(CHANGES_URL, "Vad har ändrats?",
                   (latest_changes(content)[2], recorded_changes(content).changes), size, "changes_page")


def committee_listing(content: Content, committee_id: str, size: int = PAGE_SIZE) -> Listing:
    """A committee's missions, those it is responsible for and those it is concerned by, paged together."""
    responsible, concerned = committee_missions(content, committee_id)
    return Listing(page_url("committees", committee_id), content.committees[committee_id].name,
                   (responsible, concerned), size, "committee_page", (committee_id,))


def all_listings(content: Content, sizes: PageSizes) -> list[Listing]:
    """Every paginated listing, each with its own page size."""
    return [missions_listing(content, sizes.missions), changes_listing(content, sizes.changes),
            *(committee_listing(content, c, sizes.committee) for c in content.committees)]
