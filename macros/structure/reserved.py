"""Ids that would take a page the site already makes.

A record's page lives at `<section>/<id>/` (urls.page_file). The same folder holds pages that are not
records: the section's overview (`<section>/index.md`, hand-written in docs/), the continuation pages
of its listing (`<section>/sida-N/`, paging.listing_page_file), the mission rows file (urls.mission_rows_url)
and any other page written in docs/<section>/. An id that names one of those would replace it
silently, or crash a later build when the listing grows past a page. Every such id is refused, for
every kind, whatever the listing's length today.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from macros.content.problem import Problem, show_value
from macros.content.repofiles import unportable_name
from macros.content.store import Content
from macros.structure.paging import listing_page_file as continuation_file
from macros.structure.urls import mission_rows_url, page_file, section, section_url

# Kinds whose records get pages, and where their ids are written.
_KINDS = ("goals", "missions", "indicators", "news", "committees")


def _stem(path: str) -> str:
    return posixpath.splitext(path)[0]


def _other_pages(kind: str, docs: Path | None) -> set[str]:
    """Paths (without extension) of the pages in `kind`'s section that are not record pages."""
    folder = section(kind)
    found = {f"{folder}/index", _stem(mission_rows_url())}
    if docs is not None and (docs / folder).is_dir() and not (docs / folder).is_symlink():
        found |= {f"{folder}/{_stem(p.name)}" for p in (docs / folder).iterdir()}
    return found


_CONTINUATION = re.compile(r"sida-(\d+)")


def reserved_reason(kind: str, record_id: str, docs: Path | None = None) -> str | None:
    """Why `record_id` cannot be an id of `kind` (Swedish), or None if it can."""
    if (unportable := unportable_name(record_id)) is not None:  # its file and its page's folder
        return unportable
    path = _stem(page_file(kind, record_id))
    overview = section_url(kind)
    if path == f"{section(kind)}/index":
        return f"Adressen {overview} är sektionens översiktssida."
    number = _CONTINUATION.fullmatch(record_id)
    if number and _stem(continuation_file(overview, int(number.group(1)))) == path:
        return f"Adressen {overview}{record_id}/ är en fortsättningssida för listan med fler rader än en sida rymmer."
    if path in _other_pages(kind, docs):
        return f"Sidan eller filen {path} finns redan i {overview}."
    return None


def reserved_id_problems(content: Content, root: Path | None = None) -> list[Problem]:
    """One problem for each record whose id is reserved, on the line of its id."""
    docs = root / "docs" if root is not None else None
    problems: list[Problem] = []
    for kind in _KINDS:
        for record_id in getattr(content, kind):
            reason = reserved_reason(kind, record_id, docs)
            if reason is None:
                continue
            origin = content.origin(kind, record_id)
            problems.append(Problem(origin.file, origin.line("id"),
                                    f"Id:t kan inte användas: {reason} Välj ett annat id"
                                    + (" (och byt filnamn till samma)." if kind != "committees" else "."),
                                    field="id", value=show_value(record_id)))
    return problems
