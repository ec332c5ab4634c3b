"""Rewrite the files the form editor edits into the form it saves them in, proving no value changes.

    python -m scripts.canonical_yaml [--check] [--drop-comments] [--root DIR]

For every content file, vocabulary and the settings, the text the form editor (/admin/) would write when
saving it unchanged (its own writer, macros/editors/admin_assets/portal-yaml.js, run in Node). Before
anything is written, the rewritten copy is loaded beside the original: every file's data as the validator
reads it and every record as the models load it must be the same, else nothing is written (exit 1).
Comments other than the schema modeline cannot be kept (the editor drops them): the script names them
and rewrites such a file only with --drop-comments, once what they say is in a field or the guide.
--check writes nothing and exits 1 when a file is not in the form. Needs Node.js and `npm ci`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from macros.editors.canonical import CanonicalError, canonical_texts, comments, differences
from macros.validation.loader import load_content

ROOT = Path(__file__).resolve().parent.parent


def rewrite(root: Path, check: bool = False, drop_comments: bool = False, out=sys.stdout) -> int:
    content, _ = load_content(root)
    try:
        texts = canonical_texts(root, content)
    except CanonicalError as exc:
        print(f"Kan inte skriva om filerna: {exc}", file=out)
        return 2
    changed = {path: text for path, text in texts.items()
               if (root / path).read_text(encoding="utf-8") != text}
    for path in changed:
        print(f"{path}: inte i formulärredigerarens form", file=out)
    if check or not changed:
        return 1 if changed else 0
    dropped = {path: comments((root / path).read_text(encoding="utf-8")) for path in changed}
    dropped = {path: lines for path, lines in dropped.items() if lines}
    for path, lines in dropped.items():
        for line, text in lines:
            print(f"{path}:{line}: kommentaren försvinner: {text}", file=out)
    if dropped and not drop_comments:
        print("Flytta det kommentarerna säger till ett fält (t.ex. editor_note) eller till guiden och kör "
              "sedan med --drop-comments. Inget skrevs.", file=out)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for part in ("mkdocs.yml", "docs", "content", "data"):  # what the validator reads
            if (root / part).is_dir():
                shutil.copytree(root / part, copy / part)
            elif (root / part).is_file():
                shutil.copy(root / part, copy / part)
        for path, text in changed.items():
            (copy / path).write_text(text, encoding="utf-8")
        problems = differences(root, copy, list(changed))
    if problems:
        for problem in problems:
            print(f"Värdet ändrades: {problem}", file=out)
        print("Inget skrevs.", file=out)
        return 1
    for path, text in changed.items():
        (root / path).write_text(text, encoding="utf-8")
    print(f"{len(changed)} filer omskrivna; alla värden är desamma före och efter.", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--check", action="store_true", help="skriv inget; avsluta med 1 om en fil inte är i formen")
    parser.add_argument("--drop-comments", action="store_true", help="skriv om också filer med kommentarer")
    args = parser.parse_args(argv)
    return rewrite(args.root, args.check, args.drop_comments)


if __name__ == "__main__":
    sys.exit(main())
