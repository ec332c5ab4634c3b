"""Long listings are split into pages of fixed size; the synthetic corpus builds and validates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.structure.paging import PAGE_SIZE, PageSizes
from tests.browser import served_page
from tests.conftest import MISSIONS


def rows(html: str) -> int:
    return len(re.findall(r"<tr data-goal=", html))


def test_synthetic_names_say_synthetic(big_site: Path) -> None:
    html = (big_site / "uppdrag/fm1-uppdrag-1/index.html").read_text(encoding="utf-8")
    assert "Syntetiskt uppdrag 1.1" in html and "Syntetisk nämnd" in html


def test_missions_overview_is_paged(big_site: Path) -> None:
    first = (big_site / "uppdrag/index.html").read_text(encoding="utf-8")
    last = (big_site / "uppdrag/sida-3/index.html").read_text(encoding="utf-8")
    assert rows(first) == PAGE_SIZE and rows(last) == 50
    assert f"Rad 1–{PAGE_SIZE} av {MISSIONS}, sida 1 av 3." in first
    assert 'href="sida-2/" rel="next"' in first and 'href="../sida-2/" rel="prev"' in last
    assert 'data-all-rows="rader.html"' in first
    assert rows((big_site / "uppdrag/rader.html").read_text(encoding="utf-8")) == MISSIONS


def test_record_pages_do_not_grow_with_the_corpus(big_site: Path, built_site: Path) -> None:
    def largest(site: Path, folder: str) -> int:
        pages = (site / folder).glob("*/index.html")
        return max(p.stat().st_size for p in pages if not p.parent.name.startswith("sida-"))

    # A mission page holds one mission, whatever the corpus size (synthetic text is a little longer).
    assert largest(big_site, "uppdrag") < 2 * largest(built_site, "uppdrag")
    for page in big_site.rglob("index.html"):
        assert page.stat().st_size < 400_000, page


def test_committee_pages_are_paged(big_project: Path) -> None:
    from macros.build.pages import generated_pages
    from macros.build.portal import load_portal
    from macros.facts.derive import committee_missions
    from macros.structure.urls import Linker
    from macros.views import views

    # committee=20: the plugin option committee_page_size; the project's own chart cache, which its builds share.
    portal = load_portal(big_project, big_project / ".cache", PageSizes(committee=20))
    responsible, concerned = committee_missions(portal.content, "syn-01")
    expected_pages = -(-max(len(responsible), len(concerned)) // 20)
    assert expected_pages > 2
    view = views.committee_page(portal.content, "syn-01", Linker("namnder/syn-01/sida-2/"), 2, 20)
    assert view["responsible"][0]["id"] == responsible[20].id and len(view["concerned"]) == 20
    assert view["pager"]["count"] == expected_pages and view["pager"]["prev"] == "../"
    pages = {page.src_uri: page for page in generated_pages(portal)}
    assert f"namnder/syn-01/sida-{expected_pages}.md" in pages
    assert f"namnder/syn-01/sida-{expected_pages + 1}.md" not in pages
    page = pages[f"namnder/syn-01/sida-{expected_pages}.md"]
    assert (page.view, page.args) == ("committee_page", ("syn-01", expected_pages))


@pytest.mark.browser
def test_filter_searches_all_pages(browser, big_site: Path) -> None:
    with served_page(browser, big_site) as (page, url):
        page.goto(url + "uppdrag/sida-2/", wait_until="networkidle")
        visible = "document.querySelectorAll('table.pm-filterable tbody tr:not([hidden])').length"
        assert page.evaluate(visible) == PAGE_SIZE
        page.select_option("#pm-f-goal", "fokusmal-1")
        page.wait_for_function("document.querySelectorAll('table.pm-filterable tbody tr').length > 200")
        assert page.evaluate(visible) == 50  # goal 1's missions live on page 1, found from page 2
        assert not page.is_visible(".pm-pager")
        href = page.get_attribute("table.pm-filterable tbody tr:not([hidden]) a", "href")
        page.goto(href)
        assert "Syntetiskt uppdrag 1." in page.title() or "Uppdrag 1" in page.title()


def test_continuation_pages_stay_out_of_search(big_site: Path) -> None:
    import json

    index = json.loads((big_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("uppdrag/fm1-uppdrag-1/") for loc in locations)
    assert any(loc.startswith("uppdrag/") and "sida-" not in loc for loc in locations)
    assert not [loc for loc in locations if "sida-" in loc]


def test_feeds_hold_the_newest_entries(big_project: Path, big_site: Path) -> None:
    import xml.etree.ElementTree as ET

    from macros.facts.events import status_events
    from macros.publish.feeds import FEED_ENTRIES
    from macros.validation.loader import load_content

    atom = "{http://www.w3.org/2005/Atom}"
    content = load_content(big_project)[0]
    events = status_events(content)
    assert len(events) > 2 * FEED_ENTRIES
    feed = ET.parse(big_site / "flode/alla.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == FEED_ENTRIES
    newest = sorted(events, key=lambda e: e.date, reverse=True)[FEED_ENTRIES - 1].date.isoformat()
    assert all(e.findtext(f"{atom}updated") >= newest for e in entries)
    committee = ET.parse(big_site / "flode/namnder/syn-01.xml").getroot().findall(f"{atom}entry")
    mine = [e for e in events if e.kind == "missions"
            and "syn-01" in content.missions[e.record_id].responsible + content.missions[e.record_id].concerned]
    assert len(committee) == min(FEED_ENTRIES, len(mine))
    assert all("Syntetiskt uppdrag" in e.findtext(f"{atom}title") for e in committee)


def test_loading_runs_no_garbage_collection(big_project: Path) -> None:
    """Loading keeps nearly every object it makes: collections during it would only walk the heap."""
    import gc

    from macros.validation.loader import load_content

    collections: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        content, _ = load_content(big_project)
    finally:
        gc.callbacks.remove(count)
    # At most the one that is due as soon as the collector is back on (without the pause: hundreds).
    assert len(content.missions) > 400 and len(collections) <= 1
    assert gc.isenabled()  # and the collector runs again afterwards
