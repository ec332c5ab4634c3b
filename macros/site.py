"""The loaded portal for one build: content plus what every page needs. No mkdocs imports here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .loader import Content, ContentError, errors_only, load_content
from .problems import Problem
from .urls import page_file


@dataclass
class Portal:
    root: Path
    content: Content
    warnings: list[Problem]

    def generated_pages(self) -> dict[str, str]:
        """Source path -> Markdown for every per-record page; each is one macro call on a safe id."""
        c = self.content
        pages: dict[str, str] = {}
        for kind, records, macro, title, heading in (
            ("goals", c.goals, "goal_page", lambda r: f"Fokusmål {r.number}. {r.short_title}", lambda r: r.title),
            ("missions", c.missions, "mission_page", lambda r: f"Uppdrag {r.number}: {r.title}", lambda r: r.title),
            ("committees", c.committees, "committee_page", lambda r: r.name,
             lambda r: r.name if r.is_group else f"{r.name} ({r.abbreviation})"),
            ("indicators", c.indicators, "indicator_page", lambda r: r.title, lambda r: r.title),
            ("news", c.news, "news_page", lambda r: r.title, lambda r: r.title),
        ):
            for record_id, record in records.items():
                pages[page_file(kind, record_id)] = page_markdown(
                    title(record), heading(record), f'{macro}("{record_id}")'
                )
        return pages


# Characters Python-Markdown gives meaning to; a backslash makes each literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#+\-.!])")


def inert(text: str) -> str:
    """Text that Markdown, HTML and Jinja all show literally: entities for <>&{}, escapes for the rest."""
    return _entities(_MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split())))


def _entities(text: str) -> str:
    # Entities for the characters HTML and Jinja treat as syntax; both show an entity as the character.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("{", "&#123;").replace("}", "&#125;"))


def page_markdown(title: str, heading: str, call: str) -> str:
    """A generated page: front-matter title, a Markdown H1 (for the table of contents and skip link)
    and one macro call on a validated id. Only `call` is ever evaluated."""
    safe_title = _entities(title)
    if len(safe_title) > 120:
        safe_title = safe_title[:117].rstrip() + "…"
    return (f"---\ntitle: {json.dumps(safe_title, ensure_ascii=False)}\n---\n\n"
            f"# {inert(heading)}\n\n{{{{ {call} }}}}\n")


def load_portal(root: Path) -> Portal:
    """Load and validate everything; raise ContentError if anything is wrong (never publish partially)."""
    content, problems = load_content(root)
    errors = errors_only(problems)
    if errors:
        raise ContentError(errors)
    return Portal(root=root, content=content, warnings=[p for p in problems if p.severity == "warning"])
