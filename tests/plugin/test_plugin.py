"""The mkdocs plugin (macros/plugin/plugin.py): options documented, state reset, all-or-nothing builds, the
preview that follows content and shows its errors, quiet output."""

from __future__ import annotations

import logging
import os
import re
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
def test_a_failed_build_leaves_the_previous_site_as_it_was(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build_site(project, site).returncode == 0
    before = snapshot(site)
    break_a_mission(project)
    result = build_site(project, site)
    assert result.returncode == 1 and "Innehållet har fel" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before and leftovers(tmp_path) == []


@pytest.mark.build
def test_a_build_failed_by_strict_leaves_the_previous_site_as_it_was(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build_site(project, site).returncode == 0
    before = snapshot(site)
    # A broken link is a warning, which --strict turns into a failed build after on_post_build.
    (project / "docs/trasig.md").write_text("# Trasig\n\n[länk](finns-inte.md)\n", encoding="utf-8")
    result = build_site(project, site)
    assert result.returncode == 1 and "strict mode" in result.stdout + result.stderr
    assert snapshot(site) == before and leftovers(tmp_path) == []


@pytest.mark.build
def test_sigterm_ends_the_build_and_its_worker_and_keeps_the_previous_site(big_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build_site(big_project, site).returncode == 0
    before = snapshot(site)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    config = str(big_project / "mkdocs.yml")
    proc = subprocess.Popen([str(BIN / "mkdocs"), "build", "--strict", "-f", config, "-d", str(site)],
                            cwd=big_project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(600):  # until the staged site exists: the build is under way
        if leftovers(tmp_path):
            break
        time.sleep(0.01)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "avbröts" in stderr and "Traceback" not in stderr
    assert snapshot(site) == before and leftovers(tmp_path) == []

    def still_running() -> list[str]:
        found = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if config.encode() in cmdline.read_bytes():
                    found.append(cmdline.parent.name)
            except OSError:
                pass
        return found

    for _ in range(100):
        if not still_running():
            break
        time.sleep(0.05)
    assert still_running() == []


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


@pytest.mark.build
def test_build_output_is_quiet_and_says_what_was_built(project: Path, tmp_path: Path) -> None:
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert not [line for line in lines if "[macros]" in line]
    assert len(lines) == len(set(lines)), "a line is printed twice"
    summary = next(line for line in lines if "Byggt:" in line)
    assert re.search(r"\d+ fokusmål, \d+ uppdrag, .* \d+ filer på \d+\.\d s", summary), summary


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


@pytest.mark.build
def test_a_killed_build_leaves_nothing_the_next_build_keeps(project: Path, tmp_path: Path) -> None:
    """SIGKILL runs no clean-up: the next build removes the abandoned staged folder."""
    site = tmp_path / "site"
    abandoned = tmp_path / ".site.bygge-999999999-x"  # no such process
    abandoned.mkdir()
    (abandoned / "index.html").write_text("halvfärdig", encoding="utf-8")
    running = tmp_path / f".site.bygge-{os.getpid()}-y"  # a build that still runs is left alone
    running.mkdir()
    half_removed = tmp_path / ".site.gammal-z"  # a previous site whose removal was cut short
    (half_removed / "site" / "uppdrag").mkdir(parents=True)
    assert build_site(project, site).returncode == 0
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
