"""The search index: the words on each page, split as a searcher types them; listings stay out; the
slimmer copy the indexer reads (macros/plugin/search_input.py) leaves the index unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from macros.plugin.search_input import indexer_input

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def sections(html: str) -> list[tuple[str | None, str, str]]:
    """What mkdocs-material's indexer makes of `html`: (anchor, title, text) per section, with
    whitespace runs folded (the search engine splits on them)."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, " ".join("".join(s.title).split()), " ".join("".join(s.text).split()))
            for s in parser.data if not s.is_excluded()]


def page_contents(site: Path) -> dict[str, str]:
    pages = {}
    for path in sorted(site.rglob("index.html")):
        match = ARTICLE.search(path.read_text(encoding="utf-8"))
        if match:
            pages[path.relative_to(site).as_posix()] = match.group(1).strip()
    return pages


def tag_count(html: str) -> int:
    return len(re.findall(r"<[a-zA-Z]", html))


@pytest.mark.build
@pytest.mark.parametrize("which", ["built_site", "big_site"])
def test_indexer_input_keeps_every_section_and_word(which: str, request: pytest.FixtureRequest) -> None:
    pages = page_contents(request.getfixturevalue(which))
    assert len(pages) > 20
    slimmer = 0
    for name, html in pages.items():
        slim = indexer_input(html)
        assert sections(slim) == sections(html), name
        slimmer += tag_count(slim) < tag_count(html) / 2
    # It must also do its job: most pages lose most of their tags (mission pages ~70 -> ~15).
    assert slimmer > len(pages) / 2


def test_indexer_input_leaves_sensitive_markup_alone() -> None:
    excluded = '<h2 id="a">A</h2><p>Kvar</p><div data-search-exclude><span>Bort</span></div>'
    assert indexer_input(excluded) == excluded
    permalink = '<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2>'
    assert indexer_input(permalink) == permalink
    listing = ('<p>Före</p><div class="pm-table-wrap" data-search-exclude>'
               '<table><tr><td><a href="x/">Rad</a></td></tr></table>\n</div><p><a href="y/">Efter</a></p>')
    assert indexer_input(listing) == "<p>Före</p><p>Efter</p>"


def test_the_index_is_the_same_without_the_slim_copy(built_site: Path, tmp_path: Path) -> None:
    """The plugin option slim_search_input changes how long indexing takes, never what is indexed."""
    from tests.conftest import SITE_URL, build_site, copy_project

    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\n  - portal\n", "\n  - portal:\n      slim_search_input: false\n"),
                      encoding="utf-8")
    site = tmp_path / "site"
    assert build_site(project, site, {"SITE_URL": SITE_URL}).returncode == 0

    def index(folder: Path) -> list[tuple[str, str, str]]:
        docs = json.loads((folder / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
        return [(d["location"], d["title"], " ".join(d["text"].split())) for d in docs]

    assert index(site) == index(built_site)


def test_search_index_holds_mission_facts_and_no_listing_rows(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    mission = docs["uppdrag/fm1-uppdrag-2/"]
    # Text inside links, abbreviations and status badges is indexed though their tags are not.
    assert "Ansvariga" in mission["text"] and "Testkommunstyrelsen" in mission["text"]
    # Each fact's label and value are separate words, so a search for the value finds the page.
    # Words as the search trims them ("(KS)," is found as KS): the mission page names committees in full
    # with their abbreviation, which is what people search for.
    words = {word.strip("(),.:") for word in mission["text"].split()}
    assert {"Ansvariga", "Berörda", "Fokusmål", "KS", "TN", "2025"} <= words, words  # 2025: expected completion
    assert "<a" not in mission["text"] and "<span" not in mission["text"]
    # The index is what the indexer makes of the page as built (tables aside, which it skips).
    html = page_contents(built_site)["uppdrag/fm1-uppdrag-2/index.html"]
    _, title, text = sections(html)[0]
    assert " ".join(mission["text"].split()) == text and mission["title"] == title
    # Listing tables stay out: the goal page lists its missions, but its index does not.
    goal_text = " ".join(d["text"] for loc, d in docs.items() if loc.startswith("mal/fokusmal-1/"))
    assert mission["title"] in (built_site / "mal/fokusmal-1/index.html").read_text(encoding="utf-8")
    assert mission["title"] not in goal_text




def test_the_lines_every_record_page_ends_with_are_not_searched(built_site: Path) -> None:
    """The change date and the report line stand on every record page: searching '5' or 'fel' must find
    the records that say so, not every page's date or report line."""
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    records = [d for d in docs if re.match(r"(mal|uppdrag|namnder|indikatorer|nyheter)/[^/#]+/", d["location"])]
    assert records
    assert not [d["location"] for d in records if "ändrades senast" in d["text"] or "Ser du ett fel" in d["text"]]
