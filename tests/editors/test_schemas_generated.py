"""The editors' JSON Schemas are generated, never committed: a new committee, status, period or
municipality added in GitHub's web editor passes everything CI runs with no other command, and the
published site (and `make schema` locally) offers the new ids."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros.editors.schema import CONTENT_SCHEMA_NAMES, build_schemas
from macros.validation.loader import load_content
from tests import site_checks
from tests.conftest import FIXTURE, ROOT, SITE_URL, build_site

VOCABULARY_ADDITIONS = {
    "committees.yaml": "- id: nyanamnden\n  abbreviation: NN\n  name: Nya testnämnden\n",
    "statuses.yaml": ("- id: bla\n  label: Blå\n  meaning: Syntetisk teststatus\n  applies_to: mission\n"
                      "  category: delayed\n  rank: 0\n  color: yellow\n  icon: circle\n"),
    "periods.yaml": ("- id: 2031-april\n  label: Delårsuppföljning per april 2031\n  kind: april\n  year: 2031\n"
                     "  date: 2031-04-30\n"),
    "municipalities.yaml": "- id: nyby\n  name: Nyby\n  kolada_id: \"9099\"\n",
}


def add_vocabulary_entries(project: Path) -> None:
    """What an editor does in the web editor: append an entry to each vocabulary, nothing else."""
    for name, entry in VOCABULARY_ADDITIONS.items():
        path = project / "data" / name
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + entry, encoding="utf-8")


def test_no_schema_is_committed_and_git_ignores_the_generated_ones() -> None:
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "schemas"], capture_output=True, text=True)
    assert tracked.returncode == 0 and tracked.stdout == "", "schemas/ is generated: `git rm -r --cached schemas`"
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", "schemas/mission.schema.json"])
    assert ignored.returncode == 0


@pytest.mark.build
def test_a_vocabulary_change_needs_no_other_command(project: Path, tmp_path: Path) -> None:
    add_vocabulary_entries(project)
    validated = site_checks.validate(project)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    site = tmp_path / "site"
    result = build_site(project, site, {"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    # The published schemas are made from this very content.
    content, _ = load_content(project)
    for name, text in build_schemas(content).items():
        assert (site / "schemas" / name).read_text(encoding="utf-8") == text, name
    mission = json.loads((site / "schemas/mission.schema.json").read_text(encoding="utf-8"))
    assert "nyanamnden" in mission["properties"]["responsible"]["items"]["enum"]
    follow_up = mission["$defs"]["MissionFollowUp"]["properties"]
    assert "bla" in follow_up["status"]["enum"] and "2031-april" in follow_up["period"]["enum"]
    indicator = json.loads((site / "schemas/indicator.schema.json").read_text(encoding="utf-8"))
    assert "nyby" in indicator["properties"]["comparison"]["items"]["enum"]


def test_make_schema_writes_the_schemas_where_the_workspace_settings_look(project: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scripts.schema", "--root", str(project)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    content, _ = load_content(project)
    assert sorted(p.name for p in (project / "schemas").iterdir()) == sorted(build_schemas(content))


def vscode_settings() -> dict:
    return json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))


def test_workspace_settings_map_every_file_kind_to_its_schema() -> None:
    """Decap CMS drops a file's `# yaml-language-server` line: VS Code finds the schema by folder."""
    mapping = vscode_settings()["yaml.schemas"]
    content, _ = load_content(FIXTURE)
    names = set(build_schemas(content))
    assert {Path(key).name for key in mapping} == names
    for key, globs in mapping.items():
        assert key.startswith("./schemas/"), key
        globs = [globs] if isinstance(globs, str) else globs
        name = Path(key).name.removesuffix(".schema.json")
        folder = next((f for f, n in CONTENT_SCHEMA_NAMES.items() if n == name), None)
        expected = f"content/{folder}/*.yaml" if folder else f"data/{name}.yaml"
        assert expected in globs, (key, globs)
    recommended = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in recommended["recommendations"]
