"""Checks across files: references exist, numbers are unique, derived facts agree with stated ones.

The rules here that span several fields of one file are listed, in an editor's words, in field_rules.py,
so the form editor says them before saving; a new such rule goes there too."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from macros.content import vocabulary
from macros.content.colours import contrast_problems
from macros.content.municipality import cap, genitive, term, unknown
from macros.content.problem import Problem, show_value
from macros.content.store import Content
from macros.content.units import allowed_text, value_problem
from macros.facts.derive import (
    TREND_LABELS,
    derived_trend,
    mission_counts,
    missions_of_goal,
    ordered,
    stated_categories,
    stated_sentence,
)
from macros.validation.edited_files import changed_files
from macros.validation.field_rules import RULES
from macros.validation.pydantic_errors import field_path
from macros.validation.series_binding import binding_problems
from macros.validation.site_settings import docs_problems


def _allowed(ids: Iterable[str]) -> str:
    ids = sorted(ids)
    shown = ", ".join(ids[:25])
    return shown + (f" … ({len(ids)} st.)" if len(ids) > 25 else "")


def _fold(text: str) -> str:
    """'mal-1' from 'Mål-1': lower case, no diacritics, spaces as hyphens."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower().replace(" ", "-"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _suggestion(value: str, known: Iterable[str], aliases: dict[str, str] | None = None) -> str:
    """' Menar du 'amn'?' when the value is a known id written differently, or a close misspelling of one."""
    known = list(known)
    folded = _fold(value)
    by_fold = {_fold(k): k for k in known}
    by_alias = {_fold(k): v for k, v in (aliases or {}).items()}
    match = by_fold.get(folded)
    hint = " (id skrivs med små bokstäver, utan å, ä, ö)"
    if match is None and folded in by_alias:
        match, hint = by_alias[folded], " (skriv id:t)"
    if match is None:
        close = _misspelling_of(folded, list(by_fold))
        match, hint = (by_fold[close], "") if close else (None, "")
    if match is None or match == value:
        return ""
    return f" Menar du '{match}'?{hint}"


def _misspelling_of(value: str, known: list[str]) -> str | None:
    """The one known id `value` is a slip of the keyboard away from: one letter wrong, missing, extra or two
    swapped (two in ids longer than eight characters), with the same numbers. A different number is a
    different record ('mal-7' is not 'mal-4'), so it is never suggested; nor is a guess between
    two ids equally close."""
    if len(value) > 80:
        return None
    numbers = re.findall(r"\d+", value)
    limit = 1 if len(value) <= 8 else 2
    found = [(d, k) for k in known
             if re.findall(r"\d+", k) == numbers and (d := _edits(value, k, limit)) <= limit]
    if not found:
        return None
    best = min(d for d, _ in found)
    closest = [k for d, k in found if d == best]
    return closest[0] if len(closest) == 1 else None


def _edits(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b; anything over `limit` as limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return min(previous[-1], limit + 1)


def _ref(
    content: Content, kind: str, rid: str, loc: tuple, value: str, known: dict, what: str, vocab_file: str,
    aliases: dict[str, str] | None = None,
) -> Problem | None:
    if value in known or value in content.broken or f"file:{vocab_file}" in content.broken:
        return None  # known, or a broken record or vocabulary file whose own problem is reported
    origin = content.origin(kind, rid)
    return Problem(
        origin.file,
        origin.line(*loc),
        f"{unknown(what)} {what}: id:t finns inte i {vocab_file}."
        f"{_suggestion(value, known, aliases)}",
        field=field_path(loc),
        value=show_value(value),
        allowed=_allowed(known),
    )



def _committee_aliases(content: Content) -> dict[str, str]:
    """Abbreviations and names as editors copy them from Mål och budget ('AMN') -> id ('amn')."""
    out: dict[str, str] = {}
    for committee in content.committees.values():
        out[committee.abbreviation] = committee.id
        out[committee.name] = committee.id
    return out


Changed = Callable[[], "set[str] | None"]


def _clash(content: Content, kind: str, new_id: str, old_id: str, field: str, message: Callable[[str, str], str],
           value: object, changed: Changed) -> list[Problem]:
    """A value two records may not share: reported on the file the editor changed, naming both files.
    When git cannot tell which one that is (or both changed), on both."""
    new, old = content.origin(kind, new_id), content.origin(kind, old_id)
    touched = changed()
    if touched is not None and (new.file in touched) != (old.file in touched):
        pairs = [(new, old)] if new.file in touched else [(old, new)]
    else:
        pairs = [(new, old), (old, new)]
    return [Problem(here.file, here.line(field), message(here.file, other.file), field=field, value=show_value(value))
            for here, other in pairs]


def _status(content: Content, kind: str, rid: str, loc: tuple, status_id: str, applies_to: str) -> Problem | None:
    allowed = {s.id: s for s in content.statuses.values() if s.applies_to == applies_to}  # by plain id
    labels = {s.label: s.id for s in allowed.values()}  # 'Grön slutfört' as in the legend
    return _ref(content, kind, rid, loc, status_id, allowed, "status", "data/statuses.yaml", labels)


def _follow_up_problems(content: Content, kind: str, record, applies_to: str) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for i, fu in enumerate(record.follow_ups):
        for p in (
            _ref(
                content,
                kind,
                record.id,
                ("follow_ups", i, "period"),
                fu.period,
                content.periods,
                "uppföljningsperiod",
                "data/periods.yaml",
                # A period's date or label ('2024-04-30', 'Delårsuppföljning per april 2024') -> its id.
                {**{str(p.date): p.id for p in content.periods.values()},
                 **{p.label: p.id for p in content.periods.values()}},
            ),
            _status(content, kind, record.id, ("follow_ups", i, "status"), fu.status, applies_to),
        ):
            if p:
                problems.append(p)
        if fu.period in seen:
            origin = content.origin(kind, record.id)
            problems.append(
                Problem(
                    origin.file,
                    origin.line("follow_ups", i, "period"),
                    "Samma uppföljningsperiod finns två gånger.",
                    field=f"follow_ups[{i}].period",
                    value=show_value(fu.period),
                )
            )
        seen.add(fu.period)
        if fu.source is None:
            origin = content.origin(kind, record.id)
            problems.append(Problem(
                origin.file, origin.line("follow_ups", i),
                f"Bedömningen ({fu.period}) saknar källa. {RULES['status-source'].text()} Lägg till source med "
                "title (och url och published) för uppföljningen där statusen publicerades; till dess står "
                "'Källa saknas' vid statusen.",
                field=f"follow_ups[{i}].source", severity="warning"))
    return problems


def _goal_problems(content: Content, changed: Changed) -> list[Problem]:
    problems = []
    numbers: dict[int, str] = {}
    free = max((g.number for g in content.goals.values()), default=0) + 1
    for goal in content.goals.values():
        origin = content.origin("goals", goal.id)
        if goal.number in numbers:
            problems += _clash(
                content, "goals", goal.id, numbers[goal.number], "number",
                lambda here, other: f"{cap(term('goals').definite_singular)}s nummer används redan i {other}; två "
                                    f"{term('goals').plural} kan inte ha samma nummer. Ge {here} ett ledigt nummer, "
                                    f"t.ex. {free}.",
                goal.number, changed,
            )
        numbers.setdefault(goal.number, goal.id)
        fu_problems = _follow_up_problems(content, "goals", goal, "goal")
        problems += fu_problems
        if any(p.severity == "error" for p in fu_problems):
            continue
        history = ordered(content, goal.follow_ups)
        for i, fu in enumerate(history):
            computed = derived_trend(content, history, i)
            if computed and fu.trend and fu.trend != computed:
                index = goal.follow_ups.index(fu)
                problems.append(
                    Problem(
                        origin.file,
                        origin.line("follow_ups", index, "trend"),
                        f"Trenden räknas ut från statushistoriken och blir '{TREND_LABELS[computed]}'. "
                        "Ta bort fältet eller rätta statusen.",
                        field=f"follow_ups[{index}].trend",
                        value=show_value(fu.trend),
                        allowed=computed,
                    )
                )
        # The stated counts in the newest follow-up text should agree with the missions' own statuses.
        if history and history[-1].stated_counts:
            stated = history[-1].stated_counts
            counts = mission_counts(content, missions_of_goal(content, goal.id))
            derived = (counts.total, *(counts.by_category[c.id] for c in vocabulary.categories()))
            # A difference the editors have explained (the portal holds only some of the missions) is shown
            # to citizens with its reason, and not warned about on every build.
            explained = stated.known_difference is not None and counts.total < stated.total
            if derived != (stated.total, *stated_categories(stated).values()) and not explained:
                index = goal.follow_ups.index(history[-1])
                problems.append(
                    Problem(
                        origin.file,
                        origin.line("follow_ups", index, "stated_counts"),
                        f"Uppföljningstexten anger {stated_sentence(stated)}, men "
                        f"{genitive(term('missions').definite_plural)} filer ger "
                        f"{counts.sentence()}." + (
                            " Förklaringen i 'known_difference' gäller bara när portalen har färre "
                            f"{term('missions').plural} än texten anger." if stated.known_difference else
                            " Rätta antalen, eller förklara en känd skillnad i 'known_difference' (den visas för "
                            "medborgarna)."),
                        field=f"follow_ups[{index}].stated_counts",
                        severity="warning",
                    )
                )
    return problems


def _mission_problems(content: Content, changed: Changed) -> list[Problem]:
    problems = []
    numbers: dict[tuple[str, int], str] = {}
    highest: dict[str, int] = {}
    for mission in content.missions.values():
        highest[mission.goal] = max(highest.get(mission.goal, 0), mission.number)
    aliases = _committee_aliases(content)
    for mission in content.missions.values():
        origin = content.origin("missions", mission.id)
        p = _ref(content, "missions", mission.id, ("goal",), mission.goal, content.goals, term("goals").singular,
                     "content/goals/")
        if p:
            problems.append(p)
        key = (mission.goal, mission.number)
        if key in numbers:
            free = highest[mission.goal] + 1
            problems += _clash(
                content, "missions", mission.id, numbers[key], "number",
                lambda here, other, goal=mission.goal, free=free: (
                    f"Numret används redan inom {goal} av {other}; två {term('missions').plural} under samma "
                    f"{term('goals').singular} kan inte ha samma nummer. Ge {here} ett ledigt nummer, t.ex. {free}."),
                mission.number, changed,
            )
        numbers.setdefault(key, mission.id)
        if not mission.responsible and not mission.concerned:
            problems.append(
                Problem(origin.file, origin.line(),
                        f"{RULES['mission-committees'].text()} Skriv id:t i responsible eller concerned.",
                        field="responsible",
                        allowed=_allowed(content.committees))
            )
        for role in ("responsible", "concerned"):
            ids = getattr(mission, role)
            for i, cid in enumerate(ids):
                p = _ref(
                    content, "missions", mission.id, (role, i), cid, content.committees, term("committees").singular,
                    "data/committees.yaml", aliases,
                )
                if p:
                    problems.append(p)
                if cid in ids[:i]:
                    problems.append(
                        Problem(
                            origin.file,
                            origin.line(role, i),
                            f"{cap(term('committees').definite_singular)} står två gånger.",
                            field=f"{role}[{i}]",
                            value=show_value(cid),
                        )
                    )
        problems += _follow_up_problems(content, "missions", mission, "mission")
    return problems




def _indicator_problems(content: Content) -> list[Problem]:
    problems = []
    for ind in content.indicators.values():
        origin = content.origin("indicators", ind.id)
        if ind.target is not None and value_problem(ind.unit, ind.target.value):
            problems.append(
                Problem(origin.file, origin.line("target", "value"), f"Målvärdet passar inte enheten '{ind.unit}'.",
                        field="target.value", value=show_value(ind.target.value), allowed=allowed_text(ind.unit))
            )
        if ind.series not in content.series:
            problems.append(
                Problem(
                    origin.file,
                    origin.line("series"),
                    "Dataserien finns inte i data/series/.",
                    field="series",
                    value=show_value(ind.series),
                    allowed=_allowed(content.series),
                )
            )
        elif ("series", ind.series) in content.origins:
            rows = content.series[ind.series]
            series_origin = content.origin("series", ind.series)
            for i, row in enumerate(rows):
                if row.value is not None and value_problem(ind.unit, row.value):
                    problems.append(
                        Problem(series_origin.file, series_origin.line(i),
                                f"Värdet passar inte enheten '{ind.unit}' för indikatorn {ind.id}.",
                                field="value", value=show_value(row.value), allowed=allowed_text(ind.unit))
                    )
        if ind.home is None and (content.settings is None or content.settings.home_municipality is None):
            origin = content.origin("indicators", ind.id)
            problems.append(Problem(origin.file, origin.line(), "Indikatorn anger ingen kommun att följa. Skriv "
                                    "home: (id i data/municipalities.yaml), eller ange home_municipality i "
                                    "data/portal.yaml för alla indikatorer.", field="home",
                                    allowed=_allowed(content.municipalities)))
        p = None if ind.home is None else _ref(  # None: the settings' home_municipality, checked there
            content,
            "indicators",
            ind.id,
            ("home",),
            ind.home,
            content.municipalities,
            "kommun",
            "data/municipalities.yaml",
        )
        if p:
            problems.append(p)
        for role in ("comparison", "reference"):
            for i, mid in enumerate(getattr(ind, role)):
                p = _ref(
                    content,
                    "indicators",
                    ind.id,
                    (role, i),
                    mid,
                    content.municipalities,
                    "kommun",
                    "data/municipalities.yaml",
                )
                if p:
                    problems.append(p)
        if ind.responsible is not None:
            p = _ref(content, "indicators", ind.id, ("responsible",), ind.responsible, content.committees,
                     term("committees").singular, "data/committees.yaml", _committee_aliases(content))
            if p:
                problems.append(p)
        for i, gid in enumerate(ind.goals):
            p = _ref(content, "indicators", ind.id, ("goals", i), gid, content.goals, term("goals").singular,
                     "content/goals/")
            if p:
                problems.append(p)
        if ind.publication is None:  # held to the default cycle (currency.DEFAULT_PUBLICATION) meanwhile
            problems.append(Problem(
                origin.file, origin.line(),
                "Indikatorn anger inte när källan publicerar nya värden. Portalen räknar då med att värden för "
                "ett år publiceras senast i december året efter och märker äldre värden som inaktuella. Lägg "
                "till källans rytm, t.ex. 'publication: {month: 4, lag_years: 1}' (april, för året innan).",
                field="publication", severity="warning"))
        if ind.action_plan:
            p = _ref(content, "indicators", ind.id, ("action_plan", "news"), ind.action_plan.news, content.news,
                     "nyhet", "content/news/")
            if p:
                problems.append(p)
    return problems


def _news_problems(content: Content) -> list[Problem]:
    problems = []
    for item in content.news.values():
        for role, known, what in (
            ("goals", content.goals, term("goals").singular),
            ("indicators", content.indicators, "indikator"),
        ):
            for i, rid in enumerate(getattr(item, role)):
                p = _ref(content, "news", item.id, (role, i), rid, known, what, f"content/{role}/")
                if p:
                    problems.append(p)
    return problems


def _series_problems(content: Content) -> list[Problem]:
    problems = []
    aliases = {m.name: m.id for m in content.municipalities.values()}
    aliases.update({m.kolada_id: m.id for m in content.municipalities.values()})
    for name, rows in content.series.items():
        origin = content.origins.get(("series", name))
        for i, row in enumerate(rows):
            if row.municipality in content.municipalities or row.municipality in content.broken:
                continue
            problems.append(
                Problem(
                    origin.file if origin else f"data/series/{name}.csv",
                    origin.line(i) if origin else 1,
                    "Okänd kommun: id:t finns inte i data/municipalities.yaml."
                    f"{_suggestion(row.municipality, content.municipalities, aliases)}",
                    field="municipality",
                    value=show_value(row.municipality),
                    allowed=_allowed(content.municipalities),
                )
            )
    return problems


def _status_problems(content: Content) -> list[Problem]:
    """Rule: every mission status is counted in a category of the vocabulary (macros/content/vocabulary.py);
    without one, its missions would be counted as having no published assessment. A goal status has none."""
    problems = []
    ids = vocabulary.category_ids()
    allowed = ", ".join(ids[:-1]) + " eller " + ids[-1]
    for key, status in content.statuses.items():
        if ("statuses", key) not in content.origins:
            continue
        origin = content.origin("statuses", key)
        if status.applies_to == "mission" and status.category is None:
            problems.append(Problem(
                origin.file, origin.line("id"),
                f"Statusen '{status.id}' för uppdrag saknar 'category'. Kategorin avgör hur uppdragen med statusen "
                "räknas och filtreras; utan den räknas de som om de saknade bedömning. Lägg till fältet.",
                field="category", allowed=allowed))
        elif status.applies_to == "goal" and status.category is not None:
            problems.append(Problem(
                origin.file, origin.line("category"),
                f"Statusen '{status.id}' gäller mål, och 'category' gäller bara statusar för uppdrag. Ta bort fältet.",
                field="category", value=show_value(status.category)))
    return problems


def _settings_problems(content: Content) -> list[Problem]:
    """The home municipality and the peer groups in data/portal.yaml exist in data/municipalities.yaml."""
    settings = content.settings
    if settings is None or ("settings", "portal") not in content.origins:
        return []
    locs: list[tuple[tuple, str]] = []
    if settings.home_municipality is not None:
        locs.append((("home_municipality",), settings.home_municipality))
    for role in ("comparison_municipalities", "reference_municipalities"):
        locs += [((role, i), mid) for i, mid in enumerate(getattr(settings, role))]
    found = (_ref(content, "settings", "portal", loc, mid, content.municipalities, "kommun", "data/municipalities.yaml")
             for loc, mid in locs)
    problems = [p for p in found if p]
    origin = content.origin("settings", "portal")
    for cp in contrast_problems(settings.colours):
        loc = tuple(cp.field.split("."))
        problems.append(Problem(origin.file, origin.line(*loc), cp.message, field=cp.field, value=show_value(cp.value)))
    return problems


def check_references(content: Content, root: Path | None = None) -> list[Problem]:
    """Every cross-file problem, in a stable order. `root` lets a clash be reported on the file the
    editor changed (asked of git only when there is one)."""
    asked: list[set[str] | None] = []

    def changed() -> set[str] | None:
        if not asked:
            branch = (content.settings.cms_branch if content.settings else None) or "main"
            asked.append(changed_files(root, branch) if root is not None else None)
        return asked[0]

    return (
        _status_problems(content)
        + _goal_problems(content, changed)
        + _mission_problems(content, changed)
        + _indicator_problems(content)
        + _news_problems(content)
        + _series_problems(content)
        + _settings_problems(content)
        + (docs_problems(content, root) if root is not None else [])
        + binding_problems(content)
    )
