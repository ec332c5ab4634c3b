"""Validate all content: `python -m scripts.validate [--format text|github] [--root DIR]`.

Exits 1 when there is any error, 0 otherwise (warnings are printed but do not fail).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.content.municipality import term
from macros.publish.opendata import settings_notice
from macros.text.swedish import count
from macros.validation.loader import errors_only, load_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kontrollera innehållet (YAML och CSV).")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="text: en rad per problem; github: GitHub-annoteringar på pull requesten")
    parser.add_argument("--root", type=Path, default=Path("."), help="projektets rotkatalog")
    args = parser.parse_args(argv)
    try:
        content, problems = load_content(args.root)
    except Exception as exc:  # a bug of ours: one Swedish line, never a traceback in CI
        print(f"Kontrollen avbröts av ett internt fel i portalen ({type(exc).__name__}). "
              "Meddela portalens utvecklare.", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem.github() if args.format == "github" else problem.text())
    if content.settings is not None and (notice := settings_notice(content.settings, github=args.format == "github")):
        print(notice)  # what the data catalogue still lacks: a notice, never a failure
    errors = errors_only(problems)
    goal, mission, committee = term("goals"), term("missions"), term("committees")
    summary = (f"{count(len(content.goals), goal.singular, goal.plural)}, "
               f"{count(len(content.missions), mission.singular, mission.plural)}, "
               f"{count(len(content.indicators), 'indikator', 'indikatorer')}, "
               f"{count(len(content.committees), committee.singular, committee.plural)} kontrollerade: "
               f"{len(errors)} fel, {count(len(problems) - len(errors), 'varning', 'varningar')}.")
    print(summary, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
