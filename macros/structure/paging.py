"""Listing pages are split into pages of a fixed number of rows, so no page grows with the corpus."""

from __future__ import annotations

import math
from typing import Any, TypeVar

from macros.structure.urls import Linker

PAGE_SIZE = 200  # rows per listing page unless the build says otherwise (plugin option listing_page_size)
T = TypeVar("T")


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, math.ceil(total / size))


def listing_page_url(base_url: str, number: int) -> str:
    """'uppdrag/' for page 1, 'uppdrag/sida-2/' for page 2."""
    return base_url if number == 1 else f"{base_url}sida-{number}/"


def listing_page_file(base_url: str, number: int) -> str:
    """Source path of continuation page `number` (>= 2) below `base_url`."""
    return f"{base_url}sida-{number}.md"


def rows_of(items: list[T], number: int, size: int = PAGE_SIZE) -> list[T]:
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
