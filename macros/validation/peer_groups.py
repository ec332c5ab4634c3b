"""An indicator lists each municipality once, in one role: refused otherwise, on the line of the repeat
(every statistic is computed from the de-duplicated group anyway: facts/groups.py)."""

from __future__ import annotations

from macros.content.problem import Problem, show_value
from macros.content.store import Content


def group_problems(content: Content) -> list[Problem]:
    """A problem for each municipality an indicator lists twice, or lists as well as its home."""
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
