"""One test per class of editor mistake: each gives a Swedish message with file, line, field, the
bad value and what is allowed, and no English from the libraries underneath.

Runs on the synthetic project in tests/fixtures/validator/, copied and broken one thing at a time.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.content.problem import Problem
from macros.validation.loader import errors_only, load_content
from tests.editing import line_of
from tests.editing import replace as edit
from tests.gitrepo import git

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "validator"
MISSION = "content/missions/fm1-uppdrag-2.yaml"
GOAL = "content/goals/fokusmal-1.yaml"
INDICATOR = "content/indicators/syntetisk-andel.yaml"
NEWS = "content/news/syntetisk-nyhet.yaml"
SERIES = "data/series/syntetisk-andel.csv"

# Words of PyYAML's, libyaml's, pydantic's and the csv module's English messages.
ENGLISH = re.compile(
    r"\b(expected|found|could not|not allowed|input should|mapping|scalar|token|while (parsing|scanning)|"
    r"valid (date|integer|number|string)|field required|value is|unable to|error|invalid|exceeded|line \d|or|"
    r"should|must|the)\b",
    re.IGNORECASE,
)


def copy_fixture(dest: Path) -> Path:
    shutil.copytree(FIXTURE, dest)
    return dest


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def assert_editor_message(problem: Problem) -> None:
    """Every message: a file inside the project, a line, Swedish only."""
    text = problem.text()
    assert re.match(r"^[^:\s/][^:]*:\d+: (fel|varning): ", text), text
    assert not ENGLISH.search(problem.message + (problem.allowed or "")), text
    assert "internt fel" not in text and "Traceback" not in text, text


def errors(project: Path) -> list[Problem]:
    _, problems = load_content(project)
    for problem in problems:
        assert_editor_message(problem)
    return errors_only(problems)


@dataclass
class Case:
    """A mistake and what its message must say."""

    break_it: Callable[[Path], None]
    file: str
    line: str | int | None  # a text on the expected line, or the line number
    message: str
    field: str = ""
    value: str | None = None
    allowed: list[str] = dataclasses.field(default_factory=list)


def _write(rel: str, text: str | bytes) -> Callable[[Path], None]:
    def write(project: Path) -> None:
        path = project / rel
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")
    return write


def _edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda project: edit(project, rel, old, new)


CASES: dict[str, Case] = {
    # --- reading the file
    "file-too-large": Case(_write(MISSION, "description: " + "x" * 600_000 + "\n"), MISSION, 1,
                           "för stor", allowed=[]),
    "not-utf8": Case(_write(MISSION, "id: fm1-uppdrag-2\ntitle: Åtgärd\n".encode("latin-1")), MISSION, 2, "UTF-8"),
    "control-character": Case(_edit(MISSION, "title: Syntetiskt", "title: Synt\x07etiskt"), MISSION, "title:",
                              "U+0007"),
    "bidi-override": Case(_edit(MISSION, "title: Syntetiskt", "title: \u202eSyntetiskt"), MISSION, "title:",
                          "U+202E"),
    "escaped-control-character": Case(_edit(MISSION, "title: Syntetiskt uppdrag två", 'title: "två\\x1b[31m"'),
                                      MISSION, "title:", "U+001B"),
    # --- YAML syntax
    "empty-file": Case(_write(MISSION, "# bara en kommentar\n"), MISSION, 1, "tom"),
    "colon-in-text": Case(_edit(MISSION, "title: Syntetiskt uppdrag två", "title: Mål: två"), MISSION, "title:",
                          "kolon"),
    "items-under-empty-list": Case(_edit(MISSION, "follow_ups: []", "follow_ups: []\n- period: 2023-april\n"
                                                                    "  status: gul"),
                                   MISSION, "- period", "Ta bort '[]'"),
    "bad-indentation": Case(_edit(MISSION, "number: 2", "  number: 2"), MISSION, None, "indrag"),
    "unclosed-quote": Case(_edit(MISSION, "title: Syntetiskt uppdrag två", 'title: "Syntetiskt'), MISSION, None,
                           "citattecken"),
    "unclosed-bracket": Case(_edit(MISSION, "number: 2", "tags: [a, b\nnumber: 2"), MISSION, None, "]"),
    "tab-indentation": Case(_edit(MISSION, "- amn", "\t- amn"), MISSION, "- amn", "Tabbtecken"),
    "duplicate-key": Case(_edit(MISSION, "number: 2", "number: 2\nnumber: 3"), MISSION, "number: 3", "två gånger"),
    "alias": Case(_edit(MISSION, "number: 2", "number: &n 2\nextra: *n"), MISSION, "number:", "Alias"),
    "merge-key": Case(_edit(MISSION, "number: 2", "number: 2\n<<: {a: 1}"), MISSION, "<<", "Sammanslagning"),
    "typed-tag": Case(_edit(MISSION, "number: 2", "number: !!int abc"), MISSION, "number:", "'!!int'"),
    "too-deep": Case(_edit(MISSION, "number: 2", "number: 2\nx: " + "[" * 30 + "]" * 30), MISSION, "x:",
                     "nästling"),
    "two-documents": Case(_edit(MISSION, "number: 2", "number: 2\n---\nid: x"), MISSION, "---", "bara innehålla en"),
    "unreadable-number": Case(_edit(MISSION, "number: 2", "number: " + "9" * 5000), MISSION, "number:", "Talet"),
    "key-not-text": Case(_edit(MISSION, "number: 2", "number: 2\n[a]: b"), MISSION, None, "nyckel"),
    # --- one record's fields
    "not-a-group": Case(_write(MISSION, "- a\n- b\n"), MISSION, 1, "grupp av fält"),
    "unknown-field": Case(_edit(MISSION, "number: 2", "number: 2\nansvarig: ks"), MISSION, "ansvarig:", "Okänt fält",
                          field="ansvarig", allowed=["responsible", "concerned"]),
    "missing-field": Case(_edit(MISSION, "number: 2\n", ""), MISSION, 1, "saknas", field="number"),
    "missing-description": Case(_edit(MISSION, "description: >-\n  Syntetisk beskrivning av uppdrag två.\n", ""),
                                MISSION, 1, "saknas", field="description"),
    "missing-source": Case(_edit(MISSION, "source:\n  title: Syntetisk källa för uppdrag två\n", ""), MISSION, 1,
                           "saknas", field="source"),
    "missing-goal-source": Case(_edit("content/goals/fokusmal-2.yaml", "source:\n  title: Syntetisk källa för "
                                      "fokusmål två\n", ""), "content/goals/fokusmal-2.yaml", 1, "saknas",
                                field="source"),
    "missing-news-body": Case(_edit(NEWS, "body: Syntetisk brödtext.\n", ""), NEWS, 1, "saknas", field="body"),
    "number-not-text": Case(_edit(MISSION, "title: Syntetiskt uppdrag två", "title: 2024"), MISSION, "title:",
                            "citattecken", field="title", value="2024"),
    "text-not-number": Case(_edit(MISSION, "number: 2", "number: två"), MISSION, "number:", "heltal",
                            field="number", value='"två"'),
    "value-not-in-list": Case(_edit(GOAL, "trend: oforandrad", "trend: bättre"), GOAL, "trend:", "inte tillåtet",
                              field="follow_ups[0].trend", value='"bättre"',
                              allowed=["forbattrad, oforandrad eller forsamrad"]),
    "unsafe-id": Case(_edit(MISSION, "id: fm1-uppdrag-2", "id: ../Uppdrag 2"), MISSION, "id:", "små bokstäver",
                      field="id"),
    "empty-text": Case(_edit(MISSION, "title: Syntetiskt uppdrag två", "title: '  '"), MISSION, "title:", "tom",
                       field="title"),
    "text-too-long": Case(_edit(MISSION, "title: Syntetiskt uppdrag två", "title: " + "x" * 20_001), MISSION,
                          "title:", "för lång", field="title"),
    "list-expected": Case(_edit(MISSION, "responsible:\n- amn", "responsible: amn"), MISSION, "responsible:",
                          "lista", field="responsible", value='"amn"'),
    "group-expected": Case(_edit(MISSION, "source:\n  title: Syntetisk källa för uppdrag två",
                                 "source: Syntetisk källa"), MISSION, "source:", "grupp av fält", field="source"),
    "too-few-items": Case(_edit(INDICATOR, "sources:\n- title: Syntetisk statistik\n  licence: Endast för test.",
                                "sources: []"), INDICATOR, "sources:", "minst 1", field="sources"),
    "number-out-of-range": Case(_edit(MISSION, "number: 2", "number: 0"), MISSION, "number:", "intervallet",
                                field="number", value="0", allowed=["minst 1"]),
    "not-finite": Case(_edit(INDICATOR, "value: 1.0", "value: .nan"), INDICATOR, "value:", ".nan",
                       field="target.value", value=".nan"),
    "impossible-day": Case(_edit(NEWS, "date: 2023-10-30", "date: 2023-02-30"), NEWS, "date:", "28 dagar",
                           field="date", value='"2023-02-30"', allowed=["01–28"]),
    "impossible-month": Case(_edit("data/periods.yaml", "date: 2023-04-30", "date: 2023-13-01"), "data/periods.yaml",
                             "date: 2023-13-01", "månad 13", field="date", value='"2023-13-01"'),
    "not-a-date": Case(_edit(NEWS, "date: 2023-10-30", "date: 30 oktober 2023"), NEWS, "date:", "datum",
                       field="date", allowed=["ÅÅÅÅ-MM-DD"]),
    "date-as-number": Case(_edit(NEWS, "date: 2023-10-30", "date: 20231030"), NEWS, "date:", "datum", field="date"),
    "bad-web-address": Case(_edit("data/portal.yaml", "publisher_url: https://example.org/",
                                  "publisher_url: https://exa mple.org/"), "data/portal.yaml", "publisher_url:",
                            "mellanslag", field="publisher_url", allowed=["https://"]),
    "not-https": Case(_edit("data/portal.yaml", "publisher_url: https://example.org/",
                            "publisher_url: javascript:alert(1)"), "data/portal.yaml", "publisher_url:", "https://",
                      field="publisher_url"),
    "bad-email": Case(_edit("data/portal.yaml", "feed_tag:", "contact_email: data<at>example.org\nfeed_tag:"),
                      "data/portal.yaml", "contact_email:", "fel form", field="contact_email",
                      allowed=["e-postadress"]),
    "placeholder-left": Case(_edit(MISSION, "Syntetisk beskrivning av uppdrag två.", "FYLL I: beskrivning"), MISSION,
                             "description:", "Platshållaren", field="description"),
    # --- files and folders
    "id-not-file-name": Case(_edit(MISSION, "id: fm1-uppdrag-2", "id: fm1-uppdrag-20"), MISSION, "id:", "filnamnet",
                             field="id", allowed=["'fm1-uppdrag-2'"]),
    "file-name-not-slug": Case(lambda p: (p / MISSION).rename(p / "content/missions/Uppdrag 2.yaml"),
                               "content/missions/Uppdrag 2.yaml", 1, "Filnamnet"),
    "not-yaml": Case(_write("content/missions/anteckning.txt", "x"), "content/missions/anteckning.txt", 1, ".yaml"),
    "vocabulary-missing": Case(lambda p: (p / "data/periods.yaml").unlink(), "data/periods.yaml", 1, "saknas"),
    "settings-missing": Case(lambda p: (p / "data/portal.yaml").unlink(), "data/portal.yaml", 1, "saknas"),
    "vocabulary-duplicate": Case(_edit("data/committees.yaml", "- id: amn", "- id: ks\n  abbreviation: KS\n"
                                       "  name: Igen\n- id: amn"), "data/committees.yaml", 5,
                                 "finns redan på rad 2", field="id"),
    # --- series CSV
    "csv-columns": Case(_edit(SERIES, "municipality,year", "kommun,year"), SERIES, 1, "kolumner",
                        allowed=["municipality,year,value,flag,source,fetched"]),
    "csv-decimal-comma": Case(_edit(SERIES, "uppsala,2022,2.5,", "uppsala,2022,2,5,"), SERIES, "uppsala,2022",
                              "punkt"),
    "csv-too-few-values": Case(_edit(SERIES, "uppsala,2022,2.5,,Syntetisk källa,2024-01-15", "uppsala,2022,2.5"),
                               SERIES, "uppsala,2022", "färre värden"),
    "csv-unclosed-quote": Case(_edit(SERIES, "uppsala,2022,2.5,,Syntetisk källa", 'uppsala,2022,2.5,,"Syntetisk'),
                               SERIES, None, "citattecken"),
    "csv-missing-flag": Case(_edit(SERIES, "vasteras,2023,,missing", "vasteras,2023,,"), SERIES, "vasteras,2023",
                             "missing", field="flag"),
    "csv-duplicate-row": Case(_edit(SERIES, "uppsala,2023,", "uppsala,2022,"), SERIES, "uppsala,2022,2.1",
                              "rad 2", field="year"),
    "csv-not-finite": Case(_edit(SERIES, "uppsala,2023,2.1,", "uppsala,2023,inf,"), SERIES, "uppsala,2023",
                           ".inf", field="value"),
    "csv-bad-date": Case(_edit(SERIES, "uppsala,2023,2.1,,Syntetisk källa,2024-01-15",
                               "uppsala,2023,2.1,,Syntetisk källa,2024-02-30"), SERIES, "uppsala,2023", "29 dagar",
                         field="fetched"),
    "csv-control-character": Case(_edit(SERIES, "Syntetisk källa,2024-01-15", "Syntetisk\x00 källa,2024-01-15"),
                                  SERIES, 2, "U+0000"),
    "csv-too-large": Case(_write(SERIES, "municipality,year,value,flag,source,fetched\n" + "x" * (9 << 20)), SERIES, 1,
                          "för stor"),
    # --- references across files (allowed: the vocabulary)
    "unknown-status": Case(_edit(GOAL, "status: gul", "status: grön"), GOAL, "status:", "Okänd status",
                           field="follow_ups[0].status", value='"grön"', allowed=["gron, gul, rod"]),
    "unknown-committee": Case(_edit(MISSION, "- amn", "- AMN"), MISSION, "- AMN", "Okänd nämnd",
                              field="responsible[0]", value='"AMN"', allowed=["alla-namnder-och-bolag, amn, ks"]),
    "unknown-goal": Case(_edit(MISSION, "goal: fokusmal-1", "goal: fokusmål-1"), MISSION, "goal:", "Okänt fokusmål",
                         field="goal", value='"fokusmål-1"', allowed=["fokusmal-1, fokusmal-2"]),
    "unknown-period": Case(_edit(GOAL, "period: 2023-april", "period: 2023-04-30"), GOAL, "period:",
                           "Menar du '2023-april'", field="follow_ups[0].period", allowed=["2023-april, 2023-augusti"]),
    "unknown-municipality": Case(_edit(INDICATOR, "comparison: [vasteras]", "comparison: [västerås]"), INDICATOR,
                                 "comparison:", "Okänd kommun", field="comparison[0]", allowed=["uppsala, vasteras"]),
    "unknown-municipality-in-series": Case(_edit(SERIES, "vasteras,2022", "västerås,2022"), SERIES, "västerås,2022",
                                           "Okänd kommun", field="municipality", value='"västerås"',
                                           allowed=["uppsala, vasteras"]),
    "unknown-indicator": Case(_edit(NEWS, "indicators: [syntetisk-andel]", "indicators: [andel]"), NEWS,
                              "indicators:", "Okänd indikator", field="indicators[0]", allowed=["syntetisk-andel"]),
    "unknown-series": Case(_edit(INDICATOR, "series: syntetisk-andel", "series: andel"), INDICATOR, "series:",
                           "Dataserien", field="series", allowed=["syntetisk-andel"]),
    "no-committee": Case(_edit(MISSION, "responsible:\n- amn\n", ""), MISSION, 1, "minst en", field="responsible"),
    "committee-twice": Case(_edit(MISSION, "- amn", "- amn\n- amn"), MISSION, 7, "två gånger", field="responsible[1]"),
    "period-twice": Case(_edit(GOAL, "source:\n  title: Syntetisk källa",
                               "- period: 2023-april\n  status: gul\nsource:\n  title: Syntetisk källa"),
                         GOAL, None, "två gånger", field="follow_ups[1].period"),
    "trend-disagrees": Case(_edit(GOAL, "source:\n  title: Syntetisk källa för fokusmål ett",
                                  "- period: 2023-augusti\n  status: gron\n  trend: forsamrad\n"
                                  "source:\n  title: Syntetisk källa för fokusmål ett"),
                            GOAL, "trend: forsamrad", "Trenden räknas ut", field="follow_ups[1].trend",
                            allowed=["forbattrad"]),
    "share-out-of-range": Case(_edit(SERIES, "uppsala,2023,2.1,", "uppsala,2023,-2.1,"), SERIES, "uppsala,2023",
                               "enheten 'procent'", field="value", value="-2.1", allowed=["från 0 till 100"]),
    # --- weak spots editors met (issue 22)
    "missing-colon": Case(_edit(MISSION, "number: 2", "number 2"), MISSION, "number 2", "saknar kolon"),
    "misspelt-committee": Case(_edit(MISSION, "- amn", "- amm"), MISSION, "- amm", "Menar du 'amn'?",
                               field="responsible[0]", value='"amm"'),
    "misspelt-status": Case(_edit(GOAL, "status: gul", "status: Gull"), GOAL, "status:", "Menar du 'gul'?",
                            field="follow_ups[0].status"),
    "csv-bad-flag": Case(_edit(SERIES, "uppsala,2022,2.5,", "uppsala,2022,2.5,prel"), SERIES, "uppsala,2022",
                         "inte tillåtet", field="flag",
                         allowed=["tomt (inget värde), preliminary, revised eller missing"]),
    "csv-semicolon-wrong-columns": Case(_write(SERIES, "kommun;year;value;flag;source;fetched\n"), SERIES, 1,
                                        "saknas: municipality; okända: kommun",
                                        allowed=["municipality,year,value,flag,source,fetched"]),
    "title-too-long": Case(_edit(MISSION, "title: Syntetiskt uppdrag två", "title: " + "x" * 2759), MISSION, "title:",
                           "för lång (2\u00a0759 tecken, högst 300)", field="title"),
    "lead-too-long": Case(_edit(NEWS, "lead: ", "lead: " + "x" * 1200 + " "), NEWS, "lead:", "högst 1\u00a0000",
                          field="lead"),
    "abbreviation-too-long": Case(_edit("data/committees.yaml", "abbreviation: AMN", "abbreviation: " + "A" * 30),
                             "data/committees.yaml", "abbreviation: AAA", "högst 20", field="abbreviation"),
    "target-out-of-range": Case(_edit(INDICATOR, "value: 1.0", "value: 150"), INDICATOR, "value: 150",
                                "Målvärdet", field="target.value", allowed=["från 0 till 100"]),
    # --- the status vocabulary (issue 21): a mission status's category is required, and one of the vocabulary's
    "mission-status-without-category": Case(_edit("data/statuses.yaml", "  category: complete\n", ""),
                                            "data/statuses.yaml", "- id: gron-slutfort", "saknar 'category'",
                                            field="category",
                                            allowed=["complete, on_track, delayed eller not_done"]),
    "unknown-status-category": Case(_edit("data/statuses.yaml", "category: complete", "category: klart"),
                                    "data/statuses.yaml", "category: klart", "inte tillåtet", field="category",
                                    value='"klart"', allowed=["complete, on_track, delayed eller not_done"]),
    "goal-status-with-category": Case(_edit("data/statuses.yaml", "  icon: check\n- id: gul",
                                            "  icon: check\n  category: complete\n- id: gul"),
                                      "data/statuses.yaml", "category: complete", "gäller bara statusar för uppdrag",
                                      field="category", value='"complete"'),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_has_a_located_swedish_message(proj: Path, name: str) -> None:
    case = CASES[name]
    case.break_it(proj)
    found = errors(proj)
    assert len(found) == 1, [p.text() for p in found]
    err = found[0]
    assert err.file == case.file, err.text()
    if isinstance(case.line, int):
        assert err.line == case.line, err.text()
    elif isinstance(case.line, str):
        text = (proj / case.file).read_text(encoding="utf-8", errors="replace")
        expected = text[: text.index(case.line)].count("\n") + 1
        assert err.line == expected, err.text()
    assert case.message in err.text(), err.text()
    assert err.field == case.field, err.text()
    if case.value is not None:
        assert err.value == case.value, err.text()
    for allowed in case.allowed:
        assert allowed in (err.allowed or ""), err.text()


def test_a_message_never_prints_control_or_bidi_characters(proj: Path) -> None:
    edit(proj, MISSION, "- amn", "- \"am\\u202en\\x1b[31m\"")
    found = errors(proj)
    text = found[0].text()
    assert "\u202e" not in text and "\x1b" not in text, text


# --- a number used twice: on the file the editor changed, naming both


@pytest.fixture
def repo(proj: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(proj, "init", "-q")
    git(proj, "add", "-A")
    git(proj, "commit", "-q", "-m", "syntetiskt")
    return proj


def test_duplicate_mission_number_is_reported_on_the_changed_file_naming_both(repo: Path) -> None:
    # The editor changes the file that sorts FIRST: the error must still land on it.
    edit(repo, "content/missions/fm1-uppdrag-1.yaml", "number: 1", "number: 2")
    found = errors(repo)
    assert len(found) == 1, [p.text() for p in found]
    err = found[0]
    assert err.file == "content/missions/fm1-uppdrag-1.yaml" and err.field == "number" and err.value == "2"
    assert err.line == line_of(repo, err.file, "number:")
    assert "content/missions/fm1-uppdrag-1.yaml" in err.message and MISSION in err.message
    assert "t.ex. 3" in err.message  # the next free number


def test_duplicate_number_of_a_new_mission_file_is_reported_on_the_new_file(repo: Path) -> None:
    new = "content/missions/fm1-uppdrag-0.yaml"  # sorts before the existing one
    text = (repo / MISSION).read_text(encoding="utf-8").replace("fm1-uppdrag-2", "fm1-uppdrag-0")
    (repo / new).write_text(text, encoding="utf-8")
    found = errors(repo)
    assert [e.file for e in found] == [new] and MISSION in found[0].message


def test_duplicate_goal_number_outside_git_is_reported_on_both_files(proj: Path) -> None:
    edit(proj, "content/goals/fokusmal-2.yaml", "number: 2", "number: 1")
    found = errors(proj)
    assert {e.file for e in found} == {GOAL, "content/goals/fokusmal-2.yaml"}
    assert all(GOAL in e.message and "content/goals/fokusmal-2.yaml" in e.message for e in found)


def test_stated_counts_that_differ_are_a_warning(proj: Path) -> None:
    edit(proj, GOAL, "  summary: >-", "  stated_counts: {total: 5, complete: 1, on_track: 3, delayed: 1}\n"
                                      "  summary: >-")
    _, problems = load_content(proj)
    assert errors_only(problems) == []
    [warning] = problems
    assert_editor_message(warning)
    assert warning.severity == "warning" and "5 uppdrag" in warning.message and warning.file == GOAL


def test_a_known_difference_is_not_warned_about_but_one_it_does_not_explain_is(proj: Path) -> None:
    edit(proj, GOAL, "  summary: >-", "  stated_counts:\n    total: 5\n    complete: 1\n    on_track: 3\n"
                                      "    delayed: 1\n    known_difference: Portalen har hittills fört in två av "
                                      "uppdragen.\n  summary: >-")
    assert load_content(proj)[1] == []  # the portal holds 2 of the 5: explained, no warning on every build
    edit(proj, GOAL, "    total: 5", "    total: 1")  # now it holds more than the text states
    [warning] = load_content(proj)[1]
    assert_editor_message(warning)
    assert warning.severity == "warning" and "gäller bara när portalen har färre" in warning.message


def _yaml_examples(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)


def _place_example(proj: Path, block: str) -> str:
    """Put one example where an editor would, in the fixture; returns the file it went into."""
    block = block.replace("2024-april", "2023-augusti")  # a period of the fixture
    if block.startswith("follow_ups:"):
        # A mission's follow-up has an assessment, a goal's a summary; each replaces an empty list.
        rel = MISSION if "assessment:" in block else "content/goals/fokusmal-2.yaml"
        edit(proj, rel, "follow_ups: []\n", block)
        return rel
    record_id = re.match(r"id: (\S+)\n", block)
    assert record_id, f"an example the test does not know where to put:\n{block}"
    folder = "missions" if re.search(r"^goal: ", block, re.M) else "goals"
    rel = f"content/{folder}/{record_id.group(1)}.yaml"
    (proj / rel).write_text(block, encoding="utf-8")
    return rel


def test_the_editors_guide_shows_yaml_that_validates(tmp_path: Path) -> None:
    # The guide's blocks are what editors copy: each must pass as written, with no warning either.
    guide = (Path(__file__).resolve().parents[2] / "REDIGERA.md").read_text(encoding="utf-8")
    blocks = _yaml_examples(guide)
    assert len(blocks) >= 4
    for n, block in enumerate(blocks):
        proj = copy_fixture(tmp_path / f"example-{n}")
        rel = _place_example(proj, block)
        _, problems = load_content(proj)
        assert problems == [], (rel, [p.text() for p in problems])
    # What the first two examples write is read as meant.
    proj = copy_fixture(tmp_path / "both")
    for block in blocks[:2]:
        _place_example(proj, block)
    content, _ = load_content(proj)
    assert content.missions["fm1-uppdrag-2"].follow_ups[0].status == "gul"
    assert content.goals["fokusmal-2"].follow_ups[0].source.title == "uppsala.se: Fokusmål 1"


def test_the_readme_has_no_yaml_that_does_not_validate(tmp_path: Path) -> None:
    # The README points editors to the guide; any YAML example left in it must validate too.
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for n, block in enumerate(_yaml_examples(readme)):
        proj = copy_fixture(tmp_path / f"example-{n}")
        _place_example(proj, block)
        assert errors(proj) == []


def test_duplicate_number_committed_on_a_form_editor_branch_is_reported_on_that_branchs_file(repo: Path,
                                                                                             monkeypatch) -> None:
    """The form editor commits to a branch of its own (cms/…); validating that branch outside CI, the files
    it changed since the publishing branch are the editor's, not the already-published one."""
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    git(repo, "branch", "-M", "main")
    git(repo, "checkout", "-q", "-b", "cms/missions/fm1-uppdrag-9")
    new = "content/missions/fm1-uppdrag-9.yaml"
    text = (repo / MISSION).read_text(encoding="utf-8").replace("fm1-uppdrag-2", "fm1-uppdrag-9")
    (repo / new).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ny post")
    found = errors(repo)
    assert [e.file for e in found] == [new], [p.text() for p in found]
    assert MISSION in found[0].message
