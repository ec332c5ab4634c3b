"""Property-based fuzzing: whatever the bytes of a content file, validation ends with no errors or
with located Swedish messages — never a traceback, never a hang, never a crash of the interpreter.

Seeds are the files of the synthetic fixture project and of the live content (copied; this test
asserts robustness, not facts). Each example mutates one file: bytes flipped, inserted or deleted,
lines duplicated, swapped or re-indented, and tokens that have broken the validator before
(tags, anchors, brackets, impossible dates, .nan, control and bidi characters, huge numbers).
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.validation.loader import load_content
from tests.validation.test_messages import FIXTURE, assert_editor_message

ROOT = Path(__file__).resolve().parents[2]

TOKENS = [
    ": ", "- ", "-", "[", "]", "{", "}", ",", "? ", "!!int ", "!!timestamp ", "!!python/object:os.system ", "!x ",
    "&a ", "*a", "<<: ", "---\n", "...\n", "%YAML 1.1\n", "|", ">-", "#", "'", '"', "\\x07", "\\u202e", "\t", "\n",
    "\r\n", "\x00", "\x1b", "\u202e", "\u2066", "\x85", "\ufeff", ".nan", ".inf", "-.inf", "1e999", "-1",
    "2023-02-30", "2023-13-01", "0000-00-00", "9" * 5000, "~", "null", "yes", "0x1F", "1_000", "1:20", "=",
    "[" * 200, "{a: " * 50, "é", "FYLL I: ", "https://exa mple.org", "javascript:alert(1)", "gron", "fm1-uppdrag-1",
]

Mutation = tuple[str, int, int, bytes]


def seeds() -> dict[str, bytes]:
    """Relative path -> bytes, from the fixture project and the live content."""
    out = {}
    for label, base in (("fixture", FIXTURE), ("live", ROOT)):
        for folder in ("content", "data"):
            for path in sorted((base / folder).rglob("*")):
                if path.suffix in (".yaml", ".csv") and path.is_file():
                    out[f"{label}:{path.relative_to(base).as_posix()}"] = path.read_bytes()
    return out


SEEDS = seeds()


def mutate(data: bytes, mutations: list[Mutation]) -> bytes:
    for kind, a, b, blob in mutations:
        n = len(data)
        i, j = (a % (n + 1), b % (n + 1)) if n else (0, 0)
        i, j = min(i, j), max(i, j)
        if kind == "insert":
            data = data[:i] + blob + data[i:]
        elif kind == "delete":
            data = data[:i] + data[j:]
        elif kind == "replace":
            data = data[:i] + blob + data[j:]
        elif kind == "flip" and n:
            data = data[:i] + bytes([data[i % n] ^ (1 << (b % 8))]) + data[i + 1:]
        else:
            lines = data.split(b"\n")
            k, m = a % len(lines), b % len(lines)
            if kind == "duplicate":
                lines.insert(k, lines[k])
            elif kind == "swap":
                lines[k], lines[m] = lines[m], lines[k]
            elif kind == "indent":
                lines[k] = b" " * (b % 5) + lines[k].lstrip(b" ")
            data = b"\n".join(lines)
    return data


blobs = st.one_of(st.sampled_from([t.encode("utf-8") for t in TOKENS]), st.binary(max_size=12),
                  st.text(max_size=8).map(lambda s: s.encode("utf-8", "surrogatepass")))
mutations = st.lists(
    st.tuples(st.sampled_from(["insert", "delete", "replace", "flip", "duplicate", "swap", "indent"]),
              st.integers(0, 1 << 20), st.integers(0, 1 << 20), blobs),
    min_size=1, max_size=6,
)


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One copy of each base project, restored after every example."""
    base = tmp_path_factory.mktemp("fuzz")
    fixture = base / "fixture"
    shutil.copytree(FIXTURE, fixture)
    live = base / "live"
    live.mkdir()
    for folder in ("content", "data"):
        shutil.copytree(ROOT / folder, live / folder)
    return {"fixture": fixture, "live": live}


class Hang(Exception):
    pass


def _alarm(signum, frame):  # signal handler signature
    raise Hang()


def target(projects: dict[str, Path], key: str) -> tuple[Path, Path]:
    base, rel = key.split(":", 1)
    project = projects[base]
    return project, project / rel


def check(project: Path) -> None:
    """In-process validation: exit 0 (no errors) or errors with file:line, in Swedish."""
    _, problems = load_content(project)
    for problem in problems:
        assert_editor_message(problem)
        assert problem.line >= 1 and not Path(problem.file).is_absolute()


@settings(max_examples=200, deadline=5000, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(key=st.sampled_from(sorted(SEEDS)), changes=mutations)
def test_mutated_content_never_crashes_the_validator(projects: dict[str, Path], key: str,
                                                     changes: list[Mutation]) -> None:
    project, path = target(projects, key)
    path.write_bytes(mutate(SEEDS[key], changes))
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(20)  # a hang fails the example instead of the whole run
    try:
        check(project)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        path.write_bytes(SEEDS[key])


LINE = re.compile(r"^[^:\s/][^:]*:\d+: (fel|varning|notis): .+$")


@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(key=st.sampled_from(sorted(k for k in SEEDS if k.startswith("fixture:"))), changes=mutations)
def test_mutated_content_in_a_separate_process_exits_0_or_1(projects: dict[str, Path], key: str,
                                                            changes: list[Mutation]) -> None:
    # A separate interpreter, as CI runs it: a crash in C code (libyaml) would show as a signal here.
    project, path = target(projects, key)
    path.write_bytes(mutate(SEEDS[key], changes))
    try:
        result = subprocess.run([sys.executable, "-m", "scripts.validate", "--root", str(project)],
                                capture_output=True, text=True, cwd=ROOT, timeout=60)
    finally:
        path.write_bytes(SEEDS[key])
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    for line in result.stdout.splitlines():
        assert LINE.match(line), line
    if result.returncode == 1:
        assert any(": fel: " in line for line in result.stdout.splitlines())


def test_the_mutations_reach_the_interesting_paths() -> None:
    # The fuzzer must be able to produce what broke the validator before, or it proves little.
    seed = b"number: 2\n"
    assert mutate(seed, [("replace", 8, 9, b"!!int abc")]) == b"number: !!int abc\n"
    assert mutate(seed, [("insert", 0, 0, b"[" * 200)]).startswith(b"[" * 200)
    assert mutate(b"a\nb\n", [("swap", 0, 1, b"")]) == b"b\na\n"
