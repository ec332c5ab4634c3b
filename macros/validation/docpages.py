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

import markdown

from macros.content.problem import Problem
from macros.content.repofiles import hidden
from macros.content.yamlfile import Loc, YamlFileError, parse_yaml
from macros.structure.page_views import VIEW_NAMES
from macros.text.characters import escape
from macros.text.markup import foreign_loads, unsafe_markup

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


def _shown(value: str) -> str:
    value = " ".join(value.split())
    return f'"{escape(value if len(value) <= 80 else value[:77] + "…")}"'


def check_page(source: str, file: str, views: frozenset[str]) -> list[Problem]:
    """The problems with a page: its template syntax (at most one: the rest is not read), then markup
    that would run script or load from another origin, in its body and its front matter; each with its line."""
    start = body_offset(source)
    try:
        calls = find_calls(source[start:], views)
    except PageError as exc:
        line = source.count("\n", 0, start + exc.offset) + 1
        return [Problem(file, line, f"{exc.message} {HOW}", value=_shown(exc.value))]
    return front_matter_problems(source[:start], file) + markup_problems(source, start, calls, file)


# The extensions mkdocs itself always adds that change what HTML a page makes (the rest only add ids
# and rewrite links); the build checks the HTML its configured extensions made as well (plugin).
_MARKDOWN_EXTENSIONS = ["tables", "fenced_code"]
HOW_MARKUP = ("Sidorna i docs/ är Markdown: text, rubriker, listor, tabeller, länkar och bilder från "
              "docs/assets/. HTML som kör kod eller hämtar något från en annan webbplats publiceras inte.")


def markup_problems(source: str, start: int, calls: list[Call], file: str) -> list[Problem]:
    """Markup in the page's body (its HTML as Markdown makes it) that `text.markup` refuses."""
    body = source[start:]
    for call in reversed(calls):  # a view's own HTML is the portal's; only the editor's text is checked
        body = body[:call.start] + " " * (call.end - call.start) + body[call.end:]
    return html_problems(source, start, markdown.markdown(body, extensions=_MARKDOWN_EXTENSIONS), file)


def html_problems(source: str, start: int, html: str, file: str) -> list[Problem]:
    """What `text.markup.unsafe_markup` refuses in `html`, the HTML a page's Markdown (`source`, body
    from `start`) made, each located on the page's line where it is written."""
    return [Problem(file, locate(source, start, (item.raw, item.value), item.tag), f"{item.reason} {HOW_MARKUP}",
                    value=_shown(item.value)) for item in unsafe_markup(html)]


def foreign_load_problems(html: str, own: str, file: str) -> list[Problem]:
    """What in a whole page the theme made from `file` (a page in docs/) a browser would fetch from another
    origin than `own`: the page's text is checked already, so it comes from the site's configuration."""
    return [Problem(file, 1, f"{item.reason} Adressen kommer inte från sidans text utan från webbplatsens "
                             "inställningar: mkdocs.yml (extra_css, extra_javascript, theme: font, logo, favicon) "
                             "eller en mall i overrides/. Ta bort den där, eller lägg filen i docs/assets/.",
                    value=_shown(item.value)) for item in foreign_loads(html, own)]


def locate(source: str, start: int, values: tuple[str, ...], tag: str) -> int:
    """The line of the page where the first of `values` (or else the element `<tag`) is written; the
    body's first line when none is found as written (an address written with entities, say)."""
    lowered = source.lower()
    for needle in (*values, f"<{tag}"):
        at = lowered.find(needle.lower(), start) if needle else -1
        if at >= 0:
            return source.count("\n", 0, at) + 1
    return source.count("\n", 0, start) + 1


_MARKUP_CHARACTERS = re.compile(r'[<>"]')


def front_matter_problems(front: str, file: str) -> list[Problem]:
    """Front matter texts (title, description, …) go into the theme's HTML as they are, into elements and
    attributes: no angle brackets or straight double quotes."""
    match = re.match(r"---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)", front, re.DOTALL | re.MULTILINE)
    if not match:
        return []
    try:
        parsed = parse_yaml(match.group(1))
    except YamlFileError as exc:
        # Not left to mkdocs: its YAML reader takes tags (`!!str`) and aliases that would hide a text from
        # the check below.
        return [Problem(file, exc.line + 1, f"Sidans inledning (mellan raderna ---) kan inte läsas: {exc.message}",
                        value=_shown(match.group(1).splitlines()[exc.line - 1] if exc.line else ""))]
    problems: list[Problem] = []

    def walk(value: object, loc: Loc) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))
        elif isinstance(value, str) and _MARKUP_CHARACTERS.search(value):
            problems.append(Problem(
                file, parsed.line_of(loc) + 1,
                "Texterna i sidans inledning (mellan raderna ---) hamnar i sidans HTML som de är: tecknen "
                "<, > och \" är inte tillåtna där. Skriv citattecken som ” ”.",
                field=".".join(str(part) for part in loc), value=_shown(value)))

    walk(parsed.data, ())
    return problems


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
