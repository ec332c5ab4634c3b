"""Text made safe for HTML documents: the code points HTML forbids in a document replaced.

Editors' YAML can carry control characters (a double-quoted "\\x01") and noncharacters (U+FDD0).
Validation refuses control characters, bidi controls and U+FFFE/U+FFFF (characters.py), not the
other noncharacters; nothing it lets through may make a page invalid. So every fragment our
templates render (render.py), every generated page's title and heading (pages.py) and the pages
written in docs/ with their front matter (the plugin) pass through html_safe. The theme's own markup
needs no such care.
"""

from __future__ import annotations

import re

# Code points forbidden in an HTML document: controls other than ASCII whitespace, and noncharacters.
# Split in two: one class with astral code points in it is ten times slower to search, and pages
# rarely hold an astral character at all.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_FORBIDDEN_ASTRAL = re.compile("[" + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                             for plane in range(1, 17)) + "]")


def html_safe(text: str) -> str:
    """`text` with each forbidden control character as a space, each noncharacter as U+FFFD."""
    text = _FORBIDDEN.sub(_replacement, text)
    if _ASTRAL.search(text):
        text = _FORBIDDEN_ASTRAL.sub(_replacement, text)
    return text


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group(0) <= "\x9f" else "\ufffd"
