"""Issue 25 in a real browser, on the fixture project: search finds a committee by its abbreviation and
ranks the record whose number is searched first; at 390 px the keyboard reaches only what it can see,
the menu button is named and reachable, and each chart is described once."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.browser import axe_violations, inject_axe
from tests.built_site.test_browser_accessibility import open_page, search

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser) -> Iterator:
    ctx = browser.new_context(locale="sv-SE", viewport=PHONE)
    yield ctx
    ctx.close()


@pytest.fixture
def desktop(browser) -> Iterator:
    ctx = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def test_search_finds_abbreviations_and_ranks_the_named_record_first(desktop, site_url: str) -> None:
    """One start page, searched four times (a page load costs more than a search); every miss is reported."""
    page, _ = open_page(desktop, site_url, "")
    failures = []
    for query, first in (("KS", "namnder/ks/"), ("pn", "namnder/pn/"), ("uppdrag 2", "uppdrag/fm1-uppdrag-2/")):
        hrefs = search(page, query)
        if not (hrefs and urlsplit(hrefs[0]).path.endswith(first)):
            failures.append(f"{query!r}: first result is not {first}: {hrefs}")
    hrefs = search(page, "TN")  # mission pages say "Testnämnden (TN)": an abbreviation written in brackets
    if not any("uppdrag/fm1-uppdrag-2/" in h for h in hrefs):
        failures.append(f"'TN' does not find uppdrag/fm1-uppdrag-2/: {hrefs}")
    assert failures == [], "\n".join(failures)


FOCUSED = """(() => { const a = document.activeElement; if (!a || a === document.body) return null;
  const r = a.getBoundingClientRect(); const s = getComputedStyle(a);
  // A visually hidden input is shown through its label (the theme's palette toggle).
  const next = a.nextElementSibling;
  const label = a.classList.contains('md-option') && next && next.tagName === 'LABEL' ? next : null;
  const shown = label ? label.getBoundingClientRect() : r;
  return {tag: a.tagName, id: a.id, cls: a.className, href: a.getAttribute('href'),
          name: (a.getAttribute('aria-label') || a.textContent || '').trim().slice(0, 60),
          visible: shown.width > 0 && shown.height > 0 && shown.right > 0 && shown.left < innerWidth
                   && shown.bottom > 0 && s.visibility !== 'hidden'}; })()"""


def test_keyboard_at_390px_lands_on_visible_things_and_reaches_the_named_menu_button(phone, site_url: str) -> None:
    page, _ = open_page(phone, site_url, "mal/fokusmal-1/")
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert skip and skip["href"] and skip["href"].startswith("#"), skip
    walk = []
    for _ in range(6):
        page.keyboard.press("Tab")
        walk.append(page.evaluate(FOCUSED))
    assert walk[0] and walk[0]["visible"], walk[0]  # the first Tab after the skip link
    hidden = [w for w in walk if w and not w["visible"]]
    assert hidden == [], hidden
    menu = [w for w in walk if w and w["id"] == "pm-menu-button"]
    assert menu and menu[0]["name"] == "Meny", walk
    # The button opens the menu from the keyboard, and the menu's links are then reachable.
    page.focus("#pm-menu-button")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.querySelector('#pm-menu-button').getAttribute('aria-expanded')") == "true"


def test_axe_at_390px(phone, site_url: str) -> None:
    failures: list[str] = []
    for path in ("", "mal/fokusmal-1/", "indikatorer/testandel/", "uppdrag/"):
        page, _ = open_page(phone, site_url, path)
        inject_axe(page)
        failures += axe_violations(page, f"{path or 'start'} (390 px)")
        page.close()
    assert failures == [], "\n".join(failures)


def test_each_chart_is_described_once(desktop, site_url: str) -> None:
    page, _ = open_page(desktop, site_url, "indikatorer/testandel/")
    figures = page.evaluate("""Array.from(document.querySelectorAll('figure.pm-chart')).map(f => ({
        label: f.getAttribute('aria-label'), alt: f.querySelector('img').getAttribute('alt'),
        caption: f.querySelector('figcaption') && f.querySelector('figcaption').getAttribute('aria-hidden')}))""")
    assert figures
    for f in figures:
        assert f["alt"] and f["label"] is None and f["caption"] == "true", f
    heading = page.evaluate("document.querySelector('.admonition-title').tagName")
    assert heading == "H2"  # "Att tänka på" is a heading
