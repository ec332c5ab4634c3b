"""Layout facts in real Chromium, on a small synthetic project: phones (320/390 px), laptops (1280 px),
print, the interactive chart. Nothing here depends on the live content."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.conftest import build_site

pytestmark = pytest.mark.browser

SITE_URL = "https://example.invalid/"
LONG_NAME = "Syntetiska arbetsmarknadsnämnden"


@pytest.fixture(scope="module")
def layout_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic corpus, cut to one indicator (with a gap and a flag) and given a committee with a long
    compound name: every page kind, built once for this module."""
    from scripts.synthetic import generate

    project = generate(tmp_path_factory.mktemp("layout") / "project", 6)
    for path in sorted((project / "content/indicators").glob("*.yaml"))[1:]:
        path.unlink()
    for path in sorted((project / "data/series").glob("*.csv"))[1:]:
        path.unlink()
    series = next((project / "data/series").glob("*.csv"))
    lines = series.read_text(encoding="utf-8").splitlines()
    first_home_row = next(i for i, line in enumerate(lines) if line.startswith("synkommun-01,2019,"))
    lines[first_home_row] = "synkommun-01,2019,,missing,Syntetiska testdata,"
    lines[first_home_row + 1] = lines[first_home_row + 1].replace(",,Syntetiska", ",preliminary,Syntetiska")
    series.write_text("\n".join(lines) + "\n", encoding="utf-8")
    committees = yaml.safe_load((project / "data/committees.yaml").read_text(encoding="utf-8"))
    committees[0]["name"] = LONG_NAME
    (project / "data/committees.yaml").write_text(yaml.safe_dump(committees, allow_unicode=True), encoding="utf-8")
    site = project.parent / "site"
    result = build_site(project, site, {"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def layout_url(layout_site: Path) -> Iterator[str]:
    from tests.browser import serve

    with serve(layout_site) as url:
        yield url


def first(site: Path, folder: str) -> str:
    pages = sorted(p.parent.name for p in (site / folder).glob("*/index.html") if not p.parent.name.startswith("sida-"))
    assert pages, folder
    return f"{folder}/{pages[0]}/"


def page_kinds(site: Path) -> dict[str, str]:
    return {"start": "", "goals": "mal/", "goal": first(site, "mal"), "missions": "uppdrag/",
            "mission": first(site, "uppdrag"), "committees": "namnder/", "committee": first(site, "namnder"),
            "indicators": "indikatorer/", "indicator": first(site, "indikatorer"), "changes": "andringar/",
            "open-data": "oppna-data/", "about": "om/", "accessibility": "tillganglighet/",
            "search": "?q=syntetiskt"}


KINDS = ["start", "goals", "goal", "missions", "mission", "committees", "committee", "indicators", "indicator",
         "changes", "open-data", "about", "accessibility", "search"]

# Words drawn on more than one line (broken mid-word), and boxes in the article that scroll sideways.
PROBE = r"""() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el.getClientRects().length || el.closest('thead, .pm-visually-hidden, .pm-print-only, svg')) continue;
    for (const m of node.data.matchAll(/\S+/g)) {
      if (m[0].length < 2 || /[-–—\/\u00ad]/.test(m[0])) continue;  // may break at a hyphen or a slash
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      if ([...range.getClientRects()].filter(r => r.width > 0).length > 1) broken.push(m[0]);
    }
  }
  const scrolling = [...document.querySelectorAll('article *')].filter(el => {
    const s = getComputedStyle(el);
    return ['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
  }).map(el => el.tagName + '.' + el.className);
  // What reaches past the right edge, to name the culprit when the page scrolls sideways.
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > innerWidth + 0.5;
  })
    .slice(0, 5).map(el => el.tagName + '.' + el.className);
  return {page: document.scrollingElement.scrollWidth - innerWidth, broken, scrolling, wide};
}"""


def open_at(browser, url: str, width: int, **options):
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)
    page = context.new_page()
    page.goto(url, wait_until="load")
    if "?q=" in url:
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return context, page


# Without JavaScript the theme shows fewer header buttons (no colour toggle, no search), so the header
# lays out differently; search has no results page without it. 640 px is a laptop at 200 % zoom.
WIDTHS = (320, 390, 640)
SCREENS = [pytest.param(kind, js, id=f"{kind}-{'js' if js else 'nojs'}")
           for js in (True, False) for kind in KINDS if js or kind != "search"]
# Layout after the viewport changed: Material and portal.js react to media queries and resize events on the
# next frames, so wait for two of them. Without JavaScript nothing reacts, and the styles are recomputed as
# the probe reads the layout.
SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def resize(page, width: int, js: bool) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    if js:
        page.evaluate(SETTLE)


@pytest.mark.parametrize(("kind", "js"), SCREENS)
def test_no_sideways_scrolling_and_no_word_broken_on_a_phone(browser, layout_site: Path, layout_url: str,
                                                              kind: str, js: bool) -> None:
    """Each page kind at 320, 390 and 640 px, with and without JavaScript: loaded once at 320 px and resized,
    which lays it out as a fresh load at that width does (test_resizing_lays_out_as_loading_at_that_width)."""
    context, page = open_at(browser, layout_url + page_kinds(layout_site)[kind], WIDTHS[0], java_script_enabled=js)
    failures = []
    try:
        for width in WIDTHS:
            if width != WIDTHS[0]:
                resize(page, width, js)
            facts = page.evaluate(PROBE)
            where = f"{kind} at {width} px {'with' if js else 'without'} JavaScript"
            if facts["page"] > 0:
                failures.append(f"{where} scrolls sideways by {facts['page']} px: {facts['wide']}")
            if facts["scrolling"]:
                failures.append(f"{where}: boxes scroll sideways: {facts['scrolling']}")
            if facts["broken"]:
                failures.append(f"{where}: words broken mid-word: {facts['broken']}")
    finally:
        context.close()
    assert failures == [], "\n".join(failures)


# What PROBE reads, for every element: where each box that has a width begins and ends across the page (its text
# breaks into lines by that width), how each box in the article scrolls sideways, and how wide the page is. Every
# answer of the probe is horizontal, so heights are left out (the hidden search panel's follows the window's).
# Two pages that agree on this give the probe the same answers.
LAYOUT = r"""() => [document.scrollingElement.scrollWidth, ...[...document.querySelectorAll('body *')].map(el => {
  const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  const box = r.width > 0 ? [r.left, r.width].map(Math.round).join(',') : 'no width';
  const scroll = el.closest('article') ? [s.overflowX, el.scrollWidth, el.clientWidth].join(',') : '';
  return [el.tagName, typeof el.className === 'string' ? el.className : '', s.display, s.visibility, box,
          scroll].join(' ');
})]"""


@pytest.mark.parametrize(("kind", "js"), [("missions", True), ("indicator", True), ("search", True),
                                           ("missions", False)])
def test_resizing_lays_out_as_loading_at_that_width(browser, layout_site: Path, layout_url: str, kind: str,
                                                    js: bool) -> None:
    """The proof the sideways-scrolling test relies on, on the kinds with the most JavaScript (filters, charts,
    search results) and one without it: a page loaded at 320 px and resized to 390 and 640 px is laid out
    element for element as one loaded at that width."""
    url = layout_url + page_kinds(layout_site)[kind]
    context, page = open_at(browser, url, WIDTHS[0], java_script_enabled=js)
    failures = []
    try:
        for width in WIDTHS[1:]:
            resize(page, width, js)
            resized = page.evaluate(LAYOUT)
            fresh_context, fresh = open_at(browser, url, width, java_script_enabled=js)
            try:
                loaded = fresh.evaluate(LAYOUT)
            finally:
                fresh_context.close()
            if resized != loaded:
                differences = [f"resized: {a}\n    loaded:  {b}" for a, b in zip(resized, loaded, strict=False)
                               if a != b][:5]
                failures.append(f"{kind} at {width} px ({len(resized)} and {len(loaded)} elements):\n  "
                                + "\n  ".join(differences))
    finally:
        context.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("kind", ["missions", "goal", "committee"])
def test_listings_become_stacked_cards_with_the_status_in_view(browser, layout_site: Path, layout_url: str,
                                                                kind: str) -> None:
    context, page = open_at(browser, layout_url + page_kinds(layout_site)[kind], 320)
    try:
        rows = page.eval_on_selector_all("table.pm-missions tbody tr:not([hidden])", """rows => rows.map(tr => {
            const box = el => el.getBoundingClientRect();
            const title = box(tr.querySelector('.pm-c-title')), status = box(tr.querySelector('.pm-c-status'));
            const resp = tr.querySelector('.pm-c-resp');
            return {statusLeft: status.left, statusRight: status.right, statusTop: status.top,
                    titleBottom: title.bottom, label: getComputedStyle(resp, '::before').content};
        })""")
        assert rows, "no mission rows"
        for row in rows:
            assert 0 <= row["statusLeft"] and row["statusRight"] <= 320, row  # the status is on screen
            assert row["statusTop"] >= row["titleBottom"] - 1, row  # under its title, not in a column beside it
            assert "Ansvariga" in row["label"], row  # each cell says what it is
        head = page.eval_on_selector("table.pm-missions thead", "el => el.getBoundingClientRect().height")
        assert head <= 1  # the column headers are kept for screen readers only
    finally:
        context.close()


def test_laptop_listing_is_a_table_and_the_content_uses_the_width(browser, layout_site: Path,
                                                                   layout_url: str) -> None:
    context, page = open_at(browser, layout_url + "uppdrag/", 1280)
    try:
        assert page.eval_on_selector("table.pm-missions", "t => getComputedStyle(t).display") == "table"
        assert page.eval_on_selector("table.pm-missions thead", "el => el.getBoundingClientRect().height") > 20
        width = page.eval_on_selector("article", "el => el.getBoundingClientRect().width")
        assert width >= 800, width  # not a 600 px column between two sidebars
        # Responsibility by full name where there is room.
        names = page.eval_on_selector_all("table.pm-missions td.pm-c-resp a", "els => els.map(e => e.textContent)")
        assert names and all(n.startswith("Syntetisk") for n in names), names
    finally:
        context.close()


def test_the_page_title_is_the_strongest_heading(browser, layout_site: Path, layout_url: str) -> None:
    for width in (390, 1280):
        context, page = open_at(browser, layout_url + page_kinds(layout_site)["goal"], width)
        try:
            style = page.evaluate("""() => Object.fromEntries(['h1', 'h2', 'h3', 'article p'].map(sel => {
                const s = getComputedStyle(document.querySelector('article ' + sel.replace('article ', '')));
                const alpha = (s.color.match(/rgba?\\(([^)]+)\\)/)[1].split(',')[3] ?? '1');
                return [sel, {size: parseFloat(s.fontSize), weight: parseInt(s.fontWeight), alpha: parseFloat(alpha)}];
            }))""")
            h1, h2, h3, body = style["h1"], style["h2"], style["h3"], style["article p"]
            assert h1["size"] > h2["size"] > body["size"] and h3["size"] >= body["size"], (width, style)
            assert h1["weight"] >= 700 and h1["weight"] >= h2["weight"] >= h3["weight"], (width, style)
            assert h1["alpha"] >= 0.85, style  # full-strength text, not the theme's pale grey
        finally:
            context.close()


def test_the_start_page_has_navigation(browser, layout_url: str) -> None:
    context, page = open_at(browser, layout_url, 1280)
    try:
        nav = page.locator(".md-sidebar--primary")
        assert nav.is_visible()
        hrefs = nav.locator("a").evaluate_all("els => els.filter(e => e.offsetParent).map(e => e.getAttribute('href'))")
        for target in ("namnder/", "andringar/", "oppna-data/"):
            assert any(h.endswith(target) for h in hrefs), (target, hrefs)
    finally:
        context.close()
    context, page = open_at(browser, layout_url, 390)
    try:
        # The menu on a phone: the theme's label, made a named button by portal.js.
        menu = page.locator("#pm-menu-button")
        assert menu.is_visible() and menu.get_attribute("aria-label") == "Meny"
    finally:
        context.close()


def test_mission_filters_take_their_place_before_the_script_runs(browser, layout_url: str) -> None:
    """No layout shift: the filter form is laid out from the first paint (the inline .pm-js flag), so
    portal.js showing it later moves nothing."""
    heights = {}
    for blocked in (True, False):
        context = browser.new_context(viewport={"width": 390, "height": 800})
        page = context.new_page()
        if blocked:
            page.route("**/assets/portal.js", lambda route: route.abort())
        page.goto(layout_url + "uppdrag/", wait_until="load")
        heights[blocked] = page.eval_on_selector("table.pm-missions", "t => t.getBoundingClientRect().top")
        context.close()
    assert heights[True] == heights[False], heights


def test_chart_images_declare_their_size_and_phones_get_the_narrow_one(browser, layout_site: Path,
                                                                       layout_url: str) -> None:
    from macros.publish.charts import svg_size

    path = page_kinds(layout_site)["indicator"]
    for width, narrow in ((390, True), (1280, False)):
        context, page = open_at(browser, layout_url + path, width)
        try:
            for img in page.locator("img.pm-chart__image").all():  # lazy: loaded once scrolled to
                img.scroll_into_view_if_needed()
            page.wait_for_function("[...document.querySelectorAll('img.pm-chart__image')].every(i => i.currentSrc)")
            images = page.eval_on_selector_all("figure.pm-chart picture", """pics => pics.map(p => {
                const img = p.querySelector('img');
                return {src: img.getAttribute('src'), w: img.getAttribute('width'), h: img.getAttribute('height'),
                        current: img.currentSrc, sources: [...p.querySelectorAll('source')].map(s => ({
                            src: s.getAttribute('srcset'), w: s.getAttribute('width'), h: s.getAttribute('height')}))};
            })""")
            assert len(images) == 2  # trend and comparison
            for image in images:
                for item in [image, *image["sources"]]:
                    svg = (layout_site / path / item["src"]).read_text(encoding="utf-8")
                    assert (int(item["w"]), int(item["h"])) == svg_size(svg), item
                assert image["current"].endswith("-smal.svg") == narrow, image
        finally:
            context.close()


def test_a_goal_page_prints_as_a_report(browser, layout_site: Path, layout_url: str) -> None:
    path = page_kinds(layout_site)["goal"]
    context, page = open_at(browser, layout_url + path, 390)  # a phone's width: print is not a phone layout
    try:
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar", ".md-footer", ".pm-feed"):
            assert page.locator(hidden).count() and not page.locator(hidden).first.is_visible(), hidden
        meta = page.locator(".pm-print-meta")
        assert meta.is_visible()
        assert SITE_URL + path in meta.inner_text() and re.search(r"Utskriven \d+ \w+ 20\d\d", meta.inner_text())
        table = page.eval_on_selector("table.pm-missions", """t => ({
            table: getComputedStyle(t).display, head: getComputedStyle(t.tHead).display,
            row: getComputedStyle(t.tBodies[0].rows[0]).breakInside,
            heading: getComputedStyle(document.querySelector('article h2')).breakAfter,
            wrap: getComputedStyle(t.parentElement).overflowX})""")
        assert table == {"table": "table", "head": "table-header-group", "row": "avoid", "heading": "avoid",
                         "wrap": "visible"}, table
    finally:
        context.close()
    context, page = open_at(browser, layout_url + page_kinds(layout_site)["indicator"], 1280)
    try:
        assert page.locator("button.pm-chart__toggle").count() == 2
        page.emulate_media(media="print")
        assert not page.locator("button.pm-chart__toggle").first.is_visible()
    finally:
        context.close()
    context, page = open_at(browser, layout_url + page_kinds(layout_site)["missions"], 1280)
    try:  # the filters are shown by portal.js, and never printed
        assert page.locator(".pm-filters").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".pm-filters").is_visible()
    finally:
        context.close()


def test_a_page_printed_without_javascript_shows_its_build_date(browser, layout_site: Path, layout_url: str) -> None:
    context, page = open_at(browser, layout_url + page_kinds(layout_site)["goal"], 1280, java_script_enabled=False)
    try:
        page.emulate_media(media="print")
        assert re.search(r"Sidan byggd \d{4}-\d\d-\d\d", page.locator(".pm-print-meta").inner_text())
    finally:
        context.close()


def test_interactive_chart_shows_each_value_on_hover_and_on_keyboard_focus(browser, layout_site: Path,
                                                                            layout_url: str) -> None:
    context, page = open_at(browser, layout_url + page_kinds(layout_site)["indicator"], 1280)
    try:
        figure = page.locator("figure.pm-chart").nth(1)  # the comparison chart
        figure.locator("button.pm-chart__toggle").focus()
        page.keyboard.press("Enter")
        figure.locator(".pm-chart__view svg").wait_for(timeout=15_000)
        # Keyboard: focus lands on the first value; the arrow keys move on; each shows year, value, flag, source.
        page.wait_for_function("document.activeElement.getAttribute('role') === 'graphics-symbol'")
        tip = figure.locator(".pm-chart__focus")
        first_text = tip.inner_text()
        for field in ("Kommun: ", "År: ", "Värde: ", "Anmärkning: ", "Källa: Syntetiska testdata"):
            assert field in first_text, first_text
        assert page.evaluate("document.activeElement.getAttribute('tabindex')") == "0"
        page.keyboard.press("ArrowDown")
        assert tip.is_visible() and tip.inner_text() != first_text
        assert page.evaluate("document.activeElement.getAttribute('role')") == "graphics-symbol"
        # Hover: vega-tooltip, from the site's own bundle.
        bar = figure.locator(".pm-chart__view svg .mark-rect path").nth(3).bounding_box()
        page.mouse.move(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        hover = page.locator("#vg-tooltip-element")
        hover.wait_for(state="visible", timeout=5_000)
        assert "Källa" in hover.inner_text() and "År" in hover.inner_text()
        assert figure.locator(".pm-chart__hint").is_visible()
    finally:
        context.close()


def test_filter_choices_stay_out_of_the_search_index(browser, layout_site: Path, layout_url: str) -> None:
    import json

    index = json.loads((layout_site / "search/search_index.json").read_text(encoding="utf-8"))
    overview = " ".join(d["text"] for d in index["docs"] if d["location"].split("#")[0] == "uppdrag/")
    assert "Filtrera" in overview and "Syntetisk nämnd" not in overview and LONG_NAME not in overview
    context, page = open_at(browser, layout_url + "uppdrag/", 390)
    try:  # with JavaScript the choices are there
        labels = page.eval_on_selector_all("#pm-f-committee option", "os => os.map(o => o.textContent)")
        assert labels[0] == "Alla nämnder" and LONG_NAME in labels
    finally:
        context.close()
