"""Publishing on the gh-pages branch, simulated against a local bare repository: main's site at the
root, a pull request's preview under pr-<N>/, its removal on close, previews of closed pull requests
swept by main's deploy, and a built site that tries to smuggle a link or a .git folder refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.pages_branch import BRANCH, PagesError, copy_site
from tests.conftest import ROOT

GIT_ENV = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_SYSTEM": "/dev/null"}


def site(tmp: Path, name: str, text: str) -> Path:
    folder = tmp / name
    (folder / "uppdrag/fm1-uppdrag-1").mkdir(parents=True)
    (folder / "index.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    (folder / "uppdrag/fm1-uppdrag-1/index.html").write_text(text, encoding="utf-8")
    return folder


def pages(*args: str, remote: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.pages_branch", "--remote", str(remote), *args],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, **GIT_ENV})


def branch_files(remote: Path) -> dict[str, str]:
    listing = subprocess.run(["git", "-C", str(remote), "ls-tree", "-r", "--name-only", BRANCH],
                             capture_output=True, text=True, check=True).stdout.split()
    return {name: subprocess.run(["git", "-C", str(remote), "show", f"{BRANCH}:{name}"], capture_output=True,
                                 text=True, check=True).stdout for name in listing}


def commits(remote: Path) -> int:
    return int(subprocess.run(["git", "-C", str(remote), "rev-list", "--count", BRANCH], capture_output=True,
                              text=True, check=True).stdout)


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True, env={**os.environ, **GIT_ENV})
    return bare


def test_main_previews_and_removal(remote: Path, tmp_path: Path) -> None:
    result = pages("main", "--site", str(site(tmp_path, "main1", "main 1")), remote=remote)
    assert result.returncode == 0, result.stderr
    assert branch_files(remote) == {".nojekyll": "", "index.html": "<p>main 1</p>",
                                    "uppdrag/fm1-uppdrag-1/index.html": "main 1"}
    for number in (7, 8):
        result = pages("preview", "--pr", str(number), "--site", str(site(tmp_path, f"pr{number}", f"pr {number}")),
                       remote=remote)
        assert result.returncode == 0, result.stderr
    # A new push of pull request 7 replaces its preview; main's new site keeps the previews.
    (tmp_path / "pr7b").mkdir()
    (tmp_path / "pr7b/index.html").write_text("pr 7 igen", encoding="utf-8")
    assert pages("preview", "--pr", "7", "--site", str(tmp_path / "pr7b"), remote=remote).returncode == 0
    assert pages("main", "--site", str(site(tmp_path, "main2", "main 2")), remote=remote).returncode == 0
    files = branch_files(remote)
    assert files["index.html"] == "<p>main 2</p>" and files["pr-8/index.html"] == "<p>pr 8</p>"
    assert files["pr-7/index.html"] == "pr 7 igen" and "pr-7/uppdrag/fm1-uppdrag-1/index.html" not in files
    assert commits(remote) == 1  # one commit, replaced: the branch does not grow by a site per push
    # Closing pull request 7 removes its preview and nothing else.
    assert pages("remove", "--pr", "7", remote=remote).returncode == 0
    assert not any(name.startswith("pr-7/") for name in branch_files(remote))
    assert "pr-8/index.html" in branch_files(remote)
    # Main's deploy sweeps the previews of pull requests that are no longer open (a missed close).
    open_prs = tmp_path / "open.txt"
    open_prs.write_text("9\n", encoding="utf-8")
    assert pages("main", "--site", str(tmp_path / "main2"), "--open-prs", str(open_prs), remote=remote).returncode == 0
    assert not any(name.startswith("pr-") for name in branch_files(remote))


def test_refuses_links_git_folders_and_bad_numbers(remote: Path, tmp_path: Path) -> None:
    evil = site(tmp_path, "evil", "x")
    (evil / "secret").symlink_to("/etc/hostname")
    with pytest.raises(PagesError, match="vanliga filer"):
        copy_site(evil, tmp_path / "out")
    (evil / "secret").unlink()
    (evil / ".git").mkdir()
    (evil / ".git/config").write_text("[core]\n", encoding="utf-8")
    with pytest.raises(PagesError, match=".git"):
        copy_site(evil, tmp_path / "out2")
    nested = site(tmp_path, "nested", "x")
    (nested / "assets/.git").mkdir(parents=True)
    (nested / "assets/.git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    with pytest.raises(PagesError, match="assets/.git"):
        copy_site(nested, tmp_path / "out3")
    for bad in ("0", "-1", "7;rm", "../1", "1 2"):
        result = pages("preview", "--pr", bad, "--site", str(site(tmp_path, f"s{abs(hash(bad))}", "x")),
                       remote=remote)
        assert result.returncode != 0 and "Traceback" not in result.stderr, bad
    clash = site(tmp_path, "clash", "x")
    (clash / "pr-3").mkdir()
    result = pages("main", "--site", str(clash), remote=remote)
    assert result.returncode == 1 and "förhandsvisning: pr-3" in result.stderr
