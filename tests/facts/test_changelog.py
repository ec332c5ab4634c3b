"""'Vad har ändrats?' shows every change a citizen can see, from git: a record added or removed, its visible
fields from -> to (or 'texten ändrades'), a new indicator value, a moved deadline; never an editor's note.
On the fixture project committed to a temporary git repository with fixed dates (never the live content)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from macros.build.pages import render_view
from macros.build.portal import Portal, load_portal
from tests.conftest import FIXTURE
from tests.gitrepo import count_processes
from tests.gitrepo import git as _git

FIRST = 1_700_000_000  # 14 November 2023
SECOND = 1_710_000_000  # 9 March 2024
THIRD = 1_720_000_000  # 3 July 2024


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def history_project(tmp_path: Path) -> Path:
    """The fixture's content and data in a git repository with three commits:
    1. everything (14 November 2023);
    2. a mission given to another committee, its deadline moved, goal 1's description rewritten, an
       indicator value added, a mission added, a news item removed (9 March 2024);
    3. only an editor's note changed (3 July 2024): nothing a citizen sees."""
    root = tmp_path / "project"
    root.mkdir()
    for part in ("content", "data"):
        shutil.copytree(FIXTURE / part, root / part)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "first", when=FIRST)

    missions = root / "content/missions"
    _edit(missions / "fm1-uppdrag-2.yaml", "responsible:\n- ks\n", "responsible:\n- pn\n")
    _edit(missions / "fm1-uppdrag-2.yaml", "expected_completion: 2025", "expected_completion: 2027")
    _edit(missions / "fm1-uppdrag-2.yaml", "source:\n  title: \"Testkälla: testmål 1\"",
          "editor_note: Hemlig anteckning om ändringen.\nsource:\n  title: \"Testkälla: testmål 1\"")
    new = (missions / "fm1-uppdrag-1.yaml").read_text(encoding="utf-8")
    new = new.replace("id: fm1-uppdrag-1", "id: fm1-uppdrag-9").replace("number: 1", "number: 9")
    (missions / "fm1-uppdrag-9.yaml").write_text(new, encoding="utf-8")
    goal = root / "content/goals/fokusmal-1.yaml"
    text = goal.read_text(encoding="utf-8")
    description = re.search(r"^description: [>|]-?\n((?:  .*\n)+)", text, re.M)
    assert description, "the fixture's goal 1 has a folded description"
    goal.write_text(text.replace(description.group(1), "  En helt omskriven testbeskrivning av målet.\n"),
                    encoding="utf-8")
    series = root / "data/series/testandel.csv"
    series.write_text(series.read_text(encoding="utf-8") + "testby,2024,1.9,,Testkälla: syntetisk statistik,\n",
                      encoding="utf-8")
    news = next((root / "content/news").glob("*.yaml"))
    news.unlink()
    _unreference_news(root, news.stem)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "second", when=SECOND)

    _edit(missions / "fm1-uppdrag-2.yaml", "Hemlig anteckning om ändringen.", "Ännu en hemlig anteckning.")
    _git(root, "commit", "-qam", "third", when=THIRD)
    return root


def _unreference_news(root: Path, news_id: str) -> None:
    """Remove what refers to the removed news item, so the content stays valid."""
    for path in (root / "content").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if news_id in text:
            # An action plan names its news item: the plan goes with it.
            path.write_text(re.sub(r"^action_plan:\n(?:  .*\n)+", "", text, flags=re.M), encoding="utf-8")
            assert news_id not in path.read_text(encoding="utf-8"), path


def _portal(root: Path, monkeypatch: pytest.MonkeyPatch) -> Portal:
    monkeypatch.setattr(Portal, "build_charts", lambda self: None)  # no charts needed here: faster
    portal = load_portal(root)
    from macros.facts import currency

    currency.set_clock(portal.content, dt.date(2024, 7, 10))
    return portal


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _page(portal: Portal, url: str, view: str, *args: str) -> str:
    return _text(render_view(portal, url, view, args))


def test_the_changes_page_lists_every_visible_change_with_labels(history_project: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    portal = _portal(history_project, monkeypatch)
    page = _page(portal, "andringar/", "changes_page")
    assert "Ändringar i innehållet" in page
    # The mission given to another committee, and its deadline moved: from -> to, in words.
    assert "Ansvariga nämnder: Testkommunstyrelsen → ändrades till Provnämnden" in page
    assert ("Bedömning för Delårsrapport per augusti 2023 – År då uppdraget beräknas bli klart: 2025 → ändrades "
            "till 2027") in page
    # A long text only says that it changed.
    assert "Målbeskrivning: texten ändrades" in page
    # A new indicator value, a record added, a record removed (named by its last title, no link).
    assert "Värden: nya värden för 2024" in page
    assert re.search(r"Testuppdrag: effektivisera testadministrationen\. Uppdrag · 9 mars 2024 Lades till", page)
    assert "Togs bort ur portalen" in page
    # Everything in the first commit was added then.
    assert "14 november 2023 Lades till i portalen" in page
    # An editor's note is never published, nor is a commit that changed only one.
    assert "anteckning" not in page.lower() and "3 juli 2024" not in page


def test_a_record_page_shows_its_changes_and_dates_them_by_the_newest_visible_one(
        history_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    portal = _portal(history_project, monkeypatch)
    html = render_view(portal, "uppdrag/fm1-uppdrag-2/", "mission_page", ("fm1-uppdrag-2",))
    page = _text(html)
    # The third commit only changed an editor's note: the page's date is the last change a reader can see,
    # and it points at where that change is shown.
    assert "Innehållet ändrades senast 9 mars 2024." in page
    assert 'href="#andringar"' in html and 'id="andringar"' in html
    history = _text(re.search(r'<section class="pm-history".*?</section>', html, re.S).group(0))
    assert history.index("9 mars 2024") < history.index("14 november 2023")  # newest first
    assert "Ansvariga nämnder: Testkommunstyrelsen → ändrades till Provnämnden" in history
    assert "Alla ändringar i portalen" in history and "anteckning" not in history.lower()
    # The footer's date is the newest visible change too, linked to the list of them.
    dates = portal.site_dates()
    assert dates["changed"] == "9 mars 2024" and dates["changed_url"] == "andringar/#innehall"


def test_the_content_changes_are_paged_with_the_changes_page(history_project: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from macros.structure.paging import PageSizes
    from macros.views.listings import changes_listing

    portal = _portal(history_project, monkeypatch)
    portal.page_sizes = PageSizes.of(3)
    listing = changes_listing(portal.content, 3)
    assert listing.page_count >= 3 and listing.total > 3
    first, last = (_page(portal, listing.base_url if n == 1 else f"andringar/sida-{n}/", "changes_page", *(
        (n,) if n > 1 else ())) for n in (1, listing.page_count))
    assert "Rad 1–3 av" in first and "9 mars 2024" in first
    assert "14 november 2023 Lades till i portalen" in last


def test_history_comes_from_a_fixed_number_of_git_calls(history_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two calls read the whole history (log and cat-file), however many files and commits (5,000 records)."""
    from macros.content import githistory

    calls = count_processes(monkeypatch)  # every process started while the history is read
    history = githistory.read_git_history(history_project)
    assert history.available and len(history.versions) >= 15
    assert len(calls) <= 3, calls


def test_a_build_walks_the_history_once(history_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The change dates (gitdates.py) come from the history's walk: one `git log` per build, four git calls in
    all (where the project is, the log, the old versions, the uncommitted files), and the same dates."""
    calls = count_processes(monkeypatch)
    portal = _portal(history_project, monkeypatch)
    assert [c[3] for c in calls if c[0] == "git"] == ["rev-parse", "log", "cat-file", "status"], calls
    dates = portal.git_dates
    assert dates.available and not dates.shallow and not dates.uncommitted
    assert dates.last_changed("content/missions/fm1-uppdrag-2.yaml") == dt.datetime.fromtimestamp(THIRD, dt.UTC)
    assert dates.last_changed("data/series/testandel.csv") == dt.datetime.fromtimestamp(SECOND, dt.UTC)
    assert dates.last_changed("content/missions/fm1-uppdrag-1.yaml") == dt.datetime.fromtimestamp(FIRST, dt.UTC)
    assert dates.newest() == dt.datetime.fromtimestamp(THIRD, dt.UTC)


def test_a_shallow_clone_never_calls_its_cut_off_an_addition(history_project: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "3", f"file://{history_project}", str(clone))
    portal = _portal(clone, monkeypatch)
    page = _page(portal, "andringar/", "changes_page")
    assert "Lades till i portalen" in page  # the mission added in the second commit
    assert "14 november 2023" not in page  # the cut-off commit is not a change
    assert "bara ändringar i den del av versionshistoriken" in page
    # A record whose visible changes are all older than the clone: no date is invented.
    goal = _page(portal, "mal/fokusmal-2/", "goal_page", "fokusmal-2")
    assert "Innehållet ändrades senast" not in goal and "går inte att säga" in goal


def test_without_git_the_changes_page_says_so_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for part in ("content", "data"):
        shutil.copytree(FIXTURE / part, root / part)
    portal = _portal(root, monkeypatch)
    page = _page(portal, "andringar/", "changes_page")
    assert "Vad som ändrats i innehållet går inte att visa: versionshistoriken fanns inte" in page
    goal = render_view(portal, "mal/fokusmal-1/", "goal_page", ("fokusmal-1",))
    assert "pm-history" not in goal and "går inte att säga" in _text(goal)
    assert portal.site_dates()["changed"] is None


def test_the_history_is_left_out_of_search_as_the_slim_copy_leaves_it(history_project: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """'Ändringar' stands on every record page: searching 'ändrades' must not find them all, and the slim
    copy the indexer reads must give the same index as the page (plugin/search_input.py)."""
    from macros.plugin.search_input import indexer_input
    from tests.plugin.test_search import sections

    portal = _portal(history_project, monkeypatch)
    html = render_view(portal, "uppdrag/fm1-uppdrag-2/", "mission_page", ("fm1-uppdrag-2",))
    assert 'id="andringar"' in html
    indexed = sections(html)
    assert indexed == sections(indexer_input(html))
    assert not [s for s in indexed if "Lades till i portalen" in s[2] or s[0] == "andringar"]


def test_the_content_changes_have_a_feed_of_their_own(history_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its own feed, so a large edit never pushes the status changes out of the others; ids name the commit."""
    import xml.etree.ElementTree as ET

    from macros.publish.feeds import all_feeds

    portal = _portal(history_project, monkeypatch)
    feeds = all_feeds(portal.content, "https://portal.example/", "portal.example,2024", dt.date(2024, 7, 10))
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(feeds["flode/innehall.xml"].encode()).findall(f"{atom}entry")
    titles = [e.findtext(f"{atom}title") for e in entries]
    assert "Uppdrag 2: Testuppdrag: utveckla digitala testtjänster – ändrades" in titles
    summary = next(e.findtext(f"{atom}summary") for e in entries if "Uppdrag 2:" in e.findtext(f"{atom}title"))
    assert "Ansvariga nämnder: Testkommunstyrelsen → Provnämnden" in summary
    assert all(e.findtext(f"{atom}id").startswith("tag:portal.example,2024:andring/") for e in entries)
    assert "anteckning" not in feeds["flode/innehall.xml"].lower()
    assert "Testkommunstyrelsen → Provnämnden" not in feeds["flode/alla.xml"]  # the status feed is unchanged


def test_a_merged_pull_request_is_dated_when_it_was_merged(history_project: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor's branch committed in May and merged in August: the portal changed in August."""
    _git(history_project, "checkout", "-qb", "editor")
    _edit(history_project / "content/missions/fm1-uppdrag-3.yaml", "title: >-\n", "title: >-\n  Omskriven: ")
    _git(history_project, "commit", "-qam", "edit", when=1_715_000_000)  # 6 May 2024
    _git(history_project, "checkout", "-q", "-")
    _git(history_project, "merge", "-q", "--no-ff", "editor", "-m", "merge", when=1_723_000_000)  # 7 August 2024
    portal = _portal(history_project, monkeypatch)
    latest = portal.changes.of("missions", "fm1-uppdrag-3")[0]
    assert latest.date == dt.date(2024, 8, 7) and latest.fields[0].label == "Uppdragets titel"
    assert portal.site_dates()["changed"] == "7 augusti 2024"


def test_a_hostile_or_broken_old_version_never_crashes_or_hangs_the_build() -> None:
    """Old versions are read from git, where CI's checks may have been bypassed: an alias bomb, a tag, a
    version that is no record, binary junk. Each is refused as unreadable, quickly; readable ones still compare."""
    import time

    from macros.build.portal import shown_fields
    from macros.content.githistory import FileVersion, GitHistory
    from macros.facts.changelog import content_changes
    from macros.validation.loader import load_content

    content, _ = load_content(FIXTURE)
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    good = (FIXTURE / "content/missions/fm1-uppdrag-2.yaml").read_text(encoding="utf-8")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20))
    versions = [FileVersion("content/missions/fm1-uppdrag-2.yaml", f"{i:040d}", when, before, after, False, False)
                for i, (before, after) in enumerate([
                    (bomb, good), (good, "!!python/object:os.system 'ls'\n"), (good, "- en lista\n"),
                    ("\x00\x01", good),
                    (good, good.replace("- ks\n", "- pn\n").replace("Testbedömning", "Kultur & "))])]
    start = time.perf_counter()
    changes = content_changes(content, GitHistory(True, tuple(versions)), shown_fields())
    assert time.perf_counter() - start < 5
    texts = [c.summary for c in changes.changes]
    # The unreadable versions say only that the content changed; the readable pair compares field by field.
    assert texts.count("Innehållet: ändrades.") == 4, texts
    assert any("Ansvariga nämnder: Testkommunstyrelsen → Provnämnden" in t and "texten ändrades" in t
               for t in texts), texts


def test_a_committee_page_shows_the_missions_given_to_or_taken_from_it(history_project: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    portal = _portal(history_project, monkeypatch)

    def history(committee: str) -> str:
        html = render_view(portal, f"namnder/{committee}/", "committee_page", (committee,))
        found = re.search(r'<section class="pm-history".*?</section>', html, re.S)
        return _text(found.group(0)) if found else ""

    moved = "Uppdrag 2: Testuppdrag: utveckla digitala testtjänster. Ansvariga nämnder: Testkommunstyrelsen → ändrades"
    assert moved in history("pn") and moved in history("ks")  # given to one, taken from the other
    assert moved not in history("tn")  # concerned before and after: its list did not change
    added = history("alla-namnder-och-bolag")
    assert "Uppdrag 9: Testuppdrag: effektivisera testadministrationen. Lades till i portalen." in added
    assert "Lades till i portalen" in history("tn")  # the committee itself, in the first commit


def test_a_mission_added_then_given_to_a_committee_reached_its_list_when_given(
        history_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Added on 9 March 2024 with Alla nämnder och bolag responsible, given to Exempelnämnden later: its page
    shows the mission from the later date only, never 'added' to its list in March."""
    _edit(history_project / "content/missions/fm1-uppdrag-9.yaml", "responsible:\n- alla-namnder-och-bolag\n",
          "responsible:\n- alla-namnder-och-bolag\n- en\n")
    _git(history_project, "commit", "-qam", "given", when=1_723_000_000)  # 7 August 2024
    portal = _portal(history_project, monkeypatch)
    given = [(c.date, c.action) for c in portal.changes.of_committee("en") if c.record_id == "fm1-uppdrag-9"]
    assert given == [(dt.date(2024, 8, 7), "changed")]
    added = [(c.date, c.action) for c in portal.changes.of_committee("alla-namnder-och-bolag")
             if c.record_id == "fm1-uppdrag-9"]
    assert added == [(dt.date(2024, 3, 9), "added")]
