"""Any municipality builds from its own settings and content (issue 26).

- The engine (macros/, overrides/, docs/assets/) names no municipality and no municipality's term.
- A second, synthetic municipality (tests/second_municipality/: Sjöby, "inriktningsmål", its own
  committees, periods, colours and peer groups) builds with --strict from its own mkdocs.yml, docs/,
  content/ and data/ plus the engine parts listed in engine-paths.txt, and passes the checks the live
  content gets: validation, record pages, links, nothing from other origins, open data, axe.
- What the settings decide is checked with Swedish, located messages: colour contrast, a section folder
  without its overview page, mkdocs.yml's site name and menu titles against the settings.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.validation.loader import Content, errors_only, load_content
from tests import site_checks
from tests.conftest import ROOT, SITE_URL, add_engine_parts, build_site, engine_paths

SECOND = ROOT / "tests/second_municipality"
# What the engine may not contain: a municipality's name or Uppsala's own word for its goals.
FORBIDDEN = re.compile(r"uppsala|fokusm(å|a)l", re.IGNORECASE)
# Lines allowed to name one anyway: descriptions that must give the term as an example. (path, text)
ALLOWED: set[tuple[str, str]] = set()  # the settings' description gives other words as examples
ENGINE_FOLDERS = ("macros", "overrides", "docs/assets")


def municipality_copy(dest: Path, source: Path = SECOND) -> Path:
    """The municipality's repository as README tells it to look: its own files, and the engine's parts
    that a build needs (overrides/, docs/assets/ files) taken from the template (this checkout)."""
    shutil.copytree(source, dest)
    add_engine_parts(dest)
    return dest


# The engine.


def test_the_engine_names_no_municipality_and_no_municipalitys_term() -> None:
    found = []
    for folder in ENGINE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            rel = path.relative_to(ROOT).as_posix()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if FORBIDDEN.search(line) and not any(rel == p and text in line for p, text in ALLOWED):
                    found.append(f"{rel}:{number}: {line.strip()}")
    assert found == [], "Kommunens namn eller ord i motorn (flytta det till data/portal.yaml):\n" + "\n".join(found)


def test_every_engine_path_exists() -> None:
    assert [p for p in engine_paths() if not (ROOT / p).exists()] == []


# What the settings decide, checked.


def _settings_error(project: Path, old: str, new: str) -> list[str]:
    path = project / "data/portal.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    content, problems = load_content(project)
    return [p.text() for p in errors_only(problems)]


def test_a_colour_below_wcag_aa_is_a_located_swedish_error(tmp_path: Path) -> None:
    project = municipality_copy(tmp_path / "p")
    errors = _settings_error(project, 'primary: "#1d5e3a"', 'primary: "#77aaff"')
    line = next(n for n, text in enumerate((project / "data/portal.yaml").read_text().splitlines(), 1)
                if text.startswith("colours:"))
    assert errors == [
        f"data/portal.yaml:{line}: fel: fältet 'colours.primary': Färgen har kontrasten 2,34:1 mot vit text i "
        "sidhuvudet och vit bakgrund bakom länkar; WCAG 2.1 nivå AA kräver minst 4,5:1 för text. Välj en mörkare "
        'färg. Värde: "#77aaff".']


def test_a_dark_scheme_link_too_dark_is_an_error() -> None:
    from macros.content.colours import contrast_problems
    from macros.content.models import Colours

    problems = contrast_problems(Colours(dark_scheme_link="#3a4a8a"))
    assert [p.field for p in problems] == ["colours.dark_scheme_link"]
    assert "Välj en ljusare färg" in problems[0].message


def test_a_section_folder_without_its_overview_page_is_an_error(tmp_path: Path) -> None:
    project = municipality_copy(tmp_path / "p")
    errors = _settings_error(project, "goals: inriktningsmal,", "goals: malen,")
    assert len(errors) == 1, errors
    assert errors[0].startswith("data/portal.yaml:")
    assert "fältet 'slugs.goals': Mappen docs/malen/ med översiktssidan index.md saknas." in errors[0]
    assert 'Värde: "malen"' in errors[0]


def test_a_missing_logo_is_an_error(tmp_path: Path) -> None:
    project = municipality_copy(tmp_path / "p")
    (project / "docs/assets/sjoby-logo.svg").unlink()
    content, problems = load_content(project)
    assert [p.field for p in errors_only(problems)] == ["logo"]


def test_an_unknown_home_municipality_in_the_settings_is_located(tmp_path: Path) -> None:
    project = municipality_copy(tmp_path / "p")
    errors = _settings_error(project, "home_municipality: sjoby", "home_municipality: Sjöby")
    assert len(errors) == 1, errors
    assert errors[0].startswith("data/portal.yaml:13: fel: fältet 'home_municipality': Okänd kommun"), errors
    assert "Menar du 'sjoby'?" in errors[0]


def test_mkdocs_site_name_and_menu_titles_must_agree_with_the_settings() -> None:
    from macros.content.models import Settings
    from macros.validation.site_settings import mkdocs_problems

    settings = Settings(publisher_name="K", publisher_url="https://k.example/", feed_tag="k.example,2025",
                        site_name="Sjöbys mål", terms={"goal": {"singular": "inriktningsmål",
                                                                 "definite_singular": "inriktningsmålet",
                                                                 "plural": "inriktningsmål",
                                                                 "definite_plural": "inriktningsmålen",
                                                                 "gender": "ett"}})
    text = "site_name: Uppsalas mål\nnav:\n  - Start: index.md\n  - Fokusmål: mal/index.md\n"
    nav = [{"Start": "index.md"}, {"Fokusmål": "mal/index.md"}]
    problems = [p.text() for p in mkdocs_problems(settings, "Uppsalas mål", nav, text)]
    assert problems == [
        "mkdocs.yml:1: fel: fältet 'site_name': Webbplatsens namn ska vara detsamma som site_name i "
        'data/portal.yaml: skriv site_name: Sjöbys mål Värde: "Uppsalas mål".',
        "mkdocs.yml:4: fel: fältet 'nav': Menyns rubrik för mal/index.md ska vara ordet i terms.goal.plural i "
        'data/portal.yaml: skriv - Inriktningsmål: mal/index.md Värde: "Fokusmål".',
    ]
    assert mkdocs_problems(settings, "Sjöbys mål", [{"Inriktningsmål": "mal/index.md"}], "") == []


@pytest.mark.build
def test_the_build_stops_when_mkdocs_yml_disagrees_with_the_settings(tmp_path: Path) -> None:
    project = municipality_copy(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("- Inriktningsmål:", "- Fokusmål:"),
                      encoding="utf-8")
    result = build_site(project, tmp_path / "site", {"SITE_URL": SITE_URL}, warm=False)  # stops before charts
    assert result.returncode == 1
    assert "mkdocs.yml:" in result.stderr and "skriv - Inriktningsmål: inriktningsmal/index.md" in result.stderr
    assert "Traceback" not in result.stderr


# The second municipality, built.


@pytest.fixture(scope="module")
def second_content() -> Content:
    content, problems = load_content(SECOND)
    assert errors_only(problems) == [], "\n".join(p.text() for p in errors_only(problems))
    return content


@pytest.fixture(scope="module")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = municipality_copy(tmp_path_factory.mktemp("second") / "sjoby")
    site = project.parent / "site"
    result = build_site(project, site, {"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


def _page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_second_municipality_validates_without_errors() -> None:
    result = site_checks.validate_here(SECOND)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 inriktningsmål, 3 åtaganden, 1 indikator, 4 styrelser kontrollerade" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_indicators_take_home_and_peers_from_the_settings(second_content: Content) -> None:
    indicator = second_content.indicators["sjoandel"]
    assert (indicator.home, indicator.comparison, indicator.reference) == ("sjoby", ["bergby", "dalby"], ["storstad"])


def test_the_second_municipality_passes_the_live_content_checks(second_content: Content, second_site: Path) -> None:
    assert site_checks.missing_record_pages(second_content, second_site) == []
    assert site_checks.broken_links(second_site, SITE_URL) == []
    assert site_checks.foreign_resources(second_site, SITE_URL) == []
    assert site_checks.incomplete_open_data(second_content, second_site, SITE_URL) == []


def test_the_second_municipality_speaks_its_own_words(second_site: Path) -> None:
    start = _page(second_site, "index.html")
    assert "Här följer du Sjöby kommuns inriktningsmål, åtagandena till styrelserna" in start
    assert '<h2 id="inriktningsmal">Inriktningsmål</h2>' in start
    goal = _page(second_site, "inriktningsmal/inriktningsmal-1/index.html")
    assert "<title>Inriktningsmål 1. Rent vatten - Sjöbys mål (syntetisk)</title>" in goal
    assert "Innehållet kommer från Sjöby kommuns publicerade dokument" in goal
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in goal
    assert "Inriktningsmål" in _page(second_site, "ataganden/im1-atagande-1/index.html")
    assert "Alla inriktningsmål" in _page(second_site, "ataganden/index.html")
    feed = _page(second_site, "flode/alla.xml")
    assert "<name>Sjöbys mål (syntetisk)</name>" in feed and "<title>Sjöbys mål (syntetisk): statusändringar" in feed
    assert _page(second_site, "flode/inriktningsmal/inriktningsmal-1.xml")
    catalogue = _page(second_site, "api/katalog.rdf")
    assert "Sjöbys mål (syntetisk) – öppna data" in catalogue and "Sjöby kommuns inriktningsmål med" in catalogue
    not_found = _page(second_site, "404.html")
    assert 'href="/inriktningsmal/">Inriktningsmålen</a>' in not_found


# The engine's default words for missions and committees. Its API paths (api/uppdrag/…, the datasets
# 'uppdrag' and 'namnder') and feed entry ids are identifiers, the same for every municipality, so that
# one program reads any municipality's open data: they are taken out before the search.
DEFAULT_WORDS = re.compile(r"uppdrag|nämnd", re.IGNORECASE)
IDENTIFIERS = re.compile(r"api/(uppdrag|namnder)\b|\"dataset\": \"(uppdrag|namnder)\"|tag:[^<\s\"]+")


def test_the_second_municipality_says_its_own_mission_and_committee_words(second_site: Path) -> None:
    """Its content and pages never say 'uppdrag' or 'nämnd': nothing the engine writes for citizens may
    either (pages, feeds, open data, search index, portal.js). Not checked: admin/ (Decap's bundle) and
    schemas/ (editors' field help, the models' descriptions, the same for every municipality)."""
    own = [p for p in SECOND.rglob("*") if p.is_file() and p.suffix in (".yaml", ".md", ".yml")]
    assert [p for p in own if DEFAULT_WORDS.search(p.read_text(encoding="utf-8"))] == []
    found = []
    for path in sorted(second_site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".rdf", ".js") \
                and not {"admin", "schemas"} & set(path.relative_to(second_site).parts):
            text = IDENTIFIERS.sub("", path.read_text(encoding="utf-8", errors="replace"))
            for match in DEFAULT_WORDS.finditer(text):
                found.append(f"{path.relative_to(second_site)}: …{text[max(0, match.start() - 60):match.end() + 30]}…")
    assert found == [], "\n".join(found[:40]) + f"\n({len(found)} i allt)"
    mission = _page(second_site, "ataganden/im1-atagande-1/index.html")
    assert "· Åtagande 1</p>" in mission and "Beskrivning av åtagandet</h2>" in mission
    overview = _page(second_site, "ataganden/index.html")
    assert "<legend>Filtrera åtagandena</legend>" in overview and '<option value="">Alla styrelser</option>' in overview
    assert 'data-noun="åtaganden"' in overview
    committees = _page(second_site, "styrelser/index.html")
    assert "<caption>Styrelser, antal åtaganden och deras status</caption>" in committees


def test_nothing_of_uppsala_reaches_the_second_municipalitys_site(second_site: Path) -> None:
    found = []
    for path in sorted(second_site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".rdf", ".css", ".js"):
            for match in FORBIDDEN.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found.append(f"{path.relative_to(second_site)}: {match.group(0)}")
    assert found == []


def test_the_second_municipality_has_its_colours_and_logo(second_site: Path) -> None:
    css = _page(second_site, "assets/farger.css")
    assert "--md-primary-fg-color: #1d5e3a;" in css and "--md-typeset-a-color: #8fd6a8;" in css
    svg = next((second_site / "indikatorer/sjoandel").glob("trend*.svg")).read_text(encoding="utf-8")
    assert "#1d5e3a" in svg and "#0b4f8a" not in svg  # the home municipality in the site's colour
    start = _page(second_site, "index.html")
    assert 'href="assets/farger.css"' in start
    assert 'src="assets/sjoby-logo.svg"' in start


@pytest.fixture(scope="module")
def second_url(second_site: Path) -> Iterator[str]:
    from tests.browser import serve

    with serve(second_site) as url:
        yield url


@pytest.mark.browser
def test_a_sample_of_the_second_municipalitys_pages_passes_axe(browser, second_url: str,
                                                                second_content: Content) -> None:
    """Each sampled page in light (every rule) and in dark (the colour rules: tests/browser.py, dark_axe_failures);
    every failure is reported, by page and scheme."""
    from tests.browser import PALETTE, STRUCTURE, axe_violations, dark_axe_failures, inject_axe

    folders = site_checks.sections(second_content)
    pages = ["", f"{folders['missions']}/", f"{folders['goals']}/"]
    for kind in ("goals", "missions", "committees", "indicators"):
        pages.append(f"{folders[kind]}/{sorted(getattr(second_content, kind))[0]}/")
    failures: list[str] = []
    context = browser.new_context(locale="sv-SE")
    try:
        page = context.new_page()
        for path in pages:
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                response = page.goto(second_url + path, wait_until="load")
                assert response is not None and response.status == 200, path
                inject_axe(page)
                label = f"{path or 'start'} ({scheme})"
                if scheme == "light":
                    failures += axe_violations(page, label)
                    light = page.evaluate(STRUCTURE, PALETTE)
                else:
                    failures += dark_axe_failures(page, label, light)
    finally:
        context.close()
    assert failures == [], "\n".join(failures)
