"""One listing object per paginated listing (structure/paging.Listing, made in views/listings.py): its view,
its generated continuation pages and the site files page it alike, each listing with its own page size."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

from macros.build.pages import generated_pages
from macros.build.portal import Portal
from macros.publish.charts import ChartRenderer
from macros.structure.paging import Listing, PageSizes
from macros.structure.urls import Linker, mission_rows_url
from macros.validation.loader import errors_only, load_content
from macros.views import views
from macros.views.listings import all_listings, committee_listing, missions_listing
from tests.conftest import FIXTURE


def test_a_listing_pages_its_tables_side_by_side() -> None:
    listing = Listing("namnder/ks/", "KS", (list(range(5)), list(range(2))), size=2, view="committee_page",
                      args=("ks",))
    assert (listing.total, listing.page_count, listing.paged) == (5, 3, True)
    assert list(listing.continuation_pages()) == [2, 3]
    assert listing.rows_on(3) == [4] and listing.rows_on(2, table=1) == []
    assert listing.page_file(2) == "namnder/ks/sida-2.md"
    pager = listing.pager(2, Linker("namnder/ks/sida-2/"))
    assert pager is not None and (pager["first"], pager["last"], pager["count"]) == (3, 4, 3)
    assert Listing("uppdrag/", "Alla", ([],)).pager(1, Linker("uppdrag/")) is None


def test_each_listing_has_its_own_page_size_in_its_view_pages_and_site_files(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for part in ("content", "data"):
        shutil.copytree(FIXTURE / part, project / part)
    content, problems = load_content(project)
    assert errors_only(problems) == []
    sizes = PageSizes.of(200, missions=2, committee=1)  # changes: the default, one page
    missions = missions_listing(content, sizes.missions)
    assert missions.page_count == -(-len(content.missions) // 2) > 1
    portal = SimpleNamespace(content=content, page_sizes=sizes)
    continuation = [p for p in generated_pages(portal) if p.kind == "listings"]  # type: ignore[arg-type]
    expected = [listing.page_file(n) for listing in all_listings(content, sizes)
                for n in listing.continuation_pages()]
    assert [p.src_uri for p in continuation] == expected
    assert [p.src_uri for p in continuation if p.src_uri.startswith("uppdrag/")] == [
        f"uppdrag/sida-{n}.md" for n in range(2, missions.page_count + 1)]
    assert not any(p.src_uri.startswith("andringar") for p in continuation)
    # The view pages with the same listing.
    view = views.missions_overview(content, Linker("uppdrag/sida-2/"), 2, sizes.missions)
    assert [r["id"] for r in view["rows"]] == [m.id for m in missions.rows_on(2)]
    assert view["pager"]["count"] == missions.page_count
    busiest = max(content.committees, key=lambda c: committee_listing(content, c, 1).total)
    page = views.committee_page(content, busiest, Linker("x/"), 1, sizes.committee)
    assert len(page["responsible"]) <= 1 and page["pager"]["count"] == committee_listing(content, busiest, 1).total
    # The site files: the filter's rows exist because the missions listing is paged, and only then.
    paged = Portal(project, content, [], ChartRenderer(None), page_sizes=sizes)
    assert mission_rows_url() in paged.site_files("https://example.invalid/", dt.date(2026, 1, 1))
    single = Portal(project, content, [], ChartRenderer(None), page_sizes=PageSizes.of(200, committee=1))
    assert mission_rows_url() not in single.site_files("https://example.invalid/", dt.date(2026, 1, 1))
