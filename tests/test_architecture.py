"""The package's layout holds: each subpackage imports only what its docstring allows, and no module
imports another in a cycle (imports inside functions and under TYPE_CHECKING count too)."""

from __future__ import annotations

import importlib
import re

import pytest

from tests.codegraph import PACKAGE, graph, imports_in


def _subpackage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _allowed(subpackage: str) -> set[str]:
    doc = importlib.import_module(f"macros.{subpackage}").__doc__ or ""
    match = re.search(r"May import: (.+?)\.\s*$", doc, re.M)
    assert match, f"macros/{subpackage}/__init__.py: the docstring must say 'May import: …'"
    text = match.group(1)
    return set() if text.startswith("nothing") else {p.strip() for p in text.split(",")}


def test_every_subpackage_declares_what_it_may_import_and_keeps_to_it():
    subpackages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert subpackages, "no subpackages found"
    wrong = []
    for module, imports in graph().items():
        own = _subpackage(module)
        if not own:
            continue
        allowed = _allowed(own) | {own}
        for imported in imports:
            other = _subpackage(imported)
            if other and other not in allowed:
                wrong.append(f"{module} imports {imported} ({own} may import: {', '.join(sorted(allowed - {own}))})")
    assert not wrong, "\n".join(sorted(wrong))


def test_declared_dependencies_run_one_way():
    declared = {p.parent.name: _allowed(p.parent.name) for p in PACKAGE.glob("*/__init__.py")}
    _assert_acyclic(declared)


def test_no_module_imports_another_in_a_cycle():
    _assert_acyclic(graph())


def _assert_acyclic(graph: dict[str, set[str]]) -> None:
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_the_checker_sees_a_cycle_and_every_kind_of_import():
    """The checks above are able to fail."""
    with pytest.raises(pytest.fail.Exception, match="a → b → a"):
        _assert_acyclic({"a": {"b"}, "b": {"a"}})
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from macros.build.portal import Portal\n"
        "def f():\n    from ..views import views\n    from .derive import memo\n"
    )
    assert imports_in(source, "macros.facts.events") == {
        "macros.build.portal", "macros.views.views", "macros.facts.derive"}


def test_the_views_pages_may_call_are_the_views_registered():
    from macros.structure.page_views import VIEW_NAMES
    from macros.views.page_views import REGISTRY

    assert set(REGISTRY) == VIEW_NAMES
