"""The live content (content/ and data/): only checks that hold whatever a valid edit adds.

Nothing here names a record, a count or a text of the live content: facts are tested on the fixture
project (tests/fixture_project/), so an editor's pull request that adds a mission, a follow-up or a
committee keeps CI green. test_editor_changes.py proves it on a copy."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.validation.loader import Content, errors_only, load_content
from tests import site_checks
from tests.conftest import ROOT, SITE_URL


@pytest.fixture(scope="module")
def live_content() -> Content:
    content, problems = load_content(ROOT)
    assert errors_only(problems) == [], "\n".join(p.text() for p in errors_only(problems))
    return content


def test_live_content_validates_without_errors() -> None:
    result = site_checks.validate_here(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_every_live_record_has_its_page(live_content: Content, live_site: Path) -> None:
    # live_site is built with --strict: building at all is the first check.
    assert site_checks.missing_record_pages(live_content, live_site) == []


def test_every_internal_link_in_the_live_site_resolves(live_site: Path) -> None:
    assert site_checks.broken_links(live_site, SITE_URL) == []


def test_live_site_loads_nothing_from_other_origins(live_site: Path) -> None:
    assert site_checks.foreign_resources(live_site, SITE_URL) == []


def test_live_open_data_lists_every_record(live_content: Content, live_site: Path) -> None:
    assert site_checks.incomplete_open_data(live_content, live_site, SITE_URL) == []


@pytest.fixture
def damaged_site(built_site: Path, tmp_path: Path) -> Path:
    """A copy of the fixture's site, to show that each check reports what it is for."""
    return Path(shutil.copytree(built_site, tmp_path / "site"))


def test_the_checks_report_what_is_wrong(damaged_site: Path) -> None:
    from tests.conftest import FIXTURE

    content, _ = load_content(FIXTURE)
    site = damaged_site
    assert site_checks.missing_record_pages(content, site) == []
    assert site_checks.broken_links(site, SITE_URL) == []
    assert site_checks.foreign_resources(site, SITE_URL) == []
    assert site_checks.incomplete_open_data(content, site, SITE_URL) == []

    shutil.rmtree(site / "namnder/en")
    page = site / "uppdrag/fm1-uppdrag-1/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</main>", '<a href="../fm1-uppdrag-9/">x</a><a href="../../mal/fokusmal-1/#saknas">y</a>'
                   '<img src="https://cdn.example.com/bild.png" alt=""></main>'), encoding="utf-8")
    rows = (site / "api/uppdrag.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (site / "api/uppdrag.csv").write_text("".join(rows[:-1]), encoding="utf-8")

    assert site_checks.missing_record_pages(content, site) == ["committees en: no page namnder/en/index.html"]
    broken = site_checks.broken_links(site, SITE_URL)
    assert any("../fm1-uppdrag-9/ leads nowhere" in b for b in broken), broken
    assert any("no id 'saknas' on mal/fokusmal-1/index.html" in b for b in broken), broken
    assert any("namnder/en/ leads nowhere" in b for b in broken), broken  # pages that link the removed one
    assert site_checks.foreign_resources(site, SITE_URL) == [
        "uppdrag/fm1-uppdrag-1/index.html: https://cdn.example.com/bild.png"]
    incomplete = site_checks.incomplete_open_data(content, site, SITE_URL)
    assert len(incomplete) == 1 and incomplete[0].startswith("api/uppdrag: lists"), incomplete


@pytest.fixture(scope="module")
def live_url(live_site: Path) -> Iterator[str]:
    from tests.browser import serve

    with serve(live_site) as url:
        yield url


def sample_pages(content: Content) -> list[str]:
    """The start page, the missions listing and the first record of each kind (whichever they are)."""
    pages = ["", "uppdrag/"]
    for kind, records in (("goals", content.goals), ("missions", content.missions),
                          ("committees", content.committees), ("indicators", content.indicators)):
        if records:
            pages.append(f"{site_checks.SECTIONS[kind]}/{sorted(records)[0]}/")
    return pages


@pytest.mark.browser
def test_a_sample_of_live_pages_passes_axe(browser, live_url: str, live_content: Content) -> None:
    from tests.browser import axe_violations, inject_axe

    failures: list[str] = []
    context = browser.new_context(locale="sv-SE")
    try:
        page = context.new_page()
        for path in sample_pages(live_content):
            response = page.goto(live_url + path, wait_until="load")
            assert response is not None and response.status == 200, path
            inject_axe(page)
            failures += axe_violations(page, path or "start")
    finally:
        context.close()
    assert failures == [], "\n".join(failures)
