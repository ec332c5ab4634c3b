"""Checks that hold for any valid content, whatever an editor adds: used on the live content
(test_live_content.py), on an editor's typical change set (test_editor_changes.py) and on the
fixture project. Each returns what is wrong (empty when all is well), so a test can show it all."""

from __future__ import annotations

import csv
import html
import json
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros.validation.loader import Content

ROOT = Path(__file__).resolve().parent.parent

# Where each kind of record has its page by default: published URLs, a contract with readers and links.
# A project's own folders are its settings' `slugs` (sections()).
SECTIONS = {"goals": "mal", "missions": "uppdrag", "committees": "namnder", "indicators": "indikatorer",
            "news": "nyheter"}


def sections(content: Content) -> dict[str, str]:
    """Each kind's folder in this project: its settings' slugs."""
    return content.settings.slugs.model_dump() if content.settings is not None else SECTIONS
# Open data: dataset name -> the records it must list, and where each record's own file is.
DATASETS = {"mal": "goals", "uppdrag": "missions", "namnder": "committees", "indikatorer": "indicators",
            "nyheter": "news"}
RECORD_FILES = {"mal": "goals", "uppdrag": "missions", "indikatorer": "indicators"}


def validate(root: Path, timeout: float | None = None) -> subprocess.CompletedProcess:
    """`python -m scripts.validate` on `root`, as CI runs it (ended after `timeout` seconds, if given)."""
    return subprocess.run([sys.executable, "-m", "scripts.validate", "--root", str(root)],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def validate_here(root: Path) -> subprocess.CompletedProcess:
    """`python -m scripts.validate --root root` run in this process (its `main`): the same exit code and
    output, without starting an interpreter, for tests about what validation says rather than about the
    process. (A test of crashes, hangs or signals uses `validate`.)"""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from scripts.validate import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--root", str(root)])
    return subprocess.CompletedProcess(["scripts.validate", "--root", str(root)], code, out.getvalue(), err.getvalue())


def _records(content: Content) -> list[tuple[str, str, str]]:
    """(kind, id, the title its page must show) for every record that has a page."""
    out = [("goals", g.id, g.title) for g in content.goals.values()]
    out += [("missions", m.id, m.title) for m in content.missions.values()]
    out += [("committees", c.id, c.name) for c in content.committees.values()]
    out += [("indicators", i.id, i.title) for i in content.indicators.values()]
    out += [("news", n.id, n.title) for n in content.news.values()]
    return out


def _text(page: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())


def missing_record_pages(content: Content, site: Path) -> list[str]:
    """Records without a page, or whose page does not show the record's title or name."""
    problems = []
    folders = sections(content)
    for kind, record_id, title in _records(content):
        page = site / folders[kind] / record_id / "index.html"
        if not page.is_file():
            problems.append(f"{kind} {record_id}: no page {page.relative_to(site)}")
        elif " ".join(title.split()) not in _text(page):
            problems.append(f"{kind} {record_id}: its page does not show {title!r}")
    return problems


class _Links(HTMLParser):
    """Every link and resource address in a page, and every id a fragment can point to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)
            elif name in ("id", "name") and value:
                self.ids.add(value)


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _target(site: Path, path: str) -> Path | None:
    """The file a site-absolute path is served from, as GitHub Pages serves it."""
    file = site / unquote(path).lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def broken_links(site: Path, site_url: str) -> list[str]:
    """Links and resources in every page (and links in every feed) that lead to no file in the site,
    or to a fragment that is no id on the target page. Addresses on other hosts are not followed."""
    base_path = urlsplit(site_url).path
    parsed: dict[Path, _Links] = {}

    def links(page: Path) -> _Links:
        if page not in parsed:
            parsed[page] = _parse(page)
        return parsed[page]

    problems = []
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.xml"))
    for page in pages:
        url = "/" + page.relative_to(site).as_posix()
        for address in links(page).urls:
            if address.startswith(site_url):
                address = "/" + address[len(site_url):]
            elif address.startswith(base_path) and base_path != "/":
                address = "/" + address[len(base_path):]
            parts = urlsplit(address)
            if parts.scheme or parts.netloc:
                continue  # another site, mailto:, data:
            if not parts.path:
                target: Path | None = page  # a fragment on the same page
            else:
                path = posixpath.normpath(posixpath.join(posixpath.dirname(url), parts.path))
                path += "/" if parts.path.endswith("/") and not path.endswith("/") else ""
                target = _target(site, path)
            if target is None:
                problems.append(f"{url}: {address} leads nowhere")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in links(target).ids:
                problems.append(f"{url}: {address}: no id {parts.fragment!r} on {target.relative_to(site)}")
    return problems


class _Resources(HTMLParser):
    """Addresses a browser loads by itself: src of any element, href of stylesheets, icons, preloads."""

    LOADED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loaded: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("src"):
            self.loaded.append(values["src"] or "")
        if tag == "link" and set((values.get("rel") or "").split()) & self.LOADED_LINKS:
            self.loaded.append(values.get("href") or "")


def foreign_resources(site: Path, site_url: str) -> list[str]:
    """Pages that load anything (script, style, image, font) from another origin."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.close()
        problems += [f"{page.relative_to(site)}: {address}" for address in parser.loaded
                     if urlsplit(address).netloc and not address.startswith(site_url)]
    return problems


def _csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def incomplete_open_data(content: Content, site: Path, site_url: str) -> list[str]:
    """Records, follow-ups or series rows missing from the open data, and files the index lists that do not exist."""
    problems = []
    index = json.loads((site / "api/index.json").read_text(encoding="utf-8"))
    listed = {d["dataset"]: d for d in index["datasets"]}
    for dataset in listed.values():
        for fmt in ("csv", "json"):
            if not dataset[fmt].startswith(site_url) or not (site / dataset[fmt][len(site_url):]).is_file():
                problems.append(f"api/index.json: {dataset['dataset']} {fmt} {dataset[fmt]} does not exist")
    expected = {name: set(getattr(content, kind)) for name, kind in DATASETS.items()}
    expected["statushistorik"] = set()
    expected |= {f"serier/{name}": set() for name in content.series}
    if set(listed) != set(expected):
        problems.append(f"api/index.json lists {sorted(listed)}, expected {sorted(expected)}")
    for name, kind in DATASETS.items():
        ids = set(getattr(content, kind))
        csv_ids = [row["id"] for row in _csv(site / f"api/{name}.csv")]
        json_ids = [item["id"] for item in json.loads((site / f"api/{name}.json").read_text("utf-8"))["items"]]
        if sorted(csv_ids) != sorted(ids) or json_ids != csv_ids:
            problems.append(f"api/{name}: lists {sorted(csv_ids)} (csv) / {sorted(json_ids)} (json), "
                            f"expected {sorted(ids)}")
    for name, kind in RECORD_FILES.items():
        for record_id in getattr(content, kind):
            path = site / f"api/{name}/{record_id}.json"
            if not path.is_file() or json.loads(path.read_text("utf-8")).get("id") != record_id:
                problems.append(f"api/{name}/{record_id}.json missing or not that record")
    follow_ups = sorted((r.id, f.period) for kind in ("goals", "missions")
                        for r in getattr(content, kind).values() for f in r.follow_ups)
    events = sorted((row["id"], row["period"]) for row in _csv(site / "api/statushistorik.csv"))
    if events != follow_ups:
        problems.append(f"api/statushistorik.csv: {len(events)} events, {len(follow_ups)} follow-ups in the content")
    for name, rows in content.series.items():
        published = sorted((row["municipality"], int(row["year"])) for row in _csv(site / f"api/serier/{name}.csv"))
        if published != sorted((r.municipality, r.year) for r in rows):
            problems.append(f"api/serier/{name}.csv: {len(published)} rows, {len(rows)} in data/series/{name}.csv")
    return problems
