"""Words a record is searched by beyond its text: its number ('uppdrag 5') and its abbreviation ('KS').

mkdocs-material's search gives a page's `tags` (front matter) a boost of a million against the title's
thousand, and indexes each tag as one token: so a tag is one word, and a record whose own number or
abbreviation is searched for comes first, above every page that only mentions it."""

from __future__ import annotations

from macros.content.models import Committee, Goal, Mission
from macros.content.municipality import term


def record_tags(record: object) -> list[str]:
    """The single-word tags a record's page is found by first."""
    if isinstance(record, Mission):
        return [term("missions").singular, str(record.number)]
    if isinstance(record, Goal):
        return list(dict.fromkeys([term("goals").singular, "mål", str(record.number)]))
    if isinstance(record, Committee) and not record.is_group:
        return [record.abbreviation]
    return []
