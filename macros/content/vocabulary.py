"""The status vocabulary, declared once: the categories a mission status is counted in, and the colours
and icon shapes a status may have.

Everything else follows from this declaration: the model's allowed values and its stated counts
(`models.Status.category`, `models.StatedCounts`), the count sentences and their agreement
(`facts.derive`), the check of stated against derived counts, the committees table's columns, the
status filter, the icon whitelist of the templates and the editors' JSON Schema. A new category is
one `Category` here (and, for a new colour, its rule in docs/assets/portal.css).

Consumers read the declaration through the functions below at call time, never a copy made at import,
so a test may declare another vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """A counting category of mission statuses, in the words every page uses for it."""

    id: str
    one: str  # as an adjective agreeing with 'uppdrag' (neuter), for one mission: '1 försenat'
    several: str  # for several: '3 försenade'
    column: str  # heading of its column in the committees table
    stated: str  # what its count in a follow-up text means (the editors' field description)
    stated_default: int | None = None  # None: the count must be stated; else what an omitted count is
    one_common: str = ""  # for one, agreeing with a common-gender mission word ('1 försenad insats'); else `one`


# In the order counts, columns and filters list them, best first.
CATEGORIES: tuple[Category, ...] = (
    Category("complete", "färdigt", "färdiga", "Färdiga", "Antal färdiga uppdrag enligt texten.", one_common="färdig"),
    Category("on_track", "enligt plan", "enligt plan", "Enligt plan",
             "Antal uppdrag som pågår enligt plan enligt texten."),
    Category("delayed", "försenat", "försenade", "Försenade", "Antal försenade uppdrag enligt texten.",
             one_common="försenad"),
    # Added after the first follow-ups were entered: texts that never name it count none.
    Category("not_done", "genomförs inte", "genomförs inte", "Genomförs inte",
             "Antal uppdrag som inte genomförs enligt texten.", stated_default=0),
)
# Where a mission without a published assessment is counted: never a status's category.
UNASSESSED = Category("none", "utan publicerad bedömning", "utan publicerad bedömning", "Utan bedömning", "")

# A status's colour (always shown with its label and icon) and icon shape; each has its rule in portal.css.
COLORS: tuple[str, ...] = ("green", "yellow", "red")
ICONS: tuple[str, ...] = ("check", "circle", "warning", "stop")
# Icons the pages draw beside the statuses' own: an outdated status's clock.
OTHER_ICONS: tuple[str, ...] = ("clock",)


def categories() -> tuple[Category, ...]:
    """The categories a status may have, in order."""
    return CATEGORIES


def counted() -> tuple[Category, ...]:
    """Every category a mission is counted in: the statuses' categories, then 'no published assessment'."""
    return (*CATEGORIES, UNASSESSED)


def category_ids() -> tuple[str, ...]:
    return tuple(c.id for c in CATEGORIES)


def category(category_id: str) -> Category:
    """The category with this id (UNASSESSED for 'none')."""
    return next(c for c in counted() if c.id == category_id)


def icons() -> tuple[str, ...]:
    """Every icon a template may draw; anything else is drawn as 'no assessment'."""
    return (*ICONS, *OTHER_ICONS)
