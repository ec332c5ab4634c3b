"""One problem found in the content, for editors: file, line, field, bad value, what is allowed — in Swedish."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Literal

from macros.text.characters import escape

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
        # A line break in a file's name (git allows one) would split `file:line:` in two.
        file = escape(self.file).replace("\n", "\\n").replace("\r", "\\r")
        parts = [f"{file}:{self.line}: {kind}:"]
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
