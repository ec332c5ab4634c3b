"""Where each record's page lives, and relative links between pages (raw HTML is not rewritten by mkdocs)."""

from __future__ import annotations

import posixpath

# Folder of each kind of generated page; also the overview page's URL.
SECTIONS = {
    "goals": "mal",
    "missions": "uppdrag",
    "committees": "namnder",
    "indicators": "indikatorer",
    "news": "nyheter",
}


def page_url(kind: str, record_id: str) -> str:
    """Site-relative URL of a record's page, e.g. 'uppdrag/fm1-uppdrag-1/'."""
    return f"{SECTIONS[kind]}/{record_id}/"


def page_file(kind: str, record_id: str) -> str:
    """Source path (relative to docs/) of a record's generated page."""
    return f"{SECTIONS[kind]}/{record_id}.md"


class Linker:
    """Makes links relative to the page being rendered, so the site works under any base path."""

    def __init__(self, current_url: str) -> None:
        self.base = "/" + current_url.lstrip("/")
        if not self.base.endswith("/"):
            self.base = posixpath.dirname(self.base) + "/"

    def to(self, url: str) -> str:
        """Relative link from the current page to a site-relative `url` ('' is the start page)."""
        target = "/" + url.lstrip("/")
        rel = posixpath.relpath(target, self.base)
        if url.endswith("/") or url == "":
            rel = rel.rstrip("/") + "/"
        return "./" if rel in ("./", "/") else rel

    def record(self, kind: str, record_id: str) -> str:
        return self.to(page_url(kind, record_id))
