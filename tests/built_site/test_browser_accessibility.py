"""Accessibility and privacy in real headless Chromium: axe-core, requests, cookies, keyboard, search.
The site is the fixture project's (tests/fixture_project/); test_live_content.py runs axe on a sample
of the live site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import PALETTE, STRUCTURE, axe_violations, dark_axe_failures, inject_axe

pytestmark = pytest.mark.browser

PAGES = {
    "start": "",
    "goals-overview": "mal/",
    "goal": "mal/fokusmal-1/",
    "goal-without-text": "mal/fokusmal-2/",
    "mission": "uppdrag/fm1-uppdrag-2/",
    "missions-overview": "uppdrag/",
    "committee": "namnder/pn/",
    "committees-overview": "namnder/",
    "indicator": "indikatorer/testandel/",
    "indicators-overview": "indikatorer/",
    "news": "nyheter/testnyhet-om-testandelen/",
    "changes": "andringar/",
    "open-data": "oppna-data/",
    "about": "om/",
    "accessibility-statement": "tillganglighet/",
    "search-results": "?q=%C3%A4ldreomsorg",
    "not-found": "finns-inte/",
}


class Recorder:
    """Everything a page did that the privacy tests care about."""

    def __init__(self, page, origin: str) -> None:
        self.origin = origin
        self.foreign: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", self._request)
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(
            f"{m.text} @ {m.location.get('url', '')}"))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def main_document_404(self, page) -> None:
        """Chromium logs the 404 status of the page itself as a console error; that one is expected."""
        self.console_errors = [m for m in self.console_errors if not m.endswith(f"404 (Not Found) @ {page.url}")]

    def _request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.origin) or url.startswith("data:") or url.startswith("blob:")):
            self.foreign.append(url)


@pytest.fixture
def context(browser) -> Iterator:
    ctx = browser.new_context(locale="sv-SE")
    yield ctx
    ctx.close()


def open_page(context, site_url: str, path: str, expect_404: bool = False, until: str = "load"):
    """The page once loaded: its scripts have run (the chart bundle loads only when asked for). The privacy test
    then waits for the network to be idle, so that nothing the page fetches later goes unseen."""
    page = context.new_page()
    recorder = Recorder(page, site_url.rstrip("/"))
    response = page.goto(site_url + path, wait_until=until)
    assert response is not None
    assert response.status == (404 if expect_404 else 200), path
    if path.startswith("?q="):
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page, recorder


@pytest.mark.parametrize("name", PAGES)
def test_axe_privacy_and_console(browser, site_url: str, name: str) -> None:
    """Each page in a light and in a dark browser, each in a fresh context, once the network is idle: axe finds
    nothing, the page is in the browser's scheme, requests nothing from another origin, logs no error and sets no
    cookie. Every rule runs in light; in dark, the colour rules (tests/browser.py: dark_axe_failures).
    Both pages load before either is waited on, so their network-idle waits (500 ms of quiet each) overlap;
    each page is checked only once it has reached network idle, as with `goto(wait_until="networkidle")`."""
    path = PAGES[name]
    contexts, pages, recorders = {}, {}, {}
    failures: list[str] = []
    try:
        for scheme in ("light", "dark"):
            contexts[scheme] = browser.new_context(locale="sv-SE", color_scheme=scheme)
            pages[scheme], recorders[scheme] = open_page(contexts[scheme], site_url, path,
                                                         expect_404=name == "not-found")
        for scheme, page in pages.items():
            label = f"{name} ({scheme})"
            page.wait_for_load_state("networkidle")
            expected_scheme = "slate" if scheme == "dark" else "default"
            actual_scheme = page.get_attribute("body", "data-md-color-scheme")
            if actual_scheme != expected_scheme:
                failures.append(f"{label}: colour scheme {actual_scheme!r}, expected {expected_scheme!r}")
            inject_axe(page)
            if scheme == "light":
                failures += axe_violations(page, label)
                light_structure = page.evaluate(STRUCTURE, PALETTE)
            else:
                failures += dark_axe_failures(page, label, light_structure)
            recorder = recorders[scheme]
            if recorder.foreign:
                failures.append(f"{label}: requests to other origins: {recorder.foreign}")
            if name == "not-found":
                recorder.main_document_404(page)
            if recorder.console_errors:
                failures.append(f"{label}: console errors: {recorder.console_errors}")
            if cookies := contexts[scheme].cookies():
                failures.append(f"{label}: cookies: {cookies}")
    finally:
        for context in contexts.values():
            context.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("name", ["start", "goal", "mission", "missions-overview", "committee", "indicator"])
def test_axe_at_320px(browser, site_url: str, name: str) -> None:
    context = browser.new_context(locale="sv-SE", viewport={"width": 320, "height": 640})
    try:
        page, _ = open_page(context, site_url, PAGES[name])
        inject_axe(page)
        violations = axe_violations(page, f"{name} (320 px)")
        assert violations == [], "\n".join(violations)
        # Reflow (WCAG 1.4.10): no horizontal scrolling of the page itself at 320 CSS px.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        context.close()


def test_skip_link_is_first_and_visible_on_focus(context, site_url: str) -> None:
    page, _ = open_page(context, site_url, PAGES["goal"])
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
        " return {text: e.textContent.trim(), href: e.getAttribute('href'), w: r.width, h: r.height}; })()"
    )
    assert focused["href"] == "#malbeskrivning" or focused["href"].startswith("#")
    assert "innehåll" in focused["text"].lower()
    assert focused["w"] > 0 and focused["h"] > 0


def test_every_interactive_element_is_reachable_and_shows_focus(context, site_url: str) -> None:
    page, _ = open_page(context, site_url, PAGES["goal"])
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """(() => { const a = document.activeElement; if (!a || a === document.body) return null;
            // A visually hidden input is shown through its label (the theme's palette toggle).
            const next = a.nextElementSibling;
            const label = a.classList.contains('md-option') && next && next.tagName === 'LABEL' ? next : null;
            const e = label || a;
            const s = getComputedStyle(e); const r = e.getBoundingClientRect();
            return {tag: e.tagName, text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40),
                    href: e.getAttribute('href'), visible: r.width > 0 && r.height > 0,
                    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                          || s.boxShadow !== 'none'}; })()"""
        )
        if info is None or (seen and info == seen[0]):
            break
        seen.append(info)
    hrefs = [s["href"] for s in seen]
    assert "../../uppdrag/fm1-uppdrag-1/" in hrefs and "../../uppdrag/fm1-uppdrag-3/" in hrefs
    assert "../../tillganglighet/" in hrefs  # the footer link
    hidden = [s for s in seen if not s["visible"]]
    assert hidden == [], hidden
    no_ring = [s for s in seen if not s["ring"]]
    assert no_ring == [], no_ring


def search(page, query: str) -> list[str]:
    """The results for `query`, typed as a citizen types it. The first search on a page opens the box with
    Material's keyboard shortcut; a later one empties the box and waits for the old results to go first."""
    if page.input_value(".md-search__input"):
        page.fill(".md-search__input", "")
        page.wait_for_selector(".md-search-result__item", state="detached", timeout=10_000)
        page.focus(".md-search__input")
    else:
        page.keyboard.press("/")  # Material's keyboard shortcut opens search
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")


# Query, and the mission it must find.
INFLECTED = [("språkmentor", "fm2-uppdrag-1"),  # text says 'språkmentorer'
             ("äldreomsorg", "fm1-uppdrag-3"),  # title says 'äldreomsorgen'
             ("stödpedagog", "fm1-uppdrag-1")]  # text says 'stödpedagoger'


def test_swedish_search_finds_inflected_forms(context, site_url: str) -> None:
    """One start page, searched three times (a page load costs more than a search)."""
    page, _ = open_page(context, site_url, PAGES["start"])
    failures = []
    for query, mission in INFLECTED:
        hrefs = search(page, query)
        if not any(f"uppdrag/{mission}/" in h for h in hrefs):
            failures.append(f"{query!r} does not find uppdrag/{mission}/: {hrefs}")
    assert failures == [], "\n".join(failures)


def test_mission_filters_work_with_javascript(context, site_url: str) -> None:
    page, _ = open_page(context, site_url, PAGES["missions-overview"])
    assert page.is_visible("#pm-filters")
    visible = "document.querySelectorAll('table.pm-filterable tbody tr:not([hidden])').length"
    assert page.evaluate(visible) == 4
    page.select_option("#pm-f-committee", "pn")
    assert page.evaluate(visible) == 3  # PN's two, and mission 1, given to all committees and companies
    assert page.text_content("#pm-f-count") == "Visar 3 av 4 uppdrag: Provnämnden."
    page.select_option("#pm-f-status", "complete")
    assert page.evaluate(visible) == 1  # fm1-uppdrag-3
    page.select_option("#pm-f-status", "delayed")
    assert page.evaluate(visible) == 0


def test_mission_filters_live_in_the_address(context, site_url: str) -> None:
    """Reload, a shared link and the back button keep the choices; the caption says what is shown."""
    page, _ = open_page(context, site_url, PAGES["missions-overview"] + "?namnd=pn")
    visible = "document.querySelectorAll('table.pm-filterable tbody tr:not([hidden])').length"
    assert page.input_value("#pm-f-committee") == "pn" and page.evaluate(visible) == 3
    assert page.text_content("table.pm-filterable caption") == "3 av 4 uppdrag: Provnämnden"
    page.select_option("#pm-f-status", "complete")
    assert "namnd=pn" in page.url and "status=complete" in page.url and page.evaluate(visible) == 1
    page.go_back()
    page.wait_for_function("document.getElementById('pm-f-status').value === ''")
    assert page.input_value("#pm-f-committee") == "pn" and page.evaluate(visible) == 3
    page.select_option("#pm-f-committee", "")
    assert page.text_content("table.pm-filterable caption") == "Alla uppdrag och deras senaste status"
    assert "?" not in page.url


def test_missions_table_is_complete_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES["missions-overview"])
        assert page.locator("table.pm-filterable tbody tr").count() == 4
        assert not page.is_visible("#pm-filters")
    finally:
        context.close()


def test_chart_becomes_interactive_from_the_sites_own_bundle(context, site_url: str) -> None:
    page, recorder = open_page(context, site_url, PAGES["indicator"])
    assert page.locator("figure.pm-chart img.pm-chart__image").count() == 2  # trend and comparison
    comparison = page.locator('figure.pm-chart[data-spec="jamforelse-2023.vl.json"]')
    comparison.locator("text=Visa interaktivt diagram").click()
    page.wait_for_selector("figure.pm-chart .pm-chart__view svg", timeout=15_000)
    page.wait_for_load_state("networkidle")
    assert comparison.locator(".pm-chart__view svg .mark-rect path").count() == 3  # the values, not the missing one
    assert page.locator("figure.pm-chart img.pm-chart__image").count() == 1  # the trend stays static
    assert recorder.foreign == [] and recorder.console_errors == []
    assert comparison.locator("figcaption").inner_text().startswith("Stapeldiagram")


def test_goal_page_prints_without_navigation(context, site_url: str) -> None:
    page, _ = open_page(context, site_url, PAGES["goal"])
    page.emulate_media(media="print")
    assert not page.is_visible(".md-header") and not page.is_visible(".md-footer")
    assert page.is_visible("text=Målbeskrivning") and page.is_visible("table.pm-table")


def test_chart_reads_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES["indicator"])
        images = page.locator("figure.pm-chart img.pm-chart__image")
        page.wait_for_function("[...document.querySelectorAll('img.pm-chart__image')].every(img => img.complete)")
        assert images.count() == 2 and all(width > 0 for width in images.evaluate_all(
            "imgs => imgs.map(img => img.naturalWidth)"))
        assert page.locator("text=Visa interaktivt diagram").count() == 0
    finally:
        context.close()


def test_goal_cards_form_a_grid_on_wide_screens(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url)
        boxes = page.eval_on_selector_all("ul.pm-cards > li", "els => els.map(e => e.getBoundingClientRect().top)")
        assert len(boxes) == 2 and boxes[0] == boxes[1]  # side by side, not stacked
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["light", "dark", "forced-colors", "print"])
def test_status_icons_show_a_shape_per_status(browser, site_url: str, mode: str) -> None:
    options = {"forced_colors": "active"} if mode == "forced-colors" else {"color_scheme": mode} \
        if mode in ("light", "dark") else {}
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES["about"], wait_until="networkidle")
        if mode == "print":
            page.emulate_media(media="print")
        # The first legend: the goals' statuses.
        icons = page.eval_on_selector("ul.pm-legend", """list => [...list.querySelectorAll('.pm-icon')].map(el => {
            const s = getComputedStyle(el), box = el.getBoundingClientRect();
            return {shape: s.maskImage || s.webkitMaskImage, colour: s.backgroundColor, w: box.width, h: box.height,
                    label: el.parentElement.textContent.trim(), hidden: el.getAttribute('aria-hidden')};
        })""")
        assert len(icons) == 4  # green, yellow, red, and "Ingen bedömning publicerad"
        for icon in icons:
            assert icon["shape"].startswith('url("data:image/svg+xml') and icon["hidden"] == "true", icon
            assert icon["w"] == icon["h"] == 18 and icon["colour"] not in ("rgba(0, 0, 0, 0)", "transparent"), icon
        assert len({icon["shape"] for icon in icons}) == 4  # each status its own shape, not just its own colour
        if mode == "forced-colors":
            text = page.eval_on_selector("ul.pm-legend .pm-status", "el => getComputedStyle(el).color")
            assert all(icon["colour"] == text for icon in icons)  # drawn in the system's text colour
    finally:
        context.close()
