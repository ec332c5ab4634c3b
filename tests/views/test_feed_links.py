"""A feed is for a feed reader: every page that links one says so in plain words, offers the way to follow
without one (the changes page), and names the link as an address to copy, never as a page to read."""

from __future__ import annotations

import re
from functools import cache

import pytest

from macros.content.store import Content
from macros.validation.loader import errors_only, load_content
from tests.conftest import FIXTURE
from tests.page_html import page_html

FEED_LINK = re.compile(r'<a [^>]*href="([^"]*flode/[^"]*\.xml)"[^>]*>(.*?)</a>')


@cache
def content() -> Content:
    loaded, problems = load_content(FIXTURE)
    assert not errors_only(problems)
    return loaded


def pages() -> list[tuple[str, str, tuple[str, ...]]]:
    c = content()
    return [("goal_page", "mal/x/", (next(iter(c.goals)),)),
            ("committee_page", "namnder/x/", (next(iter(c.committees)),)),
            ("changes_page", "andringar/", ()), ("open_data_page", "oppna-data/", ())]


@pytest.mark.parametrize(("view", "url", "args"), pages(), ids=[p[0] for p in pages()])
def test_feed_links_are_addresses_for_a_feed_reader_with_the_way_to_follow_without_one(
        view: str, url: str, args: tuple[str, ...]) -> None:
    html = page_html(content(), view, url, *args)
    links = [m for m in re.finditer(r"<a [^>]*>.*?</a>", html) if FEED_LINK.fullmatch(m.group(0))]
    assert links, f"{view}: no feed link"
    for link in links:
        tag = link.group(0)
        assert 'type="application/atom+xml"' in tag, tag  # a reader or an extension knows what it is
        text = re.sub(r"<[^>]+>", "", FEED_LINK.fullmatch(tag).group(2))
        assert "flödesadress" in text.lower(), tag  # an address to copy, not a page to read
    assert "flödesläsare" in html and "klistra in" in html  # what to do with it
    if view in ("goal_page", "committee_page"):  # and how to follow without a feed reader
        assert re.search(r'<a href="[./]*andringar/">Ändringar</a>', html), view
