"""Words the form editor shows for the models' fixed values and for one item of a list: an editor picks
"Årsredovisning", not `arsredovisning`, and adds "en uppföljning", never "1 uppföljningar". The YAML keeps
the ids the validator knows. Plain Swedish, nothing specific to one municipality. Knows nothing of mkdocs."""

from __future__ import annotations

# Fixed values (Literal types in macros/content/models.py) by field name, in words.
OPTION_WORDS: dict[str, dict[str, str]] = {
    "trend": {"forbattrad": "Förbättrad", "oforandrad": "Oförändrad", "forsamrad": "Försämrad"},
    "kind": {"april": "Delårsuppföljning per april", "augusti": "Delårsrapport per augusti",
             "arsredovisning": "Årsredovisning"},
    "applies_to": {"goal": "Mål", "mission": "Uppdrag"},
    "color": {"green": "Grön", "yellow": "Gul", "red": "Röd"},
    "icon": {"check": "Bock", "circle": "Cirkel", "warning": "Varningstriangel", "stop": "Stopptecken"},
    "category": {"complete": "Färdigt", "on_track": "Pågår enligt plan", "delayed": "Försenat",
                 "not_done": "Genomförs inte"},
    "unit": {"procent": "Procent", "antal": "Antal", "kronor": "Kronor"},
    "direction": {"lower": "Lägre är bättre", "higher": "Högre är bättre"},
    "frequency": {"yearly": "En gång om året"},
    "gender": {"en": "en (en nämnd)", "ett": "ett (ett mål)"},
}

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
