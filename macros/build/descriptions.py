"""A record page's own description (its <meta name="description">): what a search engine's snippet and
a shared link show. Built from the record, so no two record pages share the site's one description."""

from __future__ import annotations

from macros.content.models import Committee, Goal, Indicator, Mission, News
from macros.content.municipality import cap, term
from macros.structure.names import goal_name, mission_name
from macros.text.swedish import mid_sentence

LIMIT = 160  # what search engines show of a description


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LIMIT else text[:LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,.;:–") + "…"


def record_description(record: Goal | Mission | Committee | Indicator | News) -> str:
    """'Mål 1. Ekonomin: Kommunen ska säkra …', 'Uppdrag 3: Utveckla … Ansvariga, status och uppföljning.',
    'Uppdrag som Kommunstyrelsen ansvarar för eller berörs av, och deras status.' (at most LIMIT characters)."""
    mission = term("missions")
    if isinstance(record, Goal):
        text = f"{goal_name(record)}: {record.title} Status, uppföljning och {mission.plural}."
    elif isinstance(record, Mission):
        text = f"{mission_name(record)} Ansvariga, status och uppföljning."
    elif isinstance(record, Committee):
        text = (f"{cap(mission.plural)} som {mid_sentence(record.name, record.is_group)} ansvarar för eller "
                "berörs av, och deras status.")
    elif isinstance(record, Indicator):
        text = f"{record.title}: {record.description}"
    else:
        text = f"{record.title}: {record.lead}"
    return _short(text)
