"""Validation problems for editors: file, line, field, bad value, what is allowed — in Swedish."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

from .characters import escape
from .models import SLUG_PATTERN

if TYPE_CHECKING:
    from .yamlfile import Loc, Parsed

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located precisely enough to fix without guessing."""

    file: str
    line: int
    message: str
    field: str = ""
    value: str | None = None
    allowed: str | None = None
    severity: Severity = "error"

    def text(self) -> str:
        """Human-readable line, as printed by the validate command."""
        kind = "fel" if self.severity == "error" else "varning"
        parts = [f"{escape(self.file)}:{self.line}: {kind}:"]
        if self.field:
            parts.append(f"fältet '{_short(self.field)}':")
        parts.append(self.message)
        if self.value is not None:
            parts.append(f"Värde: {self.value}.")
        if self.allowed:
            parts.append(f"Tillåtet: {self.allowed}.")
        # Nothing an editor typed may reach a terminal or CI log as a control or bidi character.
        return escape(" ".join(parts))

    def github(self) -> str:
        """GitHub Actions workflow command, so the problem shows on the pull request's diff."""
        kind = "error" if self.severity == "error" else "warning"
        body = self.text().split(": ", 2)[-1]
        # Workflow commands end at a newline and treat % specially; escape as GitHub documents.
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        # In properties ',' and ':' separate too.
        file = escape(self.file).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        file = file.replace(":", "%3A").replace(",", "%2C")
        return f"::{kind} file={file},line={self.line}::{body}"


def _number(value: object) -> str:
    """20 000, as Swedish writes it."""
    return f"{value:,}".replace(",", "\u00a0") if isinstance(value, int) else str(value)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show_value(value: Any) -> str:
    """Short, unambiguous rendering of a bad value for a message."""
    if isinstance(value, float) and not math.isfinite(value):
        text = {True: ".nan"}.get(math.isnan(value), ".inf" if value > 0 else "-.inf")
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except (ValueError, RecursionError):  # a number too long to print, a structure too deep
            text = "(värdet kan inte visas)"
    text = escape(text)
    return text if len(text) <= 80 else text[:77] + "…"


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
    r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$": "en e-postadress, t.ex. 'data@exempel.se'",
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
        if kind.startswith("portal_"):  # our own validators (macros.formats): already Swedish
            message, allowed = err["msg"], ctx.get("allowed")
        elif kind == "missing":
            message = "Fältet saknas men är obligatoriskt."
        elif kind == "extra_forbidden":
            owner = _model_at(model, loc)
            message = f"Okänt fält '{loc[-1]}' (felstavat?)."
            allowed = ", ".join(owner.model_fields) if owner else None
        elif kind in ("literal_error", "enum"):
            message = "Värdet är inte tillåtet."
            allowed = str(ctx.get("expected", "")).replace("'", "").replace(" or ", " eller ")
        elif kind == "string_pattern_mismatch":
            if ctx.get("pattern") == SLUG_PATTERN:
                message = "Ett id får bara innehålla små bokstäver a–z, siffror och bindestreck."
                allowed = "t.ex. 'fm1-uppdrag-3' (inga mellanslag, versaler, å/ä/ö, '/' eller '..')"
            else:
                message = "Värdet har fel form."
                allowed = _PATTERN_WORDS.get(str(ctx.get("pattern")), f"mönstret {ctx.get('pattern')}")
        elif kind == "string_too_short":
            message = "Texten får inte vara tom."
        elif kind == "string_too_long":
            message = f"Texten är för lång (högst {_number(ctx.get('max_length'))} tecken)."
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
