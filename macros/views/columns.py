"""The listings' column rule: a column that shows the same default in every row of a listing (no status
anywhere, 'Inga utöver ansvariga' on every row, 'okänt' or 0 throughout) tells the reader nothing in
forty rows; it is dropped, and what it would have said is said once above the table. Decided on the
whole listing, never one page of it, so every page and the filter's rows have the same columns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from macros.content.models import Goal, Mission
from macros.content.municipality import cap, no, term
from macros.content.store import Content
from macros.facts.derive import assigned, latest, shown_concerned, stated_counts, stated_sentence
from macros.structure.names import goal_name


@dataclass(frozen=True)
class Columns:
    """Which of a listing's columns are dropped, and the sentences that say once what they held."""

    hidden: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()


def as_of(content: Content, goals: Iterable[Goal]) -> str | None:
    """The newest follow-up of these goals in the portal: what a mission without a status is 'as of'."""
    periods = [content.periods[fu.period] for fu in (latest(content, g) for g in goals)
               if fu and fu.period in content.periods]
    return max(periods, key=lambda p: p.date).label if periods else None


def source_counts(content: Content, goals: Iterable[Goal]) -> str | None:
    """What the sources state about these goals' missions: 'Delårsuppföljning per april 2023 anger för
    Mål 1. Ekonomin 16 uppdrag: …'; None when no follow-up of them states counts."""
    parts = []
    for goal in goals:
        found = stated_counts(content, goal)
        if found:
            parts.append(f"{found.period} anger för {goal_name(goal)}: {stated_sentence(found.counts)}")
    return "; ".join(parts) + "." if parts else None


def none_assessed(content: Content, missions: list[Mission], with_source_counts: bool = True) -> str:
    """'Inget av de 40 uppdragen har en publicerad bedömning (senaste uppföljningen i portalen: …).',
    with the sources' counts for their goals when those state any."""
    mission = term("missions")
    goals = [content.goals[g] for g in dict.fromkeys(m.goal for m in missions) if g in content.goals]
    goals.sort(key=lambda g: g.number)
    if len(missions) == 1:
        text = f"{cap(mission.definite_singular)} har ingen publicerad bedömning"
    else:
        text = f"{cap(no(mission))} av de {len(missions)} {mission.definite_plural} har en publicerad bedömning"
    when = as_of(content, goals)
    text += f" (senaste uppföljningen i portalen: {when})." if when else "."
    counts = source_counts(content, goals) if with_source_counts else None
    return f"{text} {counts}" if counts else text


def mission_columns(content: Content, missions: list[Mission], with_source_counts: bool = True,
                    unassessed_said: bool = False) -> Columns:
    """The rule applied to a mission listing: Status when no mission has a published assessment, Berörda
    when every mission shows the same empty-cell words. `unassessed_said`: the page says it already
    (a goal page's stated counts), so the dropped status column adds no sentence."""
    if not missions:
        return Columns()
    hidden, notes = set(), []
    if all(latest(content, m) is None for m in missions):
        hidden.add("status")
        if not unassessed_said:
            notes.append(none_assessed(content, missions, with_source_counts))
    if not any(shown_concerned(content, m) for m in missions):
        mission, committee = term("missions"), term("committees")
        these = (f"{cap(no(mission))} av {mission.definite_plural} här har" if len(missions) > 1
                 else f"{cap(mission.definite_singular)} har inga")
        named = {bool(assigned(m)) for m in missions}
        if named == {True}:  # every cell would say 'Inga utöver ansvariga' (views.CONCERNED_ALL_RESPONSIBLE)
            hidden.add("concerned")
            notes.append(f"{these} berörda {committee.plural} utöver de ansvariga.")
        elif named == {False}:  # every cell would say 'Ej angivet i källan' (views.CONCERNED_NONE)
            hidden.add("concerned")
            notes.append(f"Källan anger inte vilka {committee.plural} som är berörda av "
                         f"{mission.definite_plural if len(missions) > 1 else mission.definite_singular} här.")
    return Columns(frozenset(hidden), tuple(notes))


def committee_columns(content: Content, concerned_counts: list[int]) -> Columns:
    """The rule applied to the committees overview: the status columns when no mission has a published
    assessment (every cell 'okänt'), 'Berörd av' when it is 0 on every row."""
    hidden, notes = set(), []
    missions = list(content.missions.values())
    if missions and all(latest(content, m) is None for m in missions):
        hidden.add("status")
        notes.append(none_assessed(content, missions))
    if concerned_counts and not any(concerned_counts):
        hidden.add("concerned")
        committee, mission = term("committees"), term("missions")
        notes.append(f"{cap(no(committee))} {committee.singular} är berörd av {mission.plural} utöver dem "
                     f"{'det' if committee.gender == 'ett' else 'den'} är ansvarig för.")
    return Columns(frozenset(hidden), tuple(notes))
