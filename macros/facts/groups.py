"""An indicator's municipalities: the home one, its comparison group and its reference municipalities,
each counted once.

Every statistic derived from the group (the comparison group's unweighted mean, the bars of the
comparison chart, the lists on the page) is computed from these de-duplicated lists, so a municipality
listed twice, or the home municipality listed among the others, cannot weigh twice or be compared
with itself. Validation refuses such a list too (validation/peer_groups.py), so the editor hears of it.
"""

from __future__ import annotations

from macros.content.models import Indicator


def comparison_members(indicator: Indicator) -> list[str]:
    """The comparison group, in order, each once, without the home municipality."""
    return [m for m in dict.fromkeys(indicator.comparison) if m != indicator.home]


def reference_members(indicator: Indicator) -> list[str]:
    """The reference municipalities, in order, each once, in neither of the other roles."""
    taken = {indicator.home, *indicator.comparison}
    return [m for m in dict.fromkeys(indicator.reference) if m not in taken]


def whole_group(indicator: Indicator) -> list[str]:
    """Home, comparison group and references: every municipality the indicator shows, once."""
    return [indicator.home, *comparison_members(indicator), *reference_members(indicator)]
