"""Hardening, round 2 (issue 24): no code from content, no page hijacked by an id, builds that survive
ordinary machines and faults. One test (or a few) per class of break, each on the fixture project."""

from __future__ import annotations

import contextlib
import math
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import BIN, build_site, copy_project


def other_filesystem(near: Path) -> Path:
    """A writable folder on another file system than `near` (/dev/shm is a tmpfs on Linux), or skip."""
    for candidate in (Path("/dev/shm"), Path("/run/user") / str(os.getuid())):
        try:
            if candidate.is_dir() and os.access(candidate, os.W_OK) and \
                    os.stat(candidate).st_dev != os.stat(near).st_dev:
                return candidate
        except OSError:
            continue
    pytest.skip("no writable folder on another file system than the project (no tmpfs at /dev/shm)")


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


# --- temporary files beside the staging folder


@pytest.fixture(scope="module")
def foreign_tmp_builds(tmp_path_factory: pytest.TempPathFactory):
    """One copy built with TMPDIR (empty) on another file system than the project: a build killed while its
    worker runs, then two builds (the first must remove what the killed one left, the second also swaps the
    previous site out). What each step left, for the two tests that read it."""
    import shutil
    import tempfile

    base = tmp_path_factory.mktemp("foreign")
    foreign = Path(tempfile.mkdtemp(prefix="hardening-tmp-", dir=other_filesystem(base)))
    try:
        project, site = copy_project(base / "project"), base / "site"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "TMPDIR": str(foreign)}
        proc = subprocess.Popen([str(BIN / "mkdocs"), "build", "--clean", "-f", str(project / "mkdocs.yml"),
                                 "-d", str(site)], cwd=project, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 60
        # Killed once the worker is running (its hand-over folder exists), so every temporary folder is there.
        while time.monotonic() < deadline and proc.poll() is None:
            if len(leftovers(site)) >= 2 or any(foreign.iterdir()):
                break
            time.sleep(0.02)
        steps: dict = {"running when killed": proc.poll() is None}
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        time.sleep(0.5)  # the worker dies with its parent (PR_SET_PDEATHSIG)
        steps["left by the killed build"] = leftovers(site)
        for build in ("first build", "second build"):
            result = build_site(project, site, {"TMPDIR": str(foreign)})
            steps[build] = (result, leftovers(site), sorted(p.name for p in foreign.iterdir()))
        steps["published"] = (site / "index.html").is_file() and (site / "api/katalog.rdf").is_file()
        yield steps
    finally:
        shutil.rmtree(foreign, ignore_errors=True)


@pytest.mark.build
def test_build_with_tmpdir_on_another_filesystem(foreign_tmp_builds: dict) -> None:
    for build in ("first build", "second build"):  # the second build also swaps the previous site out
        result, _, _ = foreign_tmp_builds[build]
        assert result.returncode == 0, f"{build}: {result.stderr[-3000:]}"
        assert "Traceback" not in result.stderr, build
    assert foreign_tmp_builds["published"]
    _, left, in_tmp = foreign_tmp_builds["second build"]
    assert left == [] and in_tmp == []


@pytest.mark.build
def test_a_killed_builds_temporary_folders_are_removed_by_the_next_build(foreign_tmp_builds: dict) -> None:
    assert foreign_tmp_builds["running when killed"], "the build ended before it could be killed"
    assert foreign_tmp_builds["left by the killed build"], "the build was killed before it made its temporary folders"
    result, left, in_tmp = foreign_tmp_builds["first build"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert left == [] and in_tmp == []


# --- pages in docs/ cannot run code


def validate(project: Path) -> subprocess.CompletedProcess:
    """What `python -m scripts.validate --root project` says (run in this process: these tests are about the
    messages, not the process)."""
    from tests.site_checks import validate_here

    return validate_here(project)


PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ config }}",
    "{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}",
    "{% set x = lipsum.__globals__['os'].popen('touch {marker}').read() %}",
    "{{ goal_page(lipsum.__globals__.os.popen('touch {marker}').read()) }}",
    "{# kommentar #}",
]


# One page of the fixture project per payload: validation reads a page only up to its first piece of
# template code, so each payload has a page of its own, and one validation and one build check them all.
PAYLOAD_PAGES = ["om.md", "oppna-data.md", "tillganglighet.md", "andringar.md", "lattlast.md", "index.md"]


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One copy holding a template payload on each of six docs pages, validated (in this process) and built
    once; the test asserts each payload's own messages."""
    assert len(PAYLOAD_PAGES) == len(PAYLOADS)
    base = tmp_path_factory.mktemp("refused")
    project = copy_project(base / "project")
    cases = []  # (payload, page, line, marker)
    for number, (payload, name) in enumerate(zip(PAYLOADS, PAYLOAD_PAGES, strict=True)):
        marker = base / f"ran-{number}"
        page = project / "docs" / name
        page.write_text(page.read_text(encoding="utf-8") + "\nText.\n\n" + payload.replace("{marker}", str(marker))
                        + "\n", encoding="utf-8")
        cases.append((payload, f"docs/{name}", page.read_text(encoding="utf-8").count("\n"), marker))
    site = base / "site"
    return {"cases": cases, "validated": validate(project), "site": site,
            "built": build_site(project, site, warm=False)}  # refused before any chart is drawn


def test_a_template_in_a_docs_page_runs_nothing_and_is_refused_with_file_and_line(refused: dict) -> None:
    result, built = refused["validated"], refused["built"]
    assert result.returncode == 1, result.stdout
    assert built.returncode != 0 and "Traceback" not in built.stderr, built.stderr[-3000:]
    assert not refused["site"].exists()
    failures = []
    for payload, page, line, marker in refused["cases"]:
        lines = [out for out in result.stdout.splitlines() if out.startswith(f"{page}:{line}: fel:")]
        if not any("får bara anropa portalens vyer" in out for out in lines):
            failures.append(f"{payload!r} ({page}:{line}): not refused by validation with file and line")
        if f"{page}:{line}" not in built.stderr:
            failures.append(f"{payload!r} ({page}:{line}): the build does not name the file and line")
        if marker.exists():
            failures.append(f"{payload!r} ({page}:{line}): ran code (made {marker.name})")
    assert failures == [], "\n".join(failures) + "\n" + result.stdout + built.stderr[-3000:]


def test_a_docs_template_is_never_evaluated_even_past_validation(tmp_path: Path) -> None:
    """Defence in depth: the plugin expands only view calls, whatever validation said."""
    from macros.validation.docpages import expand

    text = "Hej {{ config }} och {{ status_legend(\"goal\") }} {% if 1 %}x{% endif %}"
    out = expand(text, frozenset({"status_legend"}), lambda name, args: f"[{name}{args}]")
    assert out == text  # refused as a whole: left as text
    out = expand("a {{ status_legend(\"goal\") }} b", frozenset({"status_legend"}), lambda n, a: f"[{n}{a}]")
    assert out == "a [status_legend('goal',)] b"


# --- one rule for which files count; no links or special files in any folder that reaches the site


@pytest.fixture(scope="module")
def odd_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """One build of a copy holding two independent oddities, for the two tests that read it: dot files in
    every folder that counts, and a chart cache that is a file, not a folder. (project, site, result)"""
    project = copy_project(tmp_path_factory.mktemp("odd") / "project")
    series = project / "data/series/testandel.csv"
    (project / "data/series/.kopia.csv").write_text(series.read_text(encoding="utf-8"), encoding="utf-8")
    mission = project / "content/missions/fm1-uppdrag-1.yaml"
    (project / "content/missions/.fm1-uppdrag-9.yaml").write_text(mission.read_text(encoding="utf-8"))
    (project / "docs/.utkast.md").write_text("# Utkast\n", encoding="utf-8")
    (project / "overrides/.gammal.html").write_text("x", encoding="utf-8")
    (project / "content/news/.gitkeep").write_text("", encoding="utf-8")
    (project / ".cache").write_text("ingen mapp", encoding="utf-8")
    site = project.parent / "site"
    return project, site, build_site(project, site)


def test_a_dot_file_never_counts_and_is_named_in_every_folder(odd_build) -> None:
    from macros.validation.loader import load_content

    project, site, result = odd_build
    content, problems = load_content(project)
    assert ".kopia" not in content.series
    warned = sorted(p.file for p in problems if p.severity == "warning" and "punkt" in p.message)
    assert warned == ["content/missions/.fm1-uppdrag-9.yaml", "data/series/.kopia.csv", "docs/.utkast.md",
                      "overrides/.gammal.html"]
    assert result.returncode == 0, result.stderr[-3000:]
    published = [p.name for p in site.rglob(".*")]
    assert published == [] and not list(site.rglob("*kopia*"))


def test_a_symlink_or_fifo_in_overrides_stops_the_build_and_is_not_published(tmp_path: Path) -> None:
    """A copy holding only these two, so that they alone must stop the build; validated in a process of its own
    with a time limit, since a validator that opened the FIFO would wait for ever."""
    from tests.site_checks import validate as validate_in_a_process

    project = copy_project(tmp_path / "project")
    (project / "overrides/passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(project / "overrides/ror.css")
    checked = validate_in_a_process(project, timeout=120)
    assert checked.returncode == 1
    out = checked.stdout
    assert "overrides/passwd.txt:1: fel: Symboliska länkar" in out and "overrides/ror.css:1: fel:" in out
    site = tmp_path / "site"
    result = build_site(project, site, warm=False)  # refused before any chart is drawn
    assert result.returncode != 0 and "Traceback" not in result.stderr and "overrides/passwd.txt" in result.stderr
    assert not (site / "passwd.txt").exists() and "root:" not in result.stdout + result.stderr


# --- the preview's error page shows every text as text


def preview_build(project: Path, site: Path) -> None:
    """What `mkdocs serve` builds (the plugin shows the errors on every page), without a server."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()


# Each key in a mission file of its own (a file's first unknown key hides none of the others'), so one
# preview build shows them all on its error page.
HOSTILE_KEYS = {'"<script>alert(1)</script>"': "fm1-uppdrag-1",
                '"a\\n\\n<script>alert(2)</script>\\n\\n"': "fm1-uppdrag-2",
                '"`<img src=x onerror=alert(3)>`"': "fm1-uppdrag-3",
                '"x\\n</code><script>alert(4)</script>"': "fm2-uppdrag-1"}


def test_hostile_key_names_stay_text_on_the_preview_error_page(tmp_path: Path) -> None:
    from tests.validation.test_safety import markup

    project = copy_project(tmp_path / "project")
    for key, mission_id in HOSTILE_KEYS.items():
        mission = project / f"content/missions/{mission_id}.yaml"
        mission.write_text(mission.read_text(encoding="utf-8") + f"{key}: x\n", encoding="utf-8")
    site = tmp_path / "site"
    preview_build(project, site)
    pages = [site / "index.html", site / "404.html", site / "om/index.html"]
    failures = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Innehållet har fel" in html, page
        parsed = markup(html)
        for number, (key, mission_id) in enumerate(HOSTILE_KEYS.items(), 1):
            if f"content/missions/{mission_id}.yaml" not in html or f"alert({number})" not in html:
                failures.append(f"{page.relative_to(site)}: the error for {key} ({mission_id}) is not on the page")
            if any(f"alert({number})" in s for s in parsed.scripts):
                failures.append(f"{page.relative_to(site)}: {key} became a script")
        if any("alert(" in s for s in parsed.scripts):
            failures.append(f"{page.relative_to(site)}: a script calls alert(")
        if any(tag == "img" or any(name.startswith("on") for name in attrs) for tag, attrs in parsed.tags):
            failures.append(f"{page.relative_to(site)}: an <img> or an on… attribute from a key")
    assert failures == [], "\n".join(failures)


# --- ids that would take a page the site already makes


def rename_record(project: Path, folder: str, old: str, new: str) -> Path:
    path = project / f"content/{folder}/{old}.yaml"
    target = path.with_name(f"{new}.yaml")
    target.write_text(path.read_text(encoding="utf-8").replace(f"id: {old}", f"id: {new}"), encoding="utf-8")
    path.unlink()
    return target


# Every id a generated page or listing would clash with, each on a record of its own in one project (the
# mission ids on the fixture's four missions), so one load checks them all.
RESERVED_RENAMES = [
    ("missions", "fm2-uppdrag-1", "index"), ("goals", "fokusmal-2", "index"),
    ("news", "testnyhet-om-testandelen", "index"),
    ("missions", "fm1-uppdrag-1", "sida-2"), ("missions", "fm1-uppdrag-2", "sida-200"),
    ("missions", "fm1-uppdrag-3", "rader"), ("indicators", "testandel", "sida-3"),
]


def test_an_id_that_names_a_page_the_site_makes_is_refused(tmp_path: Path) -> None:
    from macros.validation.loader import errors_only, load_content

    project = copy_project(tmp_path / "project")
    expected = {}  # (file, line) -> the case
    for folder, old, new in RESERVED_RENAMES:
        renamed = rename_record(project, folder, old, new)
        line = renamed.read_text(encoding="utf-8").splitlines().index(f"id: {new}") + 1
        expected[(f"content/{folder}/{new}.yaml", line)] = f"{folder} {old} -> {new}"
        for path in project.rglob("*.yaml"):  # references follow the rename
            text = path.read_text(encoding="utf-8")
            if old in text:
                path.write_text(re.sub(rf"\b{old}\b", new, text), encoding="utf-8")
    errors = [p for p in errors_only(load_content(project)[1]) if p.field == "id"]
    found = {(e.file, e.line): e for e in errors}
    failures = [f"{case}: not refused at {file}:{line}" for (file, line), case in expected.items()
                if (file, line) not in found]
    for where, error in found.items():
        if where not in expected:
            failures.append(f"unexpected: {error.text()}")
        elif not ("Id:t kan inte användas" in error.message and "Välj ett annat id" in error.message):
            failures.append(f"{expected[where]}: the message does not say what to do: {error.message}")
    assert len(errors) == len(found) and failures == [], \
        "\n".join(failures) + "\n" + "\n".join(e.text() for e in errors)


def test_a_committee_id_that_names_the_overview_is_refused(tmp_path: Path) -> None:
    from macros.validation.loader import errors_only, load_content

    project = copy_project(tmp_path / "project")
    committees = project / "data/committees.yaml"
    committees.write_text(committees.read_text(encoding="utf-8").replace("id: en\n", "id: index\n"), encoding="utf-8")
    errors = [p for p in errors_only(load_content(project)[1]) if p.field == "id"]
    assert [e.file for e in errors] == ["data/committees.yaml"] and "översiktssida" in errors[0].message


# --- filesystem faults: a Swedish message naming the folder, the previous site intact


@contextlib.contextmanager
def tmpfs(path: Path, options: str = ""):
    """A tmpfs mounted at `path` (root only), unmounted afterwards; skip where the machine forbids it."""
    path.mkdir(parents=True, exist_ok=True)
    args = ["mount", "-t", "tmpfs"] + (["-o", options] if options else []) + ["tmpfs", str(path)]
    try:
        mounted = subprocess.run(args, capture_output=True, text=True, timeout=30).returncode == 0
    except OSError:
        mounted = False
    if not mounted:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {' '.join(args)}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


def assert_clean_failure(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    for word in words:
        assert word in result.stderr, result.stderr[-3000:]


def test_a_cache_that_is_a_file_is_named_and_the_site_still_builds(odd_build) -> None:
    _, site, result = odd_build
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert ".cache" in result.stderr and "utan cache" in result.stderr
    assert (site / "indikatorer/testandel/index.html").is_file()


@pytest.mark.build
def test_a_read_only_cache_is_named_and_the_site_still_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with tmpfs(project / ".cache", "ro,size=1m"):
        site = tmp_path / "site"
        result = build_site(project, site)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert ".cache" in result.stderr and "utan cache" in result.stderr
    assert (site / "indikatorer/testandel/index.html").is_file()


@pytest.mark.build
def test_a_site_folder_that_is_a_mount_point_gets_its_contents_replaced(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with tmpfs(tmp_path / "site", "size=64m") as site:
        (site / "gammal.html").write_text("gammal", encoding="utf-8")
        result = build_site(project, site)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
        assert (site / "index.html").is_file() and not (site / "gammal.html").exists()
        assert [p.name for p in site.iterdir() if p.name.startswith(".")] == []
        assert leftovers(site) == []


def test_a_full_disk_ends_in_a_swedish_message_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # One site fits (the form editor in admin/ is most of its 11 MB), two do not.
    with tmpfs(tmp_path / "liten", "size=16m") as disk:
        site = disk / "site"
        first = build_site(project, site)
        assert first.returncode == 0, first.stderr[-3000:]
        before = sorted(str(p.relative_to(site)) for p in site.rglob("*"))
        (project / "docs/om.md").write_text("# Om\n\nNy text.\n", encoding="utf-8")  # the second build differs
        result = build_site(project, site)
        assert_clean_failure(result, f"disken är full (i mappen {site.parent})",
                             f"Webbplatsen i {site} är som den var", "Frigör utrymme")
        assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == before
        assert "Ny text" not in (site / "om/index.html").read_text(encoding="utf-8")
        assert leftovers(site) == []


# --- statistics from a de-duplicated comparison group


def test_a_group_listing_a_municipality_twice_or_the_home_one_is_refused(tmp_path: Path) -> None:
    from macros.validation.loader import errors_only, load_content

    project = copy_project(tmp_path / "project")
    path = project / "content/indicators/testandel.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("comparison: [provby, exempelby]", "comparison: [provby, exempelby, provby, testby]")
                    .replace("reference: [storby]", "reference: [storby, provby]"), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("comparison: [provby, exempelby, provby, testby]") + 1
    errors = errors_only(load_content(project)[1])
    found = sorted((e.line, e.field) for e in errors if e.file == "content/indicators/testandel.yaml")
    assert found == [(line, "comparison[2]"), (line, "comparison[3]"), (line + 1, "reference[1]")], \
        [e.text() for e in errors]
    assert any("hemkommun" in e.message for e in errors) and any("finns redan i comparison[0]" in e.message
                                                                   for e in errors)


def test_every_statistic_is_computed_from_the_group_counted_once(tmp_path: Path) -> None:
    from macros.publish.charts import comparison_average, comparison_chart
    from macros.validation.loader import load_content

    content, _ = load_content(copy_project(tmp_path / "project"))
    clean = content.indicators["testandel"]
    doubled = clean.model_copy(update={"comparison": ["provby", "provby", "testby", "exempelby"],
                                       "reference": ["storby", "provby", "storby"]})
    values = {"testby": 2.1, "provby": 2.2, "exempelby": 3.7, "storby": 4.5}
    assert comparison_average(doubled, values) == comparison_average(clean, values) == pytest.approx((2.2 + 3.7) / 2)
    rows, names = content.series["testandel"], content.municipalities
    drawn = comparison_chart(doubled, rows, names)
    expected = comparison_chart(clean, rows, names)
    assert drawn is not None and expected is not None
    assert (drawn.spec, drawn.alt, drawn.rows) == (expected.spec, expected.alt, expected.rows)


# --- IRIs in the data catalogue

_BAD_IRI = re.compile(r"[\s\"<>{}|\\^`]|%(?![0-9A-Fa-f]{2})")


SERIES_NAMES = ["min serie", "o'serie", 'c"serie', "Stor"]


def test_a_series_file_name_that_is_no_slug_is_refused(tmp_path: Path) -> None:
    """All the names in one project, each file's error asserted for it."""
    from macros.validation.loader import errors_only, load_content

    project = copy_project(tmp_path / "project")
    series = project / "data/series/testandel.csv"
    for name in SERIES_NAMES:
        (project / f"data/series/{name}.csv").write_text(series.read_text(encoding="utf-8"), encoding="utf-8")
    errors = errors_only(load_content(project)[1])
    failures = []
    for name in SERIES_NAMES:
        found = [e for e in errors if e.file == f"data/series/{name}.csv"]
        if not (len(found) == 1 and "Filnamnet" in found[0].message):
            failures.append(f"{name!r}: {[e.text() for e in found]}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("url", ["http://creativecommons.org/publicdomain/zero/1.0/ x",
                                 'http://example.org/"licens"', "http://exa mple.org/", "http://<x>/"])
def test_a_catalogue_licence_address_with_spaces_or_quotes_is_refused(tmp_path: Path, url: str) -> None:
    from macros.validation.loader import errors_only, load_content

    project = copy_project(tmp_path / "project")
    settings = project / "data/portal.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"catalogue_licence_url: '{url}'\n", encoding="utf-8")
    errors = [e for e in errors_only(load_content(project)[1]) if e.field == "catalogue_licence_url"]
    assert len(errors) == 1 and errors[0].file == "data/portal.yaml", [e.text() for e in errors]


def test_the_catalogue_writes_valid_iris_whatever_reaches_it(tmp_path: Path) -> None:
    """Defence in depth: names and addresses that validation refuses are still encoded when written."""
    from rdflib import Graph, URIRef

    from macros.publish.opendata import open_data_files
    from macros.validation.loader import load_content

    content, _ = load_content(copy_project(tmp_path / "project"))
    content.series['min "serie" <x>%'] = content.series["testandel"]
    content.settings = content.settings.model_copy(update={"catalogue_licence_url": 'http://example.org/a b"c'})
    rdf = open_data_files(content, "https://example.invalid/")["api/katalog.rdf"]
    graph = Graph().parse(data=rdf, format="xml")
    iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
    assert any("min" in i for i in iris) and any("example.org" in i for i in iris)
    assert [i for i in iris if _BAD_IRI.search(i)] == []


# --- numbers that stay finite in every sum, format and JSON file


@pytest.mark.parametrize(("unit", "value"), [("kronor", "1.7e308"), ("kronor", "-1e200"), ("antal", "2e15")])
def test_huge_values_are_refused_so_sums_and_formats_stay_finite(tmp_path: Path, unit: str, value: str) -> None:
    from macros.validation.loader import errors_only, load_content

    project = copy_project(tmp_path / "project")
    indicator = project / "content/indicators/testandel.yaml"
    text = indicator.read_text(encoding="utf-8").replace("unit: procent", f"unit: {unit}")
    indicator.write_text(text, encoding="utf-8")
    series = project / "data/series/testandel.csv"
    series.write_text(series.read_text(encoding="utf-8").replace("provby,2023,2.2", f"provby,2023,{value}"),
                      encoding="utf-8")
    errors = errors_only(load_content(project)[1])
    assert [(e.file, e.line) for e in errors] == [("data/series/testandel.csv", 5)], [e.text() for e in errors]
    indicator.write_text(text.replace("value: 1.0", f"value: {value}"), encoding="utf-8")
    assert any(e.field == "target.value" for e in errors_only(load_content(project)[1]))


def test_json_files_never_hold_nan_or_infinity(tmp_path: Path) -> None:
    from macros.content.models import SeriesRow
    from macros.publish.charts import chart_files, comparison_chart
    from macros.publish.opendata import open_data_files
    from macros.validation.loader import load_content

    content, _ = load_content(copy_project(tmp_path / "project"))
    rows = content.series["testandel"]
    content.series["testandel"] = [SeriesRow.model_construct(**{**r.__dict__, "value": math.inf})
                                   if r.municipality == "provby" else r for r in rows]
    with pytest.raises(ValueError, match="JSON"):
        open_data_files(content, "https://example.invalid/")
    chart = comparison_chart(content.indicators["testandel"], content.series["testandel"], content.municipalities)
    assert chart is not None
    with pytest.raises(ValueError, match="JSON"):
        chart_files(chart, {"": "<svg/>"}, "indikatorer/testandel/")


# --- the review summary sees pages, theme and configuration


def test_the_review_summary_lists_changed_pages_theme_and_configuration(tmp_path: Path, capsys) -> None:
    from tests.review.test_changes_summary import base_version, git, run, write

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    write(repo, base_version())
    (repo / "docs/mal").mkdir(parents=True)
    (repo / "docs/om.md").write_text("# Om\n\nFörsta texten.\n", encoding="utf-8")
    (repo / "docs/mal/index.md").write_text("# Mål\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "bas")
    code, out, _ = run(repo, "--base", "HEAD", capsys=capsys)
    assert code == 0 and "Inga ändringar som syns för medborgarna" in out
    (repo / "docs/om.md").write_text("# Om\n\nAndra texten.\n", encoding="utf-8")
    (repo / "docs/mal/index.md").unlink()
    (repo / "overrides").mkdir()
    (repo / "overrides/main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    (repo / "docs/.utkast.md").write_text("# Utkast\n", encoding="utf-8")  # does not count
    (repo / "mkdocs.yml").write_text("site_name: Annat namn\n", encoding="utf-8")
    code, out, _ = run(repo, "--base", "HEAD", capsys=capsys)
    assert code == 0 and "Inga ändringar" not in out, out
    assert "3 ändrade filer för sidor och utseende" not in out and "4 ändrade filer för sidor och utseende" in out
    for line in ("- `docs/mal/index.md` (borttagen, sidan `mal/`)", "- `docs/om.md` (ändrad, sidan `om/`)",
                 "- `mkdocs.yml` (ändrad)", "- `overrides/main.html` (ny)"):
        assert line in out, out
    assert "utkast" not in out
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "sidor")
    _, out, _ = run(repo, "--base", "HEAD~1", "--head", "HEAD", capsys=capsys)  # both versions from git
    assert "- `docs/om.md` (ändrad, sidan `om/`)" in out and "- `overrides/main.html` (ny)" in out


# --- a CSV message that says what is wrong


def test_a_quoted_cell_with_a_line_break_is_not_called_an_unclosed_quote(tmp_path: Path) -> None:
    from macros.validation.loader import errors_only, load_content

    project = copy_project(tmp_path / "project")
    series = project / "data/series/testandel.csv"
    text = series.read_text(encoding="utf-8")
    series.write_text(text.replace("provby,2023,2.2,,Testkälla: syntetisk statistik,",
                                   'provby,2023,2.2,,"Testkälla:\nsyntetisk statistik",'), encoding="utf-8")
    [error] = errors_only(load_content(project)[1])
    assert (error.file, error.line, error.field) == ("data/series/testandel.csv", 5, "source"), error.text()
    assert "stängs inte" not in error.message and "radbrytning" in error.message and "5–6" in error.message
    # A quote that really is left open still says so.
    series.write_text(text.replace("provby,2023,2.2,,Testkälla: syntetisk statistik,",
                                   'provby,2023,2.2,,"Testkälla: syntetisk statistik,'), encoding="utf-8")
    assert any("stängs inte" in e.message for e in errors_only(load_content(project)[1]))
