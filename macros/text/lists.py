"""Long texts as editors paste them: bullets from Word ("•\\tFörsta punkten") become Markdown list items and
tabs become spaces, whatever tool wrote the file, so citizens see a list, not one run-on paragraph.

Applied to every long-text field when it is loaded (models.Text and models.Paragraph), so the pages,
feeds and downloads all read the same text; views.paragraphs then keeps each item on its own.
"""

from __future__ import annotations

import re

# Bullets Word, Google Docs and PDFs paste: •, ◦, ▪, ▫, ●, ○, ■, □, ‣, ⁃, ∙, · and Word's Symbol-font
# bullet (U+F0B7); a dash or an asterisk followed by a space or tab is already a Markdown item.
_BULLET = re.compile(r"^[ \t]*(?:[•◦▪▫●○■□‣⁃∙·\uf0b7]|[-–*](?=[ \t]))[ \t]*(?=\S)", re.M)
ITEM = "- "


def normalise_text(text: str) -> str:
    """Bulleted lines as '- item' lines set off by blank lines from the text around them; tabs as spaces."""
    if "\t" not in text and not _BULLET.search(text):
        return text
    lines = _BULLET.sub(ITEM, text).replace("\t", " ").split("\n")
    out: list[str] = []
    for line in lines:
        item = line.startswith(ITEM)
        previous = out[-1] if out else ""
        if out and previous.strip() and item != previous.startswith(ITEM):
            out.append("")  # a list starts or ends: a paragraph break
        out.append(re.sub(r" {2,}", " ", line) if item else line)
    return "\n".join(out)


def list_items(block: str) -> list[str] | None:
    """The items of a block that is a list ('- a\\n- b'), each on one line; None for a paragraph."""
    lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
    if not lines or not all(line.startswith(ITEM) for line in lines):
        return None
    return [ITEM + " ".join(line[len(ITEM):].split()) for line in lines]
