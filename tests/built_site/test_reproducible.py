"""Building twice from the same commit gives byte-identical output."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_site


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert build_site(project, first, warm=False).returncode == 0  # draws every chart
    assert build_site(project, second).returncode == 0
    a, b = tree(first), tree(second)
    assert a.keys() == b.keys()
    differing = [name for name in a if a[name] != b[name]]
    assert differing == []
    assert "sitemap.xml.gz" in a  # includes a gzip header, which embeds a timestamp unless pinned
    assert "indikatorer/testandel/trend.svg" in a  # charts too: rendered in the first build, cached in the second
