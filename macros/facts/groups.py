"""An indicator's municipalities: the home one, its comparison group and its reference municipalities,
each counted once.

Every statistic derived from the group (the comparison group's unweighted mean, the bars of the
comparison chart, the lists on the page) is computed from these de-duplicated lists, so a municipality
listed twice, or the home municipality listed among the others, cannot weigh twice or be compared
with itself. Validation refuses such a list too (`group_problems`), so the editor hears of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from macros.content.models import Indicator

if TYPE_CHECKING:  # the chart code imports this module: only models.py shapes a chart (charts._CODE_FILES)
    from macros.content.problem import Problem
    from macros.content.store import Content


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


def group_problems(content: Content) -> list[Problem]:
    """A problem for each municipality an indicator lists twice, or lists as well as its home."""
    from macros.content.problem import Problem, show_value

    problems: list[Problem] = []
    for ind in content.indicators.values():
        origin = content.origin("indicators", ind.id)
        seen: dict[str, str] = {ind.home: "home"}
        for role in ("comparison", "reference"):
            for i, mid in enumerate(getattr(ind, role)):
                first = seen.get(mid)
                if first is None:
                    seen[mid] = f"{role}[{i}]"
                    continue
                where = "är indikatorns hemkommun (home)" if first == "home" else f"finns redan i {first}"
                problems.append(Problem(origin.file, origin.line(role, i),
                                        f"Kommunen {where}. Varje kommun ska stå en gång, i en roll: "
                                        "annars räknas den dubbelt i jämförelsegruppens snitt. Ta bort raden.",
                                        field=f"{role}[{i}]", value=show_value(mid)))
    return problems
