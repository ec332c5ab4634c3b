"""The one review comment on a pull request: `python3 -m scripts.pr_comment compose|verify|post|closed …`.

Standard library only: the privileged workflow (.github/workflows/preview.yml) runs this file with the
runner's own python3 from the default branch, never from the pull request, and treats everything the
pull request's run produced (the summary, the pull-request number) as data.

- compose: the comment's Markdown from the citizen-change summary (`scripts.summary`'s output), the
  preview address and the run's address. Runs offline; `tests/test_pr_comment.py` renders it.
- verify:  the pull-request number read from the run's artifact is checked against GitHub: only an
  open pull request whose head is the run's commit is `current=true`; prints `same_repo=true|false`.
- post:    creates the comment, or updates the one found by its hidden marker (written by the bot).
- closed:  marks the comment's preview as removed once the pull request is closed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

# Finds our comment again on every push; invisible in the rendered comment.
MARKER = "<!-- portal:granskningskommentar -->"
PREVIEW_START, PREVIEW_END = "<!-- portal:forhandsvisning -->", "<!-- /portal:forhandsvisning -->"
BOT = "github-actions[bot]"
# GitHub refuses a comment over 65,536 characters; leave room for the frame around the summary.
MAX_SUMMARY = 60_000
NUMBER = re.compile(r"[1-9][0-9]{0,8}")
SHA = re.compile(r"[0-9a-f]{40}")

# Why a pull request has no preview: shown to reviewers instead of the link.
NO_PREVIEW = {
    "fork": ("Ingen förhandsvisning: pull requesten kommer från en fork, och dess kod publiceras inte på "
             "webbplatsens adress. Ladda ned artefakten `webbplats` från körningen och öppna den lokalt "
             "(`python3 -m http.server -d webbplats`)."),
    "no-site-url": ("Ingen förhandsvisning: variabeln `SITE_URL` är inte satt i förrådets inställningar "
                    "(Settings → Secrets and variables → Actions → Variables)."),
    "not-built": ("Ingen förhandsvisning: webbplatsen byggdes inte, eftersom innehållet har fel (se "
                  "kontrollerna nedan och felen på pull requestens rader)."),
    "failed": "Förhandsvisningen kunde inte publiceras; se körningen.",
    "removed": "Pull requesten är stängd och förhandsvisningen är borttagen.",
}


class CommentError(Exception):
    """A Swedish message for the workflow log."""


def preview_block(state: str, url: str | None) -> str:
    if state == "published" and url:
        text = (f"**Förhandsvisning:** {url}  \n"
                "Uppdateras vid varje push och tas bort när pull requesten stängs.")
    else:
        text = NO_PREVIEW[state]
    return f"{PREVIEW_START}\n{text}\n{PREVIEW_END}"


# An @ that would notify a person or a team.
_MENTION = re.compile(r"(?<![\w`])@(?=[A-Za-z0-9])")
QUOTED = ("Sammanfattningen nedan är skapad av pull requestens egen körning och citeras som text; "
          "förhandsvisningens adress står bara överst.")


def inert(summary: str) -> str:
    """The summary as a quotation the bot can sign: it was made by the pull request's run (a fork's own
    code could write anything there), so no HTML (a hidden comment, an image, a fake preview block), no
    @-mention that notifies, and quoted line by line so it stands apart from the bot's own lines."""
    text = _MENTION.sub("@\u200b", summary.replace("<", "&lt;"))
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())


# Where the summary says a record's page is (macros/review/summary.py, preview_marker).
PAGE_MARKER = re.compile(r"<!--sida:([A-Za-z0-9_./%-]*)-->")
PAGE_LINK = re.compile(r" \(\[förhandsvisa sidan\]\([^()\s]*\)\)")


def page_links(summary: str, url: str | None) -> str:
    """Each record's page marker as a link to its page in the preview; removed when there is no preview."""
    if not url:
        return PAGE_MARKER.sub("", summary)
    base = url if url.endswith("/") else url + "/"
    return PAGE_MARKER.sub(lambda m: f" ([förhandsvisa sidan]({base}{m.group(1)}))", summary)


def compose(summary: str, *, state: str, url: str | None, run_url: str, head_sha: str, checks: str) -> str:
    """The whole comment. `checks` is the run's conclusion (success, failure, …)."""
    summary = page_links(summary.strip(), url if state == "published" else None)
    summary = f"{QUOTED}\n\n{inert(summary)}" if summary else "_Ingen sammanfattning skapades; se körningen._"
    if len(summary) > MAX_SUMMARY:
        cut = summary.rfind("\n", 0, MAX_SUMMARY)
        summary = (summary[:cut if cut > 0 else MAX_SUMMARY]
                   + "\n\n_Sammanfattningen är förkortad här; hela finns i körningens sammanfattning._")
    verdict = {"success": "alla kontroller gick igenom", "failure": "någon kontroll misslyckades"}
    result = verdict.get(checks, f"kontrollernas resultat: {checks}")
    return "\n".join([
        MARKER,
        preview_block(state, url),
        "",
        f"Commit `{head_sha[:7]}`: {result} ([körningen]({run_url})).",
        "",
        summary,
        "",
        "<sub>Den här kommentaren skrivs av arbetsflödet Förhandsvisning och uppdateras vid varje push.</sub>",
        "",
    ])


def mark_removed(body: str) -> str:
    """The comment with its preview replaced by a note that it was removed."""
    start, end = body.find(PREVIEW_START), body.find(PREVIEW_END)
    if start < 0 or end < start:
        return body
    rest = PAGE_LINK.sub("", body[end + len(PREVIEW_END):])  # the pages' links went with the preview
    return body[:start] + preview_block("removed", None) + rest


def find_comment(comments: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Our comment: the bot's, starting with the marker (anyone else's copy of the marker is ignored)."""
    for comment in comments:
        if (comment.get("user") or {}).get("login") == BOT and str(comment.get("body", "")).startswith(MARKER):
            return comment
    return None


class GitHub:
    """The few REST calls the comment needs, with the workflow's token."""

    def __init__(self, repo: str, token: str, api: str = "https://api.github.com") -> None:
        if not re.fullmatch(r"[\w.-]+/[\w.-]+", repo):
            raise CommentError(f"Ogiltigt förråd: {repo!r}.")
        self.repo, self.token, self.api = repo, token, api.rstrip("/")

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        request = urllib.request.Request(
            f"{self.api}/repos/{self.repo}/{path}", method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {self.token}", "Accept": "application/vnd.github+json",
                     "X-GitHub-Api-Version": "2022-11-28", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            raise CommentError(f"GitHub svarade {exc.code} på {method} {path}.") from None

    def comments(self, number: int) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for page in range(1, 51):
            batch = self.call("GET", f"issues/{number}/comments?per_page=100&page={page}")
            found += batch
            if len(batch) < 100:
                break
        return found

    def upsert(self, number: int, body: str) -> str:
        existing = find_comment(self.comments(number))
        if existing:
            self.call("PATCH", f"issues/comments/{existing['id']}", {"body": body})
            return "updated"
        self.call("POST", f"issues/{number}/comments", {"body": body})
        return "created"


def checked_number(text: str) -> int:
    text = text.strip()
    if not NUMBER.fullmatch(text):
        raise CommentError(f"Ogiltigt nummer på pull requesten i artefakten: {text[:40]!r}.")
    return int(text)


def verify(github: GitHub, number: int, head_sha: str) -> dict[str, Any]:
    """The pull request the run belongs to. `current` is false (nothing is written) when the number is
    not an open pull request whose head is the run's commit: closed since, pushed to since (the newer
    run writes), or a number that was never this run's."""
    if not SHA.fullmatch(head_sha):
        raise CommentError(f"Ogiltig commit: {head_sha[:50]!r}.")
    pull = github.call("GET", f"pulls/{number}")
    head = pull.get("head") or {}
    found = {"number": number, "same_repo": (head.get("repo") or {}).get("full_name") == github.repo,
             "current": True}
    if pull.get("state") != "open":
        print(f"::notice::Pull request {number} är inte öppen; ingen förhandsvisning eller kommentar.",
              file=sys.stderr)
        found["current"] = False
    elif head.get("sha") != head_sha:
        print(f"::notice::Pull request {number} har en annan commit än körningens ({head_sha[:7]}); "
              "körningen för den commiten skriver kommentaren.", file=sys.stderr)
        found["current"] = False
    return found


def _github(args: argparse.Namespace) -> GitHub:
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise CommentError("GITHUB_TOKEN saknas.")
    return GitHub(args.repo, token, os.environ.get("GITHUB_API_URL", "https://api.github.com"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Granskningskommentaren på en pull request.")
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("compose", help="skriv kommentarens Markdown")
    c.add_argument("--summary", type=Path, required=True, help="sammanfattningen (scripts.summary)")
    c.add_argument("--state", choices=["published", *NO_PREVIEW], required=True)
    c.add_argument("--url", help="förhandsvisningens adress")
    c.add_argument("--run-url", required=True)
    c.add_argument("--sha", required=True)
    c.add_argument("--checks", default="success")
    c.add_argument("--out", type=Path, required=True)
    for name in ("verify", "post", "closed"):
        p = sub.add_parser(name)
        p.add_argument("--repo", required=True)
        p.add_argument("--pr", required=True, help="numret, eller @fil att läsa det från")
        if name == "verify":
            p.add_argument("--sha", required=True)
        if name == "post":
            p.add_argument("--body", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "compose":
            summary = args.summary.read_text(encoding="utf-8", errors="replace") if args.summary.is_file() else ""
            args.out.write_text(compose(summary, state=args.state, url=args.url, run_url=args.run_url,
                                        head_sha=args.sha, checks=args.checks), encoding="utf-8")
            return 0
        raw = Path(args.pr[1:]).read_text(encoding="utf-8")[:64] if args.pr.startswith("@") else args.pr
        number, github = checked_number(raw), _github(args)
        if args.command == "verify":
            found = verify(github, number, args.sha)
            print(f"number={found['number']}\nsame_repo={str(found['same_repo']).lower()}\n"
                  f"current={str(found['current']).lower()}")
        elif args.command == "post":
            print(f"Kommentaren på pull request {number}: " + github.upsert(number, args.body.read_text("utf-8")))
        else:
            existing = find_comment(github.comments(number))
            if existing:
                github.call("PATCH", f"issues/comments/{existing['id']}", {"body": mark_removed(existing["body"])})
        return 0
    except CommentError as exc:
        print(f"::error::{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
