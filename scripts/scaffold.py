"""Create a new content file with the next free id: `python -m scripts.scaffold goal|mission|indicator …`.

Examples:
  python -m scripts.scaffold mission --goal fokusmal-1 --title "Ny titel" --responsible ks,amn
  python -m scripts.scaffold goal --title "Uppsala ska …" --short-title "Kort titel"
  python -m scripts.scaffold indicator --id andel-x --title "Andel x" --series andel-x
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from macros.loader import load_content
from macros.models import Goal, Indicator, Mission
from macros.schema import CONTENT_SCHEMA_NAMES, modeline


class _Dumper(yaml.SafeDumper):
    """Readable YAML: long text folded, no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(
    str,
    lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style=">" if len(s) > 70 else None),
)


def dump(data: dict[str, Any], folder: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return modeline(f"{CONTENT_SCHEMA_NAMES[folder]}.schema.json", 2) + "\n" + body


def new_record(kind: str, args: argparse.Namespace, root: Path) -> tuple[str, dict[str, Any]]:
    content, _ = load_content(root)
    if kind == "goal":
        number = max((g.number for g in content.goals.values()), default=0) + 1
        data = {"id": f"fokusmal-{number}", "number": number, "title": args.title, "short_title": args.short_title,
                "follow_ups": []}
        Goal.model_validate(data)
        return "goals", data
    if kind == "mission":
        if args.goal not in content.goals:
            raise SystemExit(f"Okänt fokusmål '{args.goal}'. Finns: {', '.join(sorted(content.goals))}")
        goal = content.goals[args.goal]
        number = max((m.number for m in content.missions.values() if m.goal == goal.id), default=0) + 1
        responsible = [c for c in (args.responsible or "").split(",") if c]
        unknown = [c for c in responsible if c not in content.committees]
        if unknown:
            raise SystemExit(f"Okänd nämnd: {', '.join(unknown)}. Finns: {', '.join(sorted(content.committees))}")
        data = {"id": f"fm{goal.number}-uppdrag-{number}", "goal": goal.id, "number": number, "title": args.title,
                "responsible": responsible, "concerned": [], "description": None, "follow_ups": []}
        data = {k: v for k, v in data.items() if v is not None}
        Mission.model_validate(data)
        return "missions", data
    data = {"id": args.id, "title": args.title, "unit": "procent", "direction": "lower", "home": "uppsala",
            "comparison": [], "goals": [], "series": args.series or args.id,
            "sources": [{"title": "Ange källa", "licence": "Ange villkor för användning"}]}
    Indicator.model_validate(data)
    return "indicators", data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skapa en ny innehållsfil med nästa lediga id.")
    parser.add_argument("kind", choices=("goal", "mission", "indicator"))
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--title", required=True, help="titel")
    parser.add_argument("--short-title", help="kort titel (fokusmål)")
    parser.add_argument("--goal", help="fokusmålets id (uppdrag)")
    parser.add_argument("--responsible", help="ansvariga nämnders id, kommaseparerade (uppdrag)")
    parser.add_argument("--id", help="id (indikator)")
    parser.add_argument("--series", help="dataseriens namn (indikator)")
    args = parser.parse_args(argv)
    if args.kind == "goal" and not args.short_title:
        parser.error("--short-title krävs för ett fokusmål")
    if args.kind == "mission" and not args.goal:
        parser.error("--goal krävs för ett uppdrag")
    if args.kind == "indicator" and not args.id:
        parser.error("--id krävs för en indikator")
    try:
        folder, data = new_record(args.kind, args, args.root)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        print(f"Ogiltiga uppgifter: {exc}", file=sys.stderr)
        return 2
    path = args.root / "content" / folder / f"{data['id']}.yaml"
    if path.exists():
        print(f"{path} finns redan.", file=sys.stderr)
        return 2
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(data, folder), encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
