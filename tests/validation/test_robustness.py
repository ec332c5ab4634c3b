"""The repository's own files only, and no input that crashes the validator (issue 16).

Symlinks and special files in content/, data/ and docs/ are refused by name and never read
through; nothing from a file outside the repository reaches a message. Dates, tags, nesting,
numbers and characters that used to give tracebacks give located Swedish messages instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros.content.repofiles import RepoFileError, read_bytes, unsafe_entries
from macros.validation.loader import errors_only, load_content
from tests import site_checks
from tests.validation.test_messages import GOAL, MISSION, SERIES, assert_editor_message, copy_fixture, edit

ROOT = Path(__file__).resolve().parents[2]
SECRET = "HEMLIG-MARKÖR-4711"


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def validate(project: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.validate", "--root", str(project)],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def outside(tmp_path: Path) -> Path:
    """A folder outside the project holding a 'secret' file, a record and a series."""
    folder = tmp_path / "utanfor"
    folder.mkdir()
    (folder / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (folder / "fm1-uppdrag-9.yaml").write_text(
        f"id: fm1-uppdrag-9\ngoal: fokusmal-1\nnumber: 9\ntitle: {SECRET}\nresponsible: [ks]\n"
        f"description: {SECRET}\nsource:\n  title: {SECRET}\nbogus: {SECRET}\n", encoding="utf-8")
    (folder / "serie.csv").write_text(f"{SECRET},{SECRET}\n", encoding="utf-8")
    return folder


def test_symlinks_are_refused_by_name_and_never_read(proj: Path, tmp_path: Path) -> None:
    out = outside(tmp_path)
    (proj / "docs").mkdir()
    links = {
        "docs/passwd.txt": Path("/etc/passwd"),
        "docs/hemligt.txt": out / "secret.txt",
        "content/missions/fm1-uppdrag-9.yaml": out / "fm1-uppdrag-9.yaml",
        "data/series/utanfor.csv": out / "serie.csv",
        "content/news": out,  # a whole folder
    }
    (proj / "content/news/syntetisk-nyhet.yaml").unlink()
    (proj / "content/news").rmdir()
    (proj / "data/committees.yaml").rename(out / "committees.yaml")
    links["data/committees.yaml"] = out / "committees.yaml"
    for rel, target in links.items():
        (proj / rel).symlink_to(target)
    result = site_checks.validate_here(proj)  # about what it reads, not the process
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for rel in links:
        assert f"{rel}:1: fel: Symboliska länkar är inte tillåtna" in result.stdout, (rel, result.stdout)
    assert SECRET not in result.stdout + result.stderr and "root:" not in result.stdout
    content, _ = load_content(proj)
    assert "fm1-uppdrag-9" not in content.missions and not content.news and not content.committees
    assert "utanfor" not in content.series


def test_a_symlinked_folder_above_a_file_is_not_read_through(tmp_path: Path) -> None:
    out = outside(tmp_path)
    with pytest.raises(RepoFileError):
        read_bytes(out / "secret.txt", 1000, root=tmp_path / "project-that-is-elsewhere")
    project = tmp_path / "p"
    project.mkdir()
    (project / "data").symlink_to(out)
    with pytest.raises(RepoFileError) as exc:
        read_bytes(project / "data" / "secret.txt", 1000, root=project)
    assert SECRET not in exc.value.message


def test_special_files_are_refused_without_blocking(proj: Path) -> None:
    os.mkfifo(proj / "data/series/fifo.csv")  # opening it for reading would wait for a writer forever
    (proj / "data/series/noll.csv").symlink_to("/dev/zero")  # would never end
    started = time.monotonic()
    result = validate(proj, timeout=60)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert "data/series/fifo.csv:1: fel: Här får bara finnas vanliga filer" in result.stdout
    assert "data/series/noll.csv:1: fel: Symboliska länkar" in result.stdout


def test_reading_stops_at_the_size_limit_whatever_the_file_claims(tmp_path: Path) -> None:
    path = tmp_path / "stor.csv"
    path.write_bytes(b"x" * 2048)
    assert read_bytes(path, 2048) == b"x" * 2048
    with pytest.raises(RepoFileError) as exc:
        read_bytes(path, 1024)
    assert "för stor" in exc.value.message


def test_unsafe_entries_is_what_the_site_build_calls_for_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    assert unsafe_entries(tmp_path, ("docs",)) == []
    (docs / "assets" / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(docs / "ror")
    found = unsafe_entries(tmp_path, ("docs",))
    assert [(p.file, p.line) for p in found] == [("docs/assets/passwd.txt", 1), ("docs/ror", 1)]
    assert "Symboliska länkar" in found[0].message and "FIFO" in found[1].message


@pytest.mark.build
def test_a_symlink_in_docs_stops_the_site_build_and_is_not_published(tmp_path: Path) -> None:
    from tests.conftest import build_site, copy_project

    project = copy_project(tmp_path / "project")
    (project / "docs/passwd.txt").symlink_to("/etc/passwd")
    site = tmp_path / "site"
    result = build_site(project, site, warm=False)  # refused before any chart is drawn
    assert result.returncode != 0
    assert "docs/passwd.txt" in result.stdout + result.stderr and "root:" not in result.stdout + result.stderr
    assert not (site / "passwd.txt").exists()


# --- inputs that used to crash


@pytest.mark.parametrize("tagged", ["!!int abc", "!!timestamp foo", "!!float x", "!!binary AAAA",
                                    "!!python/object/apply:os.system ['echo x']", "!egen x", "! x", "!!set {a}",
                                    "!!str 2"])
def test_typed_tags_are_refused_and_hide_no_other_error(proj: Path, tagged: str) -> None:
    edit(proj, MISSION, "number: 2", f"number: {tagged}")
    edit(proj, GOAL, "status: gul", "status: orange")
    _, problems = load_content(proj)
    errors = errors_only(problems)
    assert [e.file for e in errors] == [MISSION, GOAL], [e.text() for e in errors]
    assert "Typangivelsen" in errors[0].message and errors[0].line == 3
    for problem in problems:
        assert_editor_message(problem)


def test_an_impossible_date_hides_no_other_error(proj: Path) -> None:
    edit(proj, "data/periods.yaml", "date: 2023-08-31", "date: 2023-02-30")
    edit(proj, MISSION, "- amn", "- xyz")
    errors = errors_only(load_content(proj)[1])
    assert [(e.file, e.field) for e in errors] == [("data/periods.yaml", "date"), (MISSION, "responsible[0]")]


# One depth per file, both in one validator process: a crash of the interpreter must show in its exit code.
DEPTHS = {MISSION: 2_000, GOAL: 100_000}


def test_deep_nesting_is_refused_without_crashing(proj: Path) -> None:
    # 2,000 brackets raised RecursionError; 100,000 crashed the interpreter (libyaml's composer recursed).
    for file, depth in DEPTHS.items():
        (proj / file).write_text("x: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    result = validate(proj)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    missing = [f"{file} ({depth} brackets)" for file, depth in DEPTHS.items()
               if f"{file}:1: fel: För djup nästling" not in result.stdout]
    assert missing == [], f"not refused: {missing}\n{result.stdout}"


@pytest.mark.parametrize(("old", "new", "field"), [
    ("value: 1.0", "value: .inf", "target.value"),
    ("value: 1.0", "value: -.inf", "target.value"),
    ("value: 1.0", "value: 1e999", "target.value"),
])
def test_non_finite_targets_are_refused(proj: Path, old: str, new: str, field: str) -> None:
    edit(proj, "content/indicators/syntetisk-andel.yaml", old, new)
    [err] = errors_only(load_content(proj)[1])
    assert err.field == field and ".nan eller .inf" in err.message


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-Infinity", "1e400", "-0.5", "100.1"])
def test_series_values_must_be_finite_shares(proj: Path, value: str) -> None:
    edit(proj, SERIES, "uppsala,2023,2.1,", f"uppsala,2023,{value},")
    [err] = errors_only(load_content(proj)[1])
    assert err.file == SERIES and err.line == 3 and err.field == "value"


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069"])
@pytest.mark.parametrize("where", ["title", "key", "vocabulary", "series", "comment"])
def test_control_and_bidi_characters_are_refused_with_their_position(proj: Path, char: str, where: str) -> None:
    target, old = {
        "title": (MISSION, "title: Syntetiskt"),
        "key": (MISSION, "title:"),
        "vocabulary": ("data/committees.yaml", "name: Syntetiska kommunstyrelsen"),
        "series": (SERIES, "Syntetisk källa,2024-01-15"),
        "comment": (MISSION, "id:"),
    }[where]
    new = {"key": "ti" + char + "tle:", "comment": "# kommentar " + char + "\nid:"}.get(where, old[:8] + char + old[8:])
    edit(proj, target, old, new)
    errors = errors_only(load_content(proj)[1])
    assert errors and errors[0].file == target, [e.text() for e in errors]
    text = errors[0].text()
    assert f"U+{ord(char):04X}" in text and "kolumn" in text and char not in text


def test_invalid_licence_address_in_settings(proj: Path) -> None:
    edit(proj, "data/portal.yaml", "feed_tag:", "data_licence: {id: CC0-1.0, name: CC0, url: 'https://'}\nfeed_tag:")
    [err] = errors_only(load_content(proj)[1])
    assert err.file == "data/portal.yaml" and err.line == 3 and err.field == "data_licence.url"
    assert "värdnamn" in err.message


# --- names that cannot become an address or be checked out on Windows (content.repofiles.unportable_name)

def test_unportable_names_in_docs_and_windows_device_ids_are_refused(tmp_path: Path) -> None:
    from macros.structure.reserved import reserved_reason
    from tests.conftest import copy_project

    project = copy_project(tmp_path / "project")
    page = (project / "docs/om.md").read_text(encoding="utf-8")
    for name in ("om\noss.md", "con.md", "fråga: svar.md"):
        (project / "docs" / name).write_text(page, encoding="utf-8")
    (project / "docs/om oss.md").write_text(page, encoding="utf-8")  # a space is only ugly: %20
    found = [p.text() for p in unsafe_entries(project)]
    assert len(found) == 3, found
    assert all("\n" not in line for line in found)
    assert any(line.startswith("docs/om\\noss.md:1: fel: Namnet har en radbrytning") for line in found), found
    assert any(line.startswith("docs/con.md:1: fel: con är ett reserverat namn i Windows") for line in found), found
    for record_id in ("con", "aux", "nul", "com1", "lpt9"):
        assert "Windows" in (reserved_reason("missions", record_id) or ""), record_id
    assert reserved_reason("missions", "console") is None
