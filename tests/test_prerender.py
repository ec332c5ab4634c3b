"""The worker that renders pages ahead of mkdocs' page loop (macros/prerender.py), on the synthetic corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MISSIONS


def test_every_page_the_worker_created_was_written_whole(big_site: Path) -> None:
    # The worker creates each generated page's file empty, ahead of mkdocs (prerender.py).
    pages = list(big_site.rglob("index.html"))
    assert len(pages) > MISSIONS
    for page in pages:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page


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
