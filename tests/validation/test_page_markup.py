"""A page in docs/ runs no script and loads nothing from another origin: its Markdown's HTML and its
front matter are checked by validation, each problem on its line (macros/validation/docpages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.structure.page_views import VIEW_NAMES
from macros.validation.docpages import check_page
from tests.conftest import FIXTURE, copy_project
from tests.site_checks import validate

PAGE = (FIXTURE / "docs/om.md").read_text(encoding="utf-8")

# (what the editor writes, a word of the message)
ATTACKS = [
    ('<script>alert(1)</script>', "<script>"),
    ('<img src="https://bilder.example/pixel.png" alt="">', "annan webbplats"),
    ('![Karta](https://kartor.example/karta.png)', "annan webbplats"),
    ('[Klicka här](javascript:alert(1))', "javascript:"),
    ('<iframe src="https://video.example/embed/1"></iframe>', "<iframe>"),
    ('<p onmouseover="alert(1)">Text</p>', "onmouseover"),
    ('<div style="background: url(https://bilder.example/bg.png)">Text</div>', "url()"),
]


def problems(source: str) -> list[str]:
    return [p.text() for p in check_page(source, "docs/om.md", VIEW_NAMES)]


@pytest.mark.parametrize(("payload", "word"), ATTACKS)
def test_markup_that_runs_or_loads_from_elsewhere_is_refused_on_its_line(payload: str, word: str) -> None:
    source = PAGE + "\nText före.\n\n" + payload + "\n\nText efter.\n"
    line = source.splitlines().index(payload) + 1
    found = problems(source)
    assert len(found) == 1 and found[0].startswith(f"docs/om.md:{line}: fel:") and word in found[0], found


def test_html_shown_as_code_links_and_own_pictures_are_fine() -> None:
    assert problems(PAGE + "\nSkriv `<script>` så här:\n\n```\n<script>x</script>\n```\n\n"
                    "[Kommunen](https://kommun.example/), [e-post](mailto:a@kommun.example), "
                    "![Karta](assets/karta.png)\n") == []


@pytest.mark.parametrize("value", ['"Om <img src=x onerror=alert(1)>"', "'\"><script>alert(1)</script>'",
                                   "'0;url=https://x.example/\" http-equiv=\"refresh'"])
def test_front_matter_texts_hold_no_markup_characters(value: str) -> None:
    assert PAGE.startswith("---\ntitle:")
    found = problems(PAGE.replace("---\ntitle:", f"---\ndescription: {value}\ntitle:", 1))
    assert len(found) == 1 and found[0].startswith("docs/om.md:2: fel: fältet 'description':"), found


def test_validation_names_the_page_and_line(tmp_path: Path) -> None:
    """End to end, as CI runs it: the message and exit code of scripts.validate."""
    project = copy_project(tmp_path / "project")
    page = project / "docs/om.md"
    page.write_text(PAGE + "\n![Karta](https://kartor.example/karta.png)\n", encoding="utf-8")
    result = validate(project)
    assert result.returncode == 1
    line = PAGE.count("\n") + 2
    assert f"docs/om.md:{line}: fel:" in result.stdout and "https://kartor.example/karta.png" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# --- texts from mkdocs.yml and data/portal.yaml that the theme prints: mkdocs renders its templates unescaped

def settings(**changes: object):
    from macros.content.models import Settings

    return Settings(publisher_name="K", publisher_url="https://k.example/", feed_tag="k.example,2025", **changes)


def test_markup_characters_in_mkdocs_yml_texts_are_refused_on_their_line() -> None:
    from macros.validation.site_settings import mkdocs_problems

    text = ('site_name: K\nsite_description: \'Följ "våra" mål\'\nnav:\n  - Start: index.md\n'
            '  - "Om <b>portalen</b>": om.md\n')
    nav = [{"Start": "index.md"}, {"Om <b>portalen</b>": "om.md"}]
    found = [p.text() for p in mkdocs_problems(settings(), "K", nav, text, description='Följ "våra" mål')]
    assert [line.split(" Texten")[0] for line in found] == [
        "mkdocs.yml:2: fel: fältet 'site_description':", "mkdocs.yml:5: fel: fältet 'nav':"], found
    assert mkdocs_problems(settings(), "K", [{"Start": "index.md"}], "site_name: K\n",
                           description="Följ ”våra” mål") == []


def test_settings_texts_reach_the_theme_escaped() -> None:
    from macros.validation.site_settings import theme_texts

    texts = theme_texts(settings(municipality_genitive='K:s <img src=x onerror="alert(1)">'))
    assert texts["municipality_genitive"] == "K:s &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"


@pytest.mark.parametrize("logo", ["../../hemlig.png", "/etc/bild.png", "assets/../../x.svg", ".dold/logo.svg"])
def test_a_logo_outside_docs_is_refused(logo: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        settings(logo=logo)
    assert settings(logo="assets/logo-2.svg").logo == "assets/logo-2.svg"


# --- other files in docs/ are published as they are, and an HTML, XML or SVG file runs script when opened

def docs_file_problems(project: Path) -> list[str]:
    from macros.content.repofiles import read_bytes
    from macros.validation.docfiles import check_files

    return [p.text() for p in check_files(project, lambda path, limit: read_bytes(path, limit, project))]


@pytest.mark.parametrize(("name", "body", "line"), [
    ("assets/sida.html", "<script>alert(1)</script>", 1),
    ("assets/flode.xml", '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>', 1),
    ("assets/karta.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>', 2),
    ("assets/karta.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n\n<rect onclick="alert(1)"/></svg>', 3),
    ("assets/karta.svg", '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', 1),
    ("assets/karta.svg", '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://bild.example/x.png"/></svg>', 1),
    ("assets/karta.svg", '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="javascript:alert(1)">x</a></svg>', 1),
    ("assets/karta.svg", '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:a"/></svg>',
     1),
])
def test_files_in_docs_that_run_script_when_opened_are_refused(tmp_path: Path, name: str, body: str,
                                                                line: int) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / name).write_text(body, encoding="utf-8")
    found = docs_file_problems(project)
    assert len(found) == 1 and found[0].startswith(f"docs/{name}:{line}: fel:"), found


def test_an_ordinary_svg_logo_is_fine(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs/assets/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><style>.a{fill:url(#g)}'
        '</style><defs><linearGradient id="g"/></defs><use xlink:href="#s"/><a href="https://kommun.example/">'
        '<rect class="a" style="fill:url(#g)"/></a></svg>', encoding="utf-8")
    assert docs_file_problems(project) == []


@pytest.mark.parametrize("address", ["fel%0Abcc@kommun.example", "fel%40annan.example@kommun.example",
                                     "fel@kommun.example?bcc=annan@x.example", "fel@kommun.example\nBcc: x@y.se"])
def test_an_email_address_that_could_smuggle_a_header_is_refused(address: str) -> None:
    from pydantic import ValidationError

    for field in ("report_email", "contact_email"):
        with pytest.raises(ValidationError):
            settings(**{field: address})
    assert settings(report_email="fel.rapport+portal@kommun.example").report_email


@pytest.mark.parametrize("front", ["title: !!str <script>alert(1)</script>\n", "a: &x '<b>'\ntitle: *x\n"])
def test_front_matter_our_reader_refuses_is_an_error_not_a_skipped_check(front: str) -> None:
    found = problems(PAGE.replace("---\ntitle:", f"---\n{front}title:", 1))
    assert len(found) == 1 and found[0].startswith("docs/om.md:"), found
    assert found[0].split(": fel: ")[1].startswith("Sidans inledning (mellan raderna ---) kan inte läsas"), found
