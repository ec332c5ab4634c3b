"""Build the site with mkdocs and with ProperDocs (the maintained fork of mkdocs 1.6) and compare.

    python -m scripts.compare_engines [--project DIR]

The two sites must be byte-identical but for the generator tag, which names the engine. Exit 0 when
they are, 1 (with the files that differ) when not. Run by CI (`make compare-engines`) and the tests.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(engine: str, project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    result = subprocess.run([str(BIN / engine), "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site)], cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{engine} kunde inte bygga webbplatsen:\n{result.stdout}{result.stderr}")


def differences(first: Path, second: Path) -> list[str]:
    """Site-relative paths whose bytes differ (the generator tag aside), or that only one site has."""
    def files(site: Path) -> dict[str, Path]:
        return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}

    a, b = files(first), files(second)
    differ = sorted(set(a) ^ set(b))
    for rel in sorted(set(a) & set(b)):
        if _GENERATOR.sub(b"", a[rel].read_bytes()) != _GENERATOR.sub(b"", b[rel].read_bytes()):
            differ.append(rel)
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Jämför bygget med mkdocs och med ProperDocs.")
    parser.add_argument("--project", type=Path, default=ROOT, help="projektet (standard: detta)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="motorer-") as tmp:
        build("mkdocs", args.project, Path(tmp) / "mkdocs")
        build("properdocs", args.project, Path(tmp) / "properdocs")
        differ = differences(Path(tmp) / "mkdocs", Path(tmp) / "properdocs")
    if differ:
        print(f"{len(differ)} filer skiljer mellan mkdocs och ProperDocs:\n  " + "\n  ".join(differ[:50]))
        return 1
    print("mkdocs och ProperDocs bygger samma webbplats (bortsett från generator-taggen).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
