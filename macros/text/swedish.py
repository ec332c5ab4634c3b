"""Swedish as the municipality writes it: counts with the right number, dates in words, lists with 'och'.

Every count and date a citizen reads goes through here, so '1 färdiga' or '2023-10-30' cannot slip back in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


def count(n: int, singular: str, plural: str) -> str:
    """'1 indikator', '2 indikatorer', '0 indikatorer': Swedish takes the singular for one only."""
    return f"{n} {singular if n == 1 else plural}"


def number_form(n: int, singular: str, plural: str) -> str:
    """The word alone, in the form that agrees with `n` ('färdigt' for 1, 'färdiga' otherwise)."""
    return singular if n == 1 else plural


def long_date(day: dt.date | None, missing: str = "datum saknas") -> str:
    """'30 oktober 2023' (no leading zero, month in lower case, as Swedish municipalities write dates)."""
    if day is None:
        return missing
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def join(items: Iterable[str]) -> str:
    """'a', 'a och b', 'a, b och c' (no serial comma)."""
    words = [w for w in items if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " och " + words[-1]


def mid_sentence(name: str, is_group: bool) -> str:
    """A committee's name inside a sentence: a group's name ('Alla nämnder och bolag') is a common noun
    phrase and loses its capital; a committee's name is a proper noun and keeps it."""
    return name[:1].lower() + name[1:] if is_group else name


def predicative(singular: str, plural: str, is_group: bool) -> str:
    """'ansvarig' or 'ansvariga': a group of committees takes the plural ('alla nämnder och bolag är ansvariga')."""
    return plural if is_group else singular
