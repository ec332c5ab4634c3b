"""The pull request's change summary: two small synthetic versions of a project in a temporary git
repository, never the live content."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.review.summary import MAX_ITEMS, compare, md
from macros.validation.loader import errors_only, load_content
from scripts import summary

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.invalid", "GIT_CONFIG_GLOBAL": "/dev/null",
           "GIT_CONFIG_SYSTEM": "/dev/null"}

STATUSES = [
    {"id": "gron", "label": "Grön", "meaning": "Uppfylls", "applies_to": "goal", "rank": 3, "color": "green",
     "icon": "check"},
    {"id": "gul", "label": "Gul", "meaning": "Delvis", "applies_to": "goal", "rank": 2, "color": "yellow",
     "icon": "warning"},
    {"id": "gron", "label": "Grön", "meaning": "Enligt plan", "applies_to": "mission", "rank": 3,
     "color": "green", "icon": "circle", "category": "on_track"},
    {"id": "gul", "label": "Gul", "meaning": "Försenat", "applies_to": "mission", "rank": 2, "color": "yellow",
     "icon": "warning", "category": "delayed"},
    {"id": "rod", "label": "Röd", "meaning": "Genomförs inte", "applies_to": "mission", "rank": 1, "color": "red",
     "icon": "stop", "category": "not_done"},
]
PERIODS = [
    {"id": "2030-april", "label": "Syntetisk april 2030", "kind": "april", "year": 2030, "date": "2030-04-30"},
    {"id": "2030-augusti", "label": "Syntetisk augusti 2030", "kind": "augusti", "year": 2030,
     "date": "2030-08-31"},
]
SERIES_HEAD = "municipality,year,value,flag,source,fetched\n"
# The source every mission, goal and news item must name; synthetic, at a reserved address.
SOURCE = {"title": "Syntetisk källa", "url": "https://example.invalid/kalla", "published": "2030-01-01"}


def follow_up(period: str, status: str) -> dict[str, Any]:
    return {"period": period, "status": status, "assessment": "Syntetisk bedömning."}


def mission(number: int, *follow_ups: dict[str, Any], title: str = "") -> dict[str, Any]:
    return {"id": f"fm1-uppdrag-{number}", "goal": "fokusmal-1", "number": number,
            "title": title or f"Syntetiskt uppdrag {number}", "responsible": ["ks"],
            "description": f"Syntetisk beskrivning av uppdrag {number}.", "source": SOURCE,
            "follow_ups": list(follow_ups)}


def base_version() -> dict[str, Any]:
    """Files of the first version: path -> YAML data, or text for CSV."""
    return {
        "data/portal.yaml": {"publisher_name": "Syntetisk kommun", "publisher_url": "https://example.invalid/",
                             "feed_tag": "example.invalid,2030",
                             "terms": {"goal": {"singular": "fokusmål", "definite_singular": "fokusmålet",
                                                "plural": "fokusmål", "definite_plural": "fokusmålen",
                                                "gender": "ett"}}},
        "data/statuses.yaml": STATUSES,
        "data/periods.yaml": PERIODS,
        "data/committees.yaml": [{"id": "ks", "abbreviation": "KS", "name": "Syntetiska styrelsen"}],
        "data/municipalities.yaml": [{"id": "hemby", "name": "Hemby", "kolada_id": "9990"},
                                     {"id": "grannby", "name": "Grannby", "kolada_id": "9991"}],
        "content/goals/fokusmal-1.yaml": {"id": "fokusmal-1", "number": 1, "title": "Syntetiskt mål",
                                          "short_title": "Syntes", "source": SOURCE,
                                          "follow_ups": [{"period": "2030-april", "status": "gul"}]},
        "content/missions/fm1-uppdrag-1.yaml": mission(1, follow_up("2030-april", "gul")),
        "content/missions/fm1-uppdrag-2.yaml": mission(2, follow_up("2030-april", "gron")),
        "content/missions/fm1-uppdrag-3.yaml": mission(3, follow_up("2030-april", "gul")),
        "content/missions/fm1-uppdrag-4.yaml": mission(4),
        "content/indicators/andel.yaml": {
            "id": "andel", "title": "Syntetisk andel", "description": "Syntetisk beskrivning av andelen.",
            "unit": "procent", "direction": "lower", "home": "hemby",
            "series": "andel", "sources": [{"title": "Syntetisk källa", "licence": "Syntetisk"}]},
        "content/news/gammal-nyhet.yaml": {"id": "gammal-nyhet", "title": "Syntetisk nyhet", "date": "2030-01-02",
                                           "lead": "Ingress.", "body": "Syntetisk brödtext.",
                                           "source": {"title": "Syntetisk källa"}},
        "data/series/andel.csv": SERIES_HEAD + "hemby,2029,3.1,,Syntetisk,\nhemby,2030,2.9,preliminary,Syntetisk,\n"
                                 "grannby,2030,4.0,,Syntetisk,\n",
    }


def head_version() -> dict[str, Any]:
    """The second version: one of each kind of change a reviewer must see."""
    files = base_version()
    files["content/missions/fm1-uppdrag-1.yaml"] = mission(1, follow_up("2030-april", "gul"),
                                                           follow_up("2030-augusti", "gron"))  # Gul → Grön
    files["content/missions/fm1-uppdrag-2.yaml"] = mission(2, follow_up("2030-april", "rod"))  # edited in place
    files["content/missions/fm1-uppdrag-3.yaml"] = mission(3, title="Nytt namn på uppdrag 3")  # removed follow-up
    files["content/missions/fm1-uppdrag-5.yaml"] = mission(5, follow_up("2030-augusti", "gul"))  # new mission
    del files["content/missions/fm1-uppdrag-4.yaml"]
    del files["content/news/gammal-nyhet.yaml"]
    files["data/committees.yaml"] = files["data/committees.yaml"] + [
        {"id": "nn", "abbreviation": "NN", "name": "Syntetiska nämnden"}]
    files["data/series/andel.csv"] = SERIES_HEAD + ("hemby,2029,3.1,,Syntetisk,\nhemby,2030,2.7,revised,Syntetisk,\n"
                                                    "hemby,2031,2.5,,Syntetisk,\n")
    return files


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout.strip()


def write(root: Path, files: dict[str, Any]) -> None:
    for folder in ("content", "data"):
        if (root / folder).exists():
            subprocess.run(["rm", "-rf", str(root / folder)], check=True)
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def commit(repo: Path, files: dict[str, Any], message: str) -> str:
    write(repo, files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit(repo, base_version(), "bas")
    commit(repo, head_version(), "ändring")
    return repo


def run(repo: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = summary.main(["--root", str(repo), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_synthetic_versions_are_valid(tmp_path: Path) -> None:
    for files in (base_version(), head_version()):
        write(tmp_path, files)
        assert errors_only(load_content(tmp_path)[1]) == []


def test_summary_lists_every_status_change_with_its_period(repo: Path, capsys) -> None:
    code, out, _ = run(repo, "--base", "HEAD~1", "--head", "HEAD", capsys=capsys)
    assert code == 0
    assert out.startswith("## Vad ändras för medborgarna\n")
    section = out.split("### Statusändringar\n", 1)[1].split("###", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    # The synthetic follow-ups have no source: every new or changed status says so (DESIGN.md: never
    # published without its source).
    none = " – **saknar källa**: lägg till bedömningens källa innan ändringen godkänns"
    assert lines == [
        "- Fokusmål 1, uppdrag 2: Syntetiskt uppdrag 2 (Syntetisk april 2030): Grön → Röd, "
        "ändrad i en redan publicerad uppföljning" + none,
        "- Fokusmål 1, uppdrag 3: Nytt namn på uppdrag 3 (Syntetisk april 2030): bedömningen tas bort (var Gul)",
        "- Fokusmål 1, uppdrag 1: Syntetiskt uppdrag 1 (Syntetisk augusti 2030): Gul → Grön" + none,
        "- Fokusmål 1, uppdrag 5: Syntetiskt uppdrag 5 (Syntetisk augusti 2030): ny bedömning, Gul" + none,
    ]


def test_summary_lists_records_added_removed_and_changed(repo: Path, capsys) -> None:
    _, out, _ = run(repo, "--base", "HEAD~1", "--head", "HEAD", capsys=capsys)
    assert "**2 nya, 3 ändrade och 2 borttagna poster; 4 statusändringar; 3 ändrade rader i dataserier.**" in out

    def items(heading: str) -> list[str]:
        return out.split(f"### {heading}\n", 1)[1].split("\n\n", 1)[0].strip().splitlines()

    # Each record still there carries where its page is, for the comment's preview link (pr_comment.py).
    assert items("Nya uppdrag") == ["- Fokusmål 1, uppdrag 5: Syntetiskt uppdrag 5 (`fm1-uppdrag-5`)"
                                    "<!--sida:uppdrag/fm1-uppdrag-5/-->"]
    assert items("Borttagna uppdrag") == ["- Fokusmål 1, uppdrag 4: Syntetiskt uppdrag 4 (`fm1-uppdrag-4`)"]
    # Each changed field with what it was and what it becomes.
    assert items("Ändrade uppdrag") == [
        "- Fokusmål 1, uppdrag 1: Syntetiskt uppdrag 1 (`fm1-uppdrag-1`)<!--sida:uppdrag/fm1-uppdrag-1/-->",
        "  - Uppföljningar (`follow_ups`): 1 post → 2 poster",
        "- Fokusmål 1, uppdrag 2: Syntetiskt uppdrag 2 (`fm1-uppdrag-2`)<!--sida:uppdrag/fm1-uppdrag-2/-->",
        "  - Uppföljningar (`follow_ups`): ändrat innehåll",
        "- Fokusmål 1, uppdrag 3: Nytt namn på uppdrag 3 (`fm1-uppdrag-3`)<!--sida:uppdrag/fm1-uppdrag-3/-->",
        "  - Uppdragets titel (`title`): Syntetiskt uppdrag 3 → Nytt namn på uppdrag 3",
        "  - Uppföljningar (`follow_ups`): 1 post → 0 poster",
    ]
    assert items("Borttagna nyheter") == ["- Syntetisk nyhet (2030-01-02) (`gammal-nyhet`)"]
    assert items("Nya nämnder") == ["- Syntetiska nämnden (NN) (`nn`)<!--sida:namnder/nn/-->"]
    assert "### Ändrade fokusmål" not in out and "indikatorer" not in out


def test_one_of_each_is_counted_in_the_singular(repo: Path, capsys) -> None:
    files = head_version()
    changed = files["content/missions/fm1-uppdrag-2.yaml"]
    changed["follow_ups"][-1]["status"] = "gul" if changed["follow_ups"][-1]["status"] != "gul" else "gron"
    files["data/series/andel.csv"] = files["data/series/andel.csv"].replace("2.5", "2.6")
    write(repo, files)
    _, out, _ = run(repo, "--base", "HEAD", capsys=capsys)
    assert "**1 ändrad post; 1 statusändring; 1 ändrad rad i dataserier.**" in out
    assert "**`andel` (Syntetisk andel)**: 1 ändrad rad." in out


def test_summary_lists_changed_series_rows_with_swedish_numbers(repo: Path, capsys) -> None:
    _, out, _ = run(repo, "--base", "HEAD~1", "--head", "HEAD", capsys=capsys)
    series = out.split("### Dataserier\n", 1)[1]
    assert "**`andel` (Syntetisk andel)**: 3 ändrade rader." in series
    rows = [line for line in series.splitlines() if line.startswith("- ")]
    assert rows == ["- Grannby 2030: raden tas bort (var 4)",
                    "- Hemby 2030: 2,9 (preliminärt) → 2,7 (reviderat)",
                    "- Hemby 2031: ny rad, 2,5"]


def test_working_tree_is_compared_by_default_and_unchanged_content_says_so(repo: Path, capsys) -> None:
    code, out, _ = run(repo, "--base", "HEAD", capsys=capsys)
    assert code == 0 and "Inga ändringar som syns för medborgarna" in out and "`arbetskopian`" in out
    # An edit not yet committed is what the working tree shows; no origin/main here, so HEAD~1 is the base.
    news = {"id": "ny", "title": "Ny syntetisk nyhet", "date": "2030-05-01", "lead": "Ingress.",
            "body": "Syntetisk brödtext.", "source": {"title": "Syntetisk källa"}}
    (repo / "content/news").mkdir()
    (repo / "content/news/ny.yaml").write_text(yaml.safe_dump(news, allow_unicode=True), encoding="utf-8")
    _, out, _ = run(repo, "--base", "HEAD", capsys=capsys)
    assert "### Nya nyheter\n\n- Ny syntetisk nyhet (2030-05-01) (`ny`)" in out
    _, out, _ = run(repo, capsys=capsys)
    assert "med den publicerade versionen (`HEAD~1 (" in out and "- Ny syntetisk nyhet" in out
    assert "### Nya uppdrag" in out


def test_default_base_is_where_the_branch_left_origin_main(repo: Path, capsys) -> None:
    base = git(repo, "rev-parse", "HEAD~1")
    git(repo, "update-ref", "refs/remotes/origin/main", base)
    git(repo, "checkout", "-q", "-b", "gren")
    commit(repo, {**head_version(), "content/missions/fm1-uppdrag-6.yaml": mission(6)}, "gren")
    _, out, _ = run(repo, capsys=capsys)
    assert f"med den publicerade versionen (`origin/main ({base[:10]})`" in out
    assert "uppdrag 6" in out and "uppdrag 5" in out


def test_base_with_errors_is_reported(repo: Path, capsys) -> None:
    broken = base_version()
    broken["content/missions/fm1-uppdrag-1.yaml"] = {**mission(1), "number": "ett"}
    first = commit(repo, broken, "trasig bas")
    commit(repo, base_version(), "rättad")
    _, out, _ = run(repo, "--base", first, "--head", "HEAD", capsys=capsys)
    assert "> **Obs!** Basversionen har 1 fel. Poster som inte gick att läsa där visas här som nya." in out
    assert "> - content/missions/fm1-uppdrag-1.yaml:" in out
    assert "`fm1-uppdrag-1`)<!--sida:uppdrag/fm1-uppdrag-1/--> – hade fel i basversionen" in out


def test_head_with_errors_is_reported_and_not_shown_as_removed(repo: Path, capsys) -> None:
    (repo / "content/missions/fm1-uppdrag-2.yaml").write_text("id: fm1-uppdrag-2\nnumber: [\n", encoding="utf-8")
    _, out, _ = run(repo, "--base", "HEAD", capsys=capsys)
    assert "> **Obs!** Den nya versionen har 1 fel." in out
    assert "`fm1-uppdrag-2`) – har fel i den nya versionen" in out


def test_unknown_revision_is_a_swedish_message_not_a_traceback(repo: Path, capsys) -> None:
    code, out, err = run(repo, "--base", "finns-inte", capsys=capsys)
    assert code == 2 and out == ""
    assert err == "fel: Revisionen 'finns-inte' finns inte i git-förrådet (prova `git fetch`).\n"
    code, _, err = run(repo, "--base=--output=/tmp/x", capsys=capsys)
    assert code == 2 and "Ogiltig revision" in err


def test_a_link_out_of_the_repository_in_the_base_is_never_read(repo: Path, tmp_path: Path, capsys) -> None:
    secret = tmp_path / "hemlig.yaml"
    secret.write_text(yaml.safe_dump({"id": "hemlig", "title": "HEMLIGT", "date": "2030-01-01",
                                      "lead": "HEMLIGT", "body": "HEMLIGT", "source": {"title": "HEMLIGT"}}),
                            encoding="utf-8")
    (repo / "content/news").mkdir()
    (repo / "content/news/hemlig.yaml").symlink_to(secret)
    (repo / "content/news/hemlig2.yaml").symlink_to("../../../hemlig.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "länkar")
    assert git(repo, "ls-files", "content/news") == "content/news/hemlig.yaml\ncontent/news/hemlig2.yaml"
    code, out, _ = run(repo, "--base", "HEAD", "--head", "HEAD", capsys=capsys)
    assert code == 0 and "HEMLIGT" not in out
    assert "Länkar som pekar utanför projektet lästes inte:" in out
    assert "`content/news/hemlig.yaml`" in out and "`content/news/hemlig2.yaml`" in out


def test_job_summary_file_gets_the_same_text(repo: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    target = tmp_path / "step-summary.md"
    target.write_text("tidigare\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    _, out, _ = run(repo, "--base", "HEAD~1", "--head", "HEAD", capsys=capsys)
    assert target.read_text(encoding="utf-8") == "tidigare\n" + out


def test_editor_text_cannot_become_markdown_or_html(tmp_path: Path) -> None:
    assert md("Läs [mer](https://evil.example) <img src=x> *fet* | `kod`") == (
        "Läs \\[mer\\](https://evil.example) \\<img src=x\\> \\*fet\\* \\| \\`kod\\`")
    assert md("rad ett\nrad två") == "rad ett rad två"
    assert md("x" * 200, limit=10) == "xxxxxxxxx…"


def test_long_lists_are_cut(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    files = base_version()
    write(old, files)
    for number in range(10, 10 + MAX_ITEMS + 5):
        files[f"content/missions/fm1-uppdrag-{number}.yaml"] = mission(number)
    write(new, files)
    from macros.review.summary import to_markdown

    base, head = load_content(old)[0], load_content(new)[0]
    changes = compare(base, head)
    assert len([r for r in changes.records if r.action == "added"]) == MAX_ITEMS + 5
    text = to_markdown(changes, base, head, "a", "b")
    assert "- … och 5 till." in text
    assert text.count("\n- Fokusmål 1, uppdrag") == MAX_ITEMS


def test_make_summary_passes_base_through() -> None:
    from tests.conftest import ROOT

    def dry_run(*args: str) -> str:
        return subprocess.run(["make", "-n", "-C", str(ROOT), "summary", *args], capture_output=True, text=True,
                              check=True).stdout

    assert "-m scripts.summary --base 'origin/main~2'\n" in dry_run("BASE=origin/main~2")
    assert "-m scripts.summary \n" in dry_run() or "-m scripts.summary\n" in dry_run()


def test_a_changed_field_shows_from_and_to_and_a_text_its_changed_words(repo: Path, capsys) -> None:
    files = head_version()
    changed = files["content/missions/fm1-uppdrag-2.yaml"]
    changed["responsible"] = ["ks", "nn"]
    changed["description"] = ("Syntetisk beskrivning av uppdrag två som är lång nog att inte visas hel, med många "
                              "ord som står kvar och ett ord som byts ut mot ett annat i den nya versionen.")
    changed["follow_ups"][-1]["source"] = {"title": "Syntetisk delårsrapport"}
    write(repo, {"content/missions/fm1-uppdrag-2.yaml": changed})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ändrat")
    base = head_version()["content/missions/fm1-uppdrag-2.yaml"]
    base["description"] = changed["description"].replace("byts ut mot ett annat", "står för sig")
    write(repo, {"content/missions/fm1-uppdrag-2.yaml": {**changed, "description": base["description"]}})
    _, out, _ = run(repo, "--base", "HEAD", capsys=capsys)
    assert "Jämför ändringsförslaget (`arbetskopian`) med den publicerade versionen (`HEAD (" in out
    section = out.split("### Ändrade uppdrag\n", 1)[1]
    assert "  - Beskrivning av uppdraget (`description`): ~~byts ut mot ett annat~~ → **står för sig**" in section


def test_committees_moved_show_from_and_to(repo: Path, capsys) -> None:
    files = head_version()
    changed = files["content/missions/fm1-uppdrag-2.yaml"]
    write(repo, {"content/missions/fm1-uppdrag-2.yaml": {**changed, "responsible": [], "concerned": ["ks"]}})
    _, out, _ = run(repo, "--base", "HEAD", capsys=capsys)
    assert "  - Ansvariga nämnder (`responsible`): ks → tomt" in out
    assert "  - Berörda nämnder (`concerned`): tomt → ks" in out


def test_titles_are_cut_at_a_word() -> None:
    title = ("Införa en modell för en utvecklings- och innovationsbudget som möjliggör helt nya arbetssätt för att "
             "effektivisera förvaltningen och skapa mervärde för invånarna i hela kommunen")
    shown = md(title)
    assert shown.endswith("…") and len(shown) <= 140
    assert title.startswith(shown[:-1]) and title[len(shown) - 1] == " ", shown  # whole words only
