"""Characters no editor's text may contain, and how to name them in a message.

Control characters break the Atom feeds (XML 1.0 forbids them) and the CSV/JSON downloads; bidi
overrides and isolates can make a text read differently from what it is ("Trojan Source"), in
the review of a pull request as on the site. Tab, line feed and carriage return are ordinary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# C0 controls except tab/LF/CR, DEL, C1 controls (NEL included), bidi marks, embeddings,
# overrides and isolates, surrogates (only reachable through "\ud800" escapes) and the
# noncharacters U+FFFE/U+FFFF.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)

_BIDI = {
    0x061C: "arabisk bokstavsmarkering",
    0x200E: "vänster-till-höger-markering",
    0x200F: "höger-till-vänster-markering",
    0x202A: "vänster-till-höger-inbäddning",
    0x202B: "höger-till-vänster-inbäddning",
    0x202C: "slut på riktningsformatering",
    0x202D: "vänster-till-höger-åsidosättning",
    0x202E: "höger-till-vänster-åsidosättning",
    0x2066: "vänster-till-höger-isolering",
    0x2067: "höger-till-vänster-isolering",
    0x2068: "första-stark-isolering",
    0x2069: "slut på riktningsisolering",
}


@dataclass(frozen=True)
class BadCharacter:
    """A forbidden character at a 1-based line and column of a text."""

    char: str
    line: int
    column: int

    def describe(self) -> str:
        """'U+202E (höger-till-vänster-åsidosättning, styr textens riktning)' and so on."""
        return describe(self.char)


def describe(char: str) -> str:
    code = ord(char)
    if code in _BIDI:
        kind = f"{_BIDI[code]}, styr textens riktning och kan dölja vad som står"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "ensamt surrogat, inget tecken"
    elif code in (0xFFFE, 0xFFFF):
        kind = "inget tecken"
    else:
        kind = "kontrolltecken, osynligt"
    return f"U+{code:04X} ({kind})"


def find(text: str) -> BadCharacter | None:
    """The first forbidden character of `text`, with its line and column, or None."""
    match = FORBIDDEN.search(text)
    if match is None:
        return None
    start = match.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return BadCharacter(match.group(), line, column)


def count(text: str) -> int:
    return len(FORBIDDEN.findall(text))


def escape(text: str) -> str:
    """Text safe to print in a terminal or CI log: every forbidden character as <U+XXXX>."""
    return FORBIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
