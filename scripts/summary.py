"""What a change means for citizens: `python -m scripts.summary [--base REV] [--head REV] [--root DIR]`.

Compares the content and data of two versions and prints a Swedish Markdown summary (`make summary`).
Without --head the working tree is compared; without --base, the commit where HEAD left origin/main
(when that branch exists), else HEAD~1. In GitHub Actions the summary is also appended to the job
summary ($GITHUB_STEP_SUMMARY). A version is read from git with `git archive` into a temporary
directory, so nothing outside the repository's own content/, data/, docs/, overrides/ and mkdocs.yml
is read.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from macros.review.page_files import PAGE_PARTS, page_changes, snapshot
from macros.review.summary import compare, to_markdown
from macros.validation.loader import load_content

# Everything that changes what citizens see: the content, and the pages, theme and site configuration.
PARTS = ("content", "data", *PAGE_PARTS)


class GitError(Exception):
    """A revision git cannot give us; the message is for the editor, in Swedish."""


def git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} misslyckades.")
    return result.stdout.strip()


def commit_of(root: Path, rev: str) -> str:
    """The full commit id of `rev`; refuses what git would read as an option."""
    if rev.startswith("-"):
        raise GitError(f"Ogiltig revision: {rev!r}.")
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"Revisionen {rev!r} finns inte i git-förrådet (prova `git fetch`).") from None


def default_base(root: Path) -> tuple[str, str]:
    """Where this branch left origin/main (so changes made on main since are not counted as this
    branch's); without that branch the previous commit, or HEAD itself. Returns commit and label."""
    try:
        commit_of(root, "origin/main")
        return git(root, "merge-base", "origin/main", "HEAD"), "origin/main"
    except GitError:
        pass
    for rev in ("HEAD~1", "HEAD"):
        try:
            return commit_of(root, rev), rev
        except GitError:
            continue
    raise GitError("Förrådet har inga commits att jämföra med.")


def extract(root: Path, commit: str, dest: Path) -> list[str]:
    """Write `commit`'s PARTS (content/, data/, docs/, …) into `dest`. Links that point outside `dest` are left out
    (tarfile's 'data' filter refuses them); their names are returned."""
    present = [p for p in PARTS if git(root, "ls-tree", "--name-only", commit, "--", p)]
    if not present:
        return []
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", commit, "--", *present],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise GitError(archive.stderr.decode(errors="replace").strip())
    skipped: list[str] = []
    with tarfile.open(fileobj=io.BytesIO(archive.stdout), mode="r:") as tar:
        for member in tar:
            try:
                tar.extract(member, dest, filter="data")
            except tarfile.FilterError:
                skipped.append(member.name)
    return skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Sammanfatta vad en ändring betyder för medborgarna.")
    parser.add_argument("--base", help="revisionen att jämföra med (standard: där grenen lämnade origin/main)")
    parser.add_argument("--head", help="revisionen som jämförs (standard: arbetskopian)")
    parser.add_argument("--root", type=Path, default=Path("."), help="projektets rotkatalog (ett git-förråd)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    with tempfile.TemporaryDirectory(prefix="sammanfattning-") as tmp:
        try:
            base_commit, base_name = (commit_of(root, args.base), args.base) if args.base else default_base(root)
            skipped = extract(root, base_commit, Path(tmp, "base"))
            head_commit = commit_of(root, args.head) if args.head else None
            if head_commit:
                skipped += extract(root, head_commit, Path(tmp, "head"))
        except GitError as exc:
            print(f"fel: {exc}", file=sys.stderr)
            return 2
        head_root = Path(tmp, "head") if head_commit else root
        base, base_problems = load_content(Path(tmp, "base"))
        head, head_problems = load_content(head_root)
        pages = page_changes(snapshot(Path(tmp, "base")), snapshot(head_root))
    base_label = f"{base_name} ({base_commit[:10]})"
    head_label = f"{args.head} ({head_commit[:10]})" if head_commit else "arbetskopian"
    changes = compare(base, head)
    changes.pages = pages
    text = to_markdown(changes, base, head, base_label, head_label, base_problems, head_problems)
    if skipped:
        text += "\nLänkar som pekar utanför projektet lästes inte: " + ", ".join(f"`{s}`" for s in skipped) + "\n"
    print(text, end="")
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary:
        with open(step_summary, "a", encoding="utf-8") as out:
            out.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
