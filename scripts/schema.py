"""Write the editors' JSON Schemas to schemas/: `python -m scripts.schema [--root DIR]`.

The schemas are generated, never committed (schemas/ is git-ignored): they list the ids of the
vocabularies in data/, so a committed copy went stale whenever an editor added a committee. The
build publishes the same files under the site's schemas/; `make schema`, `make build` and
`make serve` write them here, where .vscode/settings.json points VS Code's YAML extension.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.editors.schema import build_schemas
from macros.validation.loader import load_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skriv JSON Schema för innehållsfilerna till schemas/.")
    parser.add_argument("--root", type=Path, default=Path("."), help="projektets rotkatalog")
    args = parser.parse_args(argv)
    # Content with errors still gives schemas for what did load: the editor needs them most then.
    content, _ = load_content(args.root)
    folder = args.root / "schemas"
    folder.mkdir(exist_ok=True)
    for name, text in build_schemas(content).items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
