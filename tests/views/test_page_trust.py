"""What a citizen reads in five seconds, on small synthetic content (tests/facts/test_citizen_rules.py
builds it): sentences that say what they mean, one rendering of a status and of a trend, and listings
that drop columns saying nothing."""

from __future__ import annotations

import datetime as dt
import re

from macros.content.models import GoalFollowUp, MissionFollowUp
from macros.facts.currency import set_clock
from macros.structure.urls import Linker
from macros.views import views
from macros.views.render import badge
from tests.facts.test_citizen_rules import make_content, mission
from tests.page_html import page_html


def text_of(html: str) -> str:
    """The text a screen reader, a search snippet or a copy reads: tags dropped, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


# --- 2. a group's name is never negated: "Alla … är inte" reads as "not all" ------------------------

def test_a_group_committees_page_never_negates_the_groups_name() -> None:
    content = make_content([mission(1, responsible=["alla"], concerned=[]), mission(2, ["xyz"], [])])
    for committee in ("alla", "abc"):
        page = views.committee_page(content, committee, Linker(f"namnder/{committee}/"))
        for key in ("responsible_empty", "concerned_empty"):
            sentence = page[key] or ""
            assert not re.search(r"\b[Aa]lla\b[^.]* är inte\b", sentence), sentence
            assert not re.search(r"är inte (berörd|ansvarig)", sentence), sentence
    alone = make_content([mission(2, ["xyz"], [])])
    page = views.committee_page(alone, "abc", Linker("namnder/abc/"))
    assert page["responsible_empty"] == "Portalen har inget uppdrag där Abcnämnden är ansvarig."


# --- 3. one rendering of a trend, everywhere a goal's trend is shown ---------------------------------

def test_a_stated_trend_reads_the_same_on_every_page() -> None:
    first = GoalFollowUp(period="p1", status="gul", trend="oforandrad", summary="Syntetisk text.")
    content = make_content([mission(1, ["abc"], [])], goal_follow_ups=[first])
    pages = {"start": page_html(content, "start_page", ""),
             "goals": page_html(content, "goals_overview", "mal/"),
             "goal": page_html(content, "goal_page", "mal/mal-9/", "mal-9"),
             "changes": page_html(content, "changes_page", "andringar/")}
    for name, html in pages.items():
        trends = re.findall(r"Trend:? [^<]*<[^.]*?(?=</p>)", html)
        assert trends, name
        assert "Trend: Oförändrad (enligt källan)" in text_of(html), (name, trends)
        assert "Trend enligt källan" not in html, name
    # The goal page says it in its header and in its follow-up, the same way.
    assert text_of(pages["goal"]).count("Trend: Oförändrad (enligt källan)") == 2


def test_a_derived_trend_is_not_marked_as_the_sources() -> None:
    follow_ups = [GoalFollowUp(period="p1", status="gul", trend="oforandrad"), GoalFollowUp(period="p2", status="gron")]
    content = make_content([], goal_follow_ups=follow_ups)
    text = text_of(page_html(content, "goal_page", "mal/mal-9/", "mal-9"))
    assert text.count("Trend: Förbättrad") == 2 and "Förbättrad (enligt källan)" not in text
    assert "Trend: Oförändrad (enligt källan)" in text  # the first follow-up's, as its source stated it


# --- 4. the one status badge, with a space between its parts ------------------------------------------

def test_a_badge_reads_as_words_with_a_space_before_the_meaning() -> None:
    content = make_content([])
    status = views.status_view(content, "goal", "gul")
    assert text_of(badge(status, with_meaning=True)) == "Gul – Delvis"


def test_the_changes_page_shows_statuses_as_badges() -> None:
    content = make_content([mission(1, ["abc"], [], [MissionFollowUp(period="p1", status="gul"),
                                                     MissionFollowUp(period="p2", status="gron")]),
                            mission(2, ["abc"], [], [MissionFollowUp(period="p2", status="gul")])])
    html = page_html(content, "changes_page", "andringar/")
    text = text_of(html)
    # Every status on the page is a badge: as many badges as statuses named (2 changed + 1 new + history 3+1).
    assert html.count('class="pm-status pm-status--') == 7
    assert "Första bedömning: Gul – Försenat" in text
    assert "Gul– " not in text and "Grön– " not in text


# --- 1. a column that says the same default in every row is dropped and said once ----------------------

def columns_of(html: str) -> list[str]:
    return re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)


def test_listings_without_any_assessment_drop_the_status_columns_and_say_it_once() -> None:
    stated = GoalFollowUp(period="p1", status="gul", stated_counts={"total": 16, "complete": 1, "on_track": 14,
                                                                    "delayed": 1})
    content = make_content([mission(n, ["abc"], []) for n in (1, 2, 3)], goal_follow_ups=[stated])
    overview = page_html(content, "committees_overview", "namnder/")
    assert columns_of(overview) == ["Nämnd", "Ansvarig för"]
    assert "okänt" not in overview and "Berörd av" not in overview
    text = text_of(overview)
    assert text.count("Inget av de 3 uppdragen har en publicerad bedömning") == 1
    assert "(senaste uppföljningen i portalen: Syntetisk uppföljning 1)" in text  # as of when
    assert "Syntetisk uppföljning 1 anger för Mål 9. Syntet: 16 uppdrag: 1 färdigt, 14 enligt plan" in text
    for name, url, args in (("missions_overview", "uppdrag/", ()), ("goal_page", "mal/mal-9/", ("mal-9",)),
                            ("committee_page", "namnder/abc/", ("abc",))):
        html = page_html(content, name, url, *args, page_size=2)
        assert "Status" not in columns_of(html) and "Berörda" not in columns_of(html), name
        assert "Ingen bedömning publicerad" not in html and "Inga utöver ansvariga" not in html, name
        # A goal page says it in its stated counts ('… utan publicerad bedömning per uppdrag') instead.
        said = 0 if name == "goal_page" else 1
        assert text_of(html).count("Inget av de 3 uppdragen har en publicerad bedömning") == said, name
        assert text_of(html).count("Inget av uppdragen här har berörda nämnder utöver de ansvariga.") == 1, name
        assert not re.search(r"<td[^>]*pm-c-(status|conc)", html), name
        assert "och deras senaste status" not in html, name  # the caption promises no status


def test_a_column_that_differs_in_any_row_stays_in_every_row_and_page() -> None:
    content = make_content([mission(1, ["abc"], ["xyz"]), mission(2, ["abc"], [],
                                                                  [MissionFollowUp(period="p1", status="gul")])])
    for number in (1, 2):  # decided on the whole listing, not the page: both pages have both columns
        html = page_html(content, "missions_overview", "uppdrag/" if number == 1 else "uppdrag/sida-2/",
                         *(() if number == 1 else (number,)), page_size=1)
        assert {"Status", "Berörda"} <= set(columns_of(html)), number
    overview = page_html(content, "committees_overview", "namnder/")
    assert {"Berörd av", "Färdiga", "Försenade"} <= set(columns_of(overview))


# --- 6. a mission without an assessment says as of which follow-up, with the source's counts ------------

def test_a_mission_without_assessment_names_the_follow_up_and_the_sources_counts() -> None:
    stated = GoalFollowUp(period="p2", status="gul", stated_counts={"total": 4, "complete": 0, "on_track": 3,
                                                                    "delayed": 1})
    content = make_content([mission(1, ["abc"], [])], goal_follow_ups=[stated])
    text = text_of(page_html(content, "mission_page", "uppdrag/m-1/", "m-1"))
    assert ("Ingen bedömning publicerad i Syntetisk uppföljning 2, den senaste uppföljningen av målet i portalen."
            in text)
    assert "Syntetisk uppföljning 2 anger för Mål 9. Syntet: 4 uppdrag: 3 enligt plan och 1 försenat." in text


# --- 8. accessibility and snippets: names, descriptions, one order -----------------------------------

def test_the_menu_and_the_search_parts_have_their_own_swedish_names() -> None:
    from macros.plugin.theme_fixes import fix_page, name_search_dialog

    stock = ('<div class="md-search" data-md-component="search" role="dialog">'
             '<input type="text" class="md-search__input" name="query" aria-label="Sök" placeholder="Sök">'
             '<nav class="md-search__options" aria-label="Sök"></nav></div>'
             '<nav class="md-nav md-nav--primary md-nav--integrated" aria-label="Navigation" data-md-level="0">')
    html = fix_page(name_search_dialog(stock))
    labels = re.findall(r'aria-label="([^"]*)"', html)
    assert "Navigation" not in labels and "Huvudmeny" in labels
    assert len(labels) == len(set(labels)), labels  # no two elements share a name
    assert 'placeholder="Sök"' in html


def test_record_pages_have_their_own_description() -> None:
    from macros.build.descriptions import LIMIT, record_description
    from macros.build.pages import page_markdown

    content = make_content([mission(1, ["abc"], []), mission(2, ["abc"], [])])
    texts = [record_description(r) for r in (*content.missions.values(), *content.goals.values(),
                                             *content.committees.values())]
    assert len(set(texts)) == len(texts) and all(0 < len(t) <= LIMIT for t in texts)
    assert record_description(content.committees["alla"]).startswith("Uppdrag som alla nämnder och bolag ansvarar")
    quoted = page_markdown("T", "T", description='A "citat" & <b>')
    assert 'description: "A &quot;citat&quot; &amp; &lt;b&gt;"' in quoted


def test_committees_are_listed_in_one_order_everywhere() -> None:
    content = make_content([mission(1, ["xyz", "alla", "abc"], ["xyz"])])
    row = views.mission_row(content, content.missions["m-1"], Linker("uppdrag/"))
    filters = [c["id"] for c in views.missions_overview(content, Linker("uppdrag/"))["committees"]]
    assert [c.id for c in row["responsible"]] == [c for c in filters if c in ("xyz", "alla", "abc")]


def test_the_not_found_page_titles_like_every_other_page() -> None:
    from pathlib import Path

    template = (Path(__file__).parents[2] / "overrides" / "404.html").read_text(encoding="utf-8")
    assert "<title>Sidan finns inte - {{ config.site_name }}</title>" in template


# --- 7. small words ---------------------------------------------------------------------------------

def test_the_outdated_note_counts_what_the_page_shows() -> None:
    goals = [GoalFollowUp(period="p1", status="gul")]
    content = make_content([], goal_follow_ups=goals)
    two = content.goals["mal-9"].model_copy(update={"id": "mal-8", "number": 8, "follow_ups": []})
    content.goals["mal-8"] = two
    set_clock(content, dt.date(2032, 1, 1))
    note = views.outdated_note(content, list(content.goals.values()))
    assert note.startswith("1 av 2 mål har en inaktuell bedömning (1 har ingen bedömning i portalen): äldre än")


def test_search_results_count_further_hits_in_plain_words() -> None:
    from macros.plugin.theme_fixes import fix_page

    config = ('{"search.result.more.one": "1 till p\\u00e5 denna sida", '
              '"search.result.more.other": "# till p\\u00e5 denna sida"}')
    fixed = fix_page(config)
    assert "denna sida" not in fixed and '"# träffar till på sidan"' in fixed and '"1 träff till på sidan"' in fixed


def test_help_texts_take_follow_ups_and_ages_from_content() -> None:
    follow_ups = [GoalFollowUp(period="p1", status="gul"), GoalFollowUp(period="p2", status="gul")]
    content = make_content([], goal_follow_ups=follow_ups)
    set_clock(content, dt.date(2030, 11, 30))
    assert page_html(content, "latest_follow_up", "om/", "mal-9").strip() == "syntetisk uppföljning 2"
    example = text_of(page_html(content, "age_example", "lattlast/"))
    goal = text_of(page_html(content, "goal_page", "mal/mal-9/", "mal-9"))
    assert example == "Bedömd augusti 2030, för 3 månader sedan" and example in goal


def test_a_goal_page_says_once_that_no_mission_is_assessed() -> None:
    stated = GoalFollowUp(period="p1", status="gul", stated_counts={"total": 5, "complete": 0, "on_track": 5,
                                                                    "delayed": 0})
    content = make_content([mission(n, ["abc"], []) for n in (1, 2)], goal_follow_ups=[stated])
    text = text_of(page_html(content, "goal_page", "mal/mal-9/", "mal-9"))
    assert "utan publicerad bedömning per uppdrag" in text and "Inget av de 2 uppdragen har" not in text
