"""The scheduled Kolada update (.github/workflows/kolada.yml): `python -m scripts.kolada_update --body FILE [--commit]`.

Runs the importer for every series bound to a Kolada KPI (`import_kolada --all`). When no series file
changed it says so and stops: no pull request. When values changed it writes the pull request's
description, the citizen-change summary of scripts/summary.py with the import's own lines, to FILE,
and with --commit commits the series files on the branch BRANCH. In GitHub Actions it sets the step
outputs `changed` (true/false) and `branch`. A failed import writes nothing, prints the importer's
Swedish message, annotates the run (::error) and exits non-zero, so the job fails.

Pushing the branch and opening or updating the one pull request is the workflow's job (it holds the
token); everything before that is here, so that tests run it end to end on recorded responses.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import sys
import tempfile
from pathlib import Path

from macros.kolada.client import Getter
from macros.review.summary import compare, to_markdown
from macros.validation.loader import load_content
from scripts import import_kolada
from scripts.summary import GitError, commit_of, extract, git

BRANCH = "kolada/uppdatering"
SERIES = "data/series"
TITLE = "Nya värden från Kolada"


def changed_series(root: Path) -> list[str]:
    """Series files that differ from HEAD, new ones included."""
    changed = git(root, "diff", "--name-only", "HEAD", "--", SERIES).splitlines()
    new = git(root, "ls-files", "--others", "--exclude-standard", "--", SERIES).splitlines()
    return sorted(set(changed + new) - {""})


def pr_body(root: Path, import_lines: str, today: dt.date) -> str:
    """The pull request's description: what the import did, then what changes for citizens."""
    head_commit = commit_of(root, "HEAD")
    with tempfile.TemporaryDirectory(prefix="kolada-") as tmp:
        extract(root, head_commit, Path(tmp, "base"))
        base, base_problems = load_content(Path(tmp, "base"))
    head, head_problems = load_content(root)
    summary = to_markdown(compare(base, head), base, head, f"main ({head_commit[:10]})", "Kolada-importen",
                          base_problems, head_problems)
    lines = [f"# {TITLE}", "",
             f"Det schemalagda arbetsflödet hämtade värden från Kolada {today.isoformat()} för varje indikator "
             "som anger ett Kolada-nyckeltal (`kpi:` under `sources`). Värden som Kolada ännu inte har "
             "publicerat som slutliga är flaggade som preliminära och visas så på webbplatsen. Granska "
             "ändringarna nedan och slå ihop när kontrollerna är gröna. Nästa körning uppdaterar den här "
             "pull requesten i stället för att öppna en ny.", "",
             "```text", import_lines.strip(), "```", "", summary]
    return "\n".join(lines)


def _output(**values: str) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.writelines(f"{key}={value}\n" for key, value in values.items())


def _fail(message: str) -> int:
    print(f"kolada_update: fel: {message}", file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::error title=Kolada-importen misslyckades::{message.splitlines()[0]}")
    _output(changed="false")
    return 1


def commit(root: Path, files: list[str], today: dt.date) -> None:
    git(root, "switch", "--force-create", BRANCH)
    git(root, "add", "--", *files)
    git(root, "-c", "user.name=Kolada-importen", "-c", "user.email=kolada-importen@users.noreply.github.com",
        "commit", "--quiet", "-m", f"{TITLE} ({today.isoformat()})")


def main(argv: list[str] | None = None, get: Getter | None = None, today: dt.date | None = None) -> int:
    parser = argparse.ArgumentParser(description="Hämta nya värden från Kolada och förbered en pull request.")
    parser.add_argument("--root", type=Path, default=Path("."), help="projektets rotkatalog (ett git-förråd)")
    parser.add_argument("--body", type=Path, required=True, help="fil som får pull requestens beskrivning")
    parser.add_argument("--commit", action="store_true", help=f"checka in ändringarna på grenen {BRANCH}")
    parser.add_argument("--years", help="år att hämta (standard: importens, de senaste tio åren)")
    parser.add_argument("--deadline", help="längsta tid för hela hämtningen i sekunder")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    today = today or dt.date.today()
    try:
        if changed_series(root):
            return _fail(f"{SERIES} har ändringar som inte är incheckade; importen körs bara på en ren kopia av main.")
        import_args = ["--all", "--root", str(root)]
        import_args += ["--years", args.years] if args.years else []
        import_args += ["--deadline", args.deadline] if args.deadline else []
        captured = io.StringIO()
        with contextlib.redirect_stdout(captured):
            status = import_kolada.main(import_args, get=get, today=today)
        print(captured.getvalue(), end="")
        if status != 0:  # the importer has printed its Swedish message and written nothing
            return _fail("importen avbröts (se meddelandet ovan); inga dataserier har ändrats och ingen pull "
                         "request öppnas.")
        files = changed_series(root)
        if not files:
            print("Inga nya eller ändrade värden från Kolada: ingen pull request.")
            _output(changed="false")
            return 0
        args.body.write_text(pr_body(root, captured.getvalue(), today), encoding="utf-8")
        if args.commit:
            commit(root, files, today)
        print(f"Ändrade dataserier: {', '.join(files)}. Beskrivningen av pull requesten finns i {args.body}.")
        _output(changed="true", branch=BRANCH)
        return 0
    except GitError as exc:
        return _fail(f"git: {exc}")
    except OSError as exc:
        return _fail(f"kunde inte skriva {exc.filename or 'en fil'}: {exc.strerror or exc}.")


if __name__ == "__main__":
    sys.exit(main())
