"""Every page view by name, with the template it renders and the type of context it returns.

A view is registered with `@view("goal_page", template="goal_page.html")`: it takes the page's request
(the content, a linker for the page and the build's settings) and the page's arguments, and returns a
frozen dataclass whose fields are exactly what the template reads. `render_page` renders it; nothing
else pairs views with templates. tests/views/test_contracts.py checks every template exists, renders
from its context alone and uses every field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from macros.content.store import Content
from macros.structure.paging import PageSizes
from macros.structure.urls import Linker
from macros.views.render import render


@dataclass(frozen=True)
class PageRequest:
    """What a view may use besides its arguments: the content, links relative to the page, the
    listings' page size, the indicators' charts (built before any page) and the git change line."""

    content: Content
    link: Linker
    page_sizes: PageSizes
    charts: Mapping[str, list[dict[str, Any]]]
    changed_sentence: Callable[[str, str], str]
    # The site's address ('https://…/' from mkdocs' site_url, '/' when it has none): for addresses a page
    # gives away to be read elsewhere (the report e-mail, the citation).
    site_url: str = "/"


@dataclass(frozen=True)
class RegisteredView:
    name: str
    template: str
    build: Callable[..., Any]  # (request, *args) -> its context dataclass


REGISTRY: dict[str, RegisteredView] = {}


def view(name: str, *, template: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a page view under `name` (the macro pages call) with the template that renders its context."""

    def register(build: Callable[..., Any]) -> Callable[..., Any]:
        if name in REGISTRY:
            raise ValueError(f"view {name!r} registered twice")
        REGISTRY[name] = RegisteredView(name, template, build)
        return build

    return register


def context_fields(context: Any) -> dict[str, Any]:
    """A context's fields by name, one level deep: nested rows stay as they are (statuses stay hashable
    for the renderer's caches)."""
    if not is_dataclass(context):
        raise TypeError(f"a view's context must be a dataclass, not {type(context).__name__}")
    return {f.name: getattr(context, f.name) for f in fields(context)}


def build_context(name: str, request: PageRequest, args: tuple[Any, ...]) -> Any:
    return REGISTRY[name].build(request, *args)


def render_page(name: str, request: PageRequest, args: tuple[Any, ...]) -> str:
    """The HTML of the named view for the page `request.link` is made for."""
    registered = REGISTRY[name]
    return render(registered.template, **context_fields(registered.build(request, *args)))
