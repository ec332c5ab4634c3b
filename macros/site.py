"""The loaded portal for one build: content plus what every page needs. No mkdocs imports here."""

from __future__ import annotations

import json
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
        for kind, records, macro, title in (
            ("goals", c.goals, "goal_page", lambda r: f"Fokusmål {r.number}. {r.short_title}"),
            ("missions", c.missions, "mission_page", lambda r: f"Uppdrag {r.number}: {r.title}"),
            ("committees", c.committees, "committee_page", lambda r: r.name),
            ("indicators", c.indicators, "indicator_page", lambda r: r.title),
            ("news", c.news, "news_page", lambda r: r.title),
        ):
            for record_id, record in records.items():
                pages[page_file(kind, record_id)] = _page_markdown(title(record), f'{macro}("{record_id}")')
        return pages


def _page_markdown(title: str, call: str) -> str:
    # The title goes into front matter as a JSON string (valid YAML); braces and angle brackets are
    # written as entities so neither Jinja nor HTML ever sees them as syntax.
    safe = (title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("{", "&#123;").replace("}", "&#125;"))
    if len(safe) > 120:
        safe = safe[:117].rstrip() + "…"
    return f"---\ntitle: {json.dumps(safe, ensure_ascii=False)}\n---\n\n{{{{ {call} }}}}\n"


def load_portal(root: Path) -> Portal:
    """Load and validate everything; raise ContentError if anything is wrong (never publish partially)."""
    content, problems = load_content(root)
    errors = errors_only(problems)
    if errors:
        raise ContentError(errors)
    return Portal(root=root, content=content, warnings=[p for p in problems if p.severity == "warning"])
