"""The status vocabulary (macros/content/vocabulary.py) is the one declaration of the categories: a category
added there reaches the model, counts, the committees table's columns and the status filter, with no other
file changed; a mission status without a category is refused."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from macros.content import vocabulary
from macros.content.vocabulary import Category
from macros.facts.derive import mission_counts, sorted_missions
from macros.structure.urls import Linker
from macros.validation.loader import errors_only, load_content
from macros.views import views
from macros.views.render import render
from tests.conftest import FIXTURE
from tests.editing import replace as edit

PAUSED = Category("paused", "pausat", "pausade", "Pausade", "Antal pausade uppdrag enligt texten.", stated_default=0)


@pytest.fixture
def paused_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture project under a test vocabulary with a fifth category, its yellow mission status in it."""
    monkeypatch.setattr(vocabulary, "CATEGORIES", (*vocabulary.CATEGORIES, PAUSED))
    project = tmp_path / "project"
    for part in ("content", "data"):
        shutil.copytree(FIXTURE / part, project / part)
    edit(project, "data/statuses.yaml", "category: delayed", "category: paused")
    return project


def test_a_category_added_to_the_vocabulary_is_counted_in_columns_and_filters(paused_project: Path) -> None:
    content, problems = load_content(paused_project)
    assert errors_only(problems) == []
    link = Linker("uppdrag/")
    counts = mission_counts(content, sorted_missions(content))
    assert counts.by_category["paused"] == 1 and counts.by_category["delayed"] == 0
    assert "1 pausat" in counts.sentence()
    # The committees table: a column headed by the category, a cell for it in every row.
    overview = views.committees_overview(content, link)
    html = render("committees_overview.html", **overview, outdated_note=None)
    assert '<th scope="col">Pausade</th>' in html
    assert html.count('data-label="Pausade"') == len(overview["rows"])
    # The status filter offers it, and the mission's row carries it.
    overview = views.missions_overview(content, link)
    assert "paused" in [s["id"] for s in overview["statuses"]]
    assert None not in [s["id"] for s in overview["statuses"]]
    html = render("missions_overview.html", **overview)
    assert 'data-status="paused"' in html
    options = json.loads(re.search(r'data-options="([^"]*)"', html.split('id="pm-f-status"')[1])[1]
                         .replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&"))
    assert "paused" in [o["id"] for o in options]


def test_a_category_outside_the_vocabulary_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for part in ("content", "data"):
        shutil.copytree(FIXTURE / part, project / part)
    edit(project, "data/statuses.yaml", "category: delayed", "category: paused")
    _, problems = load_content(project)
    (error,) = errors_only(problems)
    assert error.field == "category" and error.value == '"paused"', error.text()
    assert "complete, on_track, delayed eller not_done" in (error.allowed or ""), error.text()


def test_a_mission_status_without_category_is_refused_in_swedish(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for part in ("content", "data"):
        shutil.copytree(FIXTURE / part, project / part)
    edit(project, "data/statuses.yaml", "  category: delayed\n", "")
    _, problems = load_content(project)
    (error,) = errors_only(problems)
    assert error.file == "data/statuses.yaml" and error.field == "category", error.text()
    text = (project / "data/statuses.yaml").read_text(encoding="utf-8")
    assert error.line == text[: text.index("- id: gul\n  label: Gul\n  meaning: Uppdraget")].count("\n") + 1
    assert "saknar 'category'" in error.message and "Lägg till fältet" in error.message, error.text()


def test_every_colour_and_icon_of_the_vocabulary_has_its_css_rule() -> None:
    css = (Path(__file__).resolve().parents[2] / "docs/assets/portal.css").read_text(encoding="utf-8")
    for colour in vocabulary.COLORS:
        assert f".pm-status--{colour} " in css, colour
    for icon in vocabulary.icons():
        assert f".pm-icon--{icon} " in css, icon
