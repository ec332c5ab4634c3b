"""The DCAT catalogue against the official DCAT-AP 3.0.1 and DCAT-AP-SE 3.0.1 SHACL shapes (committed
under tests/fixtures/shacl/, see its README), on a catalogue built from synthetic content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from macros.content.models import Committee, Goal, Mission, SeriesRow, Settings, Source
from macros.publish.opendata import CC0, missing_settings, open_data_files, settings_notice
from macros.validation.loader import Content
from tests.conftest import copy_project

SH = Namespace("http://www.w3.org/ns/shacl#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SHAPES = Path(__file__).resolve().parents[1] / "fixtures" / "shacl"
# DCAT-AP 3.0.1: the reusable template (mandatory, cardinality and range in one file), and the files the
# EU's Interoperability Test Bed validates with: shapes.ttl (mandatory), range.ttl (classes of values),
# mdr-vocabularies.shape.ttl (EU controlled vocabularies), deprecateduris.ttl.
DCAT_AP = ["dcat-ap-3.0.1/dcat-ap-SHACL.ttl", "dcat-ap-3.0.1/shapes.ttl", "dcat-ap-3.0.1/range.ttl",
           "dcat-ap-3.0.1/mdr-vocabularies.shape.ttl", "dcat-ap-3.0.1/deprecateduris.ttl"]
DCAT_AP_SE = "dcat-ap-se-3.0.1/dcat-ap-se-additions.ttl"
SITE = "https://portal.example/"
BY = "https://creativecommons.org/licenses/by/4.0/"
EVERYTHING = {"contact_email": "data@kommun.example",
              "data_licence": {"id": "CC-BY-4.0", "name": "Creative Commons Erkännande 4.0", "url": BY},
              "catalogue_licence_url": CC0, "publisher_type": "LocalAuthority"}


def synthetic_content(**settings: str) -> Content:
    """Test data only: one goal, one mission, one committee and one series."""
    content = Content()
    content.settings = Settings(publisher_name="Syntetisk kommun", publisher_url="https://kommun.example/",
                                feed_tag="kommun.example,2024", **settings)
    content.goals = {"mal-1": Goal(id="mal-1", number=1, title="Syntetiskt mål", short_title="Syntetiskt",
                                   source=Source(title="Syntetisk källa"))}
    content.committees = {"ks": Committee(id="ks", abbreviation="KS", name="Syntetisk styrelse")}
    content.missions = {"m-1": Mission(id="m-1", goal="mal-1", number=1, title="Syntetiskt uppdrag",
                                       responsible=["ks"], description="Syntetisk beskrivning.",
                                       source=Source(title="Syntetisk källa"))}
    content.series = {"serie": [SeriesRow(municipality="a", year=2023, value=1.5, source="Syntetisk källa")]}
    return content


def catalogue_graph(content: Content) -> Graph:
    return Graph().parse(data=open_data_files(content, SITE)["api/katalog.rdf"], format="xml")


def results(data: Graph, shapes_file: str) -> list[tuple[str, str, str, str]]:
    """Top-level results of one shapes file: (severity, focus node, path, constraint)."""
    shapes = Graph().parse(SHAPES / shapes_file, format="turtle")
    _, report, _ = validate(data, shacl_graph=shapes, inference="none")
    def short(node: object) -> str:
        return str(node).split("#")[1]

    return sorted((short(report.value(r, SH.resultSeverity)), str(report.value(r, SH.focusNode)),
                   str(report.value(r, SH.resultPath)), short(report.value(r, SH.sourceConstraintComponent)))
                  for r in report.objects(None, SH.result))


def violations(data: Graph, shapes_file: str) -> list[tuple[str, str, str, str]]:
    return [r for r in results(data, shapes_file) if r[0] == "Violation"]


@pytest.fixture(scope="module")
def complete() -> Graph:
    return catalogue_graph(synthetic_content(**EVERYTHING))


@pytest.fixture(scope="module")
def bare() -> Graph:
    return catalogue_graph(synthetic_content())


@pytest.mark.parametrize("shapes_file", [*DCAT_AP, DCAT_AP_SE])
def test_complete_settings_give_a_conformant_catalogue(complete: Graph, shapes_file: str) -> None:
    assert violations(complete, shapes_file) == []


@pytest.mark.parametrize("shapes_file", DCAT_AP)
def test_dcat_ap_conformant_without_optional_settings(bare: Graph, shapes_file: str) -> None:
    assert violations(bare, shapes_file) == []


def test_dcat_ap_se_names_exactly_what_the_settings_lack(bare: Graph) -> None:
    catalog = SITE + "api/katalog.rdf#katalog"
    assert violations(bare, DCAT_AP_SE) == [
        ("Violation", "https://kommun.example/", str(DCTERMS.type), "MinCountConstraintComponent"),
        ("Violation", catalog, str(DCTERMS.license), "MinCountConstraintComponent"),
    ]
    required = [m.field for m in missing_settings(synthetic_content().settings) if m.required]
    assert required == ["catalogue_licence_url", "publisher_type"]


def test_nothing_is_invented_without_settings(bare: Graph) -> None:
    assert list(bare.triples((None, DCTERMS.license, None))) == []
    assert list(bare.triples((None, DCAT.contactPoint, None))) == []
    assert list(bare.subjects(RDF.type, VCARD.Kind)) == []
    assert bare.value(URIRef("https://kommun.example/"), DCTERMS.type) is None


def test_settings_appear_with_the_classes_the_range_shapes_need(complete: Graph) -> None:
    catalog = URIRef(SITE + "api/katalog.rdf#katalog")
    assert complete.value(catalog, DCTERMS.license) == URIRef(CC0)
    assert (URIRef(CC0), RDF.type, DCTERMS.LicenseDocument) in complete
    data_licence = URIRef(BY)
    dists = list(complete.subjects(RDF.type, DCAT.Distribution))
    assert dists and all(complete.value(d, DCTERMS.license) == data_licence for d in dists)
    agent = URIRef("https://kommun.example/")
    kind = complete.value(agent, DCTERMS.type)
    assert kind == URIRef("http://purl.org/adms/publishertype/LocalAuthority")
    assert (agent, RDF.type, FOAF.Agent) in complete and (kind, RDF.type, SKOS.Concept) in complete
    contact = complete.value(URIRef(SITE + "api/mal"), DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Kind) in complete
    assert complete.value(contact, VCARD.hasEmail) == URIRef("mailto:data@kommun.example")


def test_the_shapes_catch_values_without_their_class(complete: Graph) -> None:
    """The check can fail: drop the classes stated for the values and the range shapes object, as they
    did to every catalogue before these types were written."""
    stripped = Graph()
    kept = {DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, FOAF.Agent}
    for s, p, o in complete:
        if p != RDF.type or o in kept:
            stripped.add((s, p, o))
    found = {(path, constraint) for _, _, path, constraint in violations(stripped, "dcat-ap-3.0.1/range.ttl")}
    for prop in (DCTERMS["format"], DCAT.mediaType, DCTERMS.language, DCAT.theme, DCAT.landingPage,
                 DCAT.contactPoint, FOAF.homepage, DCTERMS.license, DCTERMS.type):
        assert (str(prop), "ClassConstraintComponent") in found, prop


def test_notice_lists_missing_settings_in_swedish() -> None:
    notice = settings_notice(synthetic_content().settings)
    assert notice is not None and notice.startswith("data/portal.yaml:1: notis: ")
    for field in ("catalogue_licence_url", "publisher_type", "contact_email", "data_licence"):
        assert field in notice
    assert "följer inte DCAT-AP-SE" in notice and CC0 in notice
    github = settings_notice(synthetic_content(publisher_type="LocalAuthority").settings, github=True)
    assert github is not None and github.startswith("::notice file=data/portal.yaml,line=1::")
    assert "publisher_type" not in github
    assert settings_notice(synthetic_content(**EVERYTHING).settings) is None
    wrong = settings_notice(synthetic_content(**{**EVERYTHING, "catalogue_licence_url": "https://x.example/l"}).settings)
    assert wrong is not None and "https://x.example/l" in wrong and "CC0" in wrong


def test_validate_prints_the_notice_without_failing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "data/portal.yaml").write_text(
        "publisher_name: Syntetisk kommun\npublisher_url: https://kommun.example/\nfeed_tag: kommun.example,2024\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "scripts.validate", "--root", str(project)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    notice = [line for line in result.stdout.splitlines() if line.startswith("data/portal.yaml:1: notis:")]
    assert len(notice) == 1 and "catalogue_licence_url" in notice[0] and "publisher_type" in notice[0]
