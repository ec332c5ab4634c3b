"""Facts computed from the records rather than typed: current status, trend, mission counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from macros.content import vocabulary
from macros.content.models import Committee, Goal, GoalFollowUp, Mission, MissionFollowUp, StatedCounts, stated_count
from macros.content.municipality import term, this
from macros.content.store import Content
from macros.content.value_words import VALUE_WORDS
from macros.text.swedish import count, join, number_form

TREND_LABELS = VALUE_WORDS["trend"]  # the one home of the words for codes (content/value_words.py)



def category_forms(category_id: str) -> tuple[str, str]:
    """A mission category as an adjective agreeing with the settings' mission word: (one, several)
    ('1 försenat uppdrag', '1 försenad insats', '3 försenade')."""
    c = vocabulary.category(category_id)
    one = c.one if term("missions").gender == "ett" else (c.one_common or c.one)
    return one, c.several


T = TypeVar("T")


def memo(content: Content, key: Any, compute: Callable[[], T]) -> T:
    """`compute()` once per loaded content. Callers must not change what is returned."""
    try:
        return content.derived[key]
    except KeyError:
        value = content.derived[key] = compute()
        return value


def ordered(content: Content, follow_ups: list) -> list:
    """Follow-ups sorted by their period's date (unknown periods last, in file order)."""
    far = (9999, 12, 31)
    return sorted(
        follow_ups,
        key=lambda f: content.periods[f.period].date.timetuple()[:3] if f.period in content.periods else far,
    )


def history(content: Content, record: Goal | Mission) -> list:
    """The record's follow-ups in period order (see ordered)."""
    return memo(content, ("history", type(record).__name__, record.id),
                 lambda: ordered(content, record.follow_ups))


def latest(content: Content, record: Goal | Mission) -> GoalFollowUp | MissionFollowUp | None:
    followed = history(content, record)
    return followed[-1] if followed else None


def derived_trend(content: Content, history: list[GoalFollowUp], index: int) -> str | None:
    """Trend at follow-up `index` from the status ranks of it and the one before; None without a previous one."""
    if index == 0:
        return None
    now = content.status("goal", history[index].status)
    before = content.status("goal", history[index - 1].status)
    if now is None or before is None:
        return None
    if now.rank > before.rank:
        return "forbattrad"
    if now.rank < before.rank:
        return "forsamrad"
    return "oforandrad"


def trend_at(content: Content, history: list[GoalFollowUp], index: int) -> str | None:
    """The derived trend when there is a history, else the trend the source states."""
    return derived_trend(content, history, index) or history[index].trend


def current_trend(content: Content, goal: Goal) -> str | None:
    """The goal's trend at its latest follow-up (None before its first)."""
    followed = history(content, goal)
    return trend_at(content, followed, len(followed) - 1) if followed else None


@dataclass(frozen=True)
class MissionCounts:
    """How a goal's missions stand at their latest follow-up, counted by status category."""

    total: int
    by_category: dict[str, int]

    def sentence(self) -> str:
        """'9 uppdrag: 1 färdigt, 1 försenat och 7 utan publicerad bedömning' (only non-zero categories);
        '9 uppdrag, alla försenade' or '1 uppdrag, försenat' when one category holds them all."""
        return category_sentence(self.total, self.by_category)


def category_sentence(total: int, by_category: dict[str, int]) -> str:
    """Missions counted by category, in words that agree with each number (see MissionCounts.sentence)."""
    mission = term("missions")
    if total == 0:
        return f"Inga {mission.plural}"
    parts = {c: n for c, n in by_category.items() if n}
    if len(parts) == 1 and sum(parts.values()) == total:
        (category,) = parts
        one, several = category_forms(category)
        return f"1 {mission.singular}, {one}" if total == 1 else f"{total} {mission.plural}, alla {several}"
    return f"{total} {mission.plural}" + (": " + join(f"{n} {number_form(n, *category_forms(c))}"
                                                     for c, n in parts.items()) if parts else "")


def stated_sentence(stated: StatedCounts) -> str:
    """Counts a follow-up text states: '16 uppdrag: 1 färdigt, 14 enligt plan och 1 försenat'."""
    return category_sentence(stated.total, stated_categories(stated))


def stated_categories(stated: StatedCounts) -> dict[str, int]:
    """The counts a follow-up text states, by category of the vocabulary, in its order."""
    return {c.id: stated_count(stated, c.id) for c in vocabulary.categories()}


def stated_versus_portal(content: Content, goal: Goal) -> str | None:
    """Rule: counts a follow-up states are the source's, shown next to the missions the portal holds,
    with the difference explained. Uses the newest follow-up that states counts; None if none does."""
    stated = stated_counts(content, goal)
    if stated is None:
        return None
    missions = missions_of_goal(content, goal.id)
    held = len(missions)
    assessed = sum(1 for m in missions if m.follow_ups)
    total = stated.counts.total
    mission = term("missions")
    text = f"{stated.period} anger {stated_sentence(stated.counts)}."
    if held == 0:
        return text + " Portalen har ännu inte fått in något av dem."
    if held < total:
        text += f" Portalen har hittills {held} av dem"
    elif held == total:
        text += f" Portalen har alla {held}" if held > 1 else \
            f" Portalen har {this(mission)} {mission.definite_singular}"
    else:
        text += f" Portalen har {count(held, mission.singular, mission.plural)}, fler än uppföljningen anger"
    if assessed == 0:
        text += f", utan publicerad bedömning per {mission.singular}." if held > 1 else ", utan publicerad bedömning."
    elif assessed == held:
        text += ", alla med publicerad bedömning." if held > 1 else ", med publicerad bedömning."
    else:
        text += f", varav {assessed} med publicerad bedömning."
    reason = stated.counts.known_difference
    if reason and held < total:  # the editors' explanation of the gap, as they recorded it
        text += " " + reason + ("" if reason.endswith((".", "!", "?")) else ".")
    return text


def assessed_and_stated(content: Content, goal: Goal, missions: list[Mission], none_held: str) -> str:
    """A goal's mission counts as a card shows them: the portal's, and beside them the source's when a
    follow-up states counts ('I portalen: 9 uppdrag, … Källan (…) anger 16 uppdrag: …')."""
    stated = stated_counts(content, goal)
    held = mission_counts(content, missions).sentence() if missions else none_held
    if stated is None:
        return held
    held = f"I portalen: {held}" if missions else held
    return f"{held}. Källan ({stated.period}) anger {stated_sentence(stated.counts)}."


def mission_category(content: Content, mission: Mission) -> str:
    current = latest(content, mission)
    status = content.status("mission", current.status) if current else None
    return (status.category or vocabulary.UNASSESSED.id) if status else vocabulary.UNASSESSED.id


def mission_counts(content: Content, missions: list[Mission]) -> MissionCounts:
    counter = Counter(mission_category(content, m) for m in missions)
    return MissionCounts(total=len(missions), by_category={c.id: counter.get(c.id, 0) for c in vocabulary.counted()})


def sorted_missions(content: Content) -> list[Mission]:
    """Every mission, by goal number and then mission number: the order of every listing."""
    return memo(content, "sorted_missions", lambda: sorted(
        content.missions.values(), key=lambda m: (content.goals[m.goal].number, m.number)))


def missions_of_goal(content: Content, goal_id: str) -> list[Mission]:
    def by_goal() -> dict[str, list[Mission]]:
        index: dict[str, list[Mission]] = {}
        for m in sorted(content.missions.values(), key=lambda m: m.number):
            index.setdefault(m.goal, []).append(m)
        return index

    return memo(content, "missions_by_goal", by_goal).get(goal_id, [])


def covered(content: Content, ids: list[str]) -> list[str]:
    """Rule: a mission given to a group ('alla nämnder och bolag') is given to every committee. The
    committees `ids` name, with every committee in the vocabulary added when one of them is a group."""
    if any(c in content.committees and content.committees[c].is_group for c in ids):
        return list(dict.fromkeys([*ids, *content.committees]))
    return list(ids)


def assigned(mission: Mission) -> list[str]:
    """Rule (README "Responsible and concerned"): the source names a mission's owners in its heading
    ("Berörda: KS") and in its detail line ("Ansvariga: Kommunstyrelsen"); where the detail line is
    empty, the heading's committees are the ones the source assigns the mission to. The committees
    responsible as the source states them, as written (a group stays one entry)."""
    return list(mission.responsible or mission.concerned)


def responsible_committees(content: Content, mission: Mission) -> list[str]:
    """Every committee responsible for the mission (see assigned), groups expanded."""
    return covered(content, assigned(mission))


def concerned_committees(content: Content, mission: Mission) -> list[str]:
    """Rule: a committee both responsible and concerned is responsible only. Every committee concerned
    by the mission and not responsible for it, groups expanded."""
    responsible = set(responsible_committees(content, mission))
    return [c for c in covered(content, mission.concerned) if c not in responsible]


def shown_concerned(content: Content, mission: Mission) -> list[str]:
    """The 'Berörda' a listing shows: as written (a group stays one entry), minus every committee
    already responsible, so no committee is listed twice."""
    responsible = set(responsible_committees(content, mission))
    return [c for c in mission.concerned if c not in responsible]


def unknown_count(n: int, unassessed: int) -> str | int:
    """Rule: an unknown count is never shown as zero. While `unassessed` of the missions counted have
    no published assessment, a status category's count `n` is a lower bound: 'minst n', or 'okänt'
    when none is known to be in it. With every mission assessed, the number itself."""
    if not unassessed:
        return n
    return f"minst {n}" if n else "okänt"


@dataclass(frozen=True)
class SourceCounts:
    """The newest mission counts a goal's follow-up states: the source's, shown beside the portal's."""

    period: str
    counts: StatedCounts


def stated_counts(content: Content, goal: Goal) -> SourceCounts | None:
    """The counts of the newest follow-up of `goal` that states any (None if none does)."""
    stated = next((fu for fu in reversed(history(content, goal)) if fu.stated_counts), None)
    if stated is None or stated.stated_counts is None:
        return None
    period = content.periods[stated.period].label if stated.period in content.periods else stated.period
    return SourceCounts(period, stated.stated_counts)


def source_only_categories(content: Content) -> dict[str, str]:
    """Rule: counts the source states are the source's. For each status category, a sentence when the
    sources state more missions in it than the portal holds with that status (summed over goals), so a
    filter that shows fewer can say why; categories where the two agree are left out."""
    stated_by_category: Counter[str] = Counter()
    sources = []
    for goal in goals_sorted(content):
        found = stated_counts(content, goal)
        if found is None:
            continue
        sources.append(found.period)
        stated_by_category.update(stated_categories(found.counts))
    held = Counter(mission_category(content, m) for m in content.missions.values())
    out = {}
    for category, stated in stated_by_category.items():
        if stated > held.get(category, 0):
            one, several = category_forms(category)
            mission = term("missions")
            which = ("vilket" if mission.gender == "ett" else "vilken") if stated == 1 else "vilka"
            them = this(mission) if stated == 1 else "dem"
            out[category] = (f"Källan ({join(dict.fromkeys(sources))}) anger att {stated} "
                             f"{number_form(stated, mission.singular, mission.plural)} är "
                             f"{number_form(stated, one, several)}, men portalen har ännu ingen bedömning "
                             f"per {mission.singular} som säger {which}, så filtret kan inte visa {them}.")
    return out


def involved_committees(content: Content, mission: Mission) -> list[str]:
    """Every committee the mission concerns in any role: what filters and per-committee feeds select on."""
    return list(dict.fromkeys(responsible_committees(content, mission) + concerned_committees(content, mission)))


def committee_missions(content: Content, committee_id: str) -> tuple[list[Mission], list[Mission]]:
    """Missions the committee is responsible for, and those it is only concerned by (listing order),
    by the rules above: groups cover every committee, responsibility wins over concern."""
    def by_committee() -> dict[str, tuple[list[Mission], list[Mission]]]:
        index: dict[str, tuple[list[Mission], list[Mission]]] = {}
        for m in sorted_missions(content):
            for c in responsible_committees(content, m):
                index.setdefault(c, ([], []))[0].append(m)
            for c in concerned_committees(content, m):
                index.setdefault(c, ([], []))[1].append(m)
        return index

    return memo(content, "missions_by_committee", by_committee).get(committee_id, ([], []))


def goals_sorted(content: Content) -> list[Goal]:
    return sorted(content.goals.values(), key=lambda g: g.number)


def committees_sorted(content: Content) -> list[Committee]:
    """Committees by name, the groups ('alla nämnder och bolag') last."""
    return sorted(content.committees.values(), key=lambda c: (c.is_group, c.name))


def is_change(before: str | None, after: str) -> bool:
    """Rule: a first published assessment is new, not a change; a change needs an earlier one to differ from."""
    return before is not None and before != after


def assessment_wording(before: str | None, after: str) -> str:
    """How a status event reads wherever it is shown (changes page, history, feeds)."""
    if before is None:
        return f"Första bedömning: {after}"
    if before == after:
        return f"Oförändrad: {after}"
    return f"Ändrad från {before} till {after}"
