"""Lighthouse scores (mobile preset) for one page of each kind, the site served with gzip.

Usage: python -m scripts.lighthouse [SITE_DIR] --lighthouse PATH/TO/node_modules/.bin/lighthouse

Lighthouse is an npm package and no dependency of the project: install it outside the repository
(`npm install lighthouse` in a temporary folder) and pass its path. Uses Debian's Chromium
(CHROME_PATH, default /usr/bin/chromium). Prints one row per page: the four category scores, the
cumulative layout shift and the largest contentful paint.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.serve_gzip import serve

CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def first(site: Path, folder: str) -> str | None:
    """The first record page under `folder` (sorted, so the choice is stable)."""
    pages = sorted(p.parent for p in (site / folder).glob("*/index.html") if not p.parent.name.startswith("sida-"))
    return f"{folder}/{pages[0].name}/" if pages else None


def page_kinds(site: Path) -> dict[str, str]:
    kinds = {"start": "", "goal": first(site, "mal"), "mission": first(site, "uppdrag"),
             "indicator": first(site, "indikatorer"), "missions-overview": "uppdrag/", "search": "?q=uppdrag"}
    return {name: url for name, url in kinds.items() if url is not None}


def run(lighthouse: str, url: str, out: Path) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run([lighthouse, url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile"],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    audits = report["audits"]
    scores["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    scores["lcp_ms"] = round(audits["largest-contentful-paint"]["numericValue"])
    scores["failed"] = sorted(k for k, a in audits.items()
                              if a.get("score") is not None and a["score"] < 1 and a["scoreDisplayMode"] == "binary")
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--lighthouse", required=True, help="path to the lighthouse executable")
    parser.add_argument("--only", default="", help="only page kinds whose name contains this")
    parser.add_argument("--keep", help="keep the JSON reports in this folder")
    opts = parser.parse_args()
    site = Path(opts.site).resolve()
    keep = Path(opts.keep) if opts.keep else Path(tempfile.mkdtemp(prefix="lighthouse-"))
    keep.mkdir(parents=True, exist_ok=True)
    print(f"{'page':20} perf a11y best  seo    CLS   LCP ms  failed audits")
    with serve(site) as base:
        for name, path in page_kinds(site).items():
            if opts.only not in name:
                continue
            s = run(opts.lighthouse, base + path, keep / f"{name}.json")
            print(f"{name:20} {s['performance']:4} {s['accessibility']:4} {s['best-practices']:4} {s['seo']:4} "
                  f"{s['cls']:6.3f} {s['lcp_ms']:7}  {', '.join(s['failed']) or '-'}", flush=True)
    print(f"Reports: {keep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
