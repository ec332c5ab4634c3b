"""The engine's tests build the fixture project from its own mkdocs.yml and docs/ and the engine's parts
(engine-paths.txt), never from the checkout's pages: so they pass in any municipality's repository."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURE, ROOT, copy_project, engine_paths


def _files(root: Path, folder: str) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / folder).rglob("*")) if p.is_file()}


def test_a_test_project_is_the_fixtures_own_pages_and_the_engines_parts(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert (project / "mkdocs.yml").read_bytes() == (FIXTURE / "mkdocs.yml").read_bytes()
    engine_docs = {p: (ROOT / p).read_bytes() for p in engine_paths() if p.startswith("docs/")}
    assert engine_docs, "engine-paths.txt names the engine's files in docs/"
    assert _files(project, "docs") == {**_files(FIXTURE, "docs"), **engine_docs}
    assert _files(project, "overrides") == _files(ROOT, "overrides")


def test_the_fixtures_pages_are_synthetic() -> None:
    """Copied once from the template's pages, with no municipality's name left in them."""
    for path in [FIXTURE / "mkdocs.yml", *(FIXTURE / "docs").rglob("*.md")]:
        assert "uppsala" not in path.read_text(encoding="utf-8").lower(), path
