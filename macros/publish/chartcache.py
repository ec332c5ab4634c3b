"""The chart cache (.cache/): what is read back is what was written, and safe to publish.

Entries are keyed by a hash of everything a chart is drawn from, so an old entry is never stale. But
the folder lives outside version control (CI restores it from a cache store), so an entry may be
truncated by a crash, altered on disk, or planted. Each entry is therefore written atomically with
a checksum of its payload, and read back only if the checksum holds and every SVG in it passes
`is_safe_svg`; otherwise it is ignored, and the chart is rendered again and the entry rewritten.

A checksum detects accidents, not an adversary who can write the folder and recompute it; what such
an entry can carry is bounded by the SVG check (no script, no event handlers, no external
references, no foreign content), so at worst a chart looks wrong, it never runs anything.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from macros.files.atomic import write_text_atomic

_FORMAT = 1

# Elements that can run script, embed other documents or carry HTML.
_UNSAFE_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener", "image",
                    "animate", "set", "animatemotion", "animatetransform"}


def _digest(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def store(path: Path, value: Any) -> None:
    """Write `value` (JSON-serialisable) to `path` atomically, with a checksum."""
    # Key order kept: it is published (chart data files). Never NaN or Infinity, which JSON does not have.
    payload = json.dumps(value, ensure_ascii=False, allow_nan=False)
    entry = json.dumps({"format": _FORMAT, "sha256": _digest(payload), "payload": payload}, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, entry)
    except OSError:
        pass  # a cache that cannot be written (full disk, read-only) costs time next build, nothing else


def load(path: Path) -> Any | None:
    """The value stored at `path`, or None if there is none or it is not intact (never raises)."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        entry = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(entry, dict) or entry.get("format") != _FORMAT:
            return None
        payload = entry.get("payload")
        if not isinstance(payload, str) or entry.get("sha256") != _digest(payload):
            return None
        return json.loads(payload)
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def is_safe_svg(svg: Any) -> bool:
    """Whether `svg` is one well-formed SVG document with nothing that could run or fetch anything."""
    if not isinstance(svg, str) or "<!DOCTYPE" in svg or "<!ENTITY" in svg:
        return False
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return False
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return False
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1].lower() in _UNSAFE_ELEMENTS:
            return False
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return False
            if local in ("href", "src") and not value.startswith("#"):
                return False
            if "url(" in value.replace(" ", "").lower() and "url(#" not in value.replace(" ", "").lower():
                return False
        text = element.text or ""
        if element.tag.rsplit("}", 1)[-1] == "style" and ("@import" in text or "url(" in text):
            return False
    return True
