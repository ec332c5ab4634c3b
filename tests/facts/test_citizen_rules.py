"""Rules behind what citizen pages say, on small synthetic content built here (never the live content):
groups concern every committee, responsibility wins over concern, a first assessment is not a change,
the portal's gaps are worded as the portal's, stated counts are explained next to the missions."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from macros.content.models import (
    ActionPlan,
    Committee,
    Goal,
    GoalFollowUp,
    Indicator,
    IndicatorSource,
    Mission,
    MissionFollowUp,
    News,
    Period,
    Source,
    StatedCounts,
    Status,
)
from macros.facts.derive import (
    assessment_wording,
    committee_missions,
    concerned_committees,
    involved_committees,
    is_change,
    responsible_committees,
    shown_concerned,
    stated_versus_portal,
)
from macros.facts.events import latest_changes
from macros.publish.feeds import all_feeds
from macros.structure.urls import Linker
from macros.validation.loader import Content
from macros.views import views
from macros.views.render import _parts, render
from tests.page_html import page_html

ATOM = "{http://www.w3.org/2005/Atom}"
SOURCE_URL = "https://example.org/fokusmal-9"


def statuses() -> dict[str, Status]:
    rows = [
        Status(id="gron", label="Grön", meaning="Går bra", applies_to="goal", rank=3, color="green", icon="check"),
        Status(id="gul", label="Gul", meaning="Delvis", applies_to="goal", rank=2, color="yellow", icon="warning"),
        Status(id="gron", label="Grön", meaning="Enligt plan", applies_to="mission", rank=3, color="green",
               icon="circle", category="on_track"),
        Status(id="gul", label="Gul", meaning="Försenat", applies_to="mission", rank=2, color="yellow",
               icon="warning", category="delayed"),
    ]
    return {s.key: s for s in rows}


def mission(number: int, responsible: list[str], concerned: list[str], follow_ups=()) -> Mission:
    return Mission(id=f"m-{number}", goal="mal-9", number=number, title=f"Syntetiskt uppdrag {number}.",
                   responsible=responsible, concerned=concerned, follow_ups=list(follow_ups),
                   description=f"Syntetisk beskrivning av uppdrag {number}.",
                   source=Source(title="Syntetisk uppdragskälla", url=SOURCE_URL))


def make_content(missions: list[Mission], goal_follow_ups=(), goal_text: str | None = None,
                 news: list[News] = ()) -> Content:
    committees = [Committee(id="abc", abbreviation="ABC", name="Abcnämnden"),
                  Committee(id="xyz", abbreviation="XYZ", name="Xyznämnden"),
                  Committee(id="alla", abbreviation="Alla", name="Alla nämnder och bolag", is_group=True)]
    periods = [Period(id="p1", label="Syntetisk uppföljning 1", kind="april", year=2030, date=dt.date(2030, 4, 30)),
               Period(id="p2", label="Syntetisk uppföljning 2", kind="augusti", year=2030,
                      date=dt.date(2030, 8, 31))]
    goal = Goal(id="mal-9", number=9, title="Syntetiskt mål", short_title="Syntet", description=goal_text,
                follow_ups=list(goal_follow_ups), source=Source(title="Syntetisk källa", url=SOURCE_URL))
    return Content(goals={goal.id: goal}, missions={m.id: m for m in missions},
                   committees={c.id: c for c in committees}, statuses=statuses(),
                   periods={p.id: p for p in periods}, news={n.id: n for n in news})


# --- "alla nämnder och bolag" concerns every committee -------------------------------------------------

def test_a_mission_given_to_every_committee_concerns_each_one() -> None:
    given_to_all = mission(1, responsible=["alla"], concerned=[])
    # (With no responsible committee, the source's heading names the owners: see derive.assigned.)
    concerning_all = mission(2, responsible=["xyz"], concerned=["alla"])
    content = make_content([given_to_all, concerning_all])
    assert set(responsible_committees(content, given_to_all)) == {"abc", "xyz", "alla"}
    assert set(concerned_committees(content, concerning_all)) == {"abc", "alla"}
    responsible, concerned = committee_missions(content, "abc")
    assert [m.id for m in responsible] == ["m-1"] and [m.id for m in concerned] == ["m-2"]
    # The filter attribute on every listing row carries each committee the mission concerns.
    for m in (given_to_all, concerning_all):
        row = views.mission_row(content, m, Linker("uppdrag/"))
        assert set(row["committee_ids"].split()) == {"abc", "xyz", "alla"}
        html = render("mission_rows.html", rows=[row])
        assert re.search(r'data-committees="[^"]*\babc\b', html)


def test_a_mission_for_named_committees_does_not_concern_the_others() -> None:
    only_abc = mission(1, responsible=["abc"], concerned=[])
    content = make_content([only_abc])
    assert involved_committees(content, only_abc) == ["abc"]
    assert committee_missions(content, "xyz") == ([], [])


def test_per_committee_feed_includes_missions_given_to_every_committee() -> None:
    assessed = [MissionFollowUp(period="p1", status="gron")]
    content = make_content([mission(1, responsible=["alla"], concerned=[], follow_ups=assessed),
                            mission(2, responsible=["xyz"], concerned=[], follow_ups=assessed)])
    feeds = all_feeds(content, "https://example.invalid/", "example.invalid,2030", dt.date(2030, 1, 1))
    abc = ET.fromstring(feeds["flode/namnder/abc.xml"])
    links = [e.find(f"{ATOM}link").get("href") for e in abc.findall(f"{ATOM}entry")]
    assert links == ["https://example.invalid/uppdrag/m-1/"]
    xyz = ET.fromstring(feeds["flode/namnder/xyz.xml"])
    assert len(xyz.findall(f"{ATOM}entry")) == 2


# --- responsible and concerned: shown once, as responsible --------------------------------------------

def test_a_committee_both_responsible_and_concerned_is_shown_once_as_responsible() -> None:
    both = mission(1, responsible=["abc"], concerned=["abc", "xyz"])
    content = make_content([both])
    assert shown_concerned(content, both) == ["xyz"]
    assert committee_missions(content, "abc") == ([both], [])
    row = views.mission_row(content, both, Linker("uppdrag/"))
    assert [c.id for c in row["responsible"]] == ["abc"] and [c.id for c in row["concerned"]] == ["xyz"]


def test_concerned_cell_says_why_it_is_empty() -> None:
    same = mission(1, responsible=["abc"], concerned=["abc"])
    only_responsible = mission(2, responsible=["abc"], concerned=[])
    none_given = mission(3, responsible=[], concerned=[])
    content = make_content([same, only_responsible, none_given])
    rows = [views.mission_row(content, m, Linker("uppdrag/")) for m in (same, only_responsible, none_given)]
    html = render("mission_rows.html", rows=rows)
    first, second, third = html.split("</tr>")[:3]
    # The source names a mission's committees once (README "Design notes"): none is concerned beyond them.
    assert "Inga utöver ansvariga" in first and "Ej angivet i källan" not in first
    assert "Inga utöver ansvariga" in second and "Ej angivet i källan" not in second
    assert "Ej angivet i källan" in third


def test_committee_page_never_says_concerned_none_beside_a_table_listing_it() -> None:
    missions = [mission(n, responsible=["abc"], concerned=["abc"]) for n in (1, 2, 3)]
    content = make_content(missions)
    html = page_html(content, "committee_page", "namnder/abc/", "abc")
    concerned_part = html.split('id="berord"')[1]
    assert "Inga." not in html
    assert "har portalen inget uppdrag där den är berörd" in concerned_part
    # Only the responsible column names ABC (in full); the concerned column does not repeat it.
    assert html.count('>Abcnämnden</a>') == 3 and 'title="Abcnämnden"' not in html


def test_group_committee_page_takes_the_plural() -> None:
    content = make_content([mission(1, responsible=["alla"], concerned=[])])
    page = views.committee_page(content, "alla", Linker("namnder/alla/"))
    assert page["responsible_heading"] == "Uppdrag där alla nämnder och bolag är ansvariga"
    assert page["concerned_heading"] == "Uppdrag där alla nämnder och bolag är berörda"
    assert page["concerned_empty"] == ("Utöver uppdragen där alla nämnder och bolag är ansvariga har portalen "
                                       "inget uppdrag där de är berörda.")
    single = views.committee_page(content, "abc", Linker("namnder/abc/"))
    assert single["responsible_heading"] == "Uppdrag där Abcnämnden är ansvarig"
    assert single["group_note"] == "Här ingår uppdragen som är givna till alla nämnder och bolag."


# --- a first assessment is a new assessment, not a change ---------------------------------------------

def test_first_assessment_is_not_a_change() -> None:
    assert not is_change(None, "Gul")
    assert not is_change("Gul", "Gul")
    assert is_change("Gul", "Röd")
    assert assessment_wording(None, "Gul") == "Första bedömning: Gul"
    assert assessment_wording("Gul", "Gul") == "Oförändrad: Gul"
    assert assessment_wording("Gul", "Röd") == "Ändrad från Gul till Röd"


def test_changes_page_and_feed_tell_first_assessments_from_changes() -> None:
    goal_fu = [GoalFollowUp(period="p2", status="gul", trend="oforandrad")]
    changed = mission(1, ["abc"], [], [MissionFollowUp(period="p1", status="gron"),
                                       MissionFollowUp(period="p2", status="gul")])
    content = make_content([changed], goal_follow_ups=goal_fu)
    _, _, new = latest_changes(content)
    assert [(e.record_id, e.changed, e.first) for e in new] == [("m-1", True, False), ("mal-9", False, True)]
    html = page_html(content, "changes_page", "andringar/")
    changes, firsts = html.split('id="nya"')
    assert "Syntetiskt uppdrag 1" in changes and "Syntetiskt mål" not in changes
    assert "Första bedömning: Gul – Delvis Trend: Oförändrad (enligt källan)" in " ".join(
        re.sub(r"<[^>]+>", "", firsts).split())
    assert "Ingen tidigare bedömning" not in html
    history = html.split('id="historik"')[1]
    assert '<td data-label="Före">Första bedömning</td>' in history
    feeds = all_feeds(content, "https://example.invalid/", "example.invalid,2030", dt.date(2030, 1, 1))
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(feeds["flode/alla.xml"]).findall(f"{ATOM}entry")]
    # Content without settings: the default word for a goal.
    assert "Mål 9. Syntetiskt mål – första bedömning: Gul – Delvis (Syntetisk uppföljning 2)" in titles
    assert any("ändrad från Grön – Enligt plan till Gul – Försenat" in t for t in titles)
    assert not any(".:" in t for t in titles)


def test_changes_page_without_earlier_follow_up_does_not_claim_nothing_changed() -> None:
    content = make_content([], goal_follow_ups=[GoalFollowUp(period="p1", status="gul")])
    html = page_html(content, "changes_page", "andringar/")
    assert "ingen tidigare uppföljning i portalen" in html
    assert "Första bedömning: Gul" in " ".join(re.sub(r"<[^>]+>", "", html).split())


# --- what the portal lacks is the portal's gap ---------------------------------------------------------

def test_goal_without_text_says_the_portal_lacks_it_and_links_the_source() -> None:
    content = make_content([])
    html = page_html(content, "goal_page", "mal/mal-9/", "mal-9")
    assert "Målbeskrivningen finns ännu inte i portalen." in html
    assert f'<a href="{SOURCE_URL}">Syntetisk källa</a>' in html
    assert "inte publicerat" not in html
    assert "Finns ännu inte i portalen" in html  # no follow-up entered: the portal's gap too


def test_goal_with_text_has_no_gap_notice() -> None:
    content = make_content([], goal_text="Syntetisk målbeskrivning.")
    html = page_html(content, "goal_page", "mal/mal-9/", "mal-9")
    assert "Syntetisk målbeskrivning." in html and "Målbeskrivningen finns ännu inte" not in html


# --- the source's counts next to the missions the portal holds -----------------------------------------

@pytest.mark.parametrize(("held", "assessed", "expected"), [
    (3, 0, "Syntetisk uppföljning 1 anger 16 uppdrag: 1 färdigt, 14 enligt plan och 1 försenat. "
           "Portalen har hittills 3 av dem, utan publicerad bedömning per uppdrag."),
    (3, 1, "Portalen har hittills 3 av dem, varav 1 med publicerad bedömning."),
    (0, 0, "Portalen har ännu inte fått in något av dem."),
])
def test_stated_counts_are_explained_next_to_the_missions(held: int, assessed: int, expected: str) -> None:
    stated = StatedCounts(total=16, complete=1, on_track=14, delayed=1)
    missions = [mission(n, ["abc"], [], [MissionFollowUp(period="p1", status="gron")] if n <= assessed else [])
                for n in range(1, held + 1)]
    content = make_content(missions, goal_follow_ups=[GoalFollowUp(period="p1", status="gul",
                                                                   stated_counts=stated)])
    note = stated_versus_portal(content, content.goals["mal-9"])
    assert note is not None and note.endswith(expected)
    html = page_html(content, "goal_page", "mal/mal-9/", "mal-9")
    missions_section = html.split('id="uppdrag"')[1]
    assert expected in missions_section  # beside the missions, not in the timeline
    assert "16 uppdrag" not in html.split('id="uppdrag"')[0].split('id="uppfoljning"')[1]


def test_a_known_difference_is_explained_in_the_same_note() -> None:
    stated = StatedCounts(total=16, complete=1, on_track=14, delayed=1,
                          known_difference="Portalen har hittills fört in uppdrag 1–3 från källan")
    content = make_content([mission(n, ["abc"], []) for n in (1, 2, 3)],
                           goal_follow_ups=[GoalFollowUp(period="p1", status="gul", stated_counts=stated)])
    note = stated_versus_portal(content, content.goals["mal-9"])
    assert note is not None and note.endswith("Portalen har hittills 3 av dem, utan publicerad bedömning per "
                                              "uppdrag. Portalen har hittills fört in uppdrag 1–3 från källan.")
    html = page_html(content, "goal_page", "mal/mal-9/", "mal-9")
    assert html.count("fört in uppdrag 1–3") == 1


def test_no_stated_counts_no_note() -> None:
    content = make_content([mission(1, ["abc"], [])], goal_follow_ups=[GoalFollowUp(period="p1", status="gul")])
    assert stated_versus_portal(content, content.goals["mal-9"]) is None


# --- sources: linked and dated, missing shown as missing -----------------------------------------------

def test_sources_render_with_link_and_date_or_say_what_is_missing() -> None:
    published = views.source_view(Source(title="Tidning", url="https://example.org/a", published=dt.date(2023, 10, 30)))
    retrieved = views.source_view(Source(title="Sida", url="https://example.org/b", retrieved=dt.date(2024, 3, 1)))
    undated = views.source_view(Source(title="Odaterad", url="https://example.org/c"))
    unlinked = views.source_view(Source(title="Utan länk", published=dt.date(2024, 1, 2)))

    def shown(s) -> str:
        return str(_parts().source(s))

    assert shown(published) == ('<p class="pm-source">Källa: <a href="https://example.org/a">Tidning</a>, '
                                'publicerad 30 oktober 2023.</p>')
    assert "hämtad 1 mars 2024" in shown(retrieved)
    assert shown(undated).endswith("Odaterad</a>, datum saknas.</p>")
    assert "Utan länk (länk saknas), publicerad 2 januari 2024" in shown(unlinked)
    assert shown(views.source_view(None)) == '<p class="pm-source">Källa saknas.</p>'


def test_source_url_must_be_https() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Source(title="Osäker", url="http://example.org/")


def news_item(number: int, day: dt.date) -> News:
    return News(id=f"nyhet-{number}", title=f"Syntetisk nyhet {number}", date=day, lead="Ingress.",
                body=f"Syntetisk brödtext {number}.", goals=["mal-9"], indicators=["ind"],
                source=Source(title=f"Tidning {number}", url=f"https://example.org/{number}", published=day))


def test_news_listing_is_newest_first_with_date_and_source() -> None:
    content = make_content([], news=[news_item(1, dt.date(2030, 1, 5)), news_item(2, dt.date(2030, 11, 1))])
    html = page_html(content, "news_overview", "nyheter/")
    assert html.index("Syntetisk nyhet 2") < html.index("Syntetisk nyhet 1")
    assert "2 nyheter, nyast först." in html
    assert '<time datetime="2030-11-01">1 november 2030</time>' in html
    assert '<a href="https://example.org/2">Tidning 2</a>, publicerad 1 november 2030' in html
    start = views.start_page(content, Linker(""))
    assert start["news_url"] == "nyheter/"


def test_news_page_shows_its_date_in_words_and_its_source() -> None:
    content = make_content([], news=[news_item(1, dt.date(2030, 1, 5))])
    html = page_html(content, "news_page", "nyheter/nyhet-1/", "nyhet-1")
    assert '<time datetime="2030-01-05">5 januari 2030</time>' in html
    assert 'Källa: <a href="https://example.org/1">Tidning 1</a>, publicerad 5 januari 2030.' in html


def test_indicator_page_shows_the_action_plan_with_its_source_and_dated_sources() -> None:
    item = news_item(1, dt.date(2030, 1, 5))
    indicator = Indicator(
        id="ind", title="Syntetisk indikator", description="Syntetisk indikatorbeskrivning.",
        unit="procent", direction="lower", series="serie",
        sources=[IndicatorSource(title="Statistik", url="https://example.org/stat", licence="Fri.")],
        action_plan=ActionPlan(title="Syntetisk plan", initiatives=["Insats A", "Insats B"], news="nyhet-1"))
    content = make_content([], news=[item])
    content.indicators["ind"] = indicator
    html = page_html(content, "indicator_page", "indikatorer/ind/", "ind")
    plan = html.split('id="handlingsplan"')[1].split("</ul>")[0]
    assert "<li>Insats A</li><li>Insats B</li>" in plan
    after_plan = html.split('id="handlingsplan"')[1]
    assert 'Källa: <a href="../../nyheter/nyhet-1/">Syntetisk nyhet 1</a>, nyhet i <a href="https://example.org/1">' \
           'Tidning 1</a>, publicerad 5 januari 2030.' in after_plan
    assert '<a href="https://example.org/stat">Statistik</a>, datum saknas. Fri.' in html


def test_action_plan_must_name_a_known_news_item(project) -> None:
    from macros.validation.loader import errors_only, load_content

    (project / "content/indicators/syntetisk.yaml").write_text(
        "id: syntetisk\ntitle: Syntetisk\ndescription: Syntetisk beskrivning.\n"
        "unit: procent\ndirection: lower\nseries: syntetisk\n"
        "sources:\n  - title: Källa\n    licence: Fri.\n"
        "action_plan:\n  title: Plan\n  initiatives: [Insats]\n  news: finns-inte\n", encoding="utf-8")
    problems = [p for p in errors_only(load_content(project)[1]) if p.field == "action_plan.news"]
    assert len(problems) == 1
    assert problems[0].file == "content/indicators/syntetisk.yaml" and problems[0].line == 13  # the "news:" line
    assert "Okänd nyhet" in problems[0].message and "finns-inte" in problems[0].text()


def test_easy_summary_is_shown_only_when_an_editor_provides_one() -> None:
    content = make_content([], goal_text="Syntetisk målbeskrivning.")
    goal = content.goals["mal-9"]
    html = page_html(content, "goal_page", "mal/mal-9/", goal.id)
    assert 'id="lattlast"' not in html
    content.goals["mal-9"] = goal.model_copy(update={"easy_summary": "Syntetisk lättläst text."})
    html = page_html(content, "goal_page", "mal/mal-9/", "mal-9")
    assert html.index('id="lattlast"') < html.index('id="malbeskrivning"')
    assert "<p>Syntetisk lättläst text.</p>" in html
