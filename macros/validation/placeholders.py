"""Placeholders `scripts.scaffold` writes where only the editor can supply the text.

A placeholder fails validation until it is replaced, so a scaffolded record can never be
published with an invented or empty description or source.
"""

from __future__ import annotations

from typing import Any

PLACEHOLDER = "FYLL I"

Loc = tuple[str | int, ...]


def placeholder(what: str) -> str:
    """The text scaffold writes, e.g. 'FYLL I: uppdragets beskrivning, ordagrant från källan'."""
    return f"{PLACEHOLDER}: {what}"


def find_placeholders(data: Any, loc: Loc = ()) -> list[tuple[Loc, str]]:
    """Every (location, text) in `data` whose text still starts with the placeholder."""
    found: list[tuple[Loc, str]] = []
    stack: list[tuple[Loc, Any]] = [(loc, data)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, str):
            if value.lstrip().upper().startswith(PLACEHOLDER):
                found.append((here, value))
        elif isinstance(value, dict):
            stack.extend((here + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((here + (i,), v) for i, v in enumerate(value))
    return sorted(found, key=lambda item: [str(p) for p in item[0]])
