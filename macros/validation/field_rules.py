"""The rules validation checks across several fields of one file, in the words an editor reads before saving.

A model's JSON Schema (and so the form editor) can say what one field must be; a rule that spans fields
(one of two lists must have an entry, a period may be listed once, a trend follows from the statuses)
is checked in checks.py, and Decap CMS cannot express it. Each such rule is listed here once: checks.py
reports it, and the form editor's configuration puts its words in the hint of the fields it names, so an
editor reads the rule before saving rather than from CI afterwards. A rule the form can enforce by requiring a
field the validator only warns about is marked `form_required`. tests/editors/test_cms.py asserts every rule
below is required by the form or in a hint of each field it names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from macros.content.municipality import term


@dataclass(frozen=True)
class FieldRule:
    """A rule over several fields of one record. `fields`: (model name, field name) pairs whose hint says it."""

    key: str
    fields: tuple[tuple[str, str], ...]
    words: Callable[[], str]  # called when used: the words follow the settings' terms
    # True: the form requires every field named (the validator only warns, so content written
    # elsewhere still loads); False: the form cannot express it and its hint says it.
    form_required: bool = False

    def text(self) -> str:
        return self.words()


FIELD_RULES: tuple[FieldRule, ...] = (
    FieldRule("mission-committees", (("Mission", "responsible"), ("Mission", "concerned")),
              lambda: f"Ange minst en ansvarig eller berörd {term('committees').singular}."),
    FieldRule("follow-up-period-once", (("Goal", "follow_ups"), ("Mission", "follow_ups")),
              lambda: "Varje uppföljningsperiod får bara finnas en gång."),
    FieldRule("goal-trend-derived", (("GoalFollowUp", "trend"),),
              lambda: "Trenden räknas ut från statusarna när det finns en tidigare uppföljning; skriv den "
                      "bara om den stämmer med dem."),
    FieldRule("target-fits-unit", (("Target", "value"),),
              lambda: "Värdet ska passa indikatorns enhet (procent: 0–100)."),
    FieldRule("status-source", (("GoalFollowUp", "source"), ("MissionFollowUp", "source")),
              lambda: "En status visas aldrig utan sin källa.", form_required=True),
    FieldRule("status-category", (("Status", "category"),),
              lambda: "Krävs när statusen gäller uppdrag; ska utelämnas när den gäller mål."),
)

RULES = {rule.key: rule for rule in FIELD_RULES}


def form_required(model: str, field: str) -> bool:
    """Whether the form requires this field though the model lets it be left out."""
    return any(rule.form_required for rule in rules_for(model, field))


def rules_for(model: str, field: str) -> list[FieldRule]:
    """The cross-field rules an editor should read beside this field."""
    return [rule for rule in FIELD_RULES if (model, field) in rule.fields]
