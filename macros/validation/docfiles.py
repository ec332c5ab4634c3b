"""Files in docs/ other than its Markdown pages are published as they are, on the site's own address.

A picture shown in a page cannot run script, but the same file opened by its address can: an HTML or
XML file, or an SVG with a `<script>`, runs with the site's origin (where the form editor keeps its
sign-in). So docs/ may hold no HTML or XML documents (pages are Markdown), and an SVG may hold no
script, event attributes, embedded HTML or addresses of other origins (text.markup.unsafe_svg).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from macros.content.problem import Problem
from macros.content.repofiles import hidden
from macros.text.markup import unsafe_svg

# Documents a browser runs script in when they are opened by their address.
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".mht",
                             ".mhtml", ".svgz"})
SVG_LIMIT = 2 * 1024 * 1024  # a logo or a figure; a larger drawing belongs in a PNG


def check_files(root: Path, read: Callable[[Path, int], bytes]) -> list[Problem]:
    """Every HTML/XML document in root/docs, and every SVG there whose markup text.markup refuses
    (`read(path, limit)` reads a file the safe way, or raises)."""
    docs = root / "docs"
    problems: list[Problem] = []
    if docs.is_symlink() or not docs.is_dir():
        return problems
    for path in sorted(docs.rglob("*")):
        relative = path.relative_to(docs)
        if path.is_symlink() or not path.is_file() or any(hidden(part) for part in relative.parts):
            continue  # refused by repofiles.unsafe_entries, or not published
        rel = path.relative_to(root).as_posix()
        suffix = path.suffix.lower()
        if suffix in ACTIVE_SUFFIXES:
            problems.append(Problem(
                rel, 1, f"En {suffix}-fil i docs/ publiceras som den är på webbplatsens adress, där den kan köra "
                        "kod i läsarens webbläsare. Skriv sidan som Markdown (.md), eller lägg filen på en annan "
                        "webbplats och länka dit.", value=f'"{path.name}"'))
        elif suffix == ".svg":
            problems += _svg_problems(path, rel, read)
    return problems


def _svg_problems(path: Path, rel: str, read: Callable[[Path, int], bytes]) -> list[Problem]:
    try:
        text = read(path, SVG_LIMIT).decode("utf-8", errors="replace")
    except Exception:
        return [Problem(rel, 1, "SVG-bilden kunde inte läsas och kontrolleras (större än 2 MB, eller ingen vanlig "
                                "fil). Spara den som PNG, eller gör den mindre.", value=f'"{path.name}"')]
    problems = []
    for item in unsafe_svg(text):
        at = text.lower().find((item.raw or item.value).lower())
        line = text.count("\n", 0, at) + 1 if at >= 0 else 1
        problems.append(Problem(rel, line, f"{item.reason} En SVG-bild i docs/ publiceras som den är och kan "
                                           "öppnas för sig, som en sida. Spara bilden utan det (eller som PNG).",
                                value=f'"{(item.raw or item.value)[:80]}"'))
    return problems
