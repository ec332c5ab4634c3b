"""The one home of the words for the models' fixed values: an editor picks "Årsredovisning", not
`arsredovisning`, and a Swedish spreadsheet reads "Lägre är bättre", not `lower`. Codes stay in YAML, in the
programs' CSV and JSON; these words are what people read (the form editor, the spreadsheet files).
Plain Swedish, nothing specific to one municipality."""

from __future__ import annotations

from typing import Any

# Fixed values (Literal types in macros/content/models.py) by field name, in words.
VALUE_WORDS: dict[str, dict[str, str]] = {
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
    "flag": {"preliminary": "Preliminärt", "revised": "Reviderat", "missing": "Saknas"},
}


def value_word(field: str, value: Any) -> Any:
    """The value of `field` in words when it is a code with words, else the value as it is."""
    return VALUE_WORDS.get(field, {}).get(value, value) if isinstance(value, str) else value
