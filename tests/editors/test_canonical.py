"""The form editor's YAML form (admin_assets/portal-yaml.js, run in Node) and scripts/canonical_yaml.py:
a rewrite keeps every value, and refuses when a value would change or a comment would be lost."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from macros.content.yamlfile import parse_yaml
from macros.editors.admin_site import find_node_modules
from macros.editors.canonical import canonical_texts, differences
from macros.validation.loader import errors_only, load_content
from scripts import canonical_yaml
from tests.conftest import ROOT, copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    if shutil.which("node") is None or find_node_modules(ROOT) is None:
        message = "node or the npm packages are missing: install Node.js and run `npm ci`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return copy_project(tmp_path / "project")


def test_rewrite_keeps_every_value_and_is_then_stable(project: Path):
    before = {p: parse_yaml(p.read_text(encoding="utf-8")).data for p in (project / "content").rglob("*.yaml")}
    out = io.StringIO()
    assert canonical_yaml.rewrite(project, out=out) == 1  # the fixture's files carry comments
    assert "kommentaren försvinner: # Synthetic test data: never published." in out.getvalue()
    assert canonical_yaml.rewrite(project, check=True, out=io.StringIO()) == 1  # nothing was written
    assert canonical_yaml.rewrite(project, drop_comments=True, out=io.StringIO()) == 0
    assert canonical_yaml.rewrite(project, check=True, out=io.StringIO()) == 0
    for path, data in before.items():
        assert parse_yaml(path.read_text(encoding="utf-8")).data == data, path
    _, problems = load_content(project)
    assert not errors_only(problems)


def test_the_form_keeps_the_modeline_dates_plain_and_quotes_what_a_reader_could_misread(project: Path):
    news = project / "content/news/testnyhet-om-testandelen.yaml"
    text = news.read_text(encoding="utf-8").replace("title: ", "title: 'yes'\nx_title: ", 1)
    news.write_text(text, encoding="utf-8")
    municipalities = project / "data/municipalities.yaml"
    municipalities.write_text(municipalities.read_text(encoding="utf-8").replace(
        'kolada_id: "9004"', 'kolada_id: "0380"', 1), encoding="utf-8")
    content, _ = load_content(project)
    texts = canonical_texts(project, content)
    written = texts["content/news/testnyhet-om-testandelen.yaml"]
    assert written.startswith("# yaml-language-server: $schema=../../schemas/news.schema.json\nid: ")
    assert "\ndate: 2023-10-30\n" in written and "\ntitle: 'yes'\n" in written
    assert "kolada_id: '0380'" in texts["data/municipalities.yaml"]
    assert texts["data/municipalities.yaml"].startswith(
        "# yaml-language-server: $schema=../schemas/municipalities.schema.json\n- id: ")
    assert texts["data/portal.yaml"].startswith("# yaml-language-server: $schema=../schemas/portal.schema.json\n")
    for path, text in texts.items():  # the validator reads back exactly what was there
        assert parse_yaml(text).data == parse_yaml((project / path).read_text(encoding="utf-8")).data, path


def test_a_changed_value_is_found(project: Path, tmp_path: Path):
    other = copy_project(tmp_path / "other")
    goal = other / "content/goals/fokusmal-1.yaml"
    goal.write_text(goal.read_text(encoding="utf-8").replace("number: 1\n", "number: 1.5\n"), encoding="utf-8")
    found = differences(project, other, ["content/goals/fokusmal-1.yaml"])
    assert "content/goals/fokusmal-1.yaml: .number: 1 blev 1.5" in found
    assert "modellerna: goals skiljer sig" in found or "valideringens meddelanden skiljer sig" in found
