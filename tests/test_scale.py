"""Long listings are split into pages of fixed size; the synthetic corpus builds and validates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.paging import PAGE_SIZE
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


def test_every_page_the_worker_created_was_written_whole(big_site: Path) -> None:
    # The worker creates each generated page's file empty, ahead of mkdocs (prerender.py).
    pages = list(big_site.rglob("index.html"))
    assert len(pages) > MISSIONS
    for page in pages:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page


def test_committee_pages_are_paged(big_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from macros import paging, views
    from macros.derive import committee_missions
    from macros.site import load_portal
    from macros.urls import Linker

    monkeypatch.setattr(paging, "PAGE_SIZE", 20)
    portal = load_portal(big_project)
    responsible, concerned = committee_missions(portal.content, "syn-01")
    expected_pages = -(-max(len(responsible), len(concerned)) // 20)
    assert expected_pages > 2
    view = views.committee_page(portal.content, "syn-01", Linker("namnder/syn-01/sida-2/"), 2)
    assert view["responsible"][0]["id"] == responsible[20].id and len(view["concerned"]) == 20
    assert view["pager"]["count"] == expected_pages and view["pager"]["prev"] == "../"
    pages = portal.generated_pages()
    assert f"namnder/syn-01/sida-{expected_pages}.md" in pages
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

    from macros.feeds import FEED_ENTRIES
    from macros.history import status_events
    from macros.loader import load_content

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


def _prerender_jobs(portal) -> dict[str, tuple[str, str, tuple]]:
    pages = portal.generated_pages()
    return {src: (src.removesuffix(".md") + "/", page.view, page.args) for src, page in pages.items()
            if page.view != "indicator_page"}


def test_worker_renders_what_the_build_process_would(big_project: Path, tmp_path: Path) -> None:
    import datetime as dt

    from macros.glue import render_view
    from macros.prerender import Prerender
    from macros.site import load_portal
    from macros.urls import Linker

    portal = load_portal(big_project)
    jobs = _prerender_jobs(portal)
    assert {view for _, view, _ in jobs.values()} >= {"mission_page", "goal_page", "committee_page",
                                                      "missions_overview"}
    lead = {"uppdrag/|missions_overview|()": ("uppdrag/", "missions_overview", ()),
            "om/|status_legend|('goal',)": ("om/", "status_legend", ("goal",))}
    prerender = Prerender(portal, render_view, jobs, lead=lead)
    site = tmp_path / "site"
    (site / "uppdrag/skrivet").mkdir(parents=True)
    (site / "uppdrag/skrivet/index.html").write_text("redan skriven", encoding="utf-8")
    prerender.create_outputs([str(site / f"{url}index.html") for url in ("uppdrag/skrivet/", "uppdrag/ny/", "ny/")])
    prerender.write_site_files(site, "https://example.invalid/", dt.date(2026, 1, 1))
    try:
        written = prerender.wait()  # every page now comes from the worker
        for src, (url, view, args) in (lead | jobs).items():
            assert prerender.body(src) == render_view(portal, url, view, args), src
        assert prerender.body("mal/okand.md") is None
    finally:
        prerender.close()
    # Files for pages mkdocs will write: created empty, and one mkdocs has written already left as it is.
    assert (site / "uppdrag/ny/index.html").read_bytes() == (site / "ny/index.html").read_bytes() == b""
    assert (site / "uppdrag/skrivet/index.html").read_text(encoding="utf-8") == "redan skriven"
    expected = portal.site_files("https://example.invalid/", dt.date(2026, 1, 1))
    assert written == len(expected)
    for rel in ("flode/alla.xml", "api/uppdrag.csv", "uppdrag/rader.html", "api/katalog.rdf"):
        assert (tmp_path / "site" / rel).read_text(encoding="utf-8") == expected[rel], rel
    assert Linker("uppdrag/fm1-uppdrag-1/").to("uppdrag/") == "../"


def test_build_process_takes_back_what_the_worker_has_not_started(
        big_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import tempfile
    import time
    from typing import Any

    from macros.glue import render_view
    from macros.prerender import Prerender
    from macros.site import load_portal

    handover = tmp_path / "tmp"
    handover.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(handover))
    portal = load_portal(big_project)
    jobs = _prerender_jobs(portal)
    order = list(jobs)
    parent = os.getpid()

    def slow_in_worker(*args: Any) -> str:
        if os.getpid() != parent:
            time.sleep(0.01)  # half a second a chunk
        return render_view(*args)

    prerender = Prerender(portal, slow_in_worker, jobs)
    try:
        time.sleep(0.2)  # the pool hands the first chunks to the worker
        # The last page is asked for while the worker is on the first chunks: its chunk is handed
        # back (None: this process renders it) and the worker never renders it.
        assert prerender.body(order[-1]) is None
        # The rest, as the build asks for them: chunks the worker has started come from it.
        from_worker = 0
        for src in order[:-1]:
            body = prerender.body(src)
            expected = render_view(portal, *jobs[src])
            assert body is None or body == expected, src
            from_worker += body is not None
        assert 0 < from_worker < len(order) - 1
        assert prerender.body(order[-1]) is None  # each body is handed over once
        prerender.wait()
    finally:
        prerender.close()
    assert list(handover.iterdir()) == []  # hand-over files removed


def test_worker_errors_fail_the_build(big_project: Path, tmp_path: Path) -> None:
    from macros.glue import render_view
    from macros.prerender import Prerender
    from macros.site import load_portal

    portal = load_portal(big_project)
    prerender = Prerender(portal, render_view, {"x.md": ("x/", "mission_page", ("finns-inte",))})
    try:
        prerender.wait()  # the worker has tried (and failed) to render the page
        with pytest.raises(KeyError, match="finns-inte"):
            prerender.body("x.md")
    finally:
        prerender.close()


def test_rebuilding_over_a_site_gives_the_same_site(project: Path, tmp_path: Path) -> None:
    """mkdocs empties the site directory after the worker has started: the worker's files
    (feeds, open data) must be written after that, and every page is rendered as before."""
    from tests.conftest import build_site

    def snapshot(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    site = tmp_path / "site"
    assert build_site(project, site).returncode == 0
    first = snapshot(site)
    assert "flode/alla.xml" in first and "api/uppdrag.csv" in first
    # Leftovers of a larger site, so that emptying the directory takes longer than the worker needs.
    for folder in range(100):
        (site / "gammalt" / str(folder)).mkdir(parents=True)
        for name in range(200):
            (site / "gammalt" / str(folder) / f"{name}.html").write_text("x")
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert snapshot(site) == first


def test_loading_runs_no_garbage_collection(big_project: Path) -> None:
    """Loading keeps nearly every object it makes: collections during it would only walk the heap."""
    import gc

    from macros.loader import load_content

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


def test_benchmark_prints_figures_and_rebuilds_only_the_changed_indicators_charts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scripts.benchmark import main

    assert main(["--sizes", "30", "--runs", "1", "--work", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "== 30 uppdrag (65 sidor; golvet 65 sidor), 1 körningar ==" in out
    ratio = float(re.search(r"byggtid, median: .* kvot (\d+\.\d+)", out).group(1))
    assert ratio > 0
    # The synthetic corpus has ten indicators with two charts each; one indicator file changed.
    assert "en ändrad indikatorfil:   2 diagram renderade, 18 från cache" in out
    assert (tmp_path / "site-portal/uppdrag/index.html").is_file()
    assert (tmp_path / "site-floor/index.html").is_file()
