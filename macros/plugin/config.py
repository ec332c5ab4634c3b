"""The portal plugin's options (`plugins: - portal: ...` in mkdocs.yml). Each option's docstring is its
description; README's "Plugin options" table lists every one (tests/plugin/test_plugin.py checks)."""

from __future__ import annotations

import ast
import inspect

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PortalConfig(Config):
    cache_dir = c.Type(str, default=".cache")
    """Folder, relative to mkdocs.yml, where rendered charts and the Vega bundle are kept between builds
    (content-addressed, so an old entry is never wrong)."""

    listing_page_size = c.Type(int, default=200)
    """Rows per page of the long listings (all missions, a committee's missions, the changes page); the
    rest go on continuation pages, so no page grows with the content. Each listing may set its own below."""

    missions_page_size = c.Optional(c.Type(int))
    """Rows per page of the list of all missions (uppdrag/); unset: listing_page_size."""

    committee_page_size = c.Optional(c.Type(int))
    """Rows per page of a committee's page (its missions responsible and concerned, paged together); unset:
    listing_page_size."""

    changes_page_size = c.Optional(c.Type(int))
    """Rows per page of the changes page (and the length of its status history); unset: listing_page_size."""

    staged_build = c.Type(bool, default=True)
    """`mkdocs build` writes into a new folder beside site_dir and swaps it in only when the build has
    succeeded, so a failed or interrupted build leaves the previous site as it was."""

    slim_search_input = c.Type(bool, default=True)
    """Give the search plugin each page without the inline tags and listing tables it would drop anyway
    (macros/plugin/search_input.py): the same index, in a fraction of the indexer's time."""

    prerender = c.Type(bool, default=True)
    """During `mkdocs build` on a machine with a second core, render the bodies of generated pages (and
    their slim copies for search) and the site files in a forked worker while mkdocs builds pages, and
    let it remove half of the previous site (macros/plugin/prerender.py). Off: everything is done in-process,
    with the same output."""

    prerender_chunk = c.Type(int, default=50)
    """Generated pages the worker renders per task: small enough that mkdocs never waits long for one."""


def option_descriptions() -> dict[str, str]:
    """Each option's name and description (its docstring)."""
    tree = ast.parse(inspect.getsource(PortalConfig))
    body = tree.body[0].body  # type: ignore[attr-defined]
    out = {}
    for stmt, doc in zip(body, body[1:], strict=False):
        if (isinstance(stmt, ast.Assign) and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)):
            out[stmt.targets[0].id] = " ".join(doc.value.value.split())  # type: ignore[attr-defined]
    return out
