"""Declared fields (macros/publish/fields.py): every field of every record kind is published (page, open data,
search) or left out with a reason, and the open-data CSVs have exactly the declared columns."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pytest
from pydantic import Field, create_model

from macros.content.models import CONTENT_MODELS, VOCABULARY_MODELS, Mission
from macros.publish.fields import MISSIONS, PUBLISHED, RECORD_JSON
from macros.publish.opendata import open_data_files
from macros.publish.spreadsheet import SUFFIX
from macros.validation.loader import errors_only, load_content
from tests.conftest import FIXTURE


@pytest.mark.parametrize("kind", list(PUBLISHED))
def test_every_field_is_published_or_left_out_with_a_reason(kind: str) -> None:
    declared = PUBLISHED[kind]
    assert declared.undeclared() == [], (
        f"{kind}: fields neither published nor omitted with a reason in macros/publish/fields.py "
        f"(see README 'How to add a field'): {declared.undeclared()}")
    assert declared.unknown() == [], f"{kind}: declared names that are no field of the model: {declared.unknown()}"
    assert not set(declared.omitted) & declared.published(), f"{kind}: a field both published and omitted"


def test_every_record_kind_has_a_declaration() -> None:
    models = {**CONTENT_MODELS, **VOCABULARY_MODELS}
    for kind, model in models.items():
        assert kind in PUBLISHED and PUBLISHED[kind].model is model, kind
    assert set(RECORD_JSON) <= set(PUBLISHED)


def test_a_new_field_fails_until_it_is_declared() -> None:
    with_budget = create_model("Mission", __base__=Mission,
                               budget=(int | None, Field(default=None, description="Budget i kronor.")))
    forgotten = dataclasses.replace(MISSIONS, model=with_budget)
    assert forgotten.undeclared() == ["budget"]
    explained = dataclasses.replace(forgotten, omitted={"budget": "Not published until the source states it."})
    assert explained.undeclared() == []
    shown = dataclasses.replace(forgotten, page=(*MISSIONS.page, "budget"))
    assert shown.undeclared() == []


@pytest.fixture(scope="module")
def opendata(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    content, problems = load_content(FIXTURE)
    assert errors_only(problems) == []
    return open_data_files(content, "https://example.invalid/")


@pytest.mark.parametrize(("dataset", "kind"), [("mal", "goals"), ("uppdrag", "missions"), ("namnder", "committees"),
                                               ("indikatorer", "indicators"), ("nyheter", "news")])
def test_the_open_data_csv_has_the_declared_columns(opendata: dict[str, str], dataset: str, kind: str) -> None:
    header = next(csv.reader(io.StringIO(opendata[f"api/{dataset}.csv"])))
    assert header == PUBLISHED[kind].column_names


def test_series_csv_starts_with_the_declared_columns(opendata: dict[str, str]) -> None:
    name = next(n for n in opendata if n.startswith("api/serier/") and n.endswith(".csv") and not n.endswith(SUFFIX))
    header = next(csv.reader(io.StringIO(opendata[name])))
    assert header[: len(PUBLISHED["series"].column_names)] == PUBLISHED["series"].column_names


def test_the_readme_says_how_to_add_a_field() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "## How to add a field" in readme and "macros/publish/fields.py" in readme


def test_search_finds_a_page_by_fields_it_shows() -> None:
    for kind, declared in PUBLISHED.items():
        assert set(declared.search) <= set(declared.page), kind


def _pages(content) -> dict[str, list[tuple[object, str]]]:
    """Each record of the fixture project with its page: the generated Markdown (its heading) and the body
    its view renders, as the build makes them."""
    from types import SimpleNamespace

    from macros.build.pages import generated_pages
    from macros.structure.paging import PageSizes
    from macros.structure.urls import page_file, page_url
    from tests.page_html import page_html

    portal = SimpleNamespace(content=content, page_sizes=PageSizes())
    markdown = {p.src_uri: p.markdown for p in generated_pages(portal)}  # type: ignore[arg-type]

    def page(kind: str, rid: str, body: str) -> str:
        return markdown[page_file(kind, rid)] + body

    def body(name: str, kind: str, rid: str) -> str:
        return page_html(content, name, page_url(kind, rid), rid)

    return {
        "goals": [(g, page("goals", g.id, body("goal_page", "goals", g.id))) for g in content.goals.values()],
        "missions": [(m, page("missions", m.id, body("mission_page", "missions", m.id)))
                     for m in content.missions.values()],
        "news": [(n, page("news", n.id, body("news_page", "news", n.id))) for n in content.news.values()],
    }


def test_every_declared_text_field_is_on_the_page() -> None:
    """Each declared page field holding text (a title, a description, a lead) reaches the record's page."""
    import html as html_module

    content, problems = load_content(FIXTURE)
    assert errors_only(problems) == []
    for kind, pages in _pages(content).items():
        declared = PUBLISHED[kind]
        for record, page in pages:
            # The words as a reader sees them: no tags, no Markdown escapes, one space between words.
            text = " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", page.replace("\\", ""))).split())
            for name in declared.page:
                value = getattr(record, name)
                if name == "id" or not isinstance(value, str):
                    continue
                first_words = " ".join(value.split()[:6])
                # A reference to another record (a mission's goal) is shown as its link.
                shown = first_words in text or f'/{value}/"' in page
                assert shown, f"{kind} {record.id}: {name} {first_words!r} not on its page"
