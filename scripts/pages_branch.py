"""Publish on the `gh-pages` branch: the site of main at its root, each pull request's preview under
`pr-<N>/`, removed when the pull request closes. `python3 -m scripts.pages_branch main|preview|remove …`.

Standard library and git only: the privileged workflow jobs run this file with the runner's python3
from the default branch, never from a pull request; a built site is copied as data (regular files
only), never executed. The branch holds one commit, replaced on every change: its history would
otherwise grow by a whole site per push. Writers (main, previews, removals) may run at once, so each
change is made on the branch as fetched and pushed with --force-with-lease; when another writer came
first, the change is made again on the new branch.
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

BRANCH = "gh-pages"
PREVIEW = re.compile(r"pr-([1-9][0-9]{0,8})")
ATTEMPTS = 5
# A site's own files never need these; .git would let a built site rewrite the branch's repository.
RESERVED = {".git", ".nojekyll"}
IDENTITY = {"GIT_AUTHOR_NAME": "github-actions[bot]", "GIT_COMMITTER_NAME": "github-actions[bot]",
            "GIT_AUTHOR_EMAIL": "41898282+github-actions[bot]@users.noreply.github.com",
            "GIT_COMMITTER_EMAIL": "41898282+github-actions[bot]@users.noreply.github.com"}


class PagesError(Exception):
    """A Swedish message for the workflow log."""


def copy_site(site: Path, dest: Path) -> int:
    """Copy the built site's regular files into `dest` (made anew); refuses links and anything odd."""
    if not site.is_dir() or site.is_symlink():
        raise PagesError(f"Webbplatsen finns inte: {site}.")
    count = 0
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site)
        if path.is_symlink() or not (path.is_dir() or path.is_file()):
            raise PagesError(f"Webbplatsen innehåller något annat än vanliga filer: {relative}.")
        # .git at any depth: git would take a nested one for another repository (an embedded gitlink).
        if relative.parts[0] in RESERVED or ".git" in relative.parts:
            name = relative.parts[0] if relative.parts[0] in RESERVED else relative.as_posix()
            raise PagesError(f"Webbplatsen innehåller {name}, som inte får publiceras.")
        if path.is_file():
            target = dest / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            count += 1
    if not count:
        raise PagesError(f"Webbplatsen är tom: {site}.")
    return count


def previews(tree: Path) -> dict[int, Path]:
    return {int(m.group(1)): p for p in tree.iterdir() if p.is_dir() and (m := PREVIEW.fullmatch(p.name))}


def put_main(site: Path, open_prs: set[int] | None) -> Callable[[Path], None]:
    """Main's site at the root; previews kept, except those of pull requests no longer open."""
    clash = sorted(p.name for p in site.iterdir() if PREVIEW.fullmatch(p.name)) if site.is_dir() else []
    if clash:
        raise PagesError(f"Webbplatsen har en mapp som heter som en förhandsvisning: {clash[0]}.")

    def change(tree: Path) -> None:
        kept = previews(tree)
        for path in tree.iterdir():
            if path.name != ".git" and path not in kept.values():
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        if open_prs is not None:
            for number, path in kept.items():
                if number not in open_prs:
                    shutil.rmtree(path)
        copy_site(site, tree)
        (tree / ".nojekyll").write_text("")  # serve folders such as _static as they are
    return change


def put_preview(site: Path, number: int) -> Callable[[Path], None]:
    def change(tree: Path) -> None:
        folder = tree / f"pr-{number}"
        if folder.is_dir():
            shutil.rmtree(folder)
        copy_site(site, folder)
        (tree / ".nojekyll").write_text("")
    return change


def remove_preview(number: int) -> Callable[[Path], None]:
    def change(tree: Path) -> None:
        folder = tree / f"pr-{number}"
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
    return change


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                            env={**os.environ, **IDENTITY, **(env or {})})
    if check and result.returncode != 0:
        raise PagesError(f"git {args[0]} misslyckades: {result.stderr.strip()[:500]}")
    return result.stdout.strip()


def auth_env(remote: str, token: str | None) -> dict[str, str]:
    """The token as an HTTP header through git's environment configuration: never in a URL, a file
    or a command line."""
    if not token or not remote.startswith("https://"):
        return {}
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.extraheader",
            "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}"}


def publish(remote: str, change: Callable[[Path], None], message: str, token: str | None = None) -> str:
    """Make `change` on the branch as it is now and push it; returns the new commit, or '' if nothing
    changed."""
    env = auth_env(remote, token)
    for _attempt in range(ATTEMPTS):
        with tempfile.TemporaryDirectory(prefix="gh-pages-") as tmp:
            work = Path(tmp)
            _git(work, "init", "-q")
            _git(work, "remote", "add", "origin", remote)
            fetched = subprocess.run(["git", "-C", str(work), "fetch", "-q", "--depth", "1", "origin",
                                      f"refs/heads/{BRANCH}"], capture_output=True, text=True,
                                     env={**os.environ, **env})
            old = _git(work, "rev-parse", "FETCH_HEAD") if fetched.returncode == 0 else ""
            if old:
                _git(work, "read-tree", "-u", "--reset", old)
            change(work)
            _git(work, "add", "-A")
            tree = _git(work, "write-tree")
            if old and tree == _git(work, "rev-parse", f"{old}^{{tree}}"):
                return ""
            commit = _git(work, "commit-tree", tree, "-m", message)
            lease = f"--force-with-lease=refs/heads/{BRANCH}:{old}"  # empty: the branch must not exist yet
            pushed = subprocess.run(["git", "-C", str(work), "push", "-q", lease, "origin",
                                     f"{commit}:refs/heads/{BRANCH}"], capture_output=True, text=True,
                                    env={**os.environ, **env})
            if pushed.returncode == 0:
                return commit
    raise PagesError(f"Grenen {BRANCH} ändrades av andra {ATTEMPTS} gånger i rad; kör om jobbet.")


def _number(text: str) -> int:
    numbers = _numbers(text)
    if len(numbers) != 1:
        raise PagesError(f"Ange numret på en pull request: {text[:20]!r}.")
    return numbers.pop()


def _numbers(text: str) -> set[int]:
    found = set()
    for part in text.replace(",", " ").split():
        if not PREVIEW.fullmatch(f"pr-{part}"):
            raise PagesError(f"Ogiltigt nummer på en pull request: {part[:20]!r}.")
        found.add(int(part))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Publicera på grenen gh-pages.")
    parser.add_argument("--remote", default=None, help="förrådet (standard: GitHub-förrådet $GITHUB_REPOSITORY)")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("main", help="main-grenens webbplats i roten")
    m.add_argument("--site", type=Path, required=True)
    m.add_argument("--open-prs", type=Path,
                   help="fil med numren på öppna pull requests; andra förhandsvisningar tas bort")
    p = sub.add_parser("preview", help="en pull requests förhandsvisning under pr-<N>/")
    p.add_argument("--site", type=Path, required=True)
    p.add_argument("--pr", required=True)
    r = sub.add_parser("remove", help="ta bort en pull requests förhandsvisning")
    r.add_argument("--pr", required=True)
    args = parser.parse_args(argv)
    remote = args.remote or f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/" \
                            f"{os.environ.get('GITHUB_REPOSITORY', '')}.git"
    try:
        if args.command == "main":
            open_prs = _numbers(args.open_prs.read_text(encoding="utf-8")) if args.open_prs else None
            change, message = put_main(args.site, open_prs), "Publicera main"
        else:
            number = _number(args.pr)
            if args.command == "preview":
                change, message = put_preview(args.site, number), f"Förhandsvisning av pull request {number}"
            else:
                change, message = remove_preview(number), f"Ta bort förhandsvisningen av pull request {number}"
        commit = publish(remote, change, message, os.environ.get("GITHUB_TOKEN"))
        print(f"{message}: {commit[:10]}" if commit else f"{message}: inget ändrades")
        return 0
    except PagesError as exc:
        print(f"::error::{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
