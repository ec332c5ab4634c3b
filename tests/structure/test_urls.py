"""Links between pages: relative, so the site works under any base path."""

from __future__ import annotations


def test_links_between_pages_are_the_shortest_relative_path() -> None:
    import itertools
    import posixpath

    from macros.structure.urls import Linker

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
