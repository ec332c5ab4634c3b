"""Text made safe for XML 1.0 documents (the Atom feeds, the RDF/XML catalogue).

Editors' YAML can carry any character through a double-quoted escape ("\\x01", "\\ud800"); XML 1.0
forbids most control characters outright, and a lone surrogate cannot even be encoded as UTF-8, so
either would break the file for every reader, or the build. Escaping '<', '&' and ']]>' is the
serializer's job (ElementTree, rdflib); this module handles what no escape can express."""

from __future__ import annotations

import re

# Control characters XML 1.0 forbids (C0 except tab, newline, carriage return) or discourages (DEL, C1),
# and the two non-characters U+FFFE/U+FFFF: each becomes a space, as most were meant as separators.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Surrogates never stand alone in valid text; U+FFFD shows a reader that something was lost.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Bidirectional embeddings, overrides and isolates: legal XML, but an unclosed one reverses the rest of
# a feed reader's line. Swedish text needs none of them.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def xml_safe(text: str) -> str:
    """`text` with every character XML 1.0 cannot carry replaced, and bidi controls removed."""
    return _BIDI.sub("", _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", text)))


def one_line(text: str) -> str:
    """xml_safe, on one line with single spaces: for titles and summaries."""
    return " ".join(xml_safe(text).split())
