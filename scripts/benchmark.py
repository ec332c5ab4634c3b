"""Scale benchmark: `python -m scripts.benchmark [--sizes 100,1000,5000] [--runs 3]`.

For each size it generates a synthetic corpus (scripts/synthetic.py), builds it once untimed, then
several times, and prints the median wall time, peak memory, site size, largest pages and search
index size, next to a plain mkdocs-material build of the same number of pages of similar text (the
floor), built the same way. It then changes one indicator file and rebuilds, to show that only that
indicator's charts are re-rendered, and times validation. Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.synthetic import generate

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


@dataclass
class Build:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of mkdocs and of the worker it forks
    peak_mb: float
    log: str


OFF = "mkdocs-utan-forrendering.yml"  # the portal's config with the plugin option prerender: false


def run_build(project: Path, site: Path, quiet: bool = True, config: str = "mkdocs.yml") -> Build:
    """One `mkdocs build` in a child process; peak RSS from the child's own rusage."""
    args = [str(BIN / "mkdocs"), "build", "--clean", "-f", str(project / config), "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.Popen(args + (["-q"] if quiet else []), cwd=project, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed in {project}:\n{out[-3000:]}")
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)


def floor_project(portal: Path, dest: Path) -> int:
    """A plain mkdocs-material project with one page per portal page, holding the same text."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    pages = 0
    for folder, section in (("goals", "mal"), ("missions", "uppdrag"), ("indicators", "indikatorer")):
        for path in sorted((portal / "content" / folder).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            texts = [data.get("description") or ""] + [s["text"] for s in data.get("sections", [])]
            texts += [f.get("summary") or f.get("assessment") or "" for f in data.get("follow_ups", [])]
            body = "\n\n".join(t for t in texts if t)
            out = docs / section / f"{data['id']}.md"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(f"# {data['title']}\n\n{body}\n", encoding="utf-8")
            pages += 1
    for committee in yaml.safe_load((portal / "data/committees.yaml").read_text(encoding="utf-8")):
        out = docs / "namnder" / f"{committee['id']}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f"# {committee['name']}\n\nUppdrag.\n", encoding="utf-8")
        pages += 1
    # The same short nav as the portal (nine overview pages), so both render the same chrome.
    nav = yaml.safe_load((portal / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n")[1]
                         .split("\n\n")[0].replace("  - ", "- "))
    for entry in nav:
        for path in entry.values():
            out = docs / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(f"# {next(iter(entry))}\n\nÖversikt.\n", encoding="utf-8")
            pages += 1
    config = {"site_name": "Golv", "site_url": "https://example.invalid/", "theme": {"name": "material",
              "language": "sv", "font": False}, "plugins": [{"search": {"lang": "sv"}}], "nav": nav,
              "validation": {"nav": {"omitted_files": "ignore"}}}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return pages


def site_figures(site: Path) -> dict[str, float]:
    # uppdrag/rader.html is not a page: the filters fetch it only when a listing spans several pages.
    # admin/ is the form editor (Decap CMS), not a page of the site.
    pages = [p for p in site.rglob("*.html") if p.name != "rader.html" and p.relative_to(site).parts[0] != "admin"]
    sizes = {p: p.stat().st_size for p in pages}
    record_pages = [s for p, s in sizes.items() if re.search(r"/(uppdrag|mal|namnder|indikatorer)/[^/]+/index\.html$",
                                                             p.as_posix())]
    index = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "largest_kb": max(sizes.values()) / 1e3,
        "largest_name": max(sizes, key=sizes.get).relative_to(site).as_posix(),
        "largest_record_kb": max(record_pages) / 1e3 if record_pages else 0,
        "median_page_kb": statistics.median(sizes.values()) / 1e3,
        "search_mb": index.stat().st_size / 1e6 if index.exists() else 0,
        "filter_rows_kb": (site / "uppdrag/rader.html").stat().st_size / 1e3 if (site / "uppdrag/rader.html").exists()
        else 0,
    }


def chart_counts(log: str) -> tuple[int, int]:
    match = re.search(r"Diagram: (\d+) ritade, (\d+) från cache", log)
    return (int(match.group(1)), int(match.group(2))) if match else (-1, -1)


def validate_seconds(project: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scripts.validate", "--root", str(project)], env=ENV,
                       cwd=Path(__file__).resolve().parent.parent, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid", "GIT_COMMITTER_NAME": "bench",
           "GIT_COMMITTER_EMAIL": "bench@example.invalid", "GIT_CONFIG_GLOBAL": "/dev/null"}


def commit_history(project: Path, commits: int = 5) -> None:
    """Put the corpus in git as an editor's repository is: everything in one commit, then `commits` more,
    each changing every tenth mission (its description and committee) and adding a value to a series, so
    the build reads a real history (gitdates.py, githistory.py) as CI does."""
    def git(*args: str, when: int) -> None:
        env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": f"@{when} +0000", "GIT_COMMITTER_DATE": f"@{when} +0000"}
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)

    git("init", "-q", when=0)
    git("add", "-A", when=0)
    git("commit", "-qm", "Syntetiskt innehåll", when=1_700_000_000)
    missions = sorted((project / "content/missions").glob("*.yaml"))
    series = sorted((project / "data/series").glob("*.csv"))
    for n in range(1, commits + 1):
        for path in missions[n::10]:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["description"] = f"{data['description']} Ändrad i version {n}."
            data["responsible"] = data["responsible"][::-1] + (data["concerned"][:1] if n % 2 else [])
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
        if series:
            with series[n % len(series)].open("a", encoding="utf-8") as out:
                out.write(f"synkommun-{n:02d},{2030 + n},{n}.5,,Syntetisk källa,\n")
        git("commit", "-qam", f"Version {n}", when=1_700_000_000 + n * 86_400)


def history_seconds(project: Path) -> tuple[float, int] | None:
    """How long reading the history and deriving every record change takes, and how many there are."""
    try:
        from macros.build.portal import shown_fields
        from macros.content.githistory import read_git_history
        from macros.facts.changelog import content_changes
        from macros.validation.loader import load_content
    except ImportError:
        return None  # a checkout without content changes
    content, _ = load_content(project)
    start = time.perf_counter()
    changes = content_changes(content, read_git_history(project), shown_fields())
    return time.perf_counter() - start, len(changes.changes)


def bench_size(missions: int, runs: int, work: Path) -> None:
    project = generate(work / f"portal-{missions}", missions)
    commit_history(project)
    floor = work / f"floor-{missions}"
    floor_pages = floor_project(project, floor)
    # One untimed build of each first, so every timed build is the same case for both: a rebuild
    # over an existing site (mkdocs empties it first), with the chart cache filled (CI restores it).
    # The same build without the optional worker (plugin option prerender: false).
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - portal\n" in config
    (project / OFF).write_text(config.replace("\n  - portal\n", "\n  - portal:\n      prerender: false\n"),
                               encoding="utf-8")
    run_build(project, work / "site-portal")
    run_build(project, work / "site-off", config=OFF)
    run_build(floor, work / "site-floor")
    portal_runs, off_runs, floor_runs = [], [], []
    for _ in range(runs):  # interleaved, so machine noise hits all alike
        portal_runs.append(run_build(project, work / "site-portal"))
        off_runs.append(run_build(project, work / "site-off", config=OFF))
        floor_runs.append(run_build(floor, work / "site-floor"))
    figures = site_figures(work / "site-portal")
    floor_figures = site_figures(work / "site-floor")
    portal_median = statistics.median(b.seconds for b in portal_runs)
    floor_median = statistics.median(b.seconds for b in floor_runs)
    # One changed indicator file: only its charts should be rendered again.
    indicator = project / "content/indicators/syntetisk-indikator-03.yaml"
    data = yaml.safe_load(indicator.read_text(encoding="utf-8"))
    data["target"]["value"] = 1.5
    indicator.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rebuilt = run_build(project, work / "site-portal", quiet=False)
    rendered, reused = chart_counts(rebuilt.log)
    validation = validate_seconds(project, runs)
    history = history_seconds(project)
    print(f"\n== {missions} uppdrag ({figures['pages']} sidor; golvet {floor_pages + 1} sidor), {runs} körningar ==")
    print(f"  byggtid, median:          portal {portal_median:6.2f} s   golv {floor_median:6.2f} s   "
          f"kvot {portal_median / floor_median:4.2f}")
    # Noise on a shared machine only ever adds time, so the fastest runs are a second estimate.
    portal_best, floor_best = min(b.seconds for b in portal_runs), min(b.seconds for b in floor_runs)
    print(f"  byggtid, snabbaste:       portal {portal_best:6.2f} s   golv {floor_best:6.2f} s   "
          f"kvot {portal_best / floor_best:4.2f}")
    off_median, off_best = statistics.median(b.seconds for b in off_runs), min(b.seconds for b in off_runs)
    print(f"  utan förrendering, median: {off_median:6.2f} s   kvot {off_median / floor_median:4.2f}   "
          f"snabbaste {off_best:6.2f} s   kvot {off_best / floor_best:4.2f}")
    portal_cpu = statistics.median(b.cpu_seconds for b in portal_runs)
    floor_cpu = statistics.median(b.cpu_seconds for b in floor_runs)
    print(f"  processortid, median:     portal {portal_cpu:6.2f} s   golv {floor_cpu:6.2f} s   "
          f"kvot {portal_cpu / floor_cpu:4.2f} (portalen använder en andra kärna, se prerender.py)")
    print(f"  byggtider (portal):       {', '.join(f'{b.seconds:.2f}' for b in portal_runs)} s")
    print(f"  byggtider (golv):         {', '.join(f'{b.seconds:.2f}' for b in floor_runs)} s")
    print(f"  minnestopp, median:       portal {statistics.median(b.peak_mb for b in portal_runs):6.0f} MB   "
          f"golv {statistics.median(b.peak_mb for b in floor_runs):6.0f} MB")
    print(f"  webbplatsens storlek:     portal {figures['site_mb']:7.1f} MB   golv {floor_figures['site_mb']:7.1f} MB")
    print(f"  största sida:             {figures['largest_kb']:7.0f} kB ({figures['largest_name']})")
    print(f"  största postsida:         {figures['largest_record_kb']:7.0f} kB   "
          f"mediansida {figures['median_page_kb']:5.0f} kB (golv {floor_figures['median_page_kb']:.0f} kB)")
    print(f"  filterdata (uppdrag/rader.html, hämtas vid filtrering): {figures['filter_rows_kb']:.0f} kB")
    print(f"  sökindex:                 portal {figures['search_mb']:7.2f} MB   "
          f"golv {floor_figures['search_mb']:.2f} MB")
    print(f"  en ändrad indikatorfil:   {rendered} diagram renderade, {reused} från cache "
          f"(ombyggnad {rebuilt.seconds:.2f} s)")
    print(f"  validering, median:       {validation:.2f} s (hela kommandot, inklusive Python-start)")
    if history:
        print(f"  ändringar från git:       {history[0]:.2f} s för {history[1]} ändringar (6 incheckningar)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mät byggtid och sidstorlek med syntetiskt innehåll.")
    parser.add_argument("--sizes", default="100,1000,5000", help="antal uppdrag, kommaseparerade")
    parser.add_argument("--runs", type=int, default=5, help="byggen per storlek (median redovisas)")
    parser.add_argument("--work", type=Path, help="arbetskatalog (standard: en temporär)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="malportal-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Arbetskatalog: {work}; {os.cpu_count()} kärnor")
    for size in (int(s) for s in args.sizes.split(",")):
        bench_size(size, args.runs, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
