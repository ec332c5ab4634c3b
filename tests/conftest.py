"""Shared fixtures: the synthetic fixture project (tests/fixture_project/) built once, copies of it
to break on purpose, and the live content for content-independent checks only."""

from __future__ import annotations

import fcntl
import functools
import inspect
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from macros.plugin.plugin import TEMPLATE_CACHE_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The synthetic project every test about particular facts uses (see its README).
FIXTURE = ROOT / "tests/fixture_project"
# A project's own parts: copied from the fixture project (its own synthetic mkdocs.yml and pages), or
# from the checkout for the live content. The engine's tests never depend on the checkout's pages, so
# they pass in any municipality's repository (README "Så använder en annan kommun portalen").
PROJECT_PARTS = ("mkdocs.yml", "docs", "content", "data")


def engine_paths() -> list[str]:
    """engine-paths.txt: what a municipality takes from the template and never edits."""
    lines = (ROOT / "engine-paths.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def add_engine_parts(dest: Path) -> None:
    """The engine's parts a build reads beside the project's own files (overrides/, docs/assets/ files),
    taken from this checkout as a municipality takes them from the template."""
    for path in engine_paths():
        if path.startswith(("overrides", "docs/")):
            src = ROOT / path
            (dest / path).parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dest / path, dirs_exist_ok=True)
            else:
                shutil.copy(src, dest / path)
# Root-relative site_url, so the 404 page (absolute asset paths) works when the site is served at /.
SITE_URL = "https://example.invalid/"
# `make test-fast` sets this: every test that builds a site or starts a browser must carry the marker
# `build` (or `browser`), so the edit loop's run never waits for one. A test that builds without the
# marker fails here, and says so, instead of slowing the fast run down unnoticed.
FAST = os.environ.get("PORTAL_FAST_TESTS") == "1"
# Fixtures that build a site, make the 450-mission corpus or start a browser: a test that uses one is
# marked `build` for it.
BUILD_FIXTURES = frozenset({"built_site", "live_site", "big_site", "big_project", "site_url", "browser"})


@functools.cache
def _calls_a_build(func: Callable) -> bool:
    """Whether `func`'s source calls `build_site` or `warm_cache`. Cached: thousands of items share a few hundred
    functions, and reading their source each time made collection 4 s longer in every test process."""
    try:
        return any(call in inspect.getsource(func) for call in ("build_site(", "warm_cache("))
    except (OSError, TypeError):
        return False


def _builds(item: pytest.Item) -> bool:
    """Whether the test, or a fixture it uses (a module's own included), builds a site (or needs the fixture
    build's chart cache)."""
    infos = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    funcs = [getattr(item, "function", None), *(defs[-1].func for defs in infos.values())]
    return any(func is not None and _calls_a_build(func) for func in funcs)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    building = set()
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())) or _builds(item):
            item.add_marker(pytest.mark.build)
        if item.get_closest_marker("build") or item.get_closest_marker("browser"):
            building.add(item.module.__name__ if item.module else "")
    # Modules that build or drive a browser first, the quick ones last: pytest-xdist hands modules out in this
    # order (`--dist loadscope`), so the quick ones fill the gaps at the end instead of a long one running alone.
    # Each module's own order is kept.
    items.sort(key=lambda item: (item.module.__name__ if item.module else "") not in building)


def _refuse_in_fast_run(what: str) -> None:
    if FAST:
        pytest.fail(f"{what} in the fast run (make test-fast): mark the test @pytest.mark.build")


def copy_project(dest: Path, source: Path = FIXTURE) -> Path:
    """A buildable project in `dest`: a copy of `source`'s own mkdocs.yml, docs/, content/ and data/ (the
    fixture project unless told otherwise), which a test may change, with the engine's parts. The code is
    the checkout's: the plugin is installed from it (entry point `portal`)."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy(src, dest / part)
    add_engine_parts(dest)
    return dest


# What the session keeps: the folder the run's test processes share, the fixture project's one build and that
# build's chart cache.
_SESSION: dict[str, Path] = {}


@pytest.fixture(autouse=True)
def _default_words() -> None:
    """Every test starts from the default words and folders: loading a project (`load_content`, a `Portal`)
    switches them to its settings' for the rest of the process (macros/content/municipality.py), and which test
    ran before in this process depends on how the tests are shared out."""
    from macros.content.municipality import activate

    activate(None)


@pytest.fixture(scope="session", autouse=True)
def _session_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Under pytest-xdist each worker has its own base folder inside the run's: that one is shared.
    base = tmp_path_factory.getbasetemp()
    _SESSION["shared"] = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    # Every build the tests start keeps its compiled templates in the run's own folder (the plugin's
    # PORTAL_TEMPLATE_CACHE): about a fifth of a small build's time, a hundred builds over.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(TEMPLATE_CACHE_VARIABLE, str(_SESSION["shared"] / "templates"))
        yield


def made_once(name: str, make: Callable[[Path], None]) -> Path:
    """`shared/name`, made by `make` once for the whole run, by whichever test process asks first; the others
    wait for it (pytest-xdist's documented way of sharing a session fixture). What is made here is only read
    by the tests. A failed `make` leaves nothing behind, so every process that asks fails with its own message."""
    shared = _SESSION["shared"]
    target, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            make(target)
            done.touch()
    return target


def fixture_build() -> Path:
    """The fixture project, built once per run when first needed: the site `built_site` reads, and the chart
    cache every other build starts from (see `build_site`)."""
    if "site" not in _SESSION:
        def make(folder: Path) -> None:
            project = copy_project(folder / "project")
            result = build_site(project, folder / "site", {"SITE_URL": SITE_URL}, warm=False)
            assert result.returncode == 0, result.stderr

        folder = made_once("fixture", make)
        _SESSION["site"], _SESSION["cache"] = folder / "site", folder / "project" / ".cache"
    return _SESSION["site"]


def warm_cache(dest: Path) -> Path:
    """A copy of the fixture build's chart cache in `dest` (for `load_portal(..., cache_dir)` in a test)."""
    fixture_build()
    shutil.copytree(_SESSION["cache"], dest)
    return dest


def build_site(project: Path, site_dir: Path, extra_env: dict[str, str] | None = None,
               config: Path | None = None, *, warm: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project`, as CI runs it. With `warm`, a project without a chart cache of its
    own (`.cache`, git-ignored) starts from a copy of the fixture build's: entries are addressed by what they
    draw (macros/publish/chartcache.py), so a copy whose series changed draws those charts anew, and the Vega
    bundle is not unpacked again. That is most of a fresh copy's build time. A test of what a first build draws,
    or of the cache itself, passes `warm=False` or makes its own `.cache`."""
    _refuse_in_fast_run("mkdocs build")
    if warm and project.resolve() != ROOT and not os.path.lexists(project / ".cache"):
        warm_cache(project / ".cache")
    # As the Makefile does: no banner from Material about its end of life in the build output.
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--clean", "-f", str(config or project / "mkdocs.yml"),
         "-d", str(site_dir)],
        capture_output=True, text=True, env=env, cwd=project,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture project, to change or break on purpose."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def live_project(tmp_path: Path) -> Path:
    """A copy of the live project (content/ and data/ of the checkout): only for checks that hold
    whatever a valid edit adds, never for particular facts."""
    return copy_project(tmp_path / "live", ROOT)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The fixture project, built once per test session."""
    return fixture_build()


@pytest.fixture(scope="session")
def live_site() -> Path:
    """The live content, built once per run, for content-independent checks only."""
    def make(site: Path) -> None:
        result = build_site(ROOT, site, {"SITE_URL": SITE_URL})
        assert result.returncode == 0, result.stderr

    return made_once("live-site", make)


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    from tests.browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    _refuse_in_fast_run("a browser")
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
def big_project() -> Path:
    """The 450-mission corpus, made once per run. Its chart cache (`.cache`) is shared by every build of it."""
    from macros.structure.paging import PAGE_SIZE
    from scripts.synthetic import generate

    assert MISSIONS == 2 * PAGE_SIZE + 50

    def make(folder: Path) -> None:
        # Its cache is seeded here, once: builds in two processes must not both find none and both copy one.
        warm_cache(generate(folder / "project", MISSIONS) / ".cache")

    return made_once("scale", make) / "project"


@pytest.fixture(scope="session")
def big_site(big_project: Path) -> Path:
    def make(site: Path) -> None:
        from macros.validation.loader import errors_only, load_content

        content, problems = load_content(big_project)
        assert errors_only(problems) == [] and len(content.missions) == MISSIONS
        result = build_site(big_project, site)
        assert result.returncode == 0, result.stderr

    return made_once("scale-site", make)
