"""Fixes to the theme's rendered HTML that no template override can make, so every page passes the
Nu Html Checker. Pure functions of the page's HTML; the plugin applies fix_page to every page and to
the 404 template after rendering (it runs on every page, so it must stay cheap: one scan).

mkdocs-material (9.x, templates/base.html, outside any block) writes its drawer and search toggles as
<input type="checkbox" ... autocomplete="off">. HTML allows `autocomplete` only on text-like inputs
(the checker: 'Attribute "autocomplete" is only allowed when the input type is ...'). The theme used
it so that Firefox does not restore the toggles' checked state on reload; docs/assets/portal.js
closes both toggles on `pageshow` instead.

Code points HTML forbids are kept out of the pages where text enters them (text/htmlsafe.py)."""

from __future__ import annotations

import re

# Input types on which HTML allows `autocomplete` (as listed by the Nu Html Checker).
AUTOCOMPLETE_TYPES = frozenset({"color", "date", "datetime-local", "email", "hidden", "month", "number", "password",
                                "range", "search", "tel", "text", "time", "url", "week"})
_INPUT = re.compile(r"<input\b[^<>]*>", re.IGNORECASE)
# One attribute, with the whitespace before it; a quoted value is consumed whole, so nothing inside a
# value is ever taken for an attribute.
_ATTRIBUTE = re.compile(r"""(\s+)([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _input_without_misplaced_autocomplete(match: re.Match[str]) -> str:
    tag = match.group(0)
    if "autocomplete" not in tag.lower():  # most inputs: nothing to parse
        return tag
    attributes, pos = [], len("<input")
    while (attribute := _ATTRIBUTE.match(tag, pos)) is not None:
        attributes.append(attribute)
        pos = attribute.end()
    values = {a.group(2).lower(): (a.group(3) or "").strip("\"'") for a in attributes}
    # No type attribute means type="text", which allows autocomplete.
    if values.get("type", "text").strip().lower() in AUTOCOMPLETE_TYPES or "autocomplete" not in values:
        return tag
    kept = "".join(a.group(0) for a in attributes if a.group(2).lower() != "autocomplete")
    tail = tag[pos:]
    # '<input type=checkbox/>' would read as type "checkbox/": keep a space before a self-closing slash.
    return tag[:len("<input")] + kept + (" " + tail.lstrip() if tail.lstrip().startswith("/") else tail)


# mkdocs-material's search dialog has no accessible name (axe: aria-dialog-name). We name the rendered
# tag rather than keep a copy of the partial.
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_DIALOG_NAMED = _SEARCH_DIALOG[:-1] + ' aria-label="Sök på webbplatsen">'

# The theme's Swedish names for the menu and the search box's parts: the menu landmark is "Navigation"
# (German, and says nothing), and the search field and its options share the dialog's "Sök", so a screen
# reader's list of landmarks and fields shows three "Sök". Each gets its own Swedish name.
_LABELS = {
    '<nav class="md-nav md-nav--primary': ("Navigation", "Huvudmeny"),
    '<nav class="md-path"': ("Navigation", "Du är här"),
    '<input type="text" class="md-search__input"': ("Sök", "Sökord"),
    '<nav class="md-search__options"': ("Sök", "Sökalternativ"),
}
_LABELLED = re.compile("(" + "|".join(re.escape(k) for k in _LABELS) + r')([^<>]*?aria-label=")([^"]*)"')


# The search results' "2 till på denna sida" (the theme's Swedish, stiff): what it counts, in plain words.
# The theme's words sit in the page's JSON configuration, which its script reads.
_MORE_HITS = {"one": "1 träff till på sidan", "other": "# träffar till på sidan"}
_MORE_HITS_KEY = re.compile(r'("search\.result\.more\.(one|other)": ")[^"]*"')


def _relabel(match: re.Match[str]) -> str:
    theirs, ours = _LABELS[match.group(1)]
    return match.group(1) + match.group(2) + (ours if match.group(3) == theirs else match.group(3)) + '"'


def name_search_dialog(html: str) -> str | None:
    """`html` with the theme's search dialog named; None if the page has a search dialog in a form
    this code does not know (the theme changed: the caller must say so)."""
    if 'class="md-search"' not in html:
        return html
    if _SEARCH_DIALOG not in html:
        return None
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG_NAMED, 1)


def fix_page(html: str) -> str:
    """`html` with `autocomplete` removed from every <input> whose type does not allow it, and the menu
    and the search box's parts named in Swedish, each its own name (_LABELS), and the search results'
    count of further hits on a page in plain words (_MORE_HITS)."""
    html = _LABELLED.sub(_relabel, _INPUT.sub(_input_without_misplaced_autocomplete, html))
    return _MORE_HITS_KEY.sub(lambda m: m.group(1) + _MORE_HITS[m.group(2)] + '"', html, count=2)
