"""Shared fixtures: a copy of the project to break on purpose, and the real site built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "data", "content")


def copy_project(dest: Path) -> Path:
    """A buildable copy of the project whose content a test may change; the code is linked, not copied."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy(src, dest / part)
    (dest / "macros").symlink_to(ROOT / "macros")
    return dest


def build_site(project: Path, site_dir: Path, extra_env: dict[str, str] | None = None,
               config: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **(extra_env or {})}
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--clean", "-f", str(config or project / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per test session."""
    site = tmp_path_factory.mktemp("site")
    # Root-relative site_url so the 404 page (absolute asset paths) works when served at /.
    result = build_site(ROOT, site, {"SITE_URL": "https://example.invalid/"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    from tests.browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


# The synthetic corpus: enough missions for every listing to span three pages.
MISSIONS = 2 * 200 + 50


@pytest.fixture(scope="session")
def big_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from macros.paging import PAGE_SIZE
    from scripts.synthetic import generate

    assert MISSIONS == 2 * PAGE_SIZE + 50
    return generate(tmp_path_factory.mktemp("scale") / "project", MISSIONS)


@pytest.fixture(scope="session")
def big_site(big_project: Path) -> Path:
    from macros.loader import errors_only, load_content

    content, problems = load_content(big_project)
    assert errors_only(problems) == [] and len(content.missions) == MISSIONS
    site = big_project.parent / "site"
    result = build_site(big_project, site)
    assert result.returncode == 0, result.stderr
    return site
