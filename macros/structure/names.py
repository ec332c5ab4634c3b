"""What records are called where citizens read them: one home for each display name."""

from __future__ import annotations

from macros.content.models import Committee, Goal, Mission


def goal_name(goal: Goal) -> str:
    """'Fokusmål 1. Ekonomin och välfärden': page titles, feeds, links to the goal."""
    return f"Fokusmål {goal.number}. {goal.short_title}"


def goal_full_name(goal: Goal) -> str:
    """'Fokusmål 1. Uppsala ska säkra en stark ekonomi och värna välfärden': where the goal itself is the news."""
    return f"Fokusmål {goal.number}. {goal.title}"


def mission_name(mission: Mission) -> str:
    """'Uppdrag 3: Utveckla …': page titles, feeds, the changes page."""
    return f"Uppdrag {mission.number}: {mission.title}"


def committee_heading(committee: Committee) -> str:
    """A committee page's heading: the name, with its abbreviation where it has one of its own."""
    return committee.name if committee.is_group else f"{committee.name} ({committee.abbreviation})"
