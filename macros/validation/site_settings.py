"""Checks that the settings in data/portal.yaml agree with the project's pages and mkdocs.yml.

The settings are the one home of the municipality's name, words and folders; mkdocs.yml repeats
the site's name and the menu titles (mkdocs needs them before any plugin runs), and docs/ holds
each section's overview page. Rather than rewrite mkdocs.yml at build time (what an editor reads
would then differ from what is published), the build checks that they agree and says what to write.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from macros.content.models import Settings
from macros.content.municipality import cap, term
from macros.content.problem import Problem
from macros.content.store import Content
from macros.structure.urls import section_url
from macros.validation.pydantic_errors import show_value

SETTINGS_FILE = "data/portal.yaml"
# The kinds whose menu title is the settings' word, in the plural.
_TERM_OF_KIND = {"goals": "goal", "missions": "mission", "committees": "committee"}


def docs_problems(content: Content, root: Path) -> list[Problem]:
    """Each section's folder (settings `slugs`) has its overview page docs/<slug>/index.md; the logo exists."""
    settings = content.settings
    if settings is None or ("settings", "portal") not in content.origins:
        return []
    origin = content.origin("settings", "portal")
    problems: list[Problem] = []
    docs = root / "docs"
    if not docs.is_dir():
        return problems  # content and data alone (the review summary reads only those): no pages to check
    for kind, slug in settings.slugs.model_dump().items():
        if not (docs / slug / "index.md").is_file():
            problems.append(Problem(
                origin.file, origin.line("slugs", kind),
                f"Mappen docs/{slug}/ med översiktssidan index.md saknas. Flytta översiktssidan dit "
                f"(och ändra menyn i mkdocs.yml), eller skriv mappens namn här.", field=f"slugs.{kind}",
                value=show_value(slug)))
    if settings.logo and not (docs / settings.logo).is_file():
        problems.append(Problem(origin.file, origin.line("logo"),
                                f"Logotypen finns inte: lägg filen i docs/{settings.logo} eller rätta sökvägen.",
                                field="logo", value=show_value(settings.logo)))
    return problems


def _line(text: str, pattern: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.search(pattern, line):
            return number
    return 1


_MARKUP_CHARACTERS = re.compile(r'[<>"]')


def markup_in_texts(site_name: str, description: str | None, nav: Any, mkdocs_text: str,
                    mkdocs_file: str) -> list[Problem]:
    """The theme puts mkdocs.yml's site name, description and menu titles into its HTML as they are (in
    elements and in attributes): a <, > or straight " there would become markup."""
    texts = [("site_name", site_name, r"^site_name\s*:"), ("site_description", description, r"^site_description\s*:")]
    texts += [("nav", title, rf"^\s*-\s*['\"]?{re.escape(title)}") for title, _ in _nav_entries(nav)]
    return [Problem(mkdocs_file, _line(mkdocs_text, pattern),
                    "Texten hamnar i sidornas HTML som den är: tecknen <, > och \" är inte tillåtna här. "
                    "Skriv citattecken som ” ”.", field=field, value=show_value(text))
            for field, text, pattern in texts if text and _MARKUP_CHARACTERS.search(text)]


def _nav_entries(nav: Any) -> list[tuple[str, str]]:
    """(title, file) of every titled entry, at any depth."""
    out: list[tuple[str, str]] = []
    for item in nav or []:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    out.append((str(title), target))
                else:
                    out += _nav_entries(target)
    return out


def mkdocs_problems(settings: Settings, site_name: str, nav: Any, mkdocs_text: str,
                    mkdocs_file: str = "mkdocs.yml", description: str | None = None) -> list[Problem]:
    """mkdocs.yml's texts hold no markup, its site_name is the settings' site_name, and the menu names the
    goals', missions' and committees' overview pages by the settings' words."""
    problems = markup_in_texts(site_name, description, nav, mkdocs_text, mkdocs_file)
    if settings.site_name is not None and site_name != settings.site_name:
        problems.append(Problem(
            mkdocs_file, _line(mkdocs_text, r"^site_name\s*:"),
            f"Webbplatsens namn ska vara detsamma som site_name i {SETTINGS_FILE}: "
            f"skriv site_name: {settings.site_name}", field="site_name", value=show_value(site_name)))
    for kind, attr in _TERM_OF_KIND.items():
        page = f"{getattr(settings.slugs, kind)}/index.md"
        wanted = cap(getattr(settings.terms, attr).plural)
        for title, target in _nav_entries(nav):
            if target == page and title != wanted:
                problems.append(Problem(
                    mkdocs_file, _line(mkdocs_text, rf"^\s*-\s*.*:\s*{re.escape(page)}\s*$"),
                    f"Menyns rubrik för {page} ska vara ordet i terms.{attr}.plural i {SETTINGS_FILE}: "
                    f"skriv - {wanted}: {page}", field="nav", value=show_value(title)))
    return problems


def theme_texts(settings: Settings | None) -> dict[str, str | None]:
    """What the theme overrides (footer, 404 page) show, from the settings (`config.extra.portal`); plain
    defaults before the settings are loaded or while they have errors. mkdocs renders the theme's
    templates without escaping, so the texts are HTML here, escaped (the addresses are validated
    strictly, with no quotes or angle brackets)."""
    return {
        "municipality_genitive": html.escape(settings.whose if settings else "kommunens"),
        "content_licence_url": settings.content_licence_url if settings else None,
        # "Rapportera fel" in the footer of every page: the same contact as on record pages.
        "report_email": settings.report_email if settings else None,
        "report_url": settings.report_url if settings else None,
        "goals_url": section_url("goals"), "goals_title": html.escape(cap(term("goals").definite_plural)),
        "missions_url": section_url("missions"), "missions_title": html.escape(f"Alla {term('missions').plural}"),
        "indicators_url": section_url("indicators"), "news_url": section_url("news"),
    }
