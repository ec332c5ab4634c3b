"""Swedish as the municipality writes it: numbers agree with their words, dates in words."""

from __future__ import annotations

import datetime as dt

import pytest

from macros.content.models import StatedCounts
from macros.facts.derive import category_sentence, stated_sentence
from macros.text.swedish import count, join, long_date, mid_sentence, predicative


@pytest.mark.parametrize(("n", "expected"), [(0, "0 indikatorer"), (1, "1 indikator"), (2, "2 indikatorer")])
def test_count_takes_the_singular_for_one_only(n: int, expected: str) -> None:
    assert count(n, "indikator", "indikatorer") == expected


@pytest.mark.parametrize(("n", "expected"), [
    (0, "Inga uppdrag"),
    (1, "1 uppdrag, färdigt"),
    (2, "2 uppdrag, alla färdiga"),
])
def test_missions_all_in_one_category(n: int, expected: str) -> None:
    assert category_sentence(n, {"complete": n, "on_track": 0}) == expected


@pytest.mark.parametrize(("complete", "delayed", "expected"), [
    (1, 1, "2 uppdrag: 1 färdigt och 1 försenat"),
    (2, 1, "3 uppdrag: 2 färdiga och 1 försenat"),
    (1, 2, "3 uppdrag: 1 färdigt och 2 försenade"),
    (0, 2, "4 uppdrag: 2 försenade och 2 utan publicerad bedömning"),
])
def test_mission_counts_agree_in_number(complete: int, delayed: int, expected: str) -> None:
    none = 2 if complete == 0 else 0
    total = complete + delayed + none
    assert category_sentence(total, {"complete": complete, "delayed": delayed, "none": none}) == expected


def test_stated_counts_read_as_the_source_would() -> None:
    assert stated_sentence(StatedCounts(total=16, complete=1, on_track=14, delayed=1)) == (
        "16 uppdrag: 1 färdigt, 14 enligt plan och 1 försenat")
    assert stated_sentence(StatedCounts(total=5, complete=2, on_track=0, delayed=2, not_done=1)) == (
        "5 uppdrag: 2 färdiga, 2 försenade och 1 genomförs inte")


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2023, 10, 30), "30 oktober 2023"),
    (dt.date(2024, 1, 1), "1 januari 2024"),
    (dt.date(2026, 12, 9), "9 december 2026"),
])
def test_dates_in_words(day: dt.date, expected: str) -> None:
    assert long_date(day) == expected


def test_missing_date_says_so() -> None:
    assert long_date(None) == "datum saknas"


def test_lists_join_with_och_without_serial_comma() -> None:
    assert join([]) == "" and join(["a"]) == "a" and join(["a", "b"]) == "a och b"
    assert join(["a", "b", "c"]) == "a, b och c"


def test_group_names_take_the_plural_and_lose_their_capital_mid_sentence() -> None:
    group = "Alla nämnder och bolag"
    assert f"{group} är {predicative('ansvarig', 'ansvariga', True)}" == "Alla nämnder och bolag är ansvariga"
    assert f"Uppdrag där {mid_sentence(group, True)} är" == "Uppdrag där alla nämnder och bolag är"
    assert mid_sentence("Kommunstyrelsen", False) == "Kommunstyrelsen"
    assert predicative("ansvarig", "ansvariga", False) == "ansvarig"
