"""Generate a synthetic corpus for tests and benchmarks: `python -m scripts.synthetic DEST --missions N`.

Every name says it is synthetic ("Syntetiskt mål 7", "Syntetisk nämnd 03"); nothing here is ever
published as Uppsala's content. The output is a complete, buildable project directory.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MISSIONS_PER_GOAL = 50
COMMITTEES = 12
INDICATORS = 10
WORDS = ("utveckla stärka digitala välfärdstjänster kompetensförsörjning likvärdighet omsorg äldreomsorgen "
         "förebyggande insatser samverkan näringsliv arbetsmarknad klimatomställning trygghet boende "
         "kultur idrott fritid skola förskola effektivisera administration innovation").split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def generate(dest: Path, missions: int, seed: int = 1) -> Path:
    """Write a buildable project with `missions` synthetic missions into `dest` (replaced if present)."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    for part in ("docs", "overrides"):
        shutil.copytree(ROOT / part, dest / part)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "data").mkdir(parents=True)
    for name in ("statuses", "periods", "portal"):  # the real vocabularies: they hold no content
        shutil.copy(ROOT / "data" / f"{name}.yaml", dest / "data" / f"{name}.yaml")
    # The real settings, without the municipality's own home and peer groups (its indicators give theirs).
    settings = yaml.safe_load((dest / "data/portal.yaml").read_text(encoding="utf-8"))
    for key in ("home_municipality", "comparison_municipalities", "reference_municipalities"):
        settings.pop(key, None)
    _dump(dest / "data/portal.yaml", settings)
    committees = [{"id": f"syn-{i:02d}", "abbreviation": f"SN{i:02d}", "name": f"Syntetisk nämnd {i:02d}"}
                  for i in range(1, COMMITTEES + 1)]
    _dump(dest / "data/committees.yaml", committees)
    municipalities = [{"id": f"synkommun-{i:02d}", "name": f"Syntetisk kommun {i:02d}", "kolada_id": f"{9000 + i}"}
                      for i in range(1, 13)]
    _dump(dest / "data/municipalities.yaml", municipalities)
    goals = max(1, -(-missions // MISSIONS_PER_GOAL))
    periods = ["2024-april", "2024-augusti", "2024-arsredovisning", "2025-april"]
    goal_statuses, mission_statuses = ["gron", "gul", "rod"], ["gron-slutfort", "gron", "gul", "rod"]
    for g in range(1, goals + 1):
        follow = [{"period": p, "status": rng.choice(goal_statuses), "summary": _text(rng, 60)} for p in periods[:2]]
        _dump(dest / f"content/goals/fokusmal-{g}.yaml", {
            "id": f"fokusmal-{g}", "number": g, "title": f"Syntetiskt mål {g}: {_text(rng, 6)}",
            "short_title": f"Syntetiskt mål {g}", "description": _text(rng, 80),
            "sections": [{"heading": f"Avsnitt {s}", "text": _text(rng, 90)} for s in range(1, 4)],
            "follow_ups": follow, "source": {"title": "Syntetiska testdata"}})
    for m in range(missions):
        g, n = m // MISSIONS_PER_GOAL + 1, m % MISSIONS_PER_GOAL + 1
        owners = rng.sample([c["id"] for c in committees], 3)
        follow = [{"period": p, "status": rng.choice(mission_statuses), "assessment": _text(rng, 40),
                   "expected_completion": rng.choice([2025, 2026])} for p in periods[: rng.randint(0, 3)]]
        _dump(dest / f"content/missions/fm{g}-uppdrag-{n}.yaml", {
            "id": f"fm{g}-uppdrag-{n}", "goal": f"fokusmal-{g}", "number": n,
            "title": f"Syntetiskt uppdrag {g}.{n}: {_text(rng, 12)}", "responsible": owners[:1],
            "concerned": owners[1:], "description": _text(rng, 120), "follow_ups": follow,
            "source": {"title": "Syntetiska testdata"}})
    for i in range(1, INDICATORS + 1):
        series = f"syntetisk-serie-{i:02d}"
        _dump(dest / f"content/indicators/syntetisk-indikator-{i:02d}.yaml", {
            "id": f"syntetisk-indikator-{i:02d}", "title": f"Syntetisk indikator {i:02d}",
            "description": "Syntetisk indikator, bara för test och mätning.", "unit": "procent",
            "direction": "lower", "target": {"value": 1.0, "year": 2026, "text": "Syntetiskt mål: högst 1 procent"},
            "home": "synkommun-01", "comparison": [m["id"] for m in municipalities[1:9]],
            "reference": [m["id"] for m in municipalities[9:]], "goals": [f"fokusmal-{rng.randint(1, goals)}"],
            "series": series, "sources": [{"title": "Syntetiska testdata", "licence": "Endast för test"}]})
        (dest / "data/series").mkdir(parents=True, exist_ok=True)
        with open(dest / f"data/series/{series}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["municipality", "year", "value", "flag", "source", "fetched"])
            for muni in municipalities:
                for year in range(2018, 2025):
                    writer.writerow([muni["id"], year, round(rng.uniform(1, 5), 1), "", "Syntetiska testdata", ""])
    (dest / "content/news").mkdir(parents=True, exist_ok=True)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skapa ett syntetiskt innehåll (bara för test och mätning).")
    parser.add_argument("dest", type=Path)
    parser.add_argument("--missions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(generate(args.dest, args.missions, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
