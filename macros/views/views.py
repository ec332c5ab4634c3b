"""Views: build plain data for each page from the content. Templates only format what is built here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from macros.content import vocabulary
from macros.content.formats import list_items
from macros.content.models import Goal, IndicatorSource, Mission, Source
from macros.content.municipality import cap, no, some, term
from macros.content.store import Content
from macros.facts import currency
from macros.facts.derive import (
    TREND_LABELS,
    assessed_and_stated,
    assessment_wording,
    assigned,
    committee_missions,
    committees_sorted,
    derived_trend,
    goals_sorted,
    history,
    involved_committees,
    latest,
    memo,
    mission_category,
    mission_counts,
    missions_of_goal,
    shown_concerned,
    source_only_categories,
    stated_versus_portal,
    unknown_count,
)
from macros.facts.groups import comparison_members, reference_members
from macros.publish.feeds import feed_path
from macros.publish.spreadsheet import SUFFIX as SHEET_SUFFIX
from macros.structure import paging
from macros.structure.names import goal_name
from macros.structure.urls import CHANGES_URL, Linker, mission_rows_url, section_url
from macros.text.swedish import count, join, long_date, mid_sentence, predicative
from macros.views.columns import as_of, committee_columns, mission_columns, source_counts
from macros.views.glossary import explained_terms
from macros.views.history import content_changes_view
from macros.views.listings import changes_listing, committee_listing, missions_listing

NO_ASSESSMENT = "Ingen bedömning publicerad"
# What the portal lacks is the portal's gap, never the municipality's: "finns ännu inte i portalen".
NOT_ENTERED = "finns ännu inte i portalen"
# Berörda cells: nothing listed in the source, or every concerned committee is responsible already.
CONCERNED_NONE = "Ej angivet i källan"
CONCERNED_ALL_RESPONSIBLE = "Inga utöver ansvariga"
# Rule: a link the portal has made, not its source, is marked as the portal's wherever it is shown.
PORTAL_LINK_NOTE = "Kopplingen har portalen gjort; källan anger den inte."


def paragraphs(text: str | None) -> list[str]:
    """Split editor text into paragraphs on blank lines (single newlines are folded); a list's items
    ('- …', see macros/content/formats.py) each stay one entry, which the template shows as a list."""
    if not text:
        return []
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        if block.strip():
            out += list_items(block) or [" ".join(block.split())]
    return out


# Statuses and committee references repeat thousands of times in listings. As frozen (hashable)
# records, the renderer formats each distinct one once (render.badge, render.committee_links).
@dataclass(frozen=True)
class StatusView:
    """A status as a badge shows it."""

    id: str
    label: str
    meaning: str | None
    color: str
    icon: str


@dataclass(frozen=True)
class CommitteeRef:
    """A committee as a listing links to it."""

    id: str
    name: str
    abbreviation: str
    url: str


@dataclass(frozen=True)
class TrendView:
    """A goal's trend as every page shows it: derived from two follow-ups, or as its source states it."""

    label: str
    stated: bool  # the source's own word, not derived: shown "(enligt källan)"


def trend_view(content: Content, followed: list, index: int) -> TrendView | None:
    """The trend at follow-up `index` (derive.trend_at), saying whether the portal derived it."""
    derived = derived_trend(content, followed, index)
    if derived:
        return TrendView(TREND_LABELS[derived], False)
    stated = followed[index].trend if followed else None
    return TrendView(TREND_LABELS[stated], True) if stated in TREND_LABELS else None


def status_view(content: Content, applies_to: str, status_id: str | None) -> StatusView | None:
    status = content.status(applies_to, status_id) if status_id else None
    if status is None:
        return None
    return StatusView(status.id, status.label, status.meaning, status.color, status.icon)


def source_view(source: Source | IndicatorSource | None) -> dict[str, Any]:
    """A source as every page shows it: linked when it has an address, always with a date or 'datum saknas',
    and 'Källa saknas' when there is none."""
    if source is None:
        return {"missing": True, "title": None, "url": None, "dates": None}
    dates = [f"{label} {long_date(day)}" for label, day in (("publicerad", source.published),
                                                              ("hämtad", source.retrieved)) if day]
    return {"missing": False, "title": source.title, "url": source.url,
            "dates": ", ".join(dates) if dates else "datum saknas",
            "iso": (source.published or source.retrieved).isoformat() if dates else None}


def committee_refs(content: Content, ids: list[str], link: Linker) -> tuple[CommitteeRef, ...]:
    """Committees as pages list them: in one order everywhere, the filters' (derive.committees_sorted:
    by name, groups last), not the order a source happened to name them in."""
    known = sorted((content.committees[c] for c in dict.fromkeys(ids) if c in content.committees),
                   key=lambda c: (c.is_group, c.name))
    return tuple(CommitteeRef(c.id, c.name, c.abbreviation, link.record("committees", c.id)) for c in known)


def news_refs(content: Content, link: Linker, goal_id: str | None = None, indicator_id: str | None = None,
              limit: int | None = None) -> list[dict[str, str]]:
    """News items, newest first, optionally only those linked to a goal or an indicator."""
    items = sorted(content.news.values(), key=lambda n: n.date, reverse=True)
    items = [n for n in items if (goal_id is None or goal_id in n.goals)
             and (indicator_id is None or indicator_id in n.indicators)]
    return [{"title": n.title, "date": n.date.isoformat(), "date_text": long_date(n.date),
             "url": link.record("news", n.id), "source": source_view(n.source)} for n in items[:limit]]


@dataclass(frozen=True)
class ProgressView(StatusView):
    """A computed indicator status: a status badge plus the reason for it."""

    reason: str


def progress_view(progress) -> ProgressView:
    """A computed indicator status in the same shape as a status, so it renders with the same badge."""
    from macros.facts.progress import COLORS, ICONS

    return ProgressView(progress.status, progress.label, None, COLORS[progress.status], ICONS[progress.status],
                        progress.reason)


def mission_row(content: Content, mission: Mission, link: Linker) -> dict[str, Any]:
    """One mission as a table row: the same shape on goal, committee and overview pages."""
    current = latest(content, mission)
    goal = content.goals.get(mission.goal)
    responsible = committee_refs(content, assigned(mission), link)
    concerned = committee_refs(content, shown_concerned(content, mission), link)
    return {
        "id": mission.id,
        "number": mission.number,
        "title": mission.title,
        "url": link.record("missions", mission.id),
        "goal_id": mission.goal,
        "goal_number": goal.number if goal else None,
        "goal_short_title": goal.short_title if goal else mission.goal,
        "responsible": responsible,
        "concerned": concerned,
        # The source names a mission's committees once (heading and detail line alike, derive.assigned):
        # once it names any, none is concerned beyond them; "not stated" only when it names none.
        "concerned_empty": CONCERNED_ALL_RESPONSIBLE if assigned(mission) else CONCERNED_NONE,
        # Filters select on every committee the mission concerns, a group standing for all (derive.covered).
        "committee_ids": " ".join(involved_committees(content, mission)),
        "status": status_view(content, "mission", current.status) if current else None,
        "category": mission_category(content, mission),
        "period": content.periods[current.period].label if current and current.period in content.periods else None,
        "age": _age(content, "mission", current),
        "expected_completion": current.expected_completion if current else None,
    }


def _period_age(content: Content, period_id: str | None) -> currency.AgeView | None:
    age = currency.status_age(content, period_id)
    return age.view() if age else None


def _age(content: Content, applies_to: str, current) -> currency.AgeView | None:
    """A status's period in words and its age on the build date, outdated or not (macros/currency.py)."""
    age = currency.current_age(content, applies_to, current)
    return age.view() if age else None


# A goal without any follow-up in the portal: the municipality may well have assessed it; the portal
# has not entered it. Shown with the same badge shape as a status.
GOAL_NOT_ENTERED = StatusView("none", NOT_ENTERED.capitalize(), "Kommunens bedömning har inte förts in här",
                              "none", "none")


def mission_none() -> StatusView:
    """A mission without a follow-up: the source the portal builds on shows an empty assessment."""
    return StatusView("none", NO_ASSESSMENT, "Källan som portalen bygger på har ingen bedömning av "
                      + term("missions").definite_singular, "none", "none")


def goal_summary(content: Content, goal: Goal, link: Linker) -> dict[str, Any]:
    """A goal as a card on the start page and the goals overview."""
    followed = history(content, goal)
    current = followed[-1] if followed else None
    missions = missions_of_goal(content, goal.id)
    return {
        "id": goal.id,
        "number": goal.number,
        "title": goal.title,
        "short_title": goal.short_title,
        "url": link.record("goals", goal.id),
        "status": status_view(content, "goal", current.status) if current else GOAL_NOT_ENTERED,
        "trend": trend_view(content, followed, len(followed) - 1) if followed else None,
        "period": content.periods[current.period].label if current and current.period in content.periods else None,
        "age": _age(content, "goal", current),
        "counts": assessed_and_stated(content, goal, missions,
                                      cap(term("missions").definite_plural) + " " + NOT_ENTERED),
    }


def goal_page(content: Content, goal: Goal, link: Linker) -> dict[str, Any]:
    followed = history(content, goal)
    timeline = []
    for i, fu in enumerate(followed):
        stated = fu.stated_counts
        timeline.append({
            "period": content.periods[fu.period].label,
            "status": status_view(content, "goal", fu.status),
            "first": i == 0,
            "trend": trend_view(content, followed, i),
            "summary": paragraphs(fu.summary),
            "stated_counts": stated.model_dump() if stated else None,
            "source": source_view(fu.source),
        })
    missions = missions_of_goal(content, goal.id)
    source = source_view(goal.source)
    return {
        "goal": goal_summary(content, goal, link),
        "easy_summary": paragraphs(goal.easy_summary),
        "description": paragraphs(goal.description),
        "sections": [{"heading": s.heading, "paragraphs": paragraphs(s.text)} for s in goal.sections],
        # No text entered: say it is the portal's gap and send the reader to the source.
        "not_entered": None if goal.description or goal.sections else {
            "text": "Målbeskrivningen " + NOT_ENTERED + ".", "url": source["url"], "title": source["title"]},
        "stated_note": stated_versus_portal(content, goal),
        "timeline": list(reversed(timeline)),  # newest first: what readers look for
        "missions": [mission_row(content, m, link) for m in missions],
        # The goal page states the source's counts, and how many missions have an assessment, already
        # (stated_note): the dropped status column's sentence would repeat them.
        "mission_columns": mission_columns(content, missions, with_source_counts=False,
                                           unassessed_said=stated_versus_portal(content, goal) is not None),
        "indicators": [{"title": i.title, "url": link.record("indicators", i.id)}
                       for i in content.indicators.values() if goal.id in i.goals],
        "news": news_refs(content, link, goal_id=goal.id),
        "source": source,
        "goals_url": link.to(section_url("goals")),
        "feed_url": link.to(feed_path("goals", goal.id)),
        "changes_url": link.to(CHANGES_URL),
    }


def mission_page(content: Content, mission: Mission, link: Linker) -> dict[str, Any]:
    followed = history(content, mission)
    goal = content.goals[mission.goal]
    glossary = content.settings.glossary if content.settings else []
    return {
        "glossary": explained_terms(glossary, [mission.title, mission.description,
                                            *(fu.assessment for fu in followed)]),
        "mission": mission_row(content, mission, link),
        "goal_title": goal.title,
        "goal_name": goal_name(goal),
        "goal_url": link.record("goals", goal.id),
        "description": paragraphs(mission.description),
        "timeline": [
            {
                "period": content.periods[fu.period].label,
                "status": status_view(content, "mission", fu.status),
                "assessment": paragraphs(fu.assessment),
                "expected_completion": fu.expected_completion,
                "source": source_view(fu.source),
            }
            for fu in reversed(followed)
        ],
        "source": source_view(mission.source),
        # Without an assessment: as of which follow-up, and what that follow-up counts for the goal.
        "unassessed_as_of": None if followed else as_of(content, [goal]),
        "unassessed_counts": None if followed else source_counts(content, [goal]),
    }


def committee_wording(name: str, is_group: bool, responsible: int, concerned: int,
                      via_group: bool) -> dict[str, str | None]:
    """Headings and empty-list sentences of a committee page, in the number its name takes
    ('Alla nämnder och bolag är ansvariga'), never 'berörd: inga' beside missions that list it.
    The empty-list sentences negate the mission ('Portalen har inget uppdrag där …'), never the
    committee: 'Alla nämnder och bolag är inte berörda' reads as 'not all of them are'."""
    subject = mid_sentence(name, is_group)
    ansvarig = predicative("ansvarig", "ansvariga", is_group)
    berord = predicative("berörd", "berörda", is_group)
    pronoun = "de" if is_group else "den"
    mission, committee = term("missions"), term("committees")
    if concerned:
        concerned_empty = None
    elif responsible:
        concerned_empty = (f"Utöver {mission.definite_plural} där {subject} är {ansvarig} har portalen "
                           f"{no(mission)} {mission.singular} där {pronoun} är {berord}.")
    else:
        concerned_empty = f"Portalen har inte heller {some(mission)} {mission.singular} där {subject} är {berord}."
    return {
        "responsible_heading": f"{cap(mission.plural)} där {subject} är {ansvarig}",
        "concerned_heading": f"{cap(mission.plural)} där {subject} är {berord}",
        "responsible_empty": None if responsible else
        f"Portalen har {no(mission)} {mission.singular} där {subject} är {ansvarig}.",
        "concerned_empty": concerned_empty,
        "group_note": (f"Här ingår {mission.definite_plural} som är givna till alla {committee.plural} och bolag."
                       if via_group else None),
    }


def committee_page(content: Content, committee_id: str, link: Linker, number: int = 1,
                   size: int = paging.PAGE_SIZE) -> dict[str, Any]:
    committee = content.committees[committee_id]
    listing = committee_listing(content, committee_id, size)
    responsible, concerned = listing.tables
    via_group = any(committee_id not in m.responsible + m.concerned for m in responsible + concerned)
    return {
        "id": committee.id,
        "name": committee.name,
        "abbreviation": committee.abbreviation,
        "is_group": committee.is_group,
        **committee_wording(committee.name, committee.is_group, len(responsible), len(concerned), via_group),
        "responsible": [mission_row(content, m, link) for m in listing.rows_on(number, 0)],
        "concerned": [mission_row(content, m, link) for m in listing.rows_on(number, 1)],
        # Per table, on the whole table (not this page of it); the sources count per goal, not per committee.
        "responsible_columns": memo(content, ("columns", committee_id, 0),
                                    lambda: mission_columns(content, responsible, with_source_counts=False)),
        "concerned_columns": memo(content, ("columns", committee_id, 1),
                                  lambda: mission_columns(content, concerned, with_source_counts=False)),
        "pager": listing.pager(number, link),
        "scorecard": mission_counts(content, responsible).sentence() if responsible else None,
        # Once per committee, not per continuation page.
        "outdated_note": memo(content, ("outdated_note", committee_id),
                              lambda: outdated_note(content, responsible + concerned)),
        "overview_url": link.to(section_url("committees")),
        "feed_url": link.to(feed_path("committees", committee.id)),
        "changes_url": link.to(CHANGES_URL),
        # Indicators the source names the committee responsible for (Indicator.responsible), on the first page.
        "indicators": [{"title": i.title, "url": link.record("indicators", i.id)}
                       for i in sorted(content.indicators.values(), key=lambda i: i.title)
                       if i.responsible == committee.id] if number == 1 else [],
    }


def committees_overview(content: Content, link: Linker) -> dict[str, Any]:
    rows = []
    for committee in committees_sorted(content):
        responsible, concerned = committee_missions(content, committee.id)
        counts = mission_counts(content, responsible)
        unassessed = counts.by_category[vocabulary.UNASSESSED.id]
        rows.append({"name": committee.name, "abbreviation": committee.abbreviation,
                     "url": link.record("committees", committee.id), "responsible": len(responsible),
                     "concerned": len(concerned),
                     "by_category": {c: n if c == vocabulary.UNASSESSED.id else unknown_count(n, unassessed)
                                     for c, n in counts.by_category.items()}})
    return {"rows": rows, "columns": committee_columns(content, [r["concerned"] for r in rows])}


def goals_overview(content: Content, link: Linker) -> list[dict[str, Any]]:
    return [goal_summary(content, g, link) for g in goals_sorted(content)]


def outdated_note(content: Content, records: list[Goal] | list[Mission]) -> str | None:
    """'1 av 4 mål har en inaktuell bedömning (3 har ingen bedömning i portalen): …' for an overview
    of goals or missions; None when none is. Counted in the records the page shows, never only in those
    assessed ('1 av 1 bedömning' beside four goals)."""
    ages = [currency.current_age(content, "goal" if isinstance(r, Goal) else "mission", latest(content, r))
            for r in records]
    outdated, assessed = currency.outdated_count(ages), sum(1 for a in ages if a)
    if not outdated:
        return None
    kind = term("goals" if records and isinstance(records[0], Goal) else "missions")
    noun = kind.singular if len(records) == 1 else kind.plural
    text = f"{outdated} av {len(records)} {noun} har en inaktuell bedömning"
    if assessed < len(records):
        text += f" ({len(records) - assessed} har ingen bedömning i portalen)"
    pronoun = "den" if outdated == 1 else "de"
    return (text + f": äldre än {currency.current_months(content)} månader, så {pronoun} kan ha ersatts av nyare "
            "uppföljningar som ännu inte finns i portalen.")


def start_page(content: Content, link: Linker) -> dict[str, Any]:
    return {
        "goals": goals_overview(content, link),
        "outdated_note": outdated_note(content, goals_sorted(content)),
        "missions_link": f"Alla {term('missions').plural} i portalen ({len(content.missions)}), med filter på "
                         f"mål, status och {term('committees').singular}",
        "news": news_refs(content, link, limit=3),
        "news_url": link.to("nyheter/"),
        "indicators": [{"title": i.title, "url": link.record("indicators", i.id)}
                       for i in sorted(content.indicators.values(), key=lambda i: i.title)],
        "missions_url": link.to(section_url("missions")),
    }


def missions_overview(content: Content, link: Linker, number: int = 1, size: int = paging.PAGE_SIZE) -> dict[str, Any]:
    listing = missions_listing(content, size)
    missions = listing.rows
    rows = [mission_row(content, m, link) for m in listing.rows_on(number)]
    statuses = [s for s in content.statuses.values() if s.applies_to == "mission"]
    # Where the sources state more missions in a status than the portal holds, the filter says why.
    notes = source_only_categories(content)
    return {
        "rows": rows,
        "columns": missions_overview_columns(content, missions),
        "outdated_note": memo(content, ("outdated_note", "missions"), lambda: outdated_note(content, missions)),
        "pager": listing.pager(number, link),
        "all_rows_url": link.to(mission_rows_url()),
        # A goal whose missions the portal does not hold yet: the filter says so, never a bare zero.
        "goals": [{"id": g.id, "label": f"{g.number}. {g.short_title}",
                   **({} if missions_of_goal(content, g.id) else
                      {"note": f"Uppdragen inom {term('goals').definite_singular} {NOT_ENTERED}."})}
                  for g in goals_sorted(content)],
        "statuses": [{"id": s.category, "label": s.label + " – " + s.meaning,
                      **({"note": notes[s.category]} if s.category in notes else {})} for s in statuses]
        + [{"id": vocabulary.UNASSESSED.id, "label": NO_ASSESSMENT}],
        "committees": [{"id": c.id, "label": c.name}
                       for c in committees_sorted(content)],
    }


def missions_overview_columns(content: Content, missions: list[Mission] | None = None):
    """The overview's columns, the same on each of its pages and in the filter's rows (build.portal)."""
    return memo(content, ("columns", "missions"),
                lambda: mission_columns(content, missions if missions is not None else list(content.missions.values())))


def currency_rule(content: Content) -> dict[str, Any]:
    """The about page's account of ages and outdated statuses, with the figures the rule uses (currency.py)."""
    periods = sorted(content.periods.values(), key=lambda p: p.date)
    today = currency.clock(content)
    upcoming = next((p for p in periods if p.date > today), None)
    return {"months": currency.current_months(content), "today": long_date(today),
            "upcoming": f"{upcoming.label} (läget per {long_date(upcoming.date)})" if upcoming else None,
            "indicator_cycles": [{"title": i.title, "cycle": currency.value_age(i, [], today).cycle}
                                 for i in sorted(content.indicators.values(), key=lambda i: i.title)
                                 if i.publication]}


def latest_follow_up(content: Content, goal_id: str) -> str:
    """A goal's newest follow-up in the portal, as words inside a sentence ('delårsuppföljning per april
    2023'), so a hand-written page never names a follow-up without its year, nor a stale one."""
    current = latest(content, content.goals[goal_id])
    period = content.periods.get(current.period) if current else None
    return period.label[:1].lower() + period.label[1:] if period else f"uppföljningen ({NOT_ENTERED})"


def age_example(content: Content) -> currency.AgeView | None:
    """The age of the newest follow-up in the portal, exactly as the pages show a status's age: the
    example a help text gives (never typed, so never different from the pages nor out of date)."""
    assessed = {fu.period for r in (*content.goals.values(), *content.missions.values()) for fu in r.follow_ups}
    periods = sorted((content.periods[p] for p in assessed if p in content.periods), key=lambda p: p.date)
    return _period_age(content, periods[-1].id) if periods else None


def status_legend(content: Content, applies_to: str) -> list[StatusView]:
    """The statuses, best first, and last what a record without any shows, with what that means."""
    statuses = sorted((s for s in content.statuses.values() if s.applies_to == applies_to), key=lambda s: -s.rank)
    shown = [status_view(content, applies_to, s.id) for s in statuses]
    return [s for s in shown if s] + [GOAL_NOT_ENTERED if applies_to == "goal" else mission_none()]


def indicator_page(content: Content, indicator_id: str, link: Linker, charts: list) -> dict[str, Any]:
    """`charts` are already built (charts.py); the view adds everything else the page states."""
    from macros.facts.progress import assess
    from macros.publish.charts import REFERENCE_MEANING, REFERENCE_TERM

    ind = content.indicators[indicator_id]
    rows = content.series.get(ind.series, [])
    progress = assess(ind, rows)
    names = content.municipalities
    return {
        "title": ind.title,
        "description": paragraphs(ind.description),
        "note": paragraphs(ind.note),
        "direction": "lägre är bättre" if ind.direction == "lower" else "högre är bättre",
        "target": {"text": ind.target.text, "value": ind.target.value, "year": ind.target.year} if ind.target else None,
        "comparison_aim": " ".join(ind.comparison_aim.split()) if ind.comparison_aim else None,
        "reference_term": REFERENCE_TERM,
        "reference_meaning": REFERENCE_MEANING,
        "progress": progress_view(progress),
        "comparison": [names[m].name for m in comparison_members(ind) if m in names],
        "reference": [names[m].name for m in reference_members(ind) if m in names],
        "home": names[ind.home].name if ind.home in names else ind.home,
        "goals": [{"title": f"{content.goals[g].number}. {content.goals[g].title}", "url": link.record("goals", g)}
                  for g in ind.goals if g in content.goals],
        # As on missions: the committee linked to its page, only when the source names it.
        "responsible": committee_refs(content, [ind.responsible] if ind.responsible else [], link),
        "news": news_refs(content, link, indicator_id=ind.id),
        "sources": [{**source_view(s), "licence": s.licence} for s in ind.sources],
        "action_plan": action_plan_view(content, ind.action_plan, link),
        "charts": charts,
        "method_url": link.to("om/#indikatorernas-status"),
        # The whole series as Swedish spreadsheets read it (codes, names, units, sources): what a journalist opens.
        "series_sheet_url": link.to(f"api/serier/{ind.series}{SHEET_SUFFIX}"),
        **indicator_currency(content, ind, rows),
    }


def indicator_currency(content: Content, ind, rows: list) -> dict[str, Any]:
    """The home municipality's newest value against the publication cycle, and, when the portal has no value
    for it, why and where the value will come from: the portal's gap, never the municipality's."""
    home = content.municipalities[ind.home].name if ind.home in content.municipalities else ind.home
    age = currency.value_age(ind, rows, currency.clock(content), home or "")
    missing = None
    if age.newest_year is None:
        origin = join(s.title for s in ind.sources)
        lacking = any(r.municipality == ind.home and r.flag == "missing" for r in rows)
        missing = (f"Portalen har ännu inget värde för {home} för den här indikatorn. Det betyder inte att {home} "
                   "saknar ett värde, bara att inget har förts in här än. ")
        if lacking:  # the portal's source has no value for it: say so, never promise one from that source
            missing += (f"Källan som portalen använder ({origin}) har inget värde för {home}; ett värde förs in "
                        "när portalen har en källa som har det." if origin else
                        f"Källan som portalen använder har inget värde för {home}.")
        else:
            missing += f"Värdena kommer från {origin} och förs in när källan har publicerat dem." if origin else ""
        missing = missing.strip()
    # Every indicator says how old its newest value is, and is held to a publication cycle: the declared one,
    # else the default (currency.DEFAULT_PUBLICATION), said in words so the reader knows what it rests on.
    assumed = None if age.declared else (
        "Indikatorn anger inte när källan publicerar nya värden, så portalen räknar med att värden för ett år "
        "publiceras senast i december året efter.")
    return {"value_age": {"newest_year": age.newest_year, "shown_year": age.shown_year, "sentence": age.sentence,
                          "outdated_text": age.outdated_text, "iso": f"{age.shown_year}" if age.shown_year else None,
                          "cycle": age.cycle or assumed, "next_expected": age.next_expected},
            "home_missing": missing}


def action_plan_view(content: Content, plan, link: Linker) -> dict[str, Any] | None:
    """The plan's initiatives with their source: the news item on this site, and where it was published."""
    if plan is None:
        return None
    item = content.news.get(plan.news)
    return {"title": plan.title, "initiatives": list(plan.initiatives),
            "news": {"title": item.title, "url": link.record("news", item.id), "date": item.date.isoformat(),
                     "date_text": long_date(item.date), "source": source_view(item.source)} if item else None}


def news_overview(content: Content, link: Linker) -> dict[str, Any]:
    """Every news item, newest first, with its date and source."""
    items = news_refs(content, link)
    return {"items": items, "count": count(len(items), "nyhet", "nyheter")}


def news_page(content: Content, news_id: str, link: Linker) -> dict[str, Any]:
    item = content.news[news_id]
    return {
        "title": item.title,
        "date": item.date.isoformat(),
        "date_text": long_date(item.date),
        "overview_url": link.to("nyheter/"),
        "lead": paragraphs(item.lead),
        "body": paragraphs(item.body),
        "bullets_heading": item.bullets_heading,
        "bullets": [" ".join(b.split()) for b in item.bullets],
        "goals": [{"title": f"{content.goals[g].number}. {content.goals[g].title}", "url": link.record("goals", g)}
                  for g in item.goals if g in content.goals],
        "indicators": [{"title": content.indicators[i].title, "url": link.record("indicators", i)}
                       for i in item.indicators if i in content.indicators],
        "portal_link_note": PORTAL_LINK_NOTE,
        "source": source_view(item.source),
    }


def indicators_overview(content: Content, link: Linker) -> list[dict[str, Any]]:
    from macros.facts.progress import assess

    rows = []
    for ind in sorted(content.indicators.values(), key=lambda i: i.title):
        progress = assess(ind, content.series.get(ind.series, []))
        rows.append({"title": ind.title, "url": link.record("indicators", ind.id),
                     "target": ind.target.text if ind.target else None,
                     "progress": progress_view(progress),
                     "home": content.municipalities[ind.home].name if ind.home in content.municipalities else ind.home,
                     **indicator_currency(content, ind, content.series.get(ind.series, []))})
    return rows


def changes_page(content: Content, link: Linker, number: int = 1, size: int = paging.PAGE_SIZE) -> dict[str, Any]:
    from macros.facts.events import latest_changes, status_events

    latest_id, previous_id, _ = latest_changes(content)
    listing = changes_listing(content, size)
    changes = listing.rows

    def event(e) -> dict[str, Any]:
        return {"title": e.title, "url": link.to(e.url), "period": e.period_label, "date": e.date.isoformat(),
                "date_text": long_date(e.date), "before": e.before, "after": e.after, "first": e.first,
                "before_status": status_view(content, e.applies_to, e.before_status),
                "after_status": status_view(content, e.applies_to, e.after_status),
                "wording": assessment_wording(e.before, e.after), "trend": _stated_trend(content, e),
                "text": paragraphs(e.text)}

    shown = [event(e) for e in listing.rows_on(number)]
    return {
        "latest": content.periods[latest_id].label if latest_id else None,
        # How old the newest follow-up in the portal is: outdated when even it is (currency.py).
        "latest_age": _period_age(content, latest_id),
        "previous": content.periods[previous_id].label if previous_id else None,
        # Changes and first assessments are told apart: a first assessment is not a change.
        "changes": [e for e in shown if not e["first"]],
        "firsts": [e for e in shown if e["first"]],
        "any_changes": any(not e.first for e in changes),
        "history": [event(e) for e in status_events(content)[:size]] if number == 1 else [],
        "history_csv": link.to("api/statushistorik.csv"),
        "history_sheet": link.to(f"api/statushistorik{SHEET_SUFFIX}"),
        # Every change of the records' content, newest first, paged with the status changes.
        "content_changes": content_changes_view(content, listing.rows_on(number, 1), link),
        "pager": listing.pager(number, link),
        "feed_url": link.to("flode/alla.xml"),
    }


def licence_view(content: Content) -> dict[str, Any]:
    """The open data's licence as the page states it, or, when none is decided, that plainly and whom to ask
    (the data contact, else the report contact, else the publisher): never a licence the portal assumes."""
    settings = content.settings
    licence = settings.data_licence if settings else None
    if licence is not None:
        return {"decided": True, "id": licence.id, "name": licence.name, "url": licence.url, "ask": None}
    ask = None
    if settings is not None:
        email = settings.contact_email or settings.report_email
        ask = {"name": settings.publisher_name, "href": f"mailto:{email}" if email else settings.publisher_url,
               "text": email or settings.publisher_url}
    return {"decided": False, "id": None, "name": None, "url": None, "ask": ask}


def open_data_page(content: Content, link: Linker, site_url: str = "/") -> dict[str, Any]:
    from macros.publish.feeds import FEED_ENTRIES, feed_path
    from macros.publish.opendata import datasets
    from macros.publish.opendata_fields import OPEN_DATA_PAGE, citation

    sets = datasets(content)
    return {
        "datasets": [{"name": name, "title": ds["title"], "description": ds["description"], "count": len(ds["rows"]),
                      "csv": link.to(f"api/{name}.csv"), "json": link.to(f"api/{name}.json"),
                      "sheet": link.to(f"api/{name}{SHEET_SUFFIX}")}
                     for name, ds in sets.items()],
        # The data's address linked (a link breaks on a phone; the text stays the citation to copy).
        "citation": dict(zip(("before", "url", "after"), citation(content, site_url).partition(
            site_url.rstrip("/") + "/" + OPEN_DATA_PAGE), strict=True)),
        "licence": licence_view(content),
        "feed_entries": FEED_ENTRIES,
        "index_url": link.to("api/index.json"),
        # A record file that exists; the folder names under api/ are the engine's, the same everywhere.
        "record_example": f"api/uppdrag/{min(content.missions)}.json" if content.missions
        else f"api/mal/{min(content.goals)}.json" if content.goals else "api/indikatorer/<id>.json",
        "catalog_url": link.to("api/katalog.rdf"),
        "feeds": [{"title": "Alla statusändringar och nyheter", "url": link.to(feed_path("all"))},
                  {"title": "Ändringar i innehållet", "url": link.to(feed_path("content"))}]
        + [{"title": goal_name(g), "url": link.to(feed_path("goals", g.id))}
           for g in goals_sorted(content)]
        + [{"title": c.name, "url": link.to(feed_path("committees", c.id))}
           for c in committees_sorted(content)],
    }


def _stated_trend(content: Content, event) -> TrendView | None:
    """For a goal's first assessment in the portal: the trend its source states (e.g. 'Oförändrad'), which
    says the municipality had assessed it before; shown so the first assessment is not read as new news."""
    if event.kind != "goals" or not event.first:
        return None
    goal = content.goals[event.record_id]
    return trend_view(content, history(content, goal), 0)
