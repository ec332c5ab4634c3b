"""What a field is called where people read it: the first clause of its description in the models, so the
form editor's labels and the reviewers' summary name a field the same way (never its YAML key alone)."""

from __future__ import annotations

from pydantic import BaseModel


def label_of(description: str) -> str:
    """A form label from a field description: its first clause ('Unikt id, samma som …' -> 'Unikt id')."""
    depth = 0
    for i, ch in enumerate(description):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and ch in ".,:;" and (i + 1 == len(description) or description[i + 1] == " "):
            return description[:i].strip()
    return description.strip()


def field_label(model: type[BaseModel], name: str) -> str:
    """The label of field `name` of `model`, or the name itself when it has no description."""
    field = model.model_fields.get(name)
    return label_of(field.description) if field is not None and field.description else name
