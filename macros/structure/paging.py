"""Listing pages are split into pages of a fixed number of rows, so no page grows with the corpus.

A `Listing` is one paginated listing: its base URL, its rows, its page size, and from those its page
count, each page's rows and pager, and its continuation pages. The listing's view, the generated
continuation pages and the site files (the mission filter's rows) all use the same object.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from macros.structure.urls import Linker

PAGE_SIZE = 200  # rows per listing page unless the build says otherwise (plugin option listing_page_size)
T = TypeVar("T")


@dataclass(frozen=True)
class PageSizes:
    """Rows per page of each listing (plugin options missions_page_size, committee_page_size,
    changes_page_size; each defaults to listing_page_size)."""

    missions: int = PAGE_SIZE
    committee: int = PAGE_SIZE
    changes: int = PAGE_SIZE

    @classmethod
    def of(cls, default: int, missions: int | None = None, committee: int | None = None,
           changes: int | None = None) -> PageSizes:
        return cls(missions or default, committee or default, changes or default)


@dataclass(frozen=True)
class Listing:
    """One paginated listing. `tables` are its row lists, paged side by side (a committee's page has its
    missions responsible and concerned); the longest decides the page count. `name` heads its
    continuation pages; `view` and `args` name the page view that renders each page (the page number last)."""

    base_url: str
    name: str
    tables: tuple[Sequence[Any], ...]
    size: int = PAGE_SIZE
    view: str = ""
    args: tuple[str, ...] = ()

    @property
    def rows(self) -> Sequence[Any]:
        """The first (for most listings, the only) table's rows."""
        return self.tables[0]

    @property
    def total(self) -> int:
        return max((len(t) for t in self.tables), default=0)

    @property
    def page_count(self) -> int:
        return page_count(self.total, self.size)

    @property
    def paged(self) -> bool:
        return self.page_count > 1

    def rows_on(self, number: int, table: int = 0) -> Sequence[Any]:
        """The rows of `table` on page `number`."""
        return rows_of(self.tables[table], number, self.size)

    def pager(self, number: int, link: Linker) -> dict[str, Any] | None:
        return pager(self.total, number, self.base_url, link, self.size)

    def continuation_pages(self) -> range:
        """Page numbers 2.. (page 1 is the listing itself, a hand-written or record page)."""
        return range(2, self.page_count + 1)

    def page_file(self, number: int) -> str:
        return listing_page_file(self.base_url, number)


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, math.ceil(total / size))


def listing_page_url(base_url: str, number: int) -> str:
    """'uppdrag/' for page 1, 'uppdrag/sida-2/' for page 2."""
    return base_url if number == 1 else f"{base_url}sida-{number}/"


def listing_page_file(base_url: str, number: int) -> str:
    """Source path of continuation page `number` (>= 2) below `base_url`."""
    return f"{base_url}sida-{number}.md"


def rows_of(items: Sequence[T], number: int, size: int = PAGE_SIZE) -> Sequence[T]:
    return items[(number - 1) * size: number * size]


def pager(total: int, number: int, base_url: str, link: Linker, size: int = PAGE_SIZE) -> dict[str, Any] | None:
    """Links to every page of a listing; None when it fits on one page."""
    count = page_count(total, size)
    if count == 1:
        return None
    first, last = (number - 1) * size + 1, min(number * size, total)
    return {
        "current": number, "count": count, "first": first, "last": last, "total": total,
        "prev": link.to(listing_page_url(base_url, number - 1)) if number > 1 else None,
        "next": link.to(listing_page_url(base_url, number + 1)) if number < count else None,
        "pages": [{"number": n, "url": link.to(listing_page_url(base_url, n)), "current": n == number}
                  for n in range(1, count + 1)],
    }
