"""Follow-up history, derived counts and trends, the changes page, Atom feeds and open data, on the
fixture project (tests/fixture_project/): goal 1 goes from gul (April) to röd (August), mission 2 from
grön to gul, mission 3 is first assessed in August (grön slutfört)."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS

from macros.validation.loader import errors_only, load_content
from tests.conftest import SITE_URL

ATOM = "{http://www.w3.org/2005/Atom}"


def add_follow_ups(project: Path, rel: str, follow_ups: list[dict]) -> None:
    path = project / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["follow_ups"] = data.get("follow_ups", []) + follow_ups
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_goal_trend_is_derived_from_history(built_site: Path) -> None:
    html = read(built_site, "mal/fokusmal-1/index.html")
    assert "Trend: <strong>Försämrad</strong>" in html
    assert html.index("Delårsrapport per augusti 2023") < html.index("Delårsuppföljning per april 2023")


def test_goal_counts_are_derived_from_missions(built_site: Path) -> None:
    html = read(built_site, "mal/fokusmal-1/index.html")
    assert "3 uppdrag: 1 färdigt, 1 försenat och 1 utan publicerad bedömning" in html


def test_changes_page_lists_every_change_with_from_to_and_text(built_site: Path) -> None:
    html = read(built_site, "andringar/index.html")
    latest = html.split('id="senaste"')[1].split('id="historik"')[0]
    words = " ".join(re.sub(r"<[^>]+>", "", latest).split())  # as read aloud: statuses are badges
    assert "Delårsrapport per augusti 2023, jämfört med Delårsuppföljning per april 2023" in latest
    changed, first = latest.split('id="nya"')
    assert changed.count(" ändrades till ") == 2 and "Första bedömning" in first  # a first assessment is no change
    assert "Gul – Målet bedöms bli delvis uppfyllt" in words and "Röd – Målet bedöms inte bli uppfyllt" in words
    assert "Grön – Uppdraget pågår/väntar enligt plan" in words and "Testbedömning: uppdraget är försenat." in words
    assert "Första bedömning: Grön slutfört" in words and "Ingen tidigare bedömning" not in words  # mission 3


def test_mission_timeline_and_committee_scorecard(built_site: Path) -> None:
    html = read(built_site, "uppdrag/fm1-uppdrag-2/index.html")
    assert "Beräknas klart 2025" in html and html.count('class="pm-status__label">') >= 3
    ks = read(built_site, "namnder/ks/index.html")
    # KS is responsible for mission 2, and for mission 1, given to all committees.
    assert "Ansvarar för 2 uppdrag: 1 försenat och 1 utan publicerad bedömning." in ks


def test_trend_contradicting_the_history_is_an_error_and_only_the_newest_counts_are_compared(
        project: Path) -> None:
    warnings = [p for p in load_content(project)[1] if p.severity == "warning"]
    assert [w.field for w in warnings] == ["follow_ups[1].stated_counts"]
    # Röd in August, grön at the year's end: the trend is Förbättrad, whatever the file says.
    add_follow_ups(project, "content/goals/fokusmal-1.yaml",
                   [{"period": "2023-arsredovisning", "status": "gron", "trend": "forsamrad",
                     "source": {"title": "Syntetisk årsredovisning"}}])
    problems = load_content(project)[1]
    errors = errors_only(problems)
    assert len(errors) == 1 and "Förbättrad" in errors[0].message and errors[0].field == "follow_ups[2].trend"
    assert [p for p in problems if p.severity == "warning"] == []  # August's stated counts are history now


def feed(site: Path, rel: str) -> ET.Element:
    return ET.fromstring(read(site, rel))


def test_atom_feeds_site_goal_and_committee(built_site: Path) -> None:
    everything = feed(built_site, "flode/alla.xml")
    assert everything.tag == f"{ATOM}feed"
    entries = everything.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)) == 6  # 5 status events + 1 news item
    assert ids[0].startswith("tag:example.invalid,2023:")
    assert everything.findtext(f"{ATOM}updated") == "2023-10-30T00:00:00Z"
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith("https://") and entry.findtext(f"{ATOM}updated").endswith("Z")
    goal = feed(built_site, "flode/mal/fokusmal-1.xml")
    assert len(goal.findall(f"{ATOM}entry")) == 5  # the goal's and its missions' events
    goal2 = feed(built_site, "flode/mal/fokusmal-2.xml")
    assert [e.findtext(f"{ATOM}title") for e in goal2.findall(f"{ATOM}entry")] == [
        "Testnyhet: fler ska klara sig utan testbistånd"]
    ks = feed(built_site, "flode/namnder/ks.xml")
    titles = [e.findtext(f"{ATOM}title") for e in ks.findall(f"{ATOM}entry")]
    # KS's own mission 2 (two events) and mission 3, which concerns all committees (derive.covered).
    assert sorted(t.split(":")[0] for t in titles) == ["Uppdrag 2", "Uppdrag 2", "Uppdrag 3"]
    # No <link rel=alternate> autodiscovery: mkdocs-material treats every such link as a language
    # alternate and fetches a sitemap beside it. Feeds are linked visibly instead.
    assert 'href="../../flode/mal/fokusmal-1.xml"' in read(built_site, "mal/fokusmal-1/index.html")


def test_open_data_csv_json_and_per_record_files(built_site: Path) -> None:
    with open(built_site / "api/uppdrag.csv", encoding="utf-8") as f:
        missions = list(csv.DictReader(f))
    assert [m["id"] for m in missions] == ["fm1-uppdrag-1", "fm1-uppdrag-2", "fm1-uppdrag-3", "fm2-uppdrag-1"]
    assert missions[1]["status"] == "gul" and missions[2]["status"] == "gron-slutfort" and missions[3]["status"] == ""
    assert missions[0]["responsible"] == "alla-namnder-och-bolag"
    data = json.loads(read(built_site, "api/uppdrag.json"))
    assert data["dataset"] == "uppdrag" and [m["id"] for m in data["items"]] == [m["id"] for m in missions]
    record = json.loads(read(built_site, "api/uppdrag/fm1-uppdrag-2.json"))
    assert record["follow_ups"][1]["status"] == "gul" and record["goal"] == "fokusmal-1"
    series = json.loads(read(built_site, "api/serier/testandel.json"))
    values = {(r["municipality"], r["year"]): (r["value"], r["flag"]) for r in series["items"]}
    assert values[("provby", 2023)] == (2.2, "") and values[("testby", 2022)] == (None, "missing")
    index = json.loads(read(built_site, "api/index.json"))
    assert {d["dataset"] for d in index["datasets"]} >= {"mal", "uppdrag", "namnder", "indikatorer"}


def test_dcat_catalogue_parses_and_describes_every_dataset(built_site: Path) -> None:
    graph = Graph().parse(data=read(built_site, "api/katalog.rdf"), format="xml")
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    index = json.loads(read(built_site, "api/index.json"))
    assert len(catalogs) == 1 and len(datasets) == len(index["datasets"])
    base = SITE_URL
    for dataset in datasets:
        assert (catalogs[0], DCAT.dataset, dataset) in graph
        for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.theme):  # contact: if set
            assert graph.value(dataset, prop) is not None, (dataset, prop)
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 2
        for dist in distributions:
            url = str(graph.value(dist, DCAT.downloadURL))
            assert url.startswith(base) and (built_site / url[len(base):]).is_file(), url
            assert graph.value(dist, DCAT.mediaType) is not None
    publisher = graph.value(catalogs[0], DCTERMS.publisher)
    assert publisher == URIRef("https://example.invalid/testkommunen/")
