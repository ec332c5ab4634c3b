"""A page view's HTML as the site renders it (views/registry.py), for tests that build content in code."""

from __future__ import annotations

from typing import Any

from macros.content.store import Content
from macros.structure.paging import PAGE_SIZE, PageSizes
from macros.structure.urls import Linker
from macros.views.page_views import PageRequest
from macros.views.registry import render_page


def page_html(content: Content, name: str, url: str, *args: Any, page_size: int = PAGE_SIZE,
              charts: dict[str, list[dict[str, Any]]] | None = None, changed: str = "") -> str:
    """The named view for the page at `url`; `changed` stands in for the line git would give."""
    request = PageRequest(content, Linker(url), PageSizes.of(page_size), charts or {}, lambda kind, record_id: changed)
    return render_page(name, request, args)
