"""Text from YAML is data: never markup, never a template, in any field that reaches a page."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.browser import served_page
from tests.conftest import build_site, copy_project

PAYLOAD = ('<script>window.__x=1</script><img src=x onerror="window.__x=2"> '
           '[länk](javascript:alert(1)) <a href="javascript:alert(2)">a</a> '
           '{{ 7*7 }} {% raw %}R{% endraw %} {# kommentar #} *fet* `kod`')
# Short texts have length limits (names 100, abbreviations 20): the same attacks, shorter.
SHORT_PAYLOAD = '<script>window.__x=1</script>{{ 7*7 }} *f*'
TINY_PAYLOAD = '<svg onload=a>'


class Markup(HTMLParser):
    """Collects what a browser would treat as markup: elements, attributes, script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def markup(text: str) -> Markup:
    parser = Markup()
    parser.feed(text)
    return parser


def poison(path: Path, fields: list[tuple], payload: str = PAYLOAD) -> None:
    """Append the payload to each listed field (paths into the YAML data)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for loc in fields:
        target = data
        for part in loc[:-1]:
            target = target[part]
        target[loc[-1]] = f"{target[loc[-1]]} {payload}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("poisoned") / "project")
    poison(project / "content/goals/fokusmal-1.yaml", [
        ("title",), ("description",), ("sections", 0, "text"),
        ("follow_ups", 0, "summary"), ("follow_ups", 0, "source", "title"), ("source", "title"),
    ])
    poison(project / "content/goals/fokusmal-1.yaml", [("short_title",), ("sections", 0, "heading")], SHORT_PAYLOAD)
    poison(project / "content/missions/fm1-uppdrag-1.yaml", [("title",), ("description",), ("source", "title")])
    committees = project / "data/committees.yaml"
    data = yaml.safe_load(committees.read_text(encoding="utf-8"))
    data[0]["name"] += " " + SHORT_PAYLOAD
    data[0]["abbreviation"] += " " + TINY_PAYLOAD
    committees.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.build
def test_payload_in_every_text_field_stays_text(poisoned_site: Path) -> None:
    site = poisoned_site

    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    goal = pages[site / "mal/fokusmal-1/index.html"]
    assert goal.count("window.__x") >= 8  # the payload is on the page …
    for path, text in pages.items():  # … but nowhere as markup
        found = markup(text)
        assert not any("__x" in body for body in found.scripts), path
        assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in found.tags), path
        for tag, attrs in found.tags:
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            assert not (attrs.get("href") or "").strip().lower().startswith("javascript:"), (path, attrs)
        assert "<strong>fet</strong>" not in text and "<em>fet</em>" not in text, path
    for page_path in ("mal/fokusmal-1/index.html", "uppdrag/fm1-uppdrag-1/index.html", "namnder/ks/index.html"):
        text = html.unescape(re.sub(r"<[^>]+>", "", pages[site / page_path]))
        assert "{{ 7*7 }}" in text and "{% raw %}R{% endraw %}" in text and "{# kommentar #}" in text, page_path
        assert " 49 " not in text
    # The <title> element shows the text too, escaped.
    assert "<title>Fokusmål 1. Testekonomin &lt;script&gt;" in goal


def test_javascript_url_in_a_source_is_refused(project: Path) -> None:
    from macros.validation.loader import errors_only, load_content

    path = project / "content/missions/fm1-uppdrag-1.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["source"]["url"] = "javascript:alert(1)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    errors = errors_only(load_content(project)[1])
    assert [e.field for e in errors] == ["source.url"]


@pytest.mark.browser
def test_payload_does_not_run_in_the_browser_or_in_search_results(browser, poisoned_site: Path) -> None:
    with served_page(browser, poisoned_site) as (page, url):
        page.goto(url + "mal/fokusmal-1/", wait_until="networkidle")
        page.keyboard.press("/")
        page.keyboard.type("kommentar", delay=20)
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__x") is None
        assert page.locator(".md-search-result img[src='x']").count() == 0


def test_generated_headings_are_literal_text_for_markdown_html_and_jinja() -> None:
    from macros.build.pages import inert

    assert inert("Mål 1. *Trygg*  [stad](x)\n{{ y }} <i>&") == (
        r"Mål 1\. \*Trygg\* \[stad\]\(x\) &#123;&#123; y &#125;&#125; &lt;i&gt;&amp;")
