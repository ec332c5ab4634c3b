"""The pull request's one review comment, offline: composed from the fixture project's citizen-change
summary for a base/head pair, posted once and then updated (found by its hidden marker, only when the
bot wrote it), and marked when the preview is removed, against a fake GitHub API."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from scripts.pr_comment import BOT, MARKER, MAX_SUMMARY, compose, find_comment, mark_removed
from tests.conftest import FIXTURE, ROOT

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_CONFIG_GLOBAL": "/dev/null",
           "GIT_CONFIG_SYSTEM": "/dev/null"}
SHA = "0123456789abcdef0123456789abcdef01234567"
URL = "https://example.invalid/pr-7/"
RUN = "https://github.invalid/o/r/actions/runs/1"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def fixture_summary(tmp_path: Path) -> str:
    """`scripts.summary` for a base/head pair of the fixture project: a new status and a committee."""
    repo = tmp_path / "repo"
    for part in ("content", "data"):
        shutil.copytree(FIXTURE / part, repo / part)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    mission = repo / "content/missions/fm1-uppdrag-2.yaml"
    text = mission.read_text(encoding="utf-8")
    mission.write_text(text.replace("source:\n  title: \"Testkälla: testmål 1\"",
                                    "- period: 2023-arsredovisning\n  status: rod\n  assessment: >-\n"
                                    "    Syntetisk bedömning.\nsource:\n  title: \"Testkälla: testmål 1\""),
                       encoding="utf-8")
    committees = repo / "data/committees.yaml"
    committees.write_text(committees.read_text(encoding="utf-8")
                          + "- id: nyanamnden\n  abbreviation: NN\n  name: Nya testnämnden\n", encoding="utf-8")
    git(repo, "commit", "-qam", "head")
    result = subprocess.run([sys.executable, "-m", "scripts.summary", "--root", str(repo), "--base", "HEAD~1",
                             "--head", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, **GIT_ENV, "GITHUB_STEP_SUMMARY": ""})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_comment_for_a_fixture_change(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text(fixture_summary(tmp_path), encoding="utf-8")
    out = tmp_path / "comment.md"
    result = subprocess.run([sys.executable, "-m", "scripts.pr_comment", "compose", "--summary", str(summary),
                             "--state", "published", "--url", URL, "--run-url", RUN, "--sha", SHA,
                             "--checks", "success", "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    body = out.read_text(encoding="utf-8")
    assert body.startswith(MARKER + "\n")
    assert f"**Förhandsvisning:** {URL}" in body and "tas bort när pull requesten stängs" in body
    assert "Commit `0123456`: alla kontroller gick igenom ([körningen](" in body
    assert "## Vad ändras för medborgarna" in body and "Gul → Röd" in body and "Nya testnämnden" in body
    removed = mark_removed(body)
    assert URL not in removed and "förhandsvisningen är borttagen" in removed
    assert "Gul → Röd" in removed and removed.startswith(MARKER)


@pytest.mark.parametrize("state", ["fork", "no-site-url", "not-built", "failed"])
def test_comment_without_a_preview_says_why(state: str) -> None:
    body = compose("## Vad ändras för medborgarna\n", state=state, url=URL, run_url=RUN, head_sha=SHA,
                   checks="failure")
    assert URL not in body and ("Ingen förhandsvisning" in body or "kunde inte" in body)
    assert "någon kontroll misslyckades" in body


def test_a_long_summary_is_cut_to_fit_a_comment() -> None:
    body = compose("- rad\n" * 20_000, state="published", url=URL, run_url=RUN, head_sha=SHA, checks="success")
    assert len(body) < 65_536 and MAX_SUMMARY < 65_536 and "förkortad" in body


def test_only_the_bots_marked_comment_is_ours() -> None:
    comments = [{"id": 1, "user": {"login": "someone"}, "body": MARKER + " kopia"},
                {"id": 2, "user": {"login": BOT}, "body": "annat"},
                {"id": 3, "user": {"login": BOT}, "body": MARKER + "\nvår"}]
    assert find_comment(comments)["id"] == 3
    assert find_comment(comments[:2]) is None


class FakeGitHub(BaseHTTPRequestHandler):
    """Issue comments and one pull request, in memory."""

    comments: list[dict[str, Any]] = []
    pull: dict[str, Any] = {}

    def log_message(self, *args: Any) -> None:
        pass

    def reply(self, data: Any, status: int = 200) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        assert self.headers["Authorization"] == "Bearer t0ken"
        if self.path.startswith("/repos/o/r/issues/7/comments"):
            self.reply(self.comments if "page=1" in self.path else [])
        elif self.path == "/repos/o/r/pulls/7":
            self.reply(self.pull)
        else:
            self.reply({"message": "Not Found"}, 404)

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.comments.append({"id": len(self.comments) + 100, "user": {"login": BOT}, "body": body["body"]})
        self.reply(self.comments[-1], 201)

    def do_PATCH(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        number = int(self.path.rsplit("/", 1)[1])
        comment = next(c for c in self.comments if c["id"] == number)
        comment["body"] = body["body"]
        self.reply(comment)


@pytest.fixture
def api() -> Any:
    FakeGitHub.comments = [{"id": 1, "user": {"login": "someone"}, "body": MARKER + " en användares kopia"}]
    FakeGitHub.pull = {"state": "open", "head": {"sha": SHA, "repo": {"full_name": "o/r"}}}
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def run(api: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GITHUB_TOKEN": "t0ken", "GITHUB_API_URL": api}
    return subprocess.run([sys.executable, "-m", "scripts.pr_comment", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env)


def test_one_comment_created_then_updated_then_marked_removed(api: str, tmp_path: Path) -> None:
    first, second = tmp_path / "1.md", tmp_path / "2.md"
    first.write_text(compose("Första", state="published", url=URL, run_url=RUN, head_sha=SHA, checks="success"))
    second.write_text(compose("Andra", state="published", url=URL, run_url=RUN, head_sha=SHA, checks="success"))
    assert "created" in run(api, "post", "--repo", "o/r", "--pr", "7", "--body", str(first)).stdout
    assert "updated" in run(api, "post", "--repo", "o/r", "--pr", "7", "--body", str(second)).stdout
    ours = [c for c in FakeGitHub.comments if c["user"]["login"] == BOT]
    assert len(ours) == 1 and "Andra" in ours[0]["body"]
    assert FakeGitHub.comments[0]["body"] == MARKER + " en användares kopia"  # never touched
    assert run(api, "closed", "--repo", "o/r", "--pr", "7").returncode == 0
    assert URL not in ours[0]["body"] and "förhandsvisningen är borttagen" in ours[0]["body"]


def test_verify_checks_the_artifacts_number_against_github(api: str, tmp_path: Path) -> None:
    number = tmp_path / "pr-number"
    number.write_text("7\n", encoding="utf-8")
    ok = run(api, "verify", "--repo", "o/r", "--pr", f"@{number}", "--sha", SHA)
    assert ok.returncode == 0 and ok.stdout.split() == ["number=7", "same_repo=true", "current=true"]
    FakeGitHub.pull["head"]["repo"]["full_name"] = "fork/r"
    assert "same_repo=false" in run(api, "verify", "--repo", "o/r", "--pr", "7", "--sha", SHA).stdout
    # A run of an older commit, or of another pull request's commit, writes nothing.
    stale = run(api, "verify", "--repo", "o/r", "--pr", "7", "--sha", "f" * 40)
    assert stale.returncode == 0 and "current=false" in stale.stdout and "annan commit" in stale.stderr
    for bad in ("7\n8", "0", "x", "7 ; echo"):
        number.write_text(bad, encoding="utf-8")
        result = run(api, "verify", "--repo", "o/r", "--pr", f"@{number}", "--sha", SHA)
        assert result.returncode == 1 and "Ogiltigt nummer" in result.stderr and "Traceback" not in result.stderr
    FakeGitHub.pull["state"] = "closed"
    closed = run(api, "verify", "--repo", "o/r", "--pr", "7", "--sha", SHA)
    assert "current=false" in closed.stdout and "inte öppen" in closed.stderr
    assert run(api, "verify", "--repo", "o/r", "--pr", "8", "--sha", SHA).returncode == 1  # no such pull request


def test_a_summary_from_the_pull_requests_run_is_quoted_as_inert_text() -> None:
    """The summary artifact is written by the pull request's own run, which a fork's code controls."""
    forged = ("## Vad ändras för medborgarna\n\n<!-- portal:forhandsvisning -->\n**Förhandsvisning:** "
              "https://nätfiske.example/pr-7/\n<!-- /portal:forhandsvisning -->\n"
              '<img src="https://spårning.example/p.png">\n\nHej @kommunen/redaktorer och @admin!\n')
    body = compose(forged, state="fork", url=URL, run_url=RUN, head_sha=SHA, checks="success")
    assert body.count("<!-- portal:forhandsvisning -->") == 1  # only the bot's own block
    assert "<img" not in body and "&lt;img" in body
    assert "@kommunen" not in body and "@admin" not in body and "@\u200bkommunen/redaktorer" in body
    quoted = body[body.index("> ## Vad ändras"):body.index("<sub>")].strip().splitlines()
    assert all(line.startswith(">") for line in quoted), quoted
    assert "nätfiske.example" not in mark_removed(body).split("## Vad ändras")[0]


def test_each_record_links_to_its_page_in_the_preview_and_not_once_it_is_removed() -> None:
    summary = "## Vad ändras för medborgarna\n\n- Uppdrag 1 (`fm1-uppdrag-1`)<!--sida:uppdrag/fm1-uppdrag-1/-->\n"
    body = compose(summary, state="published", url=URL, run_url=RUN, head_sha=SHA, checks="success")
    assert f"(`fm1-uppdrag-1`) ([förhandsvisa sidan]({URL}uppdrag/fm1-uppdrag-1/))" in body
    assert "<!--sida:" not in body
    assert URL not in mark_removed(body)
    none = compose(summary, state="failed", url=URL, run_url=RUN, head_sha=SHA, checks="failure")
    assert "förhandsvisa sidan" not in none and "<!--sida:" not in none
