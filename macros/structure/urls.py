"""Where each record's page lives, and relative links between pages (raw HTML is not rewritten by mkdocs)."""

from __future__ import annotations

import posixpath

from macros.content.municipality import slugs


def section(kind: str) -> str:
    """Folder of each kind of generated page (settings `slugs`); also the overview page's URL."""
    return getattr(slugs(), kind)


# The hand-written page of what changed at the latest follow-up.
CHANGES_URL = "andringar/"
CONTENT_CHANGES_ANCHOR = "innehall"  # the changes page's list of content changes
CONTENT_CHANGES_URL = f"{CHANGES_URL}#{CONTENT_CHANGES_ANCHOR}"


def mission_rows_url() -> str:
    """The rows of every mission, in one file the filters fetch when the listing has several pages."""
    return f"{section('missions')}/rader.html"


def section_url(kind: str) -> str:
    """Site-relative URL of a kind's overview page, e.g. 'uppdrag/'."""
    return f"{section(kind)}/"


def page_url(kind: str, record_id: str) -> str:
    """Site-relative URL of a record's page, e.g. 'uppdrag/fm1-uppdrag-1/'."""
    return f"{section(kind)}/{record_id}/"


def page_file(kind: str, record_id: str) -> str:
    """Source path (relative to docs/) of a record's generated page."""
    return f"{section(kind)}/{record_id}.md"


class Linker:
    """Makes links relative to the page being rendered, so the site works under any base path."""

    def __init__(self, current_url: str) -> None:
        # The folder the page is served from: its URL for 'a/b/', the parent for 'a/b.html'.
        folder = current_url.lstrip("/") if current_url.endswith("/") else posixpath.dirname(current_url)
        self.base = [part for part in folder.split("/") if part]

    def to(self, url: str) -> str:
        """Relative link from the current page to a site-relative `url` ('' is the start page)."""
        # Same result as posixpath.relpath, without its normalisation: a listing page makes
        # thousands of links, and our URLs hold no '.' or '..' segments.
        parts = [part for part in url.split("/") if part]
        common = 0
        for here, there in zip(self.base, parts, strict=False):  # stops at the shorter
            if here != there:
                break
            common += 1
        rel = "/".join([".."] * (len(self.base) - common) + parts[common:])
        if url.endswith("/") or url == "":
            rel += "/"
        return rel if rel not in ("", "/") else "./"

    def record(self, kind: str, record_id: str) -> str:
        return self.to(page_url(kind, record_id))
