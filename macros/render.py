"""Renderers: format view data as HTML fragments. No content logic lives here."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def _env() -> Environment:
    # Autoescape everything: text from YAML must reach the page as text, never as markup.
    return Environment(
        loader=PackageLoader("macros", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context: Any) -> str:
    """Render a template to an HTML fragment; blank lines from template tags are dropped."""
    html = _env().get_template(template).render(**context)
    return re.sub(r"\n\s*\n+", "\n", html).strip() + "\n"
