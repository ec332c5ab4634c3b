"""An editor's note (editor_note: provenance that used to live in YAML comments) is never published: not
on a page, in the search index, the feeds or the open data. Only the form editor and the editors' JSON
Schemas name the field."""

from __future__ import annotations

from pathlib import Path

from macros.validation.loader import load_content
from tests.conftest import FIXTURE

NOTE = "Synthetic test data: never published."


def test_editor_note_is_never_published(built_site: Path) -> None:
    content, _ = load_content(FIXTURE)
    assert content.goals["fokusmal-2"].editor_note == NOTE  # the fixture has one to leak
    leaks = []
    for path in built_site.rglob("*"):
        if not path.is_file() or path.suffix in (".png", ".jpg", ".woff2", ".ico", ".gz", ".zip", ".xlsx"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if NOTE in text or "Synthetic test data" in text:
            leaks.append(str(path.relative_to(built_site)))
        elif "editor_note" in text and not {"admin", "schemas"} & set(path.relative_to(built_site).parts):
            leaks.append(str(path.relative_to(built_site)))
    assert not leaks, leaks
