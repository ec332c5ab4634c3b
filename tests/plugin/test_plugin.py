"""The mkdocs plugin (macros/plugin/plugin.py): options documented, state reset, all-or-nothing builds, the
preview that follows content and shows its errors, quiet output."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from macros.plugin.config import PortalConfig, option_descriptions
from macros.plugin.plugin import PortalPlugin, _fix_theme_html
from tests.conftest import BIN, ROOT, build_site, warm_cache


def previous_site(built: Path, site: Path) -> dict[str, bytes]:
    """A copy of an earlier build as the site a failing build must leave alone; its files as they are."""
    shutil.copytree(built, site)
    return snapshot(site)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".bygge-" in p.name or ".gammal-" in p.name)


def break_a_mission(project: Path) -> Path:
    mission = sorted((project / "content/missions").glob("*.yaml"))[0]
    mission.write_text(mission.read_text(encoding="utf-8").replace("\ngoal:", "\ngoal: fokusmal-99\nx_goal:", 1),
                       encoding="utf-8")
    return mission


def test_every_option_has_a_description_and_a_row_in_the_readme() -> None:
    described = option_descriptions()
    assert set(described) == {name for name, _ in PortalConfig._schema}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Plugin options", 1)[1].split("\n## ", 1)[0]
    for name, description in described.items():
        assert len(description) > 40, name
        assert re.search(rf"^\| `{name}` \| `[^`]+` \| .+\|$", table, re.M), f"README lacks a row for {name}"


@pytest.mark.build
def test_a_failed_build_leaves_the_previous_site_as_it_was(project: Path, built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    before = previous_site(built_site, site)
    break_a_mission(project)
    result = build_site(project, site)
    assert result.returncode == 1 and "Innehållet har fel" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before and leftovers(tmp_path) == []


@pytest.mark.build
def test_a_build_failed_by_strict_leaves_the_previous_site_as_it_was(
        project: Path, built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    before = previous_site(built_site, site)
    # A broken link is a warning, which --strict turns into a failed build after on_post_build.
    (project / "docs/trasig.md").write_text("# Trasig\n\n[länk](finns-inte.md)\n", encoding="utf-8")
    result = build_site(project, site)
    assert result.returncode == 1 and "strict mode" in result.stdout + result.stderr
    assert snapshot(site) == before and leftovers(tmp_path) == []


def processes_of(config: str, parent: int | None = None) -> list[int]:
    """The processes whose command line names `config` (a build and the worker it forks), or only those
    whose parent is `parent`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if config.encode() not in (stat.parent / "cmdline").read_bytes():
                continue
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent is None or ppid == parent:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.build
def test_sigterm_ends_the_build_and_its_worker_and_keeps_the_previous_site(
        big_project: Path, big_site: Path, tmp_path: Path) -> None:
    # The 450-mission corpus: its build runs for seconds after forking its worker, so the signal always finds it
    # under way (the fixture project's could end first). A copy, so that the processes found by its config path
    # are this build's alone, not another test's build of the shared corpus.
    project = shutil.copytree(big_project, tmp_path / "project")
    site = tmp_path / "site"
    before = previous_site(big_site, site)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    config = str(project / "mkdocs.yml")
    # Its output goes to a file: a pipe nobody reads while we wait would fill up and stop the build.
    log = tmp_path / "build.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([str(BIN / "mkdocs"), "build", "--strict", "-f", config, "-d", str(site)],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
    # Until the build is under way (its staged site exists) and has forked its worker: the signal must find both.
    deadline = time.monotonic() + 120
    while not (leftovers(tmp_path) and processes_of(config, parent=proc.pid)):
        assert proc.poll() is None, "the build ended before it had a worker to stop:\n" + log.read_text("utf-8")
        assert time.monotonic() < deadline, "the build started no worker:\n" + log.read_text("utf-8")[-3000:]
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    stderr = log.read_text(encoding="utf-8")
    assert proc.returncode != 0
    assert "avbröts" in stderr and "Traceback" not in stderr
    assert snapshot(site) == before and leftovers(tmp_path) == []
    for _ in range(100):
        if not processes_of(config):
            break
        time.sleep(0.05)
    assert processes_of(config) == []


def _serve_config(project: Path, site: Path):
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    return config


@pytest.mark.build
def test_preview_shows_the_errors_and_comes_back_on_the_next_good_save(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "preview"
    warm_cache(project / ".cache")  # the good build draws no chart: what is tested is the preview coming back
    config = _serve_config(project, site)
    plugin = config.plugins["portal"]
    mission = break_a_mission(project)
    good = mission.read_text(encoding="utf-8").replace("\ngoal: fokusmal-99\nx_goal:", "\ngoal:", 1)
    build(config)  # does not raise: the preview shows the errors instead of hanging
    for page in ("index.html", "uppdrag/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "Innehållet har fel" in html, page
    html = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"content/missions/{mission.name}:\d+: fel:", html)
    assert "x_goal" in html  # the field the editor got wrong
    # Its state was reset: nothing of the failed build is kept.
    assert plugin.portal is None and plugin.fragments == {}
    mission.write_text(good, encoding="utf-8")
    build(config)
    assert "Innehållet har fel" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "uppdrag" / mission.stem / "index.html").is_file()
    assert plugin.pages == {} and plugin.fragments == {}  # reset once the build is done


def test_preview_watches_content_data_and_templates(project: Path, tmp_path: Path) -> None:
    config = _serve_config(project, tmp_path / "preview")

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    config.plugins["portal"].on_serve(server, config=config, builder=lambda: None)
    watched = {Path(p) for p in server.watched}
    assert project.resolve() / "content" in watched and project.resolve() / "data" in watched
    assert ROOT / "macros" / "views" / "templates" in watched


def test_a_changed_search_dialog_is_reported_not_silently_left_unnamed(caplog: pytest.LogCaptureFixture) -> None:
    stock = '<div class="md-search" data-md-component="search" role="dialog">'
    assert 'aria-label="Sök på webbplatsen"' in _fix_theme_html(stock, "x")
    with caplog.at_level(logging.WARNING):
        changed = '<div class="md-search" role="dialog" data-md-component="search">'
        assert _fix_theme_html(changed, "x") == changed
    assert "sökdialogen" in caplog.text


def test_stock_search_dialog_is_named_on_every_page(built_site: Path) -> None:
    for page in ("index.html", "404.html", "uppdrag/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert 'role="dialog" aria-label="Sök på webbplatsen"' in html, page


def test_plugin_is_registered_through_its_entry_point() -> None:
    from importlib.metadata import entry_points

    (entry,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "portal"]
    assert entry.load() is PortalPlugin


@pytest.fixture(scope="module")
def leftover_build(tmp_path_factory: pytest.TempPathFactory):
    """One build of a fixture-project copy, next to the folders a killed build (SIGKILL runs no clean-up), a build
    still running and a cut-short removal leave: its output and the folders, for the two tests that read them."""
    from tests.conftest import copy_project

    tmp_path = tmp_path_factory.mktemp("leftovers")
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    abandoned = tmp_path / ".site.bygge-999999999-x"  # no such process
    abandoned.mkdir()
    (abandoned / "index.html").write_text("halvfärdig", encoding="utf-8")
    running = tmp_path / f".site.bygge-{os.getpid()}-y"  # a build that still runs is left alone
    running.mkdir()
    half_removed = tmp_path / ".site.gammal-z"  # a previous site whose removal was cut short
    (half_removed / "site" / "uppdrag").mkdir(parents=True)
    result = build_site(project, site)
    return result, site, abandoned, running, half_removed


@pytest.mark.build
def test_build_output_is_quiet_and_says_what_was_built(leftover_build) -> None:
    result = leftover_build[0]
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert not [line for line in lines if "[macros]" in line]
    assert len(lines) == len(set(lines)), "a line is printed twice"
    summary = next(line for line in lines if "Byggt:" in line)
    assert re.search(r"\d+ fokusmål, \d+ uppdrag, .* \d+ filer på \d+\.\d s", summary), summary


@pytest.mark.build
def test_a_killed_build_leaves_nothing_the_next_build_keeps(leftover_build) -> None:
    """SIGKILL runs no clean-up: the next build removes the abandoned staged folder."""
    result, site, abandoned, running, half_removed = leftover_build
    assert result.returncode == 0
    assert not abandoned.exists() and running.exists() and not half_removed.exists()
    assert oct(site.stat().st_mode & 0o777) != oct(0o700)  # an ordinary folder, not mkdtemp's private one


def test_a_page_size_below_one_is_refused_in_swedish(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "\n  - portal\n", "\n  - portal:\n      committee_page_size: 0\n", 1), encoding="utf-8")
    config = load_config(str(yml), site_dir=str(tmp_path / "site"))
    assert config.plugins["portal"].config.committee_page_size == 0
    with pytest.raises(PluginError, match="mkdocs.yml: plugins: portal: committee_page_size: 0 – antalet rader"):
        config.plugins["portal"].on_config(config)


def test_compiled_templates_are_kept_where_the_variable_says_and_change_nothing(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PORTAL_TEMPLATE_CACHE: the theme's and the views' compiled templates are kept there by one build and
    read by the next, which writes nothing new, and the site is byte for byte the one built without it."""
    from jinja2 import FileSystemBytecodeCache
    from material import templates

    from macros.plugin.plugin import TEMPLATE_CACHE_VARIABLE
    from macros.views.render import _env

    monkeypatch.delenv(TEMPLATE_CACHE_VARIABLE, raising=False)
    assert build_site(project, tmp_path / "without").returncode == 0
    kept = tmp_path / "templates"
    keep = {TEMPLATE_CACHE_VARIABLE: str(kept)}
    assert build_site(project, tmp_path / "filling", keep).returncode == 0
    cache = FileSystemBytecodeCache(str(kept))
    expected = {
        "theme": cache.get_cache_key("base.html", str(Path(templates.__file__).parent / "base.html")),
        "views": cache.get_cache_key("goal_page.html", _env().loader.get_source(_env(), "goal_page.html")[1]),
    }
    stamps = {path.name: path.stat().st_mtime_ns for path in kept.iterdir()}
    assert {what: cache.pattern % key in stamps for what, key in expected.items()} == {"theme": True, "views": True}
    assert build_site(project, tmp_path / "reading", keep).returncode == 0
    assert {path.name: path.stat().st_mtime_ns for path in kept.iterdir()} == stamps
    without = snapshot(tmp_path / "without")
    assert snapshot(tmp_path / "filling") == without and snapshot(tmp_path / "reading") == without


@pytest.mark.build
def test_the_foreign_load_check_of_a_docs_page_reads_its_text_and_theme_not_its_views(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page in docs/ gets its whole HTML checked for loads from another origin (the theme, mkdocs.yml); its
    views' HTML (a listing of every mission: 5,000 rows at scale) is the portal's, as a generated page is, so
    the check costs what the page's own text costs. The page as published still has the views."""
    from macros.plugin import plugin as portal_plugin

    warm_cache(project / ".cache")
    checked: dict[str, str] = {}
    real = portal_plugin.foreign_load_problems

    def recording(html: str, own: str, file: str):
        checked[file] = html
        return real(html, own, file)

    monkeypatch.setattr(portal_plugin, "foreign_load_problems", recording)
    site = tmp_path / "site"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    page = checked["docs/uppdrag/index.md"]
    published = (site / "uppdrag/index.html").read_text(encoding="utf-8")
    row = 'href="fm1-uppdrag-2/"'  # a row of the missions listing (its view)
    assert row in published and row not in page
    assert "<head>" in page and "</html>" in page  # the theme's part is read
