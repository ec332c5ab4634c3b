"""The search index: the words on each page, split as a searcher types them; listings stay out."""

from __future__ import annotations

import json
import re
from pathlib import Path

from material.plugins.search.plugin import Parser

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


