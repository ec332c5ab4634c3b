"""Write the editors' JSON Schemas to schemas/: `python -m scripts.schema [--check]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.editors.schema import build_schemas
from macros.validation.loader import load_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skriv JSON Schema för innehållsfilerna till schemas/.")
    parser.add_argument("--root", type=Path, default=Path("."), help="projektets rotkatalog")
    parser.add_argument("--check", action="store_true", help="skriv inget; avsluta med 1 om något är inaktuellt")
    args = parser.parse_args(argv)
    content, _ = load_content(args.root)
    stale = []
    for name, text in build_schemas(content).items():
        path = args.root / "schemas" / name
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not args.check:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("Inaktuella scheman (kör `make schema`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
