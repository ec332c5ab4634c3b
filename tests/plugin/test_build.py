"""A full build of the fixture project (tests/fixture_project/): its texts and facts reach the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, build_site


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_start_page_lists_goals_with_status(built_site: Path) -> None:
    html = page(built_site, "")
    assert '<html lang="sv"' in html
    for title in ("Testkommunen ska ha en stark testekonomi", "Testkommunen ska ha fler testjobb"):
        assert title in html
    assert html.count('class="pm-status__label">Röd<') == 1  # goal 1, at its newest follow-up
    assert html.count('class="pm-status__label">Gul<') == 0  # goal 1's earlier status is history
    # Goal 2 has no follow-up in the portal: the portal's gap, never "not published" by the municipality.
    assert html.count("Finns ännu inte i portalen") == 1 and "Ingen bedömning publicerad" not in html


def test_goal_page_has_text_status_trend_follow_up_and_missions(built_site: Path) -> None:
    html = page(built_site, "mal/fokusmal-1")
    for text in ("Målbeskrivning", "Testmålets beskrivning.", "Testavsnitt om ekonomi", "Andra stycket i testavsnittet",
                 "Testavsnitt om välfärd", "Delårsuppföljning per april 2023", "Delårsrapport per augusti 2023",
                 "Testbedömning i april",
                 "Trend: <strong>Oförändrad</strong> <span class=\"pm-muted\">(enligt källan)</span>",
                 "Trend: <strong>Försämrad</strong>",
                 "Delårsrapport per augusti 2023 anger 4 uppdrag: 1 färdigt, 2 enligt plan och 1 försenat. "
                 "Portalen har hittills 3 av dem"):
        assert text in html, text
    assert "Målet bedöms inte bli uppfyllt" in html  # the status meaning, not colour alone
    rows = re.findall(r'<tr data-goal="fokusmal-1"', html)
    assert len(rows) == 3
    assert 'href="../../uppdrag/fm1-uppdrag-2/"' in html and "fm2-uppdrag-1" not in html


def test_goals_without_text_are_not_given_invented_text(built_site: Path) -> None:
    html = page(built_site, "mal/fokusmal-2")
    assert "Testkommunen ska ha fler testjobb" in html and "Testjobben" in html
    assert "Målbeskrivningen finns ännu inte i portalen" in html and "inte publicerat" not in html
    assert "Finns ännu inte i portalen" in html  # its status: the portal's gap


def test_mission_page_shows_committees_description_and_no_invented_status(built_site: Path) -> None:
    html = page(built_site, "uppdrag/fm2-uppdrag-1")
    assert "Testuppdrag: fler testjobb för unga." in html
    # Full names on its page, with the abbreviation people search for.
    assert ">Provnämnden (PN)</a>" in html and ">Exempelnämnden (EN)</a>" in html
    assert "med hjälp av språkmentorer" in html
    assert "Ingen bedömning publicerad" in html
    for status in ("pm-status--green", "pm-status--yellow", "pm-status--red"):
        assert status not in html


def test_committee_page_lists_the_missions_it_is_responsible_for(built_site: Path) -> None:
    html = page(built_site, "namnder/pn")
    assert re.search(r"<h1 id=\"[a-z0-9-]+\">Provnämnden \(PN\)</h1>", html)
    responsible = html.split('id="ansvarar"')[1].split('id="berord"')[0]
    links = re.findall(r'<td class="pm-c-title"><a href="../../uppdrag/([a-z0-9-]+)/">', responsible)
    assert links == ["fm1-uppdrag-1", "fm1-uppdrag-3", "fm2-uppdrag-1"]  # mission 1 is given to all committees
    concerned = html.split('id="berord"')[1]
    assert "uppdrag/fm" not in concerned


def test_every_record_has_a_page_and_nav_stays_short(built_site: Path) -> None:
    from macros.validation.loader import load_content
    from tests import site_checks
    from tests.conftest import FIXTURE

    for url in ("mal/fokusmal-1", "mal/fokusmal-2", "uppdrag/fm1-uppdrag-1", "uppdrag/fm1-uppdrag-3",
                "uppdrag/fm2-uppdrag-1", "namnder/alla-namnder-och-bolag", "namnder/en",
                "indikatorer/testandel", "nyheter/testnyhet-om-testandelen"):
        assert (built_site / url / "index.html").is_file(), url
    assert site_checks.missing_record_pages(load_content(FIXTURE)[0], built_site) == []
    nav = page(built_site, "").split('class="md-nav md-nav--primary')[1].split("</nav>")[0]
    assert "fm1-uppdrag" not in nav and "testandel" not in nav


def test_no_third_party_hosts_in_any_page(built_site: Path) -> None:
    from tests.conftest import SITE_URL
    from tests.site_checks import foreign_resources

    assert foreign_resources(built_site, SITE_URL) == []
    for html_file in built_site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html_file


@pytest.mark.build
def test_build_with_content_errors_fails_cleanly(project: Path, tmp_path: Path) -> None:
    path = project / "content/missions/fm1-uppdrag-2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- ks", "- kss", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "content/missions/fm1-uppdrag-2.yaml:" in output and "kss" in output
    assert not (tmp_path / "site" / "uppdrag").exists()


def test_accessibility_statement_has_what_digg_requires(built_site: Path) -> None:
    html = page(built_site, "tillganglighet")
    for text in ("delvis förenlig", "WCAG 2.1 på nivå AA", "Kända brister", "Hur vi har testat webbplatsen",
                 "22 november 2026", "Om du upptäcker problem", "Tillsyn"):
        assert text in html, text
    assert 'href="https://www.digg.se/' in html
    assert 'href="../../tillganglighet/"' in page(built_site, "mal/fokusmal-1")  # linked from the footer


def test_no_fragment_placeholder_is_left_in_any_page(built_site: Path) -> None:
    from macros.plugin.plugin import FRAGMENT_ATTRIBUTE

    # The marker the plugin puts in for each macro while Markdown runs, and must take out again:
    # taken from the code, so this test cannot go on passing after the code stops producing it.
    marker = FRAGMENT_ATTRIBUTE
    assert "{{ start_page() }}" in (FIXTURE / "docs/index.md").read_text(encoding="utf-8")  # a page with a macro
    for html_file in built_site.rglob("*.html"):
        assert marker not in html_file.read_text(encoding="utf-8"), html_file


def test_colour_scheme_toggle_is_on_every_page(built_site: Path) -> None:
    for rel in ("index.html", "uppdrag/index.html", "404.html"):
        html = (built_site / rel).read_text(encoding="utf-8")
        assert html.count('data-md-component="palette"') == 1, rel
        assert 'aria-label="Byt till mörkt läge"' in html and 'aria-label="Byt till ljust läge"' in html, rel
        assert html.count('name="__palette"') == 2 and "<svg" in html.split('data-md-component="palette"')[1], rel
