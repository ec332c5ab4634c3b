"""Supply chain: every installed package is pinned with its hashes, and installed only if they match."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

LOCK = ROOT / "requirements.lock"


def locked() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes), read from pip-compile's format (continuation lines)."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    pins: dict[str, tuple[str, list[str]]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})*)", line)
        assert match, f"requirements.lock: not a pinned, hashed requirement: {line[:80]}"
        pins[normalise(match[1])] = (match[2], re.findall(r"sha256:([0-9a-f]{64})", match[3]))
    return pins


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_locked_package_is_pinned_with_hashes() -> None:
    pins = locked()
    assert len(pins) > 20
    for name, (_version, hashes) in pins.items():
        assert hashes, f"{name} has no --hash in requirements.lock: run `make lock`"


def test_lock_holds_every_direct_dependency_at_its_pinned_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = locked()
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        name, version = requirement.split("==")
        assert pins.get(normalise(name), ("missing",))[0] == version, f"{requirement}: run `make lock`"


def test_make_installs_only_what_the_hashes_match_and_lock_writes_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line and "requirements.lock" in line]
    assert installs and all("--require-hashes" in line for line in installs)
    lock = makefile[makefile.index("\nlock:"):]
    assert "--generate-hashes" in lock and "--extra test" in lock and "--output-file requirements.lock" in lock
