"""Hand-written pages (docs/*.md) are Markdown with view calls, never templates.

A page calls a view as `{{ goal_page("mal-1") }}`: a name in structure.page_views.VIEW_NAMES and literal
arguments (text in quotes, whole numbers). That is the only template syntax a page may hold. docs/ is
a folder editors change by pull request, and a Jinja template (as mkdocs-macros renders pages) can
run code in the build, in CI and in every reviewer's preview (`{{ ''.__class__.__mro__ ... }}`), or
print the build's settings (`{{ config }}`). So the calls are parsed here, without Jinja, and
anything else that Jinja would read (`{{ x }}`, `{% ... %}`, `{# ... #}`) is refused by validation
with the file and line; the plugin replaces the calls itself and tells mkdocs-macros to leave every
page alone, so nothing in a page is ever evaluated.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.content.problem import Problem
from macros.content.repofiles import hidden
from macros.structure.page_views import VIEW_NAMES
from macros.text.characters import escape

# What Jinja reads as the start of template code.
_OPENERS = re.compile(r"\{\{|\{%|\{#")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)

HOW = ("En sida i docs/ får bara anropa portalens vyer, t.ex. {{ goal_page(\"mal-1\") }}, med text inom "
       "citattecken eller heltal som argument. Ska tecknen synas som text, skriv &#123; i stället för {.")


@dataclass(frozen=True)
class Call:
    start: int  # offsets of the whole `{{ … }}` in the text
    end: int
    name: str
    args: tuple[str | int, ...]


class PageError(Exception):
    def __init__(self, offset: int, message: str, value: str) -> None:
        super().__init__(message)
        self.offset, self.message, self.value = offset, message, value


def _call(expression: str, views: frozenset[str]) -> tuple[str, tuple[str | int, ...]] | str:
    """(name, arguments) of a view call, or the Swedish reason it is not one."""
    try:
        tree = ast.parse(expression.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return "Mallkoden är inget anrop av en vy."
    if not isinstance(tree, ast.Call) or not isinstance(tree.func, ast.Name):
        return "Mallkoden är inget anrop av en vy."
    if tree.func.id not in views:
        return f"Okänd vy '{tree.func.id}'. Vyerna är: {', '.join(sorted(views))}."
    if tree.keywords:
        return "Argument till en vy skrivs utan namn."
    args: list[str | int] = []
    for arg in tree.args:
        if not isinstance(arg, ast.Constant) or type(arg.value) not in (str, int):
            return "Argument till en vy är text inom citattecken eller heltal, inget annat."
        args.append(arg.value)
    return tree.func.id, tuple(args)


def find_calls(text: str, views: frozenset[str]) -> list[Call]:
    """Every view call in `text` (a page without its front matter). Raises PageError at the first
    piece of template syntax that is not one."""
    calls: list[Call] = []
    pos = 0
    while (match := _OPENERS.search(text, pos)) is not None:
        opener = match.group()
        close = text.find(_CLOSERS[opener], match.end())
        if close < 0:
            raise PageError(match.start(), f"'{opener}' börjar mallkod som aldrig avslutas.", opener)
        end = close + 2
        snippet = text[match.start():end]
        if opener != "{{":
            raise PageError(match.start(), "Mallkod är inte tillåten i sidorna.", snippet)
        found = _call(text[match.end():close], views)
        if isinstance(found, str):
            raise PageError(match.start(), found, snippet)
        calls.append(Call(match.start(), end, *found))
        pos = end
    return calls


def body_offset(source: str) -> int:
    """Where a page's Markdown starts (after its front matter, if any)."""
    match = _FRONT_MATTER.match(source)
    return match.end() if match else 0


def check_page(source: str, file: str, views: frozenset[str]) -> list[Problem]:
    """The problem with a page's template syntax (at most one: the rest is not read), with its line."""
    start = body_offset(source)
    try:
        find_calls(source[start:], views)
    except PageError as exc:
        line = source.count("\n", 0, start + exc.offset) + 1
        value = exc.value if len(exc.value) <= 80 else exc.value[:77] + "…"
        return [Problem(file, line, f"{exc.message} {HOW}", value=f'"{escape(value)}"')]
    return []


def check_pages(root: Path, read: Callable[[Path], str]) -> list[Problem]:
    """check_page for every Markdown page in root/docs (`read` reads a file the safe way, or raises)."""
    views = VIEW_NAMES
    docs = root / "docs"
    problems: list[Problem] = []
    if docs.is_symlink() or not docs.is_dir():
        return problems
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink() or not path.is_file() or any(hidden(part) for part in path.relative_to(docs).parts):
            continue  # refused by repofiles.unsafe_entries, or not published
        try:
            source = read(path)
        except Exception:
            continue
        problems += check_page(source, rel, views)
    return problems


def expand(markdown: str, views: frozenset[str], render: Callable[[str, tuple[Any, ...]], str]) -> str:
    """`markdown` with every view call replaced by render(name, args). Template syntax that is not a
    view call (refused by validation before a build gets here) is left as it was, as text."""
    try:
        calls = find_calls(markdown, views)
    except PageError:
        return markdown
    parts: list[str] = []
    pos = 0
    for call in calls:
        parts += [markdown[pos:call.start], render(call.name, call.args)]
        pos = call.end
    return "".join(parts) + markdown[pos:]
