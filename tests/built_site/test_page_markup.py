"""The build's own gates on what pages in docs/ publish (macros/plugin/plugin.py): the HTML a page's
Markdown made with every extension mkdocs.yml lists runs no script, and no page loads anything from
another origin, whatever mkdocs.yml or the theme add. A refused build leaves the previous site as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_site, copy_project


def previous_site(site: Path) -> Path:
    site.mkdir()
    (site / "index.html").write_text("tidigare", encoding="utf-8")
    return site


@pytest.mark.build
def test_markup_an_extension_makes_is_refused_with_the_pages_line(tmp_path: Path) -> None:
    """attr_list (listed in mkdocs.yml, not by validation) turns `{: onclick=… }` into an attribute."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - attr_list\n", 1), encoding="utf-8")
    page = project / "docs/om.md"
    text = page.read_text(encoding="utf-8") + '\n[Läs mer](#){: onclick="alert(1)" }\n'
    page.write_text(text, encoding="utf-8")
    site = previous_site(tmp_path / "site")
    result = build_site(project, site)
    assert result.returncode != 0
    line = text.count("\n")
    assert f"docs/om.md:{line}: fel: Attributet onclick" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "tidigare"


@pytest.mark.build
def test_nothing_from_another_origin_whatever_mkdocs_yml_adds(tmp_path: Path) -> None:
    """The theme's web fonts (no `font: false`) and a script from a CDN in extra_javascript."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  font: false" in text and "extra_javascript:\n" in text
    config.write_text(text.replace("  font: false", "  font:\n    text: Roboto").replace(
        "extra_javascript:\n", "extra_javascript:\n  - https://cdn.example.com/bibliotek.js\n"), encoding="utf-8")
    site = previous_site(tmp_path / "site")
    result = build_site(project, site)
    assert result.returncode != 0
    assert "fel:" in result.stderr and "mkdocs.yml" in result.stderr, result.stderr
    assert "https://fonts.googleapis.com" in result.stderr and "https://cdn.example.com/bibliotek.js" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "tidigare"


@pytest.mark.build
def test_a_site_url_with_markup_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    """SITE_URL goes into every page's canonical link, the feeds and the sitemap as it is."""
    project = copy_project(tmp_path / "project")
    site = previous_site(tmp_path / "site")
    result = build_site(project, site, extra_env={"SITE_URL": 'https://kommun.example/"><script>alert(1)</script>/'},
                        warm=False)  # refused before any chart is drawn
    assert result.returncode != 0
    assert "site_url" in result.stderr and "citattecken eller vinkelparenteser" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "tidigare"
