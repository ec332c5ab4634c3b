"""What mkdocs-material's search indexer is given to read: the page without tags it would drop anyway
(the plugin hands it this copy in on_page_context, see plugin.py).

The indexer parses each page with Python's HTMLParser and keeps only headings (as sections), text,
and a few block tags (p, li, ol, ul, code, pre, sub, sup). Inline wrappers such as links, status
badges and their SVG icons only cost it time (README, Performance, has the figures). Removing those
tags first leaves the index unchanged up to whitespace (tests/plugin/test_search.py checks this on every built page).
"""

from __future__ import annotations

import re

# Elements whose tags the indexer discards while keeping their text: inline ones, and blocks that
# never hold a heading (a heading's nesting depth decides which section later text belongs to).
# Never a tag it keeps, never a void element (it ignores those already).
_DROPPED_TAG = re.compile(r"</?(?:a|abbr|b|em|i|small|span|strong|time|svg|circle|path"
                          r"|dl|dt|dd|table|caption|thead|tbody|tr|th|td)(?=[\s/>])[^>]*>")

# Our own markup marked data-search-exclude, which the indexer skips whole after parsing every tag in
# it: listing tables (most of a listing page's markup), and the change history, change date and report line
# that end every record page (on every page alike, so they would only add hits for '5', 'ändrades' or 'fel'
# everywhere).
_EXCLUDED = re.compile(r'<div class="pm-table-wrap"[^>]*data-search-exclude>.*?</table>\s*</div>'
                       r'|<p class="pm-changed[^"]*" data-search-exclude>.*?</p>'
                       r'|<section class="pm-history"[^>]*data-search-exclude>.*?</section>'
                       r'|<aside class="pm-report"[^>]*data-search-exclude>.*?</aside>', re.S)

# Markup that changes what the indexer keeps: a part excluded from search, or a heading permalink
# (whose text it leaves out of the title). Pages with either are given to it whole.
_SENSITIVE = ("data-search-exclude", "headerlink")


def indexer_input(html: str) -> str:
    """`html` without the listing tables and inline tags the search indexer would discard; when it holds
    markup that changes what the indexer keeps, only without the listing tables."""
    return joined_indexer_input([indexer_part(html)])


# What indexer_input makes of one part of a page: the part without listing tables, and that without the
# dropped tags (None when the part holds sensitive markup).
IndexerPart = tuple[str, str | None]


def indexer_part(html: str) -> IndexerPart:
    """One part of a page prepared on its own (the prerender worker prepares generated page bodies)."""
    whole = _without_listings(html)
    return whole, None if is_sensitive(whole) else _DROPPED_TAG.sub("", whole)


def joined_indexer_input(parts: list[IndexerPart]) -> str:
    """indexer_input of the parts joined by newlines, for parts no tag, listing table or marker spans."""
    slims = [slim for _, slim in parts]
    if None in slims:
        return "\n".join(whole for whole, _ in parts)
    return "\n".join(slims)  # type: ignore[arg-type]


def is_sensitive(html: str) -> bool:
    """Whether `html` holds markup that changes what the indexer keeps (see _SENSITIVE)."""
    return any(marker in html for marker in _SENSITIVE)


def _without_listings(html: str) -> str:
    return _EXCLUDED.sub("", html) if "data-search-exclude" in html else html
