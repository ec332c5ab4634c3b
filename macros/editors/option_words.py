"""Words the form editor shows for the models' fixed values and for one item of a list: an editor picks
"Årsredovisning", not `arsredovisning`, and adds "en uppföljning", never "1 uppföljningar". The YAML keeps
the ids the validator knows. Plain Swedish, nothing specific to one municipality. Knows nothing of mkdocs."""

from __future__ import annotations

from macros.content.value_words import VALUE_WORDS

# Fixed values by field name, in words: the one home is content/value_words.py (the spreadsheets use it too).
OPTION_WORDS: dict[str, dict[str, str]] = VALUE_WORDS

# One item of a list field, by field name (Decap: "Lägg till uppföljning", "1 uppföljning").
LIST_SINGULAR: dict[str, str] = {
    "follow_ups": "uppföljning", "sections": "avsnitt", "sources": "källa", "initiatives": "insats",
    "bullets": "punkt", "glossary": "ord", "responsible": "nämnd", "concerned": "nämnd", "goals": "mål",
    "indicators": "indikator", "comparison": "kommun", "reference": "kommun",
    "comparison_municipalities": "kommun", "reference_municipalities": "kommun",
}


def option(field: str, value: str) -> dict[str, str] | str:
    """A select option: {label, value} when the value has words, else the value itself."""
    words = OPTION_WORDS.get(field, {}).get(value)
    return {"label": words, "value": value} if words else value
