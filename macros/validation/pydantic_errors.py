"""Pydantic's validation errors as problems for editors: the field, the bad value and what is allowed, in Swedish."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from macros.content.models import SLUG_PATTERN
from macros.content.municipality import anchor, term
from macros.content.problem import Problem, show_value

if TYPE_CHECKING:
    from macros.content.yamlfile import Loc, Parsed

def _number(value: object) -> str:
    """20 000, as Swedish writes it."""
    return f"{value:,}".replace(",", "\u00a0") if isinstance(value, int) else str(value)


def field_path(loc: Loc) -> str:
    """'follow_ups[0].status' from ('follow_ups', 0, 'status')."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_TYPE_WORDS = {
    "string_type": "Värdet ska vara en text.",
    "int_type": "Värdet ska vara ett heltal.",
    "int_parsing": "Värdet ska vara ett heltal.",
    "int_from_float": "Värdet ska vara ett heltal.",
    "float_type": "Värdet ska vara ett tal.",
    "float_parsing": "Värdet ska vara ett tal (med punkt som decimaltecken).",
    "finite_number": "Talet måste vara ett vanligt tal, inte .nan eller .inf (oändligt).",
    "int_parsing_size": "Talet är för stort.",
    "bool_type": "Värdet ska vara true eller false.",
    "bool_parsing": "Värdet ska vara true eller false.",
    "list_type": "Värdet ska vara en lista (rader som börjar med '- ').",
    "dict_type": "Värdet ska vara en grupp av fält (indragna rader 'namn: värde').",
    "model_type": "Värdet ska vara en grupp av fält (indragna rader 'namn: värde').",
    "model_attributes_type": "Värdet ska vara en grupp av fält (indragna rader 'namn: värde').",
    "date_type": "Värdet ska vara ett datum, ÅÅÅÅ-MM-DD.",
    "date_parsing": "Värdet ska vara ett datum, ÅÅÅÅ-MM-DD.",
    "date_from_datetime_parsing": "Värdet ska vara ett datum, ÅÅÅÅ-MM-DD.",
    "date_from_datetime_inexact": "Värdet ska vara ett datum, ÅÅÅÅ-MM-DD.",
    "none_required": "Fältet ska vara tomt.",
}

# Errors whose value is better left out of the message (it is the whole group, or absent).
_NO_VALUE = {"missing", "model_type", "model_attributes_type", "dict_type"}


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that owns the last part of `loc` (for listing allowed fields)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return None
        current = _inner_model(info.annotation)
        if current is None:
            return None
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


# Patterns other than the id slug, in words.
_PATTERN_WORDS = {
    r"^https://": "en webbadress som börjar med https://",
    r"^\d{4}$": "fyra siffror, t.ex. '0380'",
    r"^[a-z0-9.-]+,\d{4}$": "domän, kommatecken och år, t.ex. 'exempel.se,2023'",
    r"^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$": "en e-postadress, t.ex. 'data@exempel.se'",
}


def from_validation_error(
    exc: ValidationError, model: type[BaseModel], parsed: Parsed, file: str, prefix: Loc = ()
) -> list[Problem]:
    """Translate every pydantic error into a Swedish Problem with its line."""
    problems = []
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        kind = err["type"]
        ctx = err.get("ctx") or {}
        value: str | None = None if kind in _NO_VALUE else show_value(err.get("input"))
        allowed = None
        if kind.startswith("portal_"):  # our own validators (macros.content.formats): already Swedish
            message, allowed = err["msg"], ctx.get("allowed")
        elif kind == "missing":
            message = "Fältet saknas men är obligatoriskt."
        elif kind == "extra_forbidden":
            owner = _model_at(model, loc)
            message = f"Okänt fält '{loc[-1]}' (felstavat?)."
            allowed = ", ".join(owner.model_fields) if owner else None
        elif kind in ("literal_error", "enum"):
            message = "Värdet är inte tillåtet."
            # An empty value is allowed as '' (a CSV flag): name it, since nothing between commas reads as nothing.
            expected = str(ctx.get("expected", "")).replace("''", "tomt (inget värde)")
            allowed = expected.replace("'", "").replace(" or ", " eller ")
        elif kind == "string_pattern_mismatch":
            if ctx.get("pattern") == SLUG_PATTERN:
                message = "Ett id får bara innehålla små bokstäver a–z, siffror och bindestreck."
                allowed = (f"t.ex. 'fm1-{anchor(term('missions').singular)}-3' (inga mellanslag, versaler, å/ä/ö, "
                           "'/' eller '..')")
            else:
                message = "Värdet har fel form."
                allowed = _PATTERN_WORDS.get(str(ctx.get("pattern")), f"mönstret {ctx.get('pattern')}")
        elif kind == "string_too_short":
            message = "Texten får inte vara tom."
        elif kind == "string_too_long":
            given = err.get("input")
            length = f"{_number(len(given))} tecken, " if isinstance(given, str) else ""
            limit = ctx.get("max_length")
            message = f"Texten är för lång ({length}högst {_number(limit)})."
            if isinstance(limit, int) and limit <= 1_000:  # a title, name or heading
                message += (" Korta den: den visas i rubriker och listor, också på telefoner. "
                            "Längre text hör hemma i beskrivningen.")
        elif kind == "too_short":
            message = f"Listan måste ha minst {ctx.get('min_length')} post(er)."
        elif kind == "too_long":
            message = f"Listan får ha högst {ctx.get('max_length')} poster."
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            message = "Talet är utanför det tillåtna intervallet."
            allowed = " och ".join(
                f"{'minst' if k.startswith('g') else 'högst'} {v}"
                for k, v in ctx.items()
                if k in ("ge", "le", "gt", "lt")
            )
        elif kind in _TYPE_WORDS:
            message = _TYPE_WORDS[kind]
            if kind == "string_type" and isinstance(err.get("input"), (int, float, bool)):
                message += " Sätt det inom citattecken, t.ex. \"2024\"."
        else:  # never pydantic's English: name the field and show the value
            message = "Värdet är inte tillåtet här."
        problems.append(
            Problem(
                file=file,
                line=parsed.line_of(prefix + loc),
                message=message,
                field=field_path(loc),
                value=value,
                allowed=allowed,
            )
        )
    return problems
