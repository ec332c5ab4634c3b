"""What a resident, a journalist and a keyboard user meet (issue 25): counts that are never an unknown
shown as zero, responsibility as the source states it, averages that say what they average, links the
portal made marked as its own, a way to report an error, and open data a Swedish spreadsheet opens.
Synthetic content built here or the fixture project; never the live content."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from macros.content.models import GoalFollowUp, Indicator, MissionFollowUp, SeriesRow, Settings, StatedCounts
from macros.facts.derive import assigned, responsible_committees, shown_concerned, unknown_count
from macros.publish.charts import average_wording
from macros.publish.opendata import datasets, open_data_files
from macros.publish.opendata_fields import citation, sources_used
from macros.structure.urls import Linker
from macros.validation.loader import load_content
from macros.views import views
from macros.views.render import render
from macros.views.report import report_href
from tests.facts.test_citizen_rules import make_content, mission, news_item
from tests.page_html import page_html

FIXTURE = Path(__file__).resolve().parents[1] / "fixture_project"


# --- an unknown count is never shown as zero -----------------------------------------------------------

def test_unknown_count_is_never_zero() -> None:
    assert unknown_count(0, 0) == 0 and unknown_count(2, 0) == 2
    assert unknown_count(0, 3) == "okänt" and unknown_count(1, 3) == "minst 1"


def test_committee_overview_shows_unknown_not_zero_when_some_are_unassessed() -> None:
    done = [MissionFollowUp(period="p1", status="gron")]
    content = make_content([mission(1, ["abc"], []), mission(2, ["abc"], []), mission(3, ["xyz"], [], done)])
    overview = views.committees_overview(content, Linker("namnder/"))
    abc = next(r for r in overview["rows"] if r["name"] == "Abcnämnden")
    assert abc["by_category"] == {"complete": "okänt", "on_track": "okänt", "delayed": "okänt",
                                  "not_done": "okänt", "none": 2}
    html = render("committees_overview.html", **overview, outdated_note=None)
    abc_row = next(tr for tr in html.split("</tr>") if "Abcnämnden" in tr)
    assert '<td data-label="Färdiga">okänt</td>' in abc_row and '<td data-label="Försenade">okänt</td>' in abc_row
    # A committee without missions has a known zero of each.
    alla_row = next(tr for tr in html.split("</tr>") if "Alla nämnder" in tr)
    assert '<td data-label="Färdiga">0</td>' in alla_row


def test_committee_overview_counts_are_numbers_once_every_mission_is_assessed() -> None:
    done = [MissionFollowUp(period="p1", status="gron")]
    content = make_content([mission(1, ["abc"], [], done), mission(2, ["abc"], [])])
    abc = next(r for r in views.committees_overview(content, Linker("namnder/"))["rows"] if r["name"] == "Abcnämnden")
    assert abc["by_category"]["on_track"] == "minst 1" and abc["by_category"]["delayed"] == "okänt"
    content = make_content([mission(1, ["abc"], [], done)])
    abc = next(r for r in views.committees_overview(content, Linker("namnder/"))["rows"] if r["name"] == "Abcnämnden")
    assert abc["by_category"]["on_track"] == 1 and abc["by_category"]["delayed"] == 0


# --- the source's counts beside the portal's, consistently ---------------------------------------------

def stated_content(assessed_delayed: bool = False):
    stated = StatedCounts(total=16, complete=1, on_track=14, delayed=1)
    follow_ups = [MissionFollowUp(period="p1", status="gul")] if assessed_delayed else []
    return make_content([mission(1, ["abc"], [], follow_ups), mission(2, ["abc"], [])],
                        goal_follow_ups=[GoalFollowUp(period="p1", status="gul", stated_counts=stated)])


def test_goal_card_shows_the_portals_counts_beside_the_sources() -> None:
    content = stated_content()
    card = views.goal_summary(content, content.goals["mal-9"], Linker(""))
    assert card["counts"] == ("I portalen: 2 uppdrag, alla utan publicerad bedömning. Källan (Syntetisk "
                              "uppföljning 1) anger 16 uppdrag: 1 färdigt, 14 enligt plan och 1 försenat.")
    assert views.start_page(content, Linker(""))["missions_link"].startswith("Alla uppdrag i portalen (2)")


def test_status_filter_explains_a_status_the_source_counts_but_the_portal_does_not_hold() -> None:
    options = {o["id"]: o for o in views.missions_overview(stated_content(), Linker("uppdrag/"))["statuses"]}
    assert options["delayed"]["note"] == ("Källan (Syntetisk uppföljning 1) anger att 1 uppdrag är försenat, men "
                                          "portalen har ännu ingen bedömning per uppdrag som säger vilket, så "
                                          "filtret kan inte visa det.")
    # Once the portal holds the delayed mission's assessment, the filter shows it and needs no note.
    options = {o["id"]: o for o in views.missions_overview(stated_content(True), Linker("uppdrag/"))["statuses"]}
    assert "note" not in options["delayed"]


# --- responsible and concerned as the source states them ------------------------------------------------

def test_heading_committees_are_the_responsible_ones_when_the_detail_line_is_empty() -> None:
    heading_only = mission(1, responsible=[], concerned=["alla"])
    both = mission(2, responsible=["abc"], concerned=["abc"])
    content = make_content([heading_only, both])
    assert assigned(heading_only) == ["alla"]
    assert set(responsible_committees(content, heading_only)) == {"abc", "xyz", "alla"}
    assert shown_concerned(content, heading_only) == []
    html = render("mission_rows.html", rows=[views.mission_row(content, m, Linker("uppdrag/"))
                                             for m in (heading_only, both)])
    assert "Ej angivet i källan" not in html
    assert html.count("Inga utöver ansvariga") == 2
    assert ">Alla nämnder och bolag</a>" in html.split("</tr>")[0]


def test_open_data_names_committees_and_never_repeats_the_responsible_as_concerned() -> None:
    content = make_content([mission(1, ["abc"], ["abc", "xyz"]), mission(2, [], ["alla"])])
    rows = {r["id"]: r for r in datasets(content)["uppdrag"]["rows"]}
    assert rows["m-1"]["responsible"] == "abc" and rows["m-1"]["responsible_names"] == "Abcnämnden"
    assert rows["m-1"]["concerned"] == "xyz" and rows["m-1"]["concerned_names"] == "Xyznämnden"
    assert rows["m-2"]["responsible"] == "alla" and rows["m-2"]["concerned"] == ""


# --- an average says what it averages --------------------------------------------------------------------

def test_average_says_how_many_of_the_group_it_averages() -> None:
    ind = Indicator.model_validate({
        "id": "i", "title": "Syntetisk", "description": "Syntetisk.", "unit": "procent", "direction": "lower",
        "home": "hem", "comparison": ["a", "b", "c"], "series": "s",
        "sources": [{"title": "Syntetisk källa", "licence": "Syntetisk."}]})
    assert average_wording(ind, {"a": 1.0, "b": None, "c": 2.0}, 2023) == \
        "Snitt av 2 av 3 jämförelsekommuner som har värde för 2023"
    assert average_wording(ind, {"a": 1.0, "b": 3.0, "c": 2.0}, 2023) == "Snitt av alla 3 jämförelsekommuner, 2023"
    assert average_wording(ind, {}, 2023) is None


# --- a link the portal made is marked as the portal's ------------------------------------------------

def test_news_page_marks_its_goal_link_as_the_portals() -> None:
    content = make_content([], news=[news_item(1, dt.date(2030, 1, 5))])
    html = page_html(content, "news_page", "nyheter/nyhet-1/", "nyhet-1")
    links = html.split('id="kopplingar"')[1]
    assert "Kopplingen har portalen gjort; källan anger den inte." in links


# --- report an error: the contact in the settings, the page named --------------------------------------

def test_report_link_goes_to_the_configured_contact_with_the_page_named() -> None:
    base = {"publisher_name": "Syntetkommun", "publisher_url": "https://example.org/", "feed_tag": "example.org,2030"}
    by_mail = Settings.model_validate({**base, "report_email": "fel@example.org"})
    href = report_href(by_mail, "Uppdrag 5: Syntetiskt", "/uppdrag/m-5/")
    assert href is not None and href.startswith("mailto:fel@example.org?subject=")
    assert "subject=Fel%20p%C3%A5%20sidan%3A%20Uppdrag%205%3A%20Syntetiskt" in href
    by_form = Settings.model_validate({**base, "report_url": "https://example.org/issues/new?labels=fel"})
    href = report_href(by_form, "Uppdrag 5", "/uppdrag/m-5/")
    assert href is not None and href.startswith("https://example.org/issues/new?labels=fel&title=Fel%20p")
    assert report_href(Settings.model_validate(base), "Uppdrag 5", "/uppdrag/m-5/") is None  # never made up


def test_every_record_page_has_a_report_link_naming_the_page(built_site: Path) -> None:
    for page in ("mal/fokusmal-1", "uppdrag/fm1-uppdrag-2", "namnder/ks", "indikatorer/testandel",
                 "nyheter/testnyhet-om-testandelen"):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert 'href="mailto:fel@example.invalid?subject=Fel%20p%C3%A5%20sidan%3A%20' in html, page
        assert ">Rapportera fel</a>" in html, page
    statement = (built_site / "tillganglighet/index.html").read_text(encoding="utf-8")
    assert 'href="mailto:fel@example.invalid' in statement


# --- open data a Swedish spreadsheet opens ----------------------------------------------------------

def read_as_swedish_spreadsheet(text: str) -> list[dict[str, str]]:
    """As Swedish Excel or LibreOffice reads a CSV: UTF-8 only with a byte-order mark, semicolons."""
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel would read UTF-8 as Windows-1252"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_every_dataset_has_a_swedish_spreadsheet_variant() -> None:
    content, _ = load_content(FIXTURE)
    files = open_data_files(content, "https://example.invalid/")
    plain = [name for name in files if name.endswith(".csv") and not name.endswith("-kalkylark.csv")]
    assert plain and all(name.removesuffix(".csv") + "-kalkylark.csv" in files for name in plain)
    series = read_as_swedish_spreadsheet(files["api/serier/testandel-kalkylark.csv"])
    # Headings in Swedish, as the reader of a spreadsheet reads them.
    provby = next(r for r in series if r["kommun (id)"] == "provby")
    assert provby["värde"] == "2,2"  # decimal comma: a number in a Swedish spreadsheet
    assert provby["kommun"] == "Provby" and provby["kommunkod"]
    assert provby["enhet"] == "procent"
    committees = read_as_swedish_spreadsheet(files["api/namnder-kalkylark.csv"])
    assert {r["grupp"] for r in committees} == {"ja", "nej"}


def test_news_dataset_and_citation_name_the_sources_used() -> None:
    content, _ = load_content(FIXTURE)
    sets = datasets(content)
    assert [r["id"] for r in sets["nyheter"]["rows"]] == list(content.news)
    assert "Kolada" not in sources_used(content) and "Kolada" not in citation(content)
    name = next(iter(content.series))
    content.series[name] = [*content.series[name],
                            SeriesRow(municipality="provby", year=2024, value=2.0, source="Kolada, N00000")]
    assert "Kolada" in citation(content)


# --- plain words ------------------------------------------------------------------------------------

def test_a_term_is_explained_on_the_page_that_uses_it() -> None:
    base = {"publisher_name": "Syntetkommun", "publisher_url": "https://example.org/", "feed_tag": "example.org,2030",
            "glossary": [{"term": "XYZL", "meaning": "en syntetisk lag"}, {"term": "QQ", "meaning": "används inte"}]}
    used = mission(1, ["abc"], [])
    used = used.model_copy(update={"title": "Syntetiskt uppdrag inom XYZL."})
    content = make_content([used])
    content.settings = Settings.model_validate(base)
    html = page_html(content, "mission_page", "uppdrag/m-1/", used.id)
    assert "<dfn>XYZL</dfn> – en syntetisk lag" in html and "QQ" not in html


def test_a_status_on_a_card_or_in_a_listing_says_what_it_means() -> None:
    content = make_content([mission(1, ["abc"], [], [MissionFollowUp(period="p1", status="gul")])],
                           goal_follow_ups=[GoalFollowUp(period="p1", status="gul")])
    start = page_html(content, "start_page", "")
    assert "Gul</span> <span class=\"pm-status__meaning\">– Delvis</span>" in start
    rows = render("mission_rows.html", rows=[views.mission_row(content, m, Linker("uppdrag/"))
                                             for m in content.missions.values()])
    assert "– Försenat" in rows


def test_the_indicator_page_offers_the_series_as_a_swedish_spreadsheet_first() -> None:
    from macros.validation.loader import load_content
    from tests.page_html import page_html

    content, _ = load_content(FIXTURE)
    html = page_html(content, "indicator_page", "indikatorer/testandel/", "testandel",
                     charts={"testandel": []})
    assert 'href="../../api/serier/testandel-kalkylark.csv"' in html


def test_the_goal_filter_says_when_the_portal_holds_no_missions_of_a_goal() -> None:
    from macros.validation.loader import load_content

    content, _ = load_content(FIXTURE)
    content.missions = {k: m for k, m in content.missions.items() if m.goal != "fokusmal-2"}
    content.derived.clear()  # facts memoised while loading
    goals = {o["id"]: o for o in views.missions_overview(content, Linker("uppdrag/"))["goals"]}
    assert "note" not in goals["fokusmal-1"]
    assert goals["fokusmal-2"]["note"] == "Uppdragen inom fokusmålet finns ännu inte i portalen."
