"""Renderers: format view data as HTML fragments. No content logic lives here."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from macros.content import vocabulary
from macros.content.municipality import agree, anchor, article, cap, terms, this, whose
from macros.text.htmlsafe import html_safe


@cache
def _env() -> Environment:
    # Autoescape everything: text from YAML must reach the page as text, never as markup.
    env = Environment(
        loader=PackageLoader("macros.views.views", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # `terms()` and `cap`: the municipality's words for the plan's levels (data/portal.yaml).
    # `categories()` and `icons()`: the status vocabulary, read at render time (macros/content/vocabulary.py).
    env.globals.update(badge=badge, committee_links=committee_links, age_label=age_label, terms=terms, cap=cap,
                       whose=whose, anchor=anchor, article=article, this=this, agree=agree,
                       categories=vocabulary.counted, icons=vocabulary.icons)
    return env


def use_bytecode_cache(bytecode_cache: BytecodeCache | None) -> None:
    """Keep the views' compiled templates in `bytecode_cache` (Jinja's own mechanism), or stop keeping them."""
    _env().bytecode_cache = bytecode_cache


@cache
def badge(status: Any | None, with_meaning: bool = False) -> Markup:
    """A status badge: icon, label and, if asked, the status's meaning ('Ingen bedömning' for None).
    Statuses are hashable views (views.StatusView), so each distinct badge is rendered once."""
    return Markup(_parts().status(status, with_meaning))


@cache
def committee_links(committees: tuple[Any, ...], empty: str = "Ej angivet i källan", *, full: bool = False,
                    both: bool = False) -> Markup:
    """Committees (views.CommitteeRef) linked to their pages: by abbreviation (the name as a tooltip), by
    full name (`full`), or both (`both`: 'Kommunstyrelsen (KS)', where the abbreviation is what people
    search for); `empty` when there are none. Rendered once per list."""
    return Markup(_parts().committees(committees, empty, full=full, both=both))


@cache
def age_label(age: Any, short: bool = False) -> Markup:
    """A status's age (currency.AgeView), outdated ones with the clock icon; each distinct one rendered once."""
    return Markup(_parts().age(age, short))


def _parts() -> Any:
    return _env().get_template("_parts.html").module


def render(template: str, **context: Any) -> str:
    """Render a template to an HTML fragment; blank lines from template tags are dropped, and code points
    HTML forbids (whatever validation let through) are replaced."""
    html = _env().get_template(template).render(**context)
    return html_safe(re.sub(r"\n\s*\n+", "\n", html).strip() + "\n")
