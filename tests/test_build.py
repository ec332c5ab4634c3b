"""A full build of the shipped content: the seed's text and facts reach the pages, nothing leaves the origin."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import build_site


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_start_page_lists_goals_with_status(built_site: Path) -> None:
    html = page(built_site, "")
    assert '<html lang="sv"' in html
    for title in ("Uppsala ska säkra en stark ekonomi och värna välfärden",
                  "Uppsala ska ha ett välmående näringsliv och skapa fler jobb",
                  "Uppsala ska leda klimatomställningen",
                  "Uppsala ska bli tryggare med jämlika livsvillkor"):
        assert title in html
    assert html.count('class="pm-status__label">Gul<') == 1
    assert html.count("Ingen bedömning publicerad") == 3  # goals 2–4 have no published assessment


def test_goal_page_has_text_status_trend_follow_up_and_missions(built_site: Path) -> None:
    html = page(built_site, "mal/fokusmal-1")
    for text in ("Målbeskrivning", "Ekonomisk hållbarhet", "Välfärdstjänster", "Tillgänglig och effektiv",
                 "Attraktiv arbetsgivare", "Delårsuppföljning per april 2023",
                 "Fokusmålet bedöms bli delvist uppfyllt vid årets slut", "Oförändrad",
                 "Uppföljningen anger 16 uppdrag: 1 färdiga, 14 enligt plan, 1 försenade"):
        assert text in html, text
    assert "Målet bedöms bli delvis uppfyllt" in html  # the status meaning, not colour alone
    rows = re.findall(r'<tr data-goal="fokusmal-1"', html)
    assert len(rows) == 9
    assert 'href="../../uppdrag/fm1-uppdrag-5/"' in html


def test_goals_without_text_are_not_given_invented_text(built_site: Path) -> None:
    html = page(built_site, "mal/fokusmal-3")
    assert "Uppsala ska leda klimatomställningen" in html and "Klimatet och energin" in html
    assert "inte publicerat någon målbeskrivning" in html
    assert "Ingen bedömning publicerad" in html


def test_mission_page_shows_committees_description_and_no_invented_status(built_site: Path) -> None:
    html = page(built_site, "uppdrag/fm1-uppdrag-5")
    assert "Öka kompetensen hos medarbetare inom LSS" in html
    assert ">Arbetsmarknadsnämnden</a>" in html and ">Omsorgsnämnden</a>" in html  # full names on its page
    assert "stödpedagoger med inriktning mot LSS" in html
    assert "Ingen bedömning publicerad" in html
    for status in ("pm-status--green", "pm-status--yellow", "pm-status--red"):
        assert status not in html


def test_committee_page_lists_the_missions_it_is_responsible_for(built_site: Path) -> None:
    html = page(built_site, "namnder/aln")
    assert re.search(r"<h1 id=\"[a-z0-9-]+\">Äldrenämnden \(ÄLN\)</h1>", html)
    responsible = html.split('id="ansvarar"')[1].split('id="berord"')[0]
    numbers = sorted(int(n) for n in re.findall(r'<td class="pm-c-nr"[^>]*>(\d+)</td>', responsible))
    assert numbers == [6, 8, 9]


def test_every_record_has_a_page_and_nav_stays_short(built_site: Path) -> None:
    for n in range(1, 10):
        assert (built_site / f"uppdrag/fm1-uppdrag-{n}/index.html").is_file()
    for n in range(1, 5):
        assert (built_site / f"mal/fokusmal-{n}/index.html").is_file()
    nav = page(built_site, "").split('class="md-nav md-nav--primary')[1].split("</nav>")[0]
    assert "fm1-uppdrag" not in nav


def test_no_third_party_hosts_in_any_page(built_site: Path) -> None:
    pattern = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!example\.invalid)""")
    for html_file in built_site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html_file
        offenders = [m for m in pattern.findall(text)]
        # Only the DIGG link on the accessibility statement leaves the site, as an ordinary link.
        if html_file.parent.name != "tillganglighet":
            assert not [o for o in offenders if "src" in o], html_file


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
    for html_file in built_site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "data-pm-fragment" not in text and "data-pm-late" not in text, html_file


def test_links_between_pages_are_the_shortest_relative_path() -> None:
    import itertools
    import posixpath

    from macros.urls import Linker

    pages = ["", "index.html", "404.html", "uppdrag/", "uppdrag/sida-2/", "uppdrag/rader.html",
             "uppdrag/fm1-uppdrag-1/",
             "namnder/ks/", "namnder/ks/sida-3/", "mal/fokusmal-1/"]
    targets = ["", "uppdrag/", "uppdrag/fm1-uppdrag-1/", "uppdrag/sida-2/", "namnder/ks/", "namnder/ksn/",
               "om/#indikatorernas-status", "api/statushistorik.csv", "flode/mal/fokusmal-1.xml", "uppdrag/rader.html"]
    for page, target in itertools.product(pages, targets):
        base = posixpath.dirname("/" + page) if not page.endswith("/") else "/" + page
        expected = posixpath.relpath("/" + target, base)
        expected = (expected.rstrip("/") + "/" if target.endswith("/") or target == "" else expected)
        expected = "./" if expected in ("./", "/") else expected
        assert Linker(page).to(target) == expected, (page, target)
    assert Linker("namnder/ks/").to("namnder/ks/") == "./"
    assert Linker("uppdrag/fm1-uppdrag-1/").to("namnder/ks/") == "../../namnder/ks/"


def test_colour_scheme_toggle_is_on_every_page(built_site: Path) -> None:
    # Rendered once per build from material's partial (hooks.on_env), not per page.
    for rel in ("index.html", "uppdrag/index.html", "404.html"):
        html = (built_site / rel).read_text(encoding="utf-8")
        assert html.count('data-md-component="palette"') == 1, rel
        assert 'aria-label="Byt till mörkt läge"' in html and 'aria-label="Byt till ljust läge"' in html, rel
        assert html.count('name="__palette"') == 2 and "<svg" in html.split('data-md-component="palette"')[1], rel


def test_views_called_with_literal_arguments_can_be_rendered_ahead() -> None:
    from macros.glue import macro_calls

    page = """# Uppdrag
{{ missions_overview() }}
{{status_legend("mission")}} {{ missions_overview(2) }}
{{ status_legend(applies_to) }} {{ okand_vy() }} {{ indicator_page("x") }}
{% if true %}{{ goals_overview() }}{% endif %}"""
    # Not: a variable argument, a name that is no view, and a view that registers chart assets.
    assert macro_calls(page) == [("missions_overview", ()), ("status_legend", ("mission",)),
                                 ("missions_overview", (2,)), ("goals_overview", ())]
