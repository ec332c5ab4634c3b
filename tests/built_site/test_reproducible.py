"""Building twice from the same commit gives byte-identical output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SITE_URL, build_site
from tests.gitrepo import git as run_git


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_two_builds_are_byte_identical(built_site: Path, project: Path, tmp_path: Path) -> None:
    """The session's build of the fixture project drew every chart (no cache); this one, of a copy in
    another folder, takes them from a copy of that build's cache."""
    second = tmp_path / "b"
    result = build_site(project, second, {"SITE_URL": SITE_URL})
    assert result.returncode == 0 and "Diagram: 0 ritade" in result.stderr, result.stderr[-2000:]
    a, b = tree(built_site), tree(second)
    assert a.keys() == b.keys(), sorted(a.keys() ^ b.keys())
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []
    assert "sitemap.xml.gz" in a  # includes a gzip header, which embeds a timestamp unless pinned
    assert "indikatorer/testandel/trend.svg" in a  # charts too: rendered in the first build, cached in the second


@pytest.mark.build
def test_two_builds_of_one_commit_with_its_history_are_byte_identical(project: Path, tmp_path: Path) -> None:
    """The change history (facts/changelog.py) depends on the commits only: a checkout with history builds
    the same twice, and its pages show the changes."""
    def git(*args: str, when: int | None = None) -> None:
        run_git(project, *args, when=when)

    (project / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "first", when=1_690_000_000)
    mission = project / "content/missions/fm1-uppdrag-2.yaml"
    mission.write_text(mission.read_text(encoding="utf-8").replace("responsible:\n- ks\n", "responsible:\n- pn\n"),
                       encoding="utf-8")
    git("commit", "-qam", "second", when=1_695_000_000)  # 18 September 2023
    first, second = tmp_path / "a", tmp_path / "b"
    assert build_site(project, first).returncode == 0
    assert build_site(project, second).returncode == 0
    a, b = tree(first), tree(second)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    changes = a["andringar/index.html"].decode()
    assert "Ansvariga nämnder" in changes and "Provnämnden" in changes
    page = a["uppdrag/fm1-uppdrag-2/index.html"].decode()
    assert 'id="andringar"' in page and "Innehållet ändrades senast 18 september 2023." in page
    assert 'href="../../andringar/#innehall"' in page
    assert 'ändrades senast <a href="andringar/#innehall"><time datetime="2023-09-18">' in a["index.html"].decode()
