"""Every class of editor mistake gives file, line, field, value and what is allowed — in Swedish.
Mistakes are made in copies of the fixture project (tests/fixture_project/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.validation.loader import errors_only, load_content
from tests.editing import line_of, replace

MISSION = "content/missions/fm1-uppdrag-2.yaml"
GOAL = "content/goals/fokusmal-1.yaml"


def only_error(project: Path):
    _, problems = load_content(project)
    errors = errors_only(problems)
    assert len(errors) == 1, [p.text() for p in errors]
    return errors[0]


def test_fixture_project_has_no_errors() -> None:
    from tests.conftest import FIXTURE

    content, problems = load_content(FIXTURE)
    assert errors_only(problems) == []
    assert len(content.goals) == 2 and len(content.missions) == 4


def test_unknown_field_names_the_allowed_fields(project: Path) -> None:
    replace(project, MISSION, "number: 2\n", "number: 2\nansvarig: ks\n")
    err = only_error(project)
    assert err.file == MISSION and err.line == line_of(project, MISSION, "ansvarig:")
    assert err.field == "ansvarig" and "Okänt fält" in err.message
    assert "responsible" in err.allowed and "concerned" in err.allowed


def test_missing_field(project: Path) -> None:
    replace(project, MISSION, "number: 2\n", "")
    err = only_error(project)
    assert err.field == "number" and "saknas" in err.message


def test_wrong_type(project: Path) -> None:
    replace(project, MISSION, "number: 2\n", "number: två\n")
    err = only_error(project)
    assert err.field == "number" and err.value == '"två"' and "heltal" in err.message
    assert err.line == line_of(project, MISSION, "number:")


def test_bad_trend_lists_allowed_values(project: Path) -> None:
    replace(project, GOAL, "trend: oforandrad", "trend: bättre")
    err = only_error(project)
    assert err.field == "follow_ups[0].trend" and err.line == line_of(project, GOAL, "trend:")
    assert "forbattrad" in err.allowed and "oforandrad" in err.allowed


def test_unknown_status_lists_statuses_for_goals(project: Path) -> None:
    replace(project, GOAL, "status: gul", "status: orange")
    err = only_error(project)
    assert err.field == "follow_ups[0].status" and err.value == '"orange"'
    assert err.allowed == "gron, gul, rod"
    assert err.line == line_of(project, GOAL, "status: orange")


def test_mission_status_from_goal_legend_is_refused(project: Path) -> None:
    replace(project, MISSION, "status: gron\n", "status: gron-klar\n")
    err = only_error(project)
    assert "gron-slutfort" in err.allowed and err.field == "follow_ups[0].status"


def test_dangling_committee_reference(project: Path) -> None:
    replace(project, MISSION, "responsible:\n- ks", "responsible:\n- kss")
    err = only_error(project)
    assert err.field == "responsible[0]" and err.value == '"kss"' and "ks" in err.allowed
    assert "nämnd" in err.message and err.line == line_of(project, MISSION, "- kss")


def test_dangling_goal_reference(project: Path) -> None:
    replace(project, MISSION, "goal: fokusmal-1", "goal: fokusmal-7")
    err = only_error(project)
    assert err.field == "goal" and "fokusmal-1" in err.allowed


def test_unknown_period(project: Path) -> None:
    replace(project, GOAL, "period: 2023-april", "period: 2023-maj")
    err = only_error(project)
    assert err.field == "follow_ups[0].period" and "2023-april" in err.allowed


def test_duplicate_mission_number_within_goal(project: Path) -> None:
    # Outside git the validator cannot tell which file the editor changed: both get the error,
    # each naming the other (tests/validation/test_messages.py covers the changed-file case).
    replace(project, MISSION, "number: 2\n", "number: 3\n")
    _, problems = load_content(project)
    errors = errors_only(problems)
    other = "content/missions/fm1-uppdrag-3.yaml"
    assert {e.file for e in errors} == {MISSION, other} and len(errors) == 2
    for err in errors:
        assert "Numret används redan" in err.message and MISSION in err.message and other in err.message


def test_unsafe_id(project: Path) -> None:
    replace(project, MISSION, "id: fm1-uppdrag-2", "id: ../Uppdrag 2")
    err = only_error(project)
    assert err.field == "id" and "små bokstäver" in err.message


def test_id_must_match_file_name(project: Path) -> None:
    replace(project, MISSION, "id: fm1-uppdrag-2", "id: fm1-uppdrag-20")
    err = only_error(project)
    assert "filnamnet" in err.message and err.allowed == "'fm1-uppdrag-2'"


def test_duplicate_vocabulary_id(project: Path) -> None:
    path = project / "data/committees.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- id: ks\n  abbreviation: KS\n  name: Igen\n", encoding="utf-8")
    err = only_error(project)
    assert err.file == "data/committees.yaml" and "finns redan" in err.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\n\tnumber: 1\n", "Tabbtecken"),
        ("id: fm1-uppdrag-2\nid: fm1-uppdrag-2\n", "två gånger"),
        ("a: &x [1]\nb: *x\n", "Alias"),
        ("", "tom"),
        ("# bara en kommentar\n", "tom"),
        ("id: a\n  number: 2\n", "indrag"),
        ("- a\n- b\n", "grupp av fält"),
    ],
    ids=["tab", "duplicate-key", "alias", "empty", "only-comment", "indentation", "list-not-mapping"],
)
def test_malformed_yaml(project: Path, text: str, expected: str) -> None:
    (project / MISSION).write_text(text, encoding="utf-8")
    err = only_error(project)
    assert err.file == MISSION and expected in err.message


def test_alias_bomb_is_refused_quickly(project: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)]
    (project / MISSION).write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = only_error(project)
    assert "Alias" in err.message


def test_non_utf8_file(project: Path) -> None:
    (project / MISSION).write_bytes("id: fm1-uppdrag-2\ntitle: Åtgärd\n".encode("latin-1"))
    err = only_error(project)
    assert "UTF-8" in err.message and err.line == 2


def test_huge_file(project: Path) -> None:
    (project / MISSION).write_text("description: " + "x" * 600_000 + "\n", encoding="utf-8")
    err = only_error(project)
    assert "för stor" in err.message


def test_all_errors_reported_in_one_run(project: Path) -> None:
    replace(project, MISSION, "number: 2\n", "number: två\n")
    replace(project, GOAL, "status: gul", "status: orange")
    (project / "content/missions/fm1-uppdrag-3.yaml").write_text("a:\tb\n", encoding="utf-8")
    _, problems = load_content(project)
    files = {p.file for p in errors_only(problems)}
    assert files == {MISSION, GOAL, "content/missions/fm1-uppdrag-3.yaml"}


def test_stated_counts_that_differ_are_a_warning_not_an_error() -> None:
    from tests.conftest import FIXTURE

    _, problems = load_content(FIXTURE)
    assert errors_only(problems) == []
    warnings = [p for p in problems if p.severity == "warning"]
    assert len(warnings) == 1 and "anger 4 uppdrag" in warnings[0].message and "ger 3 uppdrag" in warnings[0].message
    assert warnings[0].file == GOAL and warnings[0].field == "follow_ups[1].stated_counts"


def run_validate(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.validate", "--root", str(project), *args],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])


def test_validate_command_exits_non_zero_without_traceback(project: Path) -> None:
    replace(project, MISSION, "responsible:\n- ks", "responsible:\n- kss")
    result = run_validate(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{MISSION}:{line_of(project, MISSION, '- kss')}: fel: fältet 'responsible[0]'" in result.stdout


def test_validate_command_github_annotations(project: Path) -> None:
    replace(project, MISSION, "number: 2\n", "number: två\n")
    result = run_validate(project, "--format", "github")
    line = line_of(project, MISSION, "number:")
    assert result.returncode == 1
    assert f"::error file={MISSION},line={line}::" in result.stdout
    assert "::warning file=content/goals/fokusmal-1.yaml" in result.stdout


def test_validate_command_passes_with_warnings() -> None:
    from tests.conftest import FIXTURE

    result = run_validate(FIXTURE)
    assert result.returncode == 0, result.stdout
    assert f"{GOAL}:" in result.stdout and "varning" in result.stdout


def test_a_status_without_its_source_is_warned_about_on_its_follow_up(project: Path) -> None:
    replace(project, MISSION, '  source:\n    title: "Testkälla: uppföljning i april"\n', "")
    _, problems = load_content(project)
    assert errors_only(problems) == []  # the assessment is still published, with "Källa saknas"
    warned = [p for p in problems if p.field == "follow_ups[0].source"]
    assert len(warned) == 1 and warned[0].file == MISSION, [p.text() for p in problems]
    assert warned[0].line == line_of(project, MISSION, "- period: 2023-april")
    assert "saknar källa" in warned[0].message and "2023-april" in warned[0].message


def test_a_new_record_with_a_taken_id_names_the_file_and_the_next_free_id(project: Path) -> None:
    """What Decap writes when an editor creates a record with an id that exists: '<id>-1.yaml' with the
    taken id inside. The message names the file that has it and an id that is free, not the file's name."""
    taken = (project / MISSION).read_text(encoding="utf-8")
    (project / "content/missions/fm1-uppdrag-2-1.yaml").write_text(taken, encoding="utf-8")
    err = only_error(project)
    assert err.file == "content/missions/fm1-uppdrag-2-1.yaml" and err.field == "id"
    assert err.message.startswith(f"Id:t fm1-uppdrag-2 används redan av {MISSION}; välj nästa lediga, "
                                  "t.ex. fm1-uppdrag-4."), err.message
    assert "fm1-uppdrag-2-1" not in (err.allowed or "")
