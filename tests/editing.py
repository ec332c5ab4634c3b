"""Helpers for tests that change a copy of a project the way an editor would."""

from __future__ import annotations

from pathlib import Path


def replace(project: Path, rel: str, old: str, new: str) -> None:
    """Replace the first `old` in the project file `rel` (which must hold it) with `new`."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    """The number of the first line of `rel` that holds `needle`."""
    for number, line in enumerate((project / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)
