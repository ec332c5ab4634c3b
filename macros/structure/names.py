"""What records are called where citizens read them: one home for each display name."""

from __future__ import annotations

from macros.content.models import Committee, Goal, Mission
from macros.content.municipality import cap, term


def goal_name(goal: Goal) -> str:
    """'Mål 1. Ekonomin och välfärden' (the settings' word): page titles, feeds, links to the goal."""
    return f"{cap(term('goals').singular)} {goal.number}. {goal.short_title}"


def goal_full_name(goal: Goal) -> str:
    """'Mål 1. Kommunen ska säkra en stark ekonomi': where the goal itself is the news."""
    return f"{cap(term('goals').singular)} {goal.number}. {goal.title}"


def mission_name(mission: Mission) -> str:
    """'Uppdrag 3: Utveckla …': page titles, feeds, the changes page."""
    return f"{cap(term('missions').singular)} {mission.number}: {mission.title}"


def committee_heading(committee: Committee) -> str:
    """A committee page's heading: the name, with its abbreviation where it has one of its own."""
    return committee.name if committee.is_group else f"{committee.name} ({committee.abbreviation})"
