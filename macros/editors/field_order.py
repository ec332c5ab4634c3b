"""The order in which the form editor writes a record's keys: the model's field order, read from the
generated Decap configuration (every form field is made from a model field, in the model's order).

Decap hands a custom format only the top-level field names, so admin.js gets the whole tree of every
form (nested objects and list items too) and picks the one that fits the data it writes. A file saved
from the form then keeps the order it was written in, and a one-field change is a one-field diff.
Knows nothing of mkdocs."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from macros.editors.schema import CONTENT_SCHEMA_NAMES, modeline

ORDER_FILE = "field-order.js"


def _tree(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """{"keys": names in order, "required": the names the form requires, "sub": {name: tree}} for objects
    and lists of objects. The required names tell forms with the same field names apart (vocabularies)."""
    sub = {f["name"]: _tree(f["fields"]) for f in fields if f.get("fields")}
    return {"keys": [f["name"] for f in fields], "required": [f["name"] for f in fields if f.get("required", True)],
            "sub": sub}


def _header(path: str, schema_name: str) -> str:
    """The schema modeline of a file at `path` (a folder's file, or a file), as the files have it."""
    return modeline(f"{schema_name}.schema.json", len(PurePosixPath(path).parts) - 1)


def form_trees(config: dict[str, Any]) -> list[dict[str, Any]]:
    """One tree per form (a folder collection, or one file of a file collection), in the config's order,
    each with the file's schema modeline (`header`) and where its files are (`path`: folder or file)."""
    out = []
    for collection in config["collections"]:
        if "fields" in collection:
            folder = collection["folder"]
            out.append(_tree(collection["fields"]) | {
                "header": _header(f"{folder}/x.yaml", CONTENT_SCHEMA_NAMES[collection["name"]]), "path": folder})
        for entry in collection.get("files", []):
            file = entry["file"]
            out.append(_tree(entry["fields"]) | {"header": _header(file, PurePosixPath(file).stem), "path": file})
    return out


def order_script(config: dict[str, Any]) -> str:
    """admin/field-order.js: the trees, for admin.js (a plain script, so no inline code is needed)."""
    return ("// Generated at build time from the models (macros/editors/field_order.py): key order for admin.js.\n"
            f"window.PORTAL_FORMS = {json.dumps(form_trees(config), ensure_ascii=False)};\n")
