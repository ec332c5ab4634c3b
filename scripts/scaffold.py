"""Create a new content file with the next free id: `python -m scripts.scaffold goal|mission|indicator …`.

Examples:
  python -m scripts.scaffold mission --goal fokusmal-1 --title "Ny titel" --responsible ks,amn
  python -m scripts.scaffold goal --title "Kommunen ska …" --short-title "Kort titel"
  python -m scripts.scaffold indicator --id andel-x --title "Andel x" --series andel-x

What only the editor can supply (a description, a source) is written as a placeholder starting
with "FYLL I", which fails validation until it is replaced: a scaffolded record is never
published with an invented or empty text. The file says, in Swedish comments, how to fill it in.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from macros.content.models import SLUG_PATTERN, Goal, Indicator, Mission
from macros.content.municipality import anchor, cap, genitive, term
from macros.content.municipality import unknown as unknown_word
from macros.content.problem import show_value
from macros.content.yamlfile import Parsed, YamlFileError, parse_yaml, read_text
from macros.editors.schema import CONTENT_SCHEMA_NAMES, modeline
from macros.text.characters import find as find_bad_character
from macros.validation.loader import Content, load_content
from macros.validation.placeholders import PLACEHOLDER, find_placeholders, placeholder
from macros.validation.pydantic_errors import field_path, from_validation_error


class ScaffoldError(Exception):
    """A Swedish message for the editor; the file is not written."""


def _scalar(value: Any) -> str:
    """One YAML value on one line, quoted when needed (titles may hold ':' or '#')."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1_000_000)
    return text.removesuffix("\n...\n").strip()


def _follow_up_help(content: Content, applies_to: str) -> list[str]:
    """Commented-out example of the first follow-up: no `follow_ups: []` to add items under."""
    statuses = [s.id for s in content.statuses.values() if s.applies_to == applies_to] or ["gul"]
    status = "gul" if "gul" in statuses else statuses[0]
    periods = sorted(content.periods.values(), key=lambda p: p.date)
    period = periods[0].id if periods else "2024-april"
    text = "assessment" if applies_to == "mission" else "summary"
    return [
        "# Uppföljningar, äldst först. När kommunen har publicerat en bedömning: ta bort '# ' i början av",
        "# raderna nedan och fyll i. Hittar du inga uppföljningar i källan, låt raderna vara.",
        "# follow_ups:",
        f"# - period: {period}   # id från data/periods.yaml",
        f"#   status: {status}   # {', '.join(statuses)} (data/statuses.yaml)",
        f"#   {text}: >-",
        "#     Bedömningens text, ordagrant som den publicerats.",
        "#   source:",
        "#     title: \"Kommunens webbplats: Delårsuppföljning …\"",
    ]


def _source(what: str) -> list[str]:
    return [
        "source:",
        f"  title: {_scalar(placeholder(what))}",
        "  # url: https://…   # länk till källan",
    ]


def _drafts(root: Path, folder: str) -> dict[str, dict[str, Any]]:
    """Every record file in content/<folder> as plain data, valid or not: a record scaffolded a
    minute ago still holds placeholders, and its number is taken all the same."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((root / "content" / folder).glob("*.yaml")):
        try:
            data = parse_yaml(read_text(path, root)).data
        except YamlFileError:
            continue
        if isinstance(data, dict):
            out[path.stem] = data
    return out


def _number(data: dict[str, Any]) -> int:
    number = data.get("number")
    return number if isinstance(number, int) and not isinstance(number, bool) else 0


def new_record(kind: str, args: argparse.Namespace, root: Path) -> tuple[str, str, list[str]]:
    """(folder, record id, lines of the new file); raises ScaffoldError."""
    content, _ = load_content(root)
    goals = _drafts(root, "goals")
    if kind == "goal":
        number = max((_number(g) for g in goals.values()), default=0) + 1
        record_id = f"{anchor(term('goals').singular)}-{number}"  # 'fokusmal-5', 'inriktningsmal-5'
        data: dict[str, Any] = {"id": record_id, "number": number, "title": args.title,
                                "short_title": args.short_title, "source": {"title": placeholder("källa")}}
        _check(Goal, data)
        lines = [f"id: {record_id}", f"number: {number}", f"title: {_scalar(args.title)}",
                 f"short_title: {_scalar(args.short_title)}",
                 "# description: >-",
                 "#   Målbeskrivningen, ordagrant från källan. Utelämna den tills den är inlagd:",
                 "#   sidan säger då att beskrivningen ännu inte finns i portalen och länkar till källan.",
                 *_source(f"källans namn, t.ex. kommunens webbplats: {cap(term('goals').singular)} {number} …"),
                 *_follow_up_help(content, "goal")]
        return "goals", record_id, lines
    if kind == "mission":
        if args.goal not in goals or not _number(goals[args.goal]):
            word = term("goals").singular
            raise ScaffoldError(f"{unknown_word(word)} {word} '{args.goal}'. Finns: {', '.join(sorted(goals))}")
        goal_number = _number(goals[args.goal])
        missions = _drafts(root, "missions").values()
        number = max((_number(m) for m in missions if m.get("goal") == args.goal), default=0) + 1
        responsible = [c.strip() for c in (args.responsible or "").split(",") if c.strip()]
        unknown = [c for c in responsible if c not in content.committees]
        mission, committee = term("missions"), term("committees")
        if unknown:
            raise ScaffoldError(f"{unknown_word(committee.singular)} {committee.singular}: {', '.join(unknown)}. "
                                f"Finns: {', '.join(sorted(content.committees))}")
        if not responsible:
            raise ScaffoldError(f"Ange minst en ansvarig {committee.singular} med --responsible. Finns: "
                                f"{', '.join(sorted(content.committees))}")
        record_id = f"fm{goal_number}-{anchor(mission.singular)}-{number}"  # 'fm1-uppdrag-4', 'fm1-atagande-4'
        data = {"id": record_id, "goal": args.goal, "number": number, "title": args.title, "responsible": responsible,
                "description": placeholder("beskrivning"), "source": {"title": placeholder("källa")}}
        _check(Mission, data)
        lines = [f"id: {record_id}", f"goal: {args.goal}", f"number: {number}", f"title: {_scalar(args.title)}",
                 f"responsible:   # ansvariga {committee.plural}, id från data/committees.yaml",
                 *[f"- {c}" for c in responsible],
                 f"concerned: []   # berörda {committee.plural}: skriv 'concerned:' och en rad '- id' per "
                 f"{committee.singular}",
                 "description: >-",
                 f"  {placeholder(genitive(mission.definite_singular) + ' beskrivning, ordagrant från källan')}",
                 *_source(f"källans namn, t.ex. kommunens webbplats: {cap(term('goals').singular)} {goal_number} …"),
                 *_follow_up_help(content, "mission")]
        return "missions", record_id, lines
    record_id = args.id
    series = args.series or args.id
    data = {"id": record_id, "title": args.title, "description": placeholder("beskrivning"), "unit": "procent",
            "direction": "lower", "series": series,
            "sources": [{"title": placeholder("källa"), "licence": placeholder("villkor")}]}
    _check(Indicator, data)
    # The settings' home municipality and peer groups apply unless the indicator gives its own.
    settings = content.settings
    home = [] if settings is not None and settings.home_municipality else [
        f"home: {_scalar(placeholder('kommunens id'))}"]
    if not (settings is not None and settings.comparison_municipalities):
        home.append("comparison: []   # jämförelsekommuner: skriv 'comparison:' och en rad '- id' per kommun")
    lines = [f"id: {record_id}", f"title: {_scalar(args.title)}",
             "description: >-",
             f"  {placeholder('vad indikatorn mäter och varför, från källan')}",
             "unit: procent   # procent, antal eller kronor",
             "direction: lower   # lower: lägre är bättre; higher: högre är bättre",
             "# target:   # målvärde, om källan anger ett",
             "#   value: 1.0",
             "#   year: 2026",
             "#   text: Målet i ord, som i källan.",
             *home,
             f"goals: []   # {term('goals').plural} som indikatorn följer upp",
             f"series: {_scalar(series)}   # data/series/{series}.csv",
             "sources:",
             f"- title: {_scalar(placeholder('källans namn, t.ex. Kolada'))}",
             f"  licence: {_scalar(placeholder('villkor för användning, t.ex. Fri användning. Ange Källa: Kolada'))}"]
    return "indicators", record_id, lines


def _check(model: type[BaseModel], data: dict[str, Any]) -> None:
    """Refuse what the editor typed on the command line, in Swedish, before anything is written."""
    for key, value in data.items():
        if isinstance(value, str) and find_bad_character(value) is not None:
            raise ScaffoldError(f"--{key.replace('_', '-')}: texten innehåller ett osynligt styrtecken. Skriv om den.")
    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems = from_validation_error(exc, model, Parsed(data), "kommandoraden")
        raise ScaffoldError("\n".join(
            f"--{p.field.replace('_', '-')}: {p.message}" + (f" Värde: {p.value}." if p.value else "")
            + (f" Tillåtet: {p.allowed}." if p.allowed else "")
            for p in problems
        )) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Skapa en ny innehållsfil med nästa lediga id.")
    parser.add_argument("kind", choices=("goal", "mission", "indicator"))
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--title", required=True, help="titel")
    parser.add_argument("--short-title", help="kort titel (mål)")
    parser.add_argument("--goal", help="målets id (uppdrag)")
    parser.add_argument("--responsible", help="ansvariga nämnders id, kommaseparerade (uppdrag)")
    parser.add_argument("--id", help="id (indikator)")
    parser.add_argument("--series", help="dataseriens namn (indikator)")
    args = parser.parse_args(argv)
    if args.kind == "goal" and not args.short_title:
        parser.error("--short-title krävs för ett mål")
    if args.kind == "mission" and not args.goal:
        parser.error("--goal krävs för ett uppdrag")
    if args.kind == "indicator" and not args.id:
        parser.error("--id krävs för en indikator")
    for name in ("id", "series"):
        value = getattr(args, name)
        if value is not None and not re.match(SLUG_PATTERN, value):
            parser.error(f"--{name} får bara innehålla små bokstäver a–z, siffror och bindestreck, "
                         f"t.ex. 'andel-vuxna'. Värde: {show_value(value)}")
    try:
        folder, record_id, lines = new_record(args.kind, args, args.root)
    except ScaffoldError as exc:
        print(f"Ogiltiga uppgifter:\n{exc}", file=sys.stderr)
        return 2
    path = args.root / "content" / folder / f"{record_id}.yaml"
    if path.exists() or path.is_symlink():
        print(f"{path} finns redan.", file=sys.stderr)
        return 2
    text = "\n".join([modeline(f"{CONTENT_SCHEMA_NAMES[folder]}.schema.json", 2), *lines]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(path)
    fields = [field_path(loc) for loc, _ in find_placeholders(parse_yaml(text).data)]
    print(f"Fyll i det som står efter '{PLACEHOLDER}' ({', '.join(fields)}) med uppgifter från källan. "
          "Filen godkänns inte av valideringen (make validate) förrän det är gjort.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
