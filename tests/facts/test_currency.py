"""Currency (DESIGN.md): every status shows its period in words and its age on the build date, outdated
ones are flagged in text and icon, overviews count them, and record pages say when their content last
changed, from git. On the fixture project with fixed dates (never the live content)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from macros.content import gitdates
from macros.content.models import Publication
from macros.facts import currency
from macros.publish.feeds import all_feeds
from macros.publish.opendata import datasets
from macros.validation.loader import load_content
from macros.views import views
from tests.conftest import FIXTURE
from tests.gitrepo import count_processes
from tests.gitrepo import git as _git
from tests.page_html import page_html

# The fixture's newest follow-up is 2023-augusti (31 August 2023).
SOON = dt.date(2023, 11, 14)  # 2 months later: current
LATE = dt.date(2026, 12, 5)  # 3 years and 3 months later: outdated


def fixture_content(today: dt.date, months: int = 8):
    content, problems = load_content(FIXTURE)
    assert not [p for p in problems if p.severity == "error"]
    content.settings = content.settings.model_copy(update={"status_current_months": months})
    currency.set_clock(content, today)
    return content


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def pages(content) -> dict[str, str]:
    """Every page kind that shows a goal's or a mission's status, rendered as the site renders it."""
    goal = content.goals["fokusmal-1"]
    return {
        "start": page_html(content, "start_page", "x/"),
        "goals": page_html(content, "goals_overview", "x/"),
        "goal": page_html(content, "goal_page", "x/", goal.id),
        "mission": page_html(content, "mission_page", "x/", "fm1-uppdrag-2"),
        "missions": page_html(content, "missions_overview", "x/"),
        "committee": page_html(content, "committee_page", "x/", "ks"),
    }


def test_age_in_words_counts_whole_months() -> None:
    assert currency.months_between(dt.date(2023, 4, 30), dt.date(2026, 12, 5)) == 43
    assert currency.age_words(43) == "för 3 år och 7 månader sedan"
    assert currency.age_words(1) == "för 1 månad sedan"
    assert currency.age_words(24) == "för 2 år sedan"
    assert currency.age_words(0) == "för mindre än en månad sedan"
    assert currency.months_between(dt.date(2023, 8, 31), dt.date(2023, 9, 30)) == 1
    assert currency.months_between(dt.date(2023, 8, 31), dt.date(2023, 9, 29)) == 0


def test_the_clock_is_source_date_epoch() -> None:
    assert currency.build_date({"SOURCE_DATE_EPOCH": "1700000000"}) == dt.date(2023, 11, 14)


def test_a_status_is_outdated_after_the_months_declared_in_settings() -> None:
    fresh = currency.status_age(fixture_content(SOON), "2023-augusti")
    assert fresh is not None and not fresh.outdated
    assert fresh.text == "bedömd augusti 2023, för 2 månader sedan"
    assert fresh.next_period == "Årsredovisning 2023"
    old = currency.status_age(fixture_content(LATE), "2023-augusti")
    assert old is not None and old.outdated
    assert old.outdated_text == "Inaktuell: senaste bedömningen gäller augusti 2023"
    assert not currency.status_age(fixture_content(LATE, months=60), "2023-augusti").outdated


@pytest.mark.parametrize("kind", ["start", "goals", "goal", "mission", "missions", "committee"])
def test_every_status_shown_carries_its_period_and_age(kind: str) -> None:
    html = pages(fixture_content(SOON))[kind]
    assert "augusti 2023" in text(html)
    assert "Inaktuell" not in html and "pm-icon--clock" not in html


@pytest.mark.parametrize("kind", ["start", "goals", "goal", "mission", "missions", "committee"])
def test_an_outdated_status_is_flagged_in_text_and_icon(kind: str) -> None:
    html = pages(fixture_content(LATE))[kind]
    assert "pm-icon--clock" in html
    assert "Inaktuell" in text(html)
    if kind in ("start", "goal", "mission"):
        assert "Inaktuell: senaste bedömningen gäller augusti 2023, för 3 år och 3 månader sedan" in text(html)


@pytest.mark.parametrize("kind", ["start", "goals", "missions", "committee"])
def test_overviews_say_how_many_statuses_are_outdated(kind: str) -> None:
    html = text(pages(fixture_content(LATE))[kind])
    assert re.search(r"\d+ av \d+ \w+ har en inaktuell bedömning[^:]*: äldre än 8 månader", html), html[:400]


def test_open_data_and_feeds_carry_period_date_age_and_outdated_flag() -> None:
    content = fixture_content(LATE)
    goal = next(r for r in datasets(content)["mal"]["rows"] if r["id"] == "fokusmal-1")
    assert (goal["period_date"], goal["age_months"], goal["outdated"]) == ("2023-08-31", 39, True)
    feed = all_feeds(content, "https://example.invalid/", "example.invalid,2023", LATE)["flode/alla.xml"]
    assert "bedömd augusti 2023, för 3 år och 3 månader sedan (räknat till 5 december 2026)" in feed


def test_indicator_without_home_value_says_it_is_the_portals_gap() -> None:
    content = fixture_content(LATE)
    ind = content.indicators["testandel"]
    content.series[ind.series] = [r for r in content.series[ind.series] if r.municipality != ind.home]
    html = text(page_html(content, "indicator_page", "x/", ind.id))
    assert "Portalen har ännu inget värde för Testby" in html
    assert "Testkälla: syntetisk statistik" in html
    assert "inga publicerade värden för kommunen" not in html.lower()
    assert "finns i källorna" not in html


def test_indicator_value_older_than_its_publication_cycle_is_outdated() -> None:
    content = fixture_content(LATE)
    ind = content.indicators["testandel"].model_copy(update={"publication": Publication(month=4)})
    age = currency.value_age(ind, content.series[ind.series], LATE)
    assert (age.newest_year, age.expected_year, age.outdated) == (2023, 2025, True)
    assert age.outdated_text == "Inaktuell: senaste värdet gäller 2023; värden för 2025 borde finnas"
    assert age.next_expected == "Värden för 2026 väntas i april 2027."
    assert not currency.value_age(ind, content.series[ind.series], dt.date(2024, 3, 1)).outdated


# --- when content last changed, from git ---------------------------------------------------------------


def test_git_dates_come_from_one_log_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "project/content/missions").mkdir(parents=True)
    _git(repo, "init", "-q")
    for i in range(30):
        (repo / f"project/content/missions/m-{i}.yaml").write_text(f"id: m-{i}\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "first", when=1_700_000_000)  # 14 November 2023
    (repo / "project/content/missions/m-1.yaml").write_text("id: m-1\nchanged: true\n")
    _git(repo, "commit", "-qam", "second", when=1_710_000_000)  # 9 March 2024
    (repo / "project/content/missions/m-2.yaml").write_text("id: m-2\nuncommitted: true\n")

    calls = count_processes(monkeypatch)  # every process started while the dates are read
    dates = gitdates.read_git_dates(repo / "project")
    assert sum(1 for c in calls if "log" in c) == 1
    day = dt.date(2026, 12, 5)
    assert gitdates.change_sentence(dates, "content/missions/m-0.yaml", day) == \
        "Innehållet ändrades senast 14 november 2023."
    assert gitdates.change_sentence(dates, "content/missions/m-1.yaml", day) == \
        "Innehållet ändrades senast 9 mars 2024."
    assert "efter den senaste incheckningen" in gitdates.change_sentence(dates, "content/missions/m-2.yaml", day)
    assert dates.newest() == dt.datetime(2024, 3, 9, 16, 0, tzinfo=dt.UTC)


def test_without_git_the_page_says_so(tmp_path: Path) -> None:
    dates = gitdates.read_git_dates(tmp_path)
    assert not dates.available
    sentence = gitdates.change_sentence(dates, "content/goals/x.yaml", dt.date(2026, 12, 5))
    assert sentence.startswith("När innehållet senast ändrades går inte att säga")
    assert "5 december 2026" in sentence


# --- what the start page promises holds on every page (built fixture site) ---------------------------


def test_start_page_promises_hold_on_every_page(built_site: Path) -> None:
    start = (built_site / "index.html").read_text(encoding="utf-8")
    lead = text(re.search(r'<p class="pm-lead">.*?</p>', start, re.S).group(0))
    all_pages = {p: p.read_text(encoding="utf-8") for p in built_site.rglob("*.html")}
    promises = lead + " ".join(text(re.search(r"<article.*?</article>", all_pages[built_site / page], re.S).group(0))
                               for page in ("om/index.html", "lattlast/index.html"))
    # An unconditional promise may only be made when no page contradicts it.
    for promise, contradiction in (("källa med datum", "datum saknas"), ("med en länk och", "länk saknas"),
                                   ("Allt innehåll har en källa", "Källa saknas")):
        broken = [p for p, html in all_pages.items() if contradiction in html]
        if broken:
            assert promise not in promises, (promise, broken[:3])
    # "varje bedömning säger hur gammal den är": every current status or value has an age beside it (the
    # legend explains statuses; a timeline entry, a change and a history row are headed by their period).
    if "hur gammal" in lead:
        for path, html in all_pages.items():
            body = re.sub(r'<ul class="pm-legend">.*?</ul>|<ol class="pm-timeline".*?</ol>'
                          r'|<ul class="pm-changes">.*?</ul>|<table class="pm-table pm-stack">.*?</table>', "", html,
                          flags=re.S)
            badges = len(re.findall(r'class="pm-status pm-status--(?:green|yellow|red)"', body))
            ages = len(re.findall(r'class="pm-age[ "]', body))
            assert ages >= badges, (path, badges, ages)


def test_record_pages_and_footer_say_when_content_changed(built_site: Path) -> None:
    goal = text((built_site / "mal/fokusmal-1/index.html").read_text(encoding="utf-8"))
    # The fixture copy is not a git repository: the page says so plainly, with the build date.
    assert "När innehållet senast ändrades går inte att säga" in goal
    assert "Webbplatsen byggdes 14 november 2023" in goal


def test_a_mission_reported_complete_has_an_age_but_never_goes_out_of_date() -> None:
    content = fixture_content(LATE)
    done = text(page_html(content, "mission_page", "x/", "fm1-uppdrag-3"))
    assert "Bedömd augusti 2023, för 3 år och 3 månader sedan" in done and "Inaktuell" not in done
    rows = {r["id"]: r for r in datasets(content)["uppdrag"]["rows"]}
    assert (rows["fm1-uppdrag-3"]["outdated"], rows["fm1-uppdrag-2"]["outdated"]) == (False, True)
    assert views.outdated_note(content, list(content.missions.values())).startswith(
        "1 av 4 uppdrag har en inaktuell bedömning (2 har ingen bedömning i portalen): äldre än 8 månader")


def test_the_changes_page_says_how_old_the_newest_follow_up_is() -> None:
    html = text(page_html(fixture_content(LATE), "changes_page", "andringar/"))
    assert "Inaktuell: senaste bedömningen gäller augusti 2023, för 3 år och 3 månader sedan" in html


def test_a_wrong_cycle_gets_a_located_swedish_message(project: Path) -> None:
    indicator = project / "content/indicators/testandel.yaml"
    indicator.write_text(indicator.read_text(encoding="utf-8").replace("  month: 4\n", "  month: 13\n"),
                         encoding="utf-8")
    settings = project / "data/portal.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "status_current_months: noll\n", encoding="utf-8")
    _, problems = load_content(project)
    texts = [p.text() for p in problems if p.severity == "error"]
    assert any(t.startswith("content/indicators/testandel.yaml:") and "'publication.month'" in t
               and "Värde: 13" in t and "högst 12" in t for t in texts), texts
    assert any(t.startswith("data/portal.yaml:") and "'status_current_months'" in t and '"noll"' in t
               for t in texts), texts


def test_a_shallow_clone_never_dates_files_by_its_cut_off_commit(tmp_path: Path) -> None:
    """CI checks out few commits: the oldest one seems to add every file, so those files get no date."""
    origin = tmp_path / "origin"
    (origin / "content/goals").mkdir(parents=True)
    _git(origin, "init", "-q")
    for i, when in enumerate((1_600_000_000, 1_700_000_000, 1_710_000_000)):
        (origin / f"content/goals/g-{i}.yaml").write_text(f"id: g-{i}\n")
        _git(origin, "add", "-A")
        _git(origin, "commit", "-qm", f"c{i}", when=when)
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", str(clone))
    dates = gitdates.read_git_dates(clone)
    assert dates.shallow
    day = dt.date(2026, 12, 5)
    assert gitdates.change_sentence(dates, "content/goals/g-2.yaml", day) == "Innehållet ändrades senast 9 mars 2024."
    assert gitdates.change_sentence(dates, "content/goals/g-0.yaml", day).startswith(
        "När innehållet senast ändrades går inte att säga")
    assert "content/goals/g-1.yaml" not in dates.changed  # only in the cut-off commit


def test_no_home_value_names_where_it_will_come_from_and_never_a_source_that_lacks_it() -> None:
    from macros.content.models import SeriesRow

    content, _ = load_content(FIXTURE)
    ind = content.indicators["testandel"]
    others = [r for r in content.series[ind.series] if r.municipality != ind.home]
    # No row for the home municipality: the value will come from the indicator's source.
    text = views.indicator_currency(content, ind, others)["home_missing"]
    assert "förs in när källan har publicerat dem" in text
    # The source states it has no value for the home municipality: never promise one from it.
    lacking = others + [SeriesRow(municipality=ind.home, year=2023, value=None, flag="missing",
                                  source="Inte med i sammanställningen (syntetisk)")]
    text = views.indicator_currency(content, ind, lacking)["home_missing"]
    assert "har inget värde för" in text and "förs in när källan har publicerat dem" not in text
