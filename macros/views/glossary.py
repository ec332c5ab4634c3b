"""Plain words: terms a resident may not know, explained on the page where they appear.

The explanations live in the settings (`glossary` in data/portal.yaml), so any municipality can add
its own; a page lists the terms its texts use, each once, under the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from macros.content.models import GlossaryEntry


def explained_terms(glossary: list[GlossaryEntry], texts: Iterable[str | None]) -> list[dict[str, str]]:
    """The glossary entries whose term occurs as a whole word in `texts` (case as written), in glossary
    order: [{'term': 'LSS', 'meaning': '…'}]."""
    joined = "\n".join(t for t in texts if t)
    return [{"term": entry.term, "meaning": entry.meaning} for entry in glossary
            if re.search(rf"(?<!\w){re.escape(entry.term)}(?!\w)", joined)]
