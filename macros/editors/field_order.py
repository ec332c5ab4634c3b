"""The order in which the form editor writes a record's keys: the model's field order, read from the
generated Decap configuration (every form field is made from a model field, in the model's order).

Decap hands a custom format only the top-level field names, so admin.js gets the whole tree of every
form (nested objects and list items too) and picks the one that fits the data it writes. A file saved
from the form then keeps the order it was written in, and a one-field change is a one-field diff.
Knows nothing of mkdocs."""

from __future__ import annotations

import json
from typing import Any

ORDER_FILE = "field-order.js"


def _tree(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """{"keys": names in order, "sub": {name: tree}} for objects and lists of objects."""
    sub = {f["name"]: _tree(f["fields"]) for f in fields if f.get("fields")}
    return {"keys": [f["name"] for f in fields], "sub": sub}


def form_trees(config: dict[str, Any]) -> list[dict[str, Any]]:
    """One tree per form (a folder collection, or one file of a file collection), in the config's order."""
    out = []
    for collection in config["collections"]:
        if "fields" in collection:
            out.append(_tree(collection["fields"]))
        for entry in collection.get("files", []):
            out.append(_tree(entry["fields"]))
    return out


def order_script(config: dict[str, Any]) -> str:
    """admin/field-order.js: the trees, for admin.js (a plain script, so no inline code is needed)."""
    return ("// Generated at build time from the models (macros/editors/field_order.py): key order for admin.js.\n"
            f"window.PORTAL_FORMS = {json.dumps(form_trees(config), ensure_ascii=False)};\n")
