"""Currency of indicator values (DESIGN.md "Currency"): every indicator says near the top how old its newest
value is, and every series is held to a publication cycle: its declared one, else a default the page names,
with a warning telling the editor to declare one. On the fixture project with fixed dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from macros.facts import currency
from macros.validation.loader import load_content
from tests.conftest import FIXTURE
from tests.page_html import page_html

LATE = dt.date(2026, 12, 5)  # the fixture's newest values are for 2023


def content_at(today: dt.date, cycle: bool = True):
    content, problems = load_content(FIXTURE)
    assert not [p for p in problems if p.severity == "error"]
    if not cycle:
        ind = content.indicators["testandel"]
        content.indicators["testandel"] = ind.model_copy(update={"publication": None})
    currency.set_clock(content, today)
    return content


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def facts(html: str) -> str:
    """The page's fact list: what a reader sees first, above the charts."""
    return text(html.split('<dl class="pm-facts">')[1].split("</dl>")[0])


def test_indicator_page_says_the_age_of_its_newest_value_first() -> None:
    html = page_html(content_at(LATE), "indicator_page", "x/", "testandel")
    top = facts(html)
    assert top.startswith("Senaste värde Senaste värde för Testby avser 2023, för 3 år sedan."), top
    assert "Inaktuell: senaste värdet gäller 2023; värden för 2025 borde finnas." in top


def test_without_a_home_value_the_series_newest_value_is_dated() -> None:
    content = content_at(LATE)
    ind = content.indicators["testandel"]
    content.series[ind.series] = [r for r in content.series[ind.series] if r.municipality != ind.home]
    top = facts(page_html(content, "indicator_page", "x/", "testandel"))
    assert "Senaste värde i dataserien avser 2023, för 3 år sedan; för Testby finns inget värde." in top
    assert "Inaktuell" in top and "Portalen har ännu inget värde för Testby" in top


def test_a_series_without_a_declared_cycle_is_held_to_the_default_and_says_so() -> None:
    content = content_at(LATE, cycle=False)
    age = currency.value_age(content.indicators["testandel"], content.series["testandel"], LATE, "Testby")
    assert (age.expected_year, age.outdated, age.declared) == (2025, True, False)
    top = facts(page_html(content, "indicator_page", "x/", "testandel"))
    assert "värden för 2025 borde finnas om källan publicerar en gång om året" in top
    assert "portalen räknar med att värden för ett år publiceras senast i december året efter" in top
    overview = text(page_html(content, "indicators_overview", "x/"))
    assert "Senaste värde för Testby avser 2023, för 3 år sedan. Inaktuell" in overview
    # A year later than the newest value and before the default's December: still current.
    assert not currency.value_age(content.indicators["testandel"], content.series["testandel"],
                                  dt.date(2024, 11, 30)).outdated


def test_the_about_page_promises_an_outdated_mark_for_every_indicator() -> None:
    html = text(page_html(content_at(LATE, cycle=False), "currency_rule", "x/"))
    assert "När indikatorns källa har en fast rytm" not in html
    assert "annars räknar portalen med att värden för ett år publiceras senast i december året efter" in html


def test_an_indicator_without_a_cycle_gets_a_swedish_warning(project: Path) -> None:
    file = project / "content/indicators/testandel.yaml"
    file.write_text(file.read_text(encoding="utf-8").split("publication:")[0], encoding="utf-8")
    warnings = [p for p in load_content(project)[1] if p.severity == "warning" and p.field == "publication"]
    assert len(warnings) == 1, [w.text() for w in warnings]
    line = warnings[0].text()
    assert line.startswith("content/indicators/testandel.yaml:") and "varning" in line
    assert "anger inte när källan publicerar nya värden" in line and "publication:" in line
