"""Editor tooling: the generated JSON Schemas accept the content and offer the vocabularies; scaffolding
gives valid files. (That the schemas are generated, not committed: test_schemas_generated.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from macros.content.yamlfile import parse_yaml
from macros.editors.schema import CONTENT_SCHEMA_NAMES, build_schemas
from macros.validation.loader import errors_only, load_content
from tests.conftest import FIXTURE, ROOT


@pytest.mark.parametrize("folder", CONTENT_SCHEMA_NAMES)
def test_every_content_file_validates_against_its_schema(folder: str) -> None:
    """Any file the validator accepts, with or without its `# yaml-language-server` line (Decap CMS
    drops it), is accepted by the schema made from the same content."""
    content, _ = load_content(ROOT)
    schema = json.loads(build_schemas(content)[f"{CONTENT_SCHEMA_NAMES[folder]}.schema.json"])
    for path in sorted((ROOT / "content" / folder).glob("*.yaml")):
        data = json.loads(json.dumps(parse_yaml(path.read_text(encoding="utf-8")).data, default=str))
        jsonschema.validate(data, schema)


def test_schema_offers_committee_ids_and_rejects_unknown_ones() -> None:
    content, _ = load_content(FIXTURE)
    schema = json.loads(build_schemas(content)["mission.schema.json"])
    assert set(schema["properties"]["responsible"]["items"]["enum"]) == {"ks", "tn", "pn", "en",
                                                                         "alla-namnder-och-bolag"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "goal": "fokusmal-1", "number": 1, "title": "T", "responsible": ["nope"]},
                            schema)


def scaffold(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.scaffold", *args, "--root", str(project)],
                          capture_output=True, text=True, cwd=ROOT)


def test_scaffold_mission_takes_next_free_number_and_validates_once_filled_in(project: Path) -> None:
    result = scaffold(project, "mission", "--goal", "fokusmal-1", "--title", "Ett nytt uppdrag", "--responsible",
                      "ks,tn")
    assert result.returncode == 0, result.stderr
    created = project / "content/missions/fm1-uppdrag-4.yaml"
    assert result.stdout.splitlines()[0] == str(created)
    assert "FYLL I" in result.stdout and "godkänns inte" in result.stdout  # it says the file must be filled in
    content, problems = load_content(project)
    assert {e.field for e in errors_only(problems)} == {"description", "source.title"}
    created.write_text(created.read_text(encoding="utf-8").replace("FYLL I: ", ""), encoding="utf-8")
    content, problems = load_content(project)
    assert errors_only(problems) == []
    assert content.missions["fm1-uppdrag-4"].responsible == ["ks", "tn"]


def test_scaffold_goal_and_refuses_unknown_committee(project: Path) -> None:
    assert scaffold(project, "goal", "--title", "Uppsala ska testa", "--short-title", "Test").returncode == 0
    assert (project / "content/goals/fokusmal-3.yaml").is_file()
    bad = scaffold(project, "mission", "--goal", "fokusmal-3", "--title", "T", "--responsible", "xyz")
    assert bad.returncode != 0 and "Okänd nämnd: xyz" in bad.stderr and "Traceback" not in bad.stderr
    goal = project / "content/goals/fokusmal-3.yaml"
    goal.write_text(goal.read_text(encoding="utf-8").replace("FYLL I: ", ""), encoding="utf-8")
    content, problems = load_content(project)
    assert errors_only(problems) == [] and "fokusmal-3" in content.goals
