"""The contract between every page view and its template (views/registry.py, views/page_views.py):
the template exists and is named after the view, renders from the view's context alone (StrictUndefined,
nothing else passed), reads nothing the context lacks, and uses every field the context has, save those
listed below with a reason. Each view is built on the fixture project, at every page of its listings."""

from __future__ import annotations

import dataclasses
import inspect
import types
from collections.abc import Iterator
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest
from jinja2 import StrictUndefined, TemplateNotFound, UndefinedError, meta, nodes

from macros.content.store import Content
from macros.structure import paging
from macros.structure.page_views import VIEW_NAMES
from macros.structure.urls import Linker
from macros.validation.loader import errors_only, load_content
from macros.views.page_views import REGISTRY, PageRequest
from macros.views.registry import context_fields, render_page
from macros.views.render import _env, render
from tests.conftest import FIXTURE

# Fields a template deliberately does not show, by view, with the reason.
UNUSED: dict[str, dict[str, str]] = {
    "committee_page": {
        "id": "the page's heading comes from its Markdown; the id is in its address",
        "name": "the page's heading comes from its Markdown (structure.names.committee_heading)",
        "abbreviation": "the page's heading comes from its Markdown (structure.names.committee_heading)",
        "is_group": "already applied to the headings and sentences (views.committee_wording)",
    },
    "indicator_page": {
        "title": "the page's heading comes from its Markdown (build/pages.page_markdown)",
    },
    "news_page": {
        "title": "the page's heading comes from its Markdown (build/pages.page_markdown)",
    },
}

# How to call a view on the fixture project, by the name of its parameter: every value it can take.
PAGE_SIZE = 1  # small, so every listing of the fixture project has continuation pages and a pager


def _values(content: Content, parameter: str) -> list[Any] | None:
    records = {"goal_id": content.goals, "mission_id": content.missions, "committee_id": content.committees,
               "indicator_id": content.indicators, "news_id": content.news}
    if parameter in records:
        return list(records[parameter])
    if parameter == "applies_to":
        return ["goal", "mission"]
    if parameter == "number":
        return [1, 2, 3]  # page numbers; a view's pages beyond its last are skipped below
    return None


@cache
def _content() -> Content:
    content, problems = load_content(FIXTURE)
    assert not errors_only(problems)
    return content


def _request(url: str) -> PageRequest:
    return PageRequest(_content(), Linker(url), paging.PageSizes.of(PAGE_SIZE), {},
                       lambda kind, record_id: f"Ändrad ({kind}/{record_id}).")


def _calls(name: str) -> Iterator[tuple[Any, ...]]:
    """Every argument tuple the fixture project gives the view, every page of a listing included."""
    parameters = list(inspect.signature(REGISTRY[name].build).parameters.values())[1:]  # after the request
    combos: list[tuple[Any, ...]] = [()]
    for parameter in parameters:
        values = _values(_content(), parameter.name)
        assert values is not None, f"{name}: say in _values how to call a view with {parameter.name!r}"
        combos = [(*combo, value) for combo in combos for value in values]
    yield from combos


def _pages(name: str) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(arguments, context) for every page of the view the fixture project has."""
    for args in _calls(name):
        context = REGISTRY[name].build(_request("x/y/"), *args)
        pager = context_fields(context).get("pager")
        number = args[-1] if args and isinstance(args[-1], int) else 1
        if number > 1 and (pager is None or number > pager["count"]):
            continue  # no such page: the listing is shorter
        yield args, context


def _template_names(template: str) -> set[str]:
    """The variables a template reads from its context, with those of the templates it includes
    (an imported _parts.html gets no context: its macros take what they show as arguments)."""
    env = _env()
    source = env.loader.get_source(env, template)[0]
    tree = env.parse(source)
    names = set(meta.find_undeclared_variables(tree))
    for include in tree.find_all(nodes.Include):
        names |= _template_names(include.template.value)
    return names


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_view_has_its_template_named_after_it(name: str) -> None:
    template = REGISTRY[name].template
    assert template == f"{name}.html", f"{name}: template {template!r} should be named after the view"
    try:
        _env().get_template(template)
    except TemplateNotFound:
        pytest.fail(f"{name}: template {template} does not exist in macros/views/templates/")


def test_the_registry_holds_every_view_a_page_may_call() -> None:
    assert set(REGISTRY) == VIEW_NAMES


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_view_renders_from_its_context_alone(name: str) -> None:
    """Built on the fixture project, every page of it; StrictUndefined fails on anything the context lacks."""
    assert _env().undefined is StrictUndefined
    pages = list(_pages(name))
    assert pages, f"{name}: the fixture project gives it no page"
    for args, context in pages:
        assert dataclasses.is_dataclass(context) and type(context).__dataclass_params__.frozen, (
            f"{name}: its context must be a frozen dataclass")
        html = render(REGISTRY[name].template, **context_fields(context))
        assert html.strip(), f"{name}{args}: renders nothing"
    if name == "missions_overview":  # the listings' continuation pages are among those rendered
        assert any(args == (2,) for args, _ in pages)


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_template_reads_only_its_context(name: str) -> None:
    """Statically, so a branch the fixture project does not take is checked too."""
    first = next(_pages(name))[1]
    fields = set(context_fields(first))
    unknown = _template_names(REGISTRY[name].template) - fields - set(_env().globals)
    assert not unknown, f"{name}: its template reads {sorted(unknown)}, which its context does not have"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_context_field_is_used_by_its_template(name: str) -> None:
    fields = {f.name for f in dataclasses.fields(next(_pages(name))[1])}
    used = _template_names(REGISTRY[name].template)
    unused = fields - used - set(UNUSED.get(name, {}))
    assert not unused, (f"{name}: its context has {sorted(unused)}, which its template never shows: "
                        "show them, leave them out of the context, or list them in UNUSED with a reason")
    stale = set(UNUSED.get(name, {})) - (fields - used)
    assert not stale, f"{name}: UNUSED lists {sorted(stale)}, which are used or no longer fields"


def _shape_problems(value: Any, hint: Any, where: str) -> list[str]:
    """Where `value` (a context field, or a row in one) does not have the keys its declared row type
    (views/rows.py) says; rows of other types are not looked into."""
    origin = get_origin(hint)
    if is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not a {hint.__name__}"]
        allowed = hint.__required_keys__ | hint.__optional_keys__
        problems = [f"{where}: no key {k!r} ({hint.__name__})" for k in sorted(hint.__required_keys__ - set(value))]
        problems += [f"{where}: key {k!r} not in {hint.__name__}" for k in sorted(set(value) - allowed)]
        nested = get_type_hints(hint)
        return problems + [p for k in sorted(set(value) & allowed)
                           for p in _shape_problems(value[k], nested[k], f"{where}.{k}")]
    if origin is list:
        return [p for i, row in enumerate(value) for p in _shape_problems(row, get_args(hint)[0], f"{where}[{i}]")]
    if origin in (Union, types.UnionType):
        if value is None:
            return []
        return [p for arg in get_args(hint) if arg is not type(None) for p in _shape_problems(value, arg, where)]
    return []


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_row_has_the_keys_of_its_declared_type(name: str) -> None:
    """A row type in a context (views/rows.py) is what views.py builds, on every page of the view."""
    for args, context in _pages(name):
        hints = get_type_hints(type(context))
        problems = [p for field, value in context_fields(context).items()
                    for p in _shape_problems(value, hints[field], f"{name}{args}.{field}")]
        assert not problems, "\n".join(problems)


def _row_types() -> list[type]:
    from macros.views import rows

    return [t for t in vars(rows).values() if is_typeddict(t) and t.__module__ == rows.__name__]


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_no_context_repeats_a_shared_row(name: str) -> None:
    """A page that shows a record as a listing does (a mission page, a goal page) carries that row whole
    as one field, so a field added to the row reaches the page without a second list to keep in step.
    Rows of a few keys (a link: title and url) are too common to tell apart and are not looked for."""
    fields = {f.name for f in dataclasses.fields(next(_pages(name))[1])}
    repeated = [row.__name__ for row in _row_types()
                if len(row.__required_keys__) >= 5 and row.__required_keys__ <= fields]
    assert not repeated, (f"{name}: its context repeats every field of {repeated} (views/rows.py): "
                          "give it the row as one field instead")


def test_the_contract_checks_can_fail() -> None:
    """A field missing from a context fails the render; a field no template reads is found."""
    name = "goal_page"
    context = next(_pages(name))[1]
    partial = {k: v for k, v in context_fields(context).items() if k != "changed"}
    with pytest.raises(UndefinedError, match="changed"):
        render(REGISTRY[name].template, **partial)
    assert "changed" in _template_names("goal_page.html") and "report" in _template_names("goal_page.html")
    assert "changed" not in _template_names("committee_page.html")
    rows = get_type_hints(type(context))
    assert _shape_problems([{"title": "t", "url": "u", "extra": 1}], rows["indicators"], "x") == [
        "x[0]: key 'extra' not in LinkRow"]
    assert _shape_problems({"missing": True, "title": None, "url": None}, rows["source"], "s") == [
        "s: no key 'dates' (SourceRow)"]


def test_render_page_is_the_template_with_the_context() -> None:
    request = _request("mal/fokusmal-1/")
    context = REGISTRY["goal_page"].build(request, "fokusmal-1")
    assert render_page("goal_page", request, ("fokusmal-1",)) == render("goal_page.html", **context_fields(context))
    assert paging.PAGE_SIZE > PAGE_SIZE
