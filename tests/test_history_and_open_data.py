"""Follow-up history, derived counts and trends, the changes page, Atom feeds and open data."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS

from macros.loader import errors_only, load_content
from tests.conftest import build_site, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"


def add_follow_ups(project: Path, rel: str, follow_ups: list[dict]) -> None:
    path = project / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["follow_ups"] = data.get("follow_ups", []) + follow_ups
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def history_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic follow-ups (test data only): goal 1 worsens in August; two missions get statuses."""
    project = copy_project(tmp_path_factory.mktemp("history") / "project")
    add_follow_ups(project, "content/goals/fokusmal-1.yaml",
                   [{"period": "2023-augusti", "status": "rod", "summary": "Syntetisk bedömning i augusti."}])
    add_follow_ups(project, "content/missions/fm1-uppdrag-2.yaml", [
        {"period": "2023-april", "status": "gron", "assessment": "Syntetisk: pågår."},
        {"period": "2023-augusti", "status": "gul", "assessment": "Syntetisk: försenat.", "expected_completion": 2025},
    ])
    add_follow_ups(project, "content/missions/fm1-uppdrag-3.yaml",
                   [{"period": "2023-augusti", "status": "gron-slutfort", "assessment": "Syntetisk: klart."}])
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_goal_trend_is_derived_from_history(history_site: Path) -> None:
    html = read(history_site, "mal/fokusmal-1/index.html")
    assert "Trend: <strong>Försämrad</strong>" in html
    assert html.index("Delårsrapport per augusti 2023") < html.index("Delårsuppföljning per april 2023")


def test_goal_counts_are_derived_from_missions(history_site: Path) -> None:
    html = read(history_site, "mal/fokusmal-1/index.html")
    assert "9 uppdrag: 1 färdigt, 1 försenat och 7 utan publicerad bedömning" in html


def test_changes_page_lists_every_change_with_from_to_and_text(history_site: Path) -> None:
    html = read(history_site, "andringar/index.html")
    latest = html.split('id="senaste"')[1].split('id="historik"')[0]
    assert "Delårsrapport per augusti 2023, jämfört med Delårsuppföljning per april 2023" in latest
    assert latest.count("<li><h4>") == 3  # two changes, one first assessment
    assert "Gul – Målet bedöms bli delvis uppfyllt" in latest and "Röd – Målet bedöms inte bli uppfyllt" in latest
    assert "Grön – Uppdraget pågår/väntar enligt plan" in latest and "Syntetisk: försenat." in latest
    assert "Första bedömning: Grön slutfört" in latest.split('id="nya"')[1]  # mission 3: new, not a change


def test_mission_timeline_and_committee_scorecard(history_site: Path) -> None:
    html = read(history_site, "uppdrag/fm1-uppdrag-2/index.html")
    assert "Beräknas klart 2025" in html and html.count('class="pm-status__label">') >= 3
    ks = read(history_site, "namnder/ks/index.html")
    # Mission 2, and mission 1, given to all committees (derive.covered).
    assert "Ansvarar för 2 uppdrag: 1 försenat och 1 utan publicerad bedömning." in ks


def test_stated_counts_warning_and_trend_contradiction_error(project: Path) -> None:
    add_follow_ups(project, "content/goals/fokusmal-1.yaml",
                   [{"period": "2023-augusti", "status": "rod", "trend": "forbattrad"}])
    problems = load_content(project)[1]
    errors = errors_only(problems)
    assert len(errors) == 1 and "Försämrad" in errors[0].message and errors[0].field == "follow_ups[1].trend"


def feed(site: Path, rel: str) -> ET.Element:
    return ET.fromstring(read(site, rel))


def test_atom_feeds_site_goal_and_committee(history_site: Path) -> None:
    everything = feed(history_site, "flode/alla.xml")
    assert everything.tag == f"{ATOM}feed"
    entries = everything.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)) == 6  # 5 status events + 1 news item
    assert ids[0].startswith("tag:uppsala.se,2023:")
    assert everything.findtext(f"{ATOM}updated") == "2023-10-30T00:00:00Z"
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith("https://") and entry.findtext(f"{ATOM}updated").endswith("Z")
    goal = feed(history_site, "flode/mal/fokusmal-1.xml")
    assert len(goal.findall(f"{ATOM}entry")) == 5  # the goal's and its missions' events
    goal2 = feed(history_site, "flode/mal/fokusmal-2.xml")
    assert [e.findtext(f"{ATOM}title") for e in goal2.findall(f"{ATOM}entry")] == [
        "1000 fler Uppsalabor ska kunna försörja sig själva"]
    ks = feed(history_site, "flode/namnder/ks.xml")
    titles = [e.findtext(f"{ATOM}title") for e in ks.findall(f"{ATOM}entry")]
    # KS's own mission 2 (two events) and mission 3, which concerns all committees (derive.covered).
    assert sorted(t.split(":")[0] for t in titles) == ["Uppdrag 2", "Uppdrag 2", "Uppdrag 3"]
    # No <link rel=alternate> autodiscovery: mkdocs-material treats every such link as a language
    # alternate and fetches a sitemap beside it. Feeds are linked visibly instead.
    assert 'href="../../flode/mal/fokusmal-1.xml"' in read(history_site, "mal/fokusmal-1/index.html")


def test_open_data_csv_json_and_per_record_files(history_site: Path) -> None:
    with open(history_site / "api/uppdrag.csv", encoding="utf-8") as f:
        missions = list(csv.DictReader(f))
    assert len(missions) == 9 and missions[1]["id"] == "fm1-uppdrag-2" and missions[1]["status"] == "gul"
    assert missions[0]["responsible"] == "alla-namnder-och-bolag"
    data = json.loads(read(history_site, "api/uppdrag.json"))
    assert data["dataset"] == "uppdrag" and [m["id"] for m in data["items"]] == [m["id"] for m in missions]
    record = json.loads(read(history_site, "api/uppdrag/fm1-uppdrag-2.json"))
    assert record["follow_ups"][1]["status"] == "gul" and record["goal"] == "fokusmal-1"
    series = json.loads(read(history_site, "api/serier/ekonomiskt-bistand-vuxna.json"))
    assert {r["municipality"]: r["value"] for r in series["items"]}["lund"] == 2.2
    index = json.loads(read(history_site, "api/index.json"))
    assert {d["dataset"] for d in index["datasets"]} >= {"mal", "uppdrag", "namnder", "indikatorer"}


def test_dcat_catalogue_parses_and_describes_every_dataset(history_site: Path) -> None:
    graph = Graph().parse(data=read(history_site, "api/katalog.rdf"), format="xml")
    catalogs = list(graph.subjects(RDF.type, DCAT.Catalog))
    datasets = list(graph.subjects(RDF.type, DCAT.Dataset))
    index = json.loads(read(history_site, "api/index.json"))
    assert len(catalogs) == 1 and len(datasets) == len(index["datasets"])
    base = "https://example.invalid/uppsala-mal/"
    for dataset in datasets:
        assert (catalogs[0], DCAT.dataset, dataset) in graph
        for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.theme):  # contact: if set
            assert graph.value(dataset, prop) is not None, (dataset, prop)
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 2
        for dist in distributions:
            url = str(graph.value(dist, DCAT.downloadURL))
            assert url.startswith(base) and (history_site / url[len(base):]).is_file(), url
            assert graph.value(dist, DCAT.mediaType) is not None
    publisher = graph.value(catalogs[0], DCTERMS.publisher)
    assert publisher == URIRef("https://www.uppsala.se/")


def test_print_stylesheet_hides_navigation() -> None:
    from tests.conftest import ROOT

    css = (ROOT / "docs/assets/portal.css").read_text(encoding="utf-8")
    print_block = css.split("@media print")[1]
    for selector in (".md-header", ".md-sidebar", ".md-footer", ".pm-filters"):
        assert selector in print_block.split("}")[0]
