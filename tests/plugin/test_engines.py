"""The site builds identically with ProperDocs, the maintained fork of mkdocs 1.6 (README: Architecture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.compare_engines import differences, main
from tests.conftest import warm_cache


@pytest.mark.build
def test_mkdocs_and_properdocs_build_the_same_site(project: Path, capsys) -> None:
    warm_cache(project / ".cache")  # the charts as the fixture build drew them: the engines are what differs here
    assert main(["--project", str(project)]) == 0
    assert "samma webbplats" in capsys.readouterr().out


def test_a_difference_is_reported(tmp_path: Path) -> None:
    for name, text in (("a", b'<meta name="generator" content="mkdocs-1.6.1"><p>x</p>'),
                       ("b", b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7"><p>x</p>')):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_bytes(text)
    assert differences(tmp_path / "a", tmp_path / "b") == []
    (tmp_path / "b" / "index.html").write_bytes(b"<p>y</p>")
    (tmp_path / "b" / "extra.html").write_bytes(b"")
    assert differences(tmp_path / "a", tmp_path / "b") == ["extra.html", "index.html"]
