"""The files the form editor saves, in the form it saves them (its writer, admin_assets/portal-yaml.js, run
in Node), and the proof that a file rewritten into that form holds exactly the same values.

A hand-written file is rewritten once into the form editor's form; from then on, saving it in the form
changes only the lines of the fields the editor changed. Comments are not part of the form (the editor
cannot keep them): `comments` lists them so what they say can be moved into a field first.
Knows nothing of mkdocs."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import fields as dataclass_fields
from pathlib import Path, PurePosixPath
from typing import Any

from macros.content.store import Content
from macros.content.yamlfile import parse_yaml, read_text
from macros.editors.admin_site import find_node_modules
from macros.editors.cms_config import LIST_FIELD, cms_config
from macros.editors.field_order import form_trees
from macros.validation.loader import load_content

WRITER = Path(__file__).parent / "admin_assets" / "portal-yaml.js"
# Reads each file as the editor does and writes it back as the editor would save it unchanged.
_NODE = """
const [writer, jsyaml] = process.argv.slice(1);
const portalYaml = require(writer)(require(jsyaml));
let input = "";
process.stdin.on("data", c => { input += c; }).on("end", () => {
  const out = {};
  for (const f of JSON.parse(input)) {
    const data = portalYaml.read(f.text);
    out[f.path] = f.list ? portalYaml.write(Array.isArray(data) ? data : [], f.tree.sub.poster, f.tree.header)
                         : portalYaml.write(data || {}, f.tree, f.tree.header);
  }
  process.stdout.write(JSON.stringify(out));
});
"""


class CanonicalError(Exception):
    """Node or the npm packages are missing; the message says what to do."""


def editor_files(root: Path, content: Content) -> dict[str, dict[str, Any]]:
    """Every file the form editor edits (relative path -> its form's tree), in the config's order."""
    out: dict[str, dict[str, Any]] = {}
    for tree in form_trees(cms_config(content)):
        path = tree["path"]
        if path.endswith(".yaml"):
            if (root / path).is_file():
                out[path] = tree
        else:
            for file in sorted((root / path).glob("*.yaml")):
                out[str(PurePosixPath(path) / file.name)] = tree
    return out


def canonical_texts(root: Path, content: Content, only: list[str] | None = None) -> dict[str, str]:
    """Relative path -> the file's text in the form editor's form (what saving it unchanged would write)."""
    node = shutil.which("node")
    base = find_node_modules(root)
    if node is None or base is None:
        raise CanonicalError("Node.js eller npm-paketen saknas: installera Node.js och kör `npm ci` "
                             "(make build gör det).")
    files = editor_files(root, content)
    batch = [{"path": path, "text": read_text(root / path, root), "tree": tree,
              "list": tree["keys"] == [LIST_FIELD]} for path, tree in files.items() if only is None or path in only]
    result = subprocess.run([node, "-e", _NODE, str(WRITER.resolve()), str((base / "node_modules/js-yaml").resolve())],
                            input=json.dumps(batch), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CanonicalError(result.stderr.strip())
    return json.loads(result.stdout)


def comments(text: str) -> list[tuple[int, str]]:
    """(line, text) of the comment lines a rewrite drops: all but the schema modeline."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
            if line.lstrip().startswith("#") and not line.startswith("# yaml-language-server:")]


def _same(a: Any, b: Any, where: str) -> list[str]:
    """Where two plain YAML values differ, by value or by type (1 and 1.0 are the same number)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b) and set(a) != set(b):
            return [f"{where}: nycklarna {sorted(set(a) ^ set(b))}"]
        return [d for k in a for d in _same(a[k], b[k], f"{where}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} poster blev {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _same(x, y, f"{where}[{i}]")]
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return [] if a == b else [f"{where}: {a!r} blev {b!r}"]
    return [] if type(a) is type(b) and a == b else [f"{where}: {a!r} blev {b!r}"]


def differences(before: Path, after: Path, paths: list[str]) -> list[str]:
    """Every difference between two copies of a project: each file's data as the validator reads it, and
    every record as the models load it (order of keys aside). Empty when the rewrite changed no value."""
    out = []
    for path in paths:
        a = parse_yaml(read_text(before / path, before)).data
        b = parse_yaml(read_text(after / path, after)).data
        out += [f"{path}: {d}" for d in _same(a, b, "")]
    content_a, problems_a = load_content(before)
    content_b, problems_b = load_content(after)
    # Messages name lines, which a rewrite moves: compared without them.
    if [(p.file, p.message, p.field, p.value) for p in problems_a] != \
            [(p.file, p.message, p.field, p.value) for p in problems_b]:
        out.append("valideringens meddelanden skiljer sig")
    for f in dataclass_fields(Content):
        if f.name in ("origins", "derived") or not f.compare:
            continue
        if getattr(content_a, f.name) != getattr(content_b, f.name):
            out.append(f"modellerna: {f.name} skiljer sig")
    return out
