"""Open data: every record and series as CSV and JSON under api/, and a DCAT-AP-SE catalogue."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS

from macros.content.models import Settings
from macros.content.municipality import activate, cap, term
from macros.content.store import Content
from macros.facts.derive import goals_sorted, memo, sorted_missions
from macros.facts.events import status_events
from macros.publish import spreadsheet
from macros.publish.fields import COMMITTEES, GOALS, INDICATORS, MISSIONS, NEWS, RECORD_JSON
from macros.publish.opendata_fields import OPEN_DATA_PAGE, SERIES_COLUMNS, news_rows, series_rows, series_title
from macros.text.tabular import rows_to_csv
from macros.text.xmlsafe import one_line

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"


@dataclass(frozen=True)
class Concept:
    """A term of a published vocabulary, with what DCAT-AP's shapes need to see in our own output:
    its classes, its scheme and a label (harvesters do not dereference vocabularies)."""

    iri: str
    scheme: str
    scheme_title: str
    labels: tuple[tuple[str, str | None], ...]  # (text, language)
    classes: tuple[URIRef, ...] = (SKOS.Concept,)


# Values from the EU Publications Office's authority tables, labelled as they label them.
THEME_GOVERNMENT = Concept(EU + "data-theme/GOVE", EU + "data-theme", "Data theme",
                           (("Regeringen och den offentliga sektorn", "sv"), ("Government and public sector", "en")))
LANG_SV = Concept(EU + "language/SWE", EU + "language", "Language", (("svenska", "sv"), ("Swedish", "en")),
                  (SKOS.Concept, DCTERMS.LinguisticSystem))
FORMAT = {ext: Concept(EU + f"file-type/{ext.upper()}", EU + "file-type", "File type", ((ext.upper(), None),),
                       (SKOS.Concept, DCTERMS.MediaTypeOrExtent))
          for ext in ("csv", "json")}
MEDIA = {"csv": "text/csv", "json": "application/json"}  # IANA media types
# Swedish labels as in DCAT-AP-SE's specification, English as in the ADMS vocabulary.
PUBLISHER_TYPE_LABELS: dict[str, tuple[str, str]] = {
    "Academia-ScientificOrganisation": ("Akademia/Vetenskaplig organisation", "Academia/Scientific organisation"),
    "Company": ("Företag", "Company"),
    "IndustryConsortium": ("Industrikonsortium", "Industry consortium"),
    "LocalAuthority": ("Lokal myndighet/kommun", "Local Authority"),
    "NationalAuthority": ("Nationell myndighet", "National authority"),
    "NonGovernmentalOrganisation": ("Icke-statlig organisation", "Non-Governmental Organisation"),
    "NonProfitOrganisation": ("Ej vinstdrivande organisation", "Non-Profit Organisation"),
    "PrivateIndividual(s)": ("Privatperson(er)", "Private Individual(s)"),
    "RegionalAuthority": ("Regional myndighet/landsting", "Regional authority"),
    "StandardisationBody": ("Standardiseringsorganisation", "Standardisation body"),
    "SupraNationalAuthority": ("Över-/mellanstatlig myndighet", "Supra-national authority"),
}


def publisher_type(code: str) -> Concept:
    sv, en = PUBLISHER_TYPE_LABELS[code]
    return Concept(ADMS_PUBLISHER_TYPE + code, ADMS_PUBLISHER_TYPE + "1.0", "Publisher Type", ((sv, "sv"), (en, "en")))


def datasets(content: Content) -> dict[str, dict[str, Any]]:
    """Dataset name -> title, description and rows (the CSV and the JSON carry the same rows).
    A row's "url" is site-relative here; open_data_files makes it absolute. Computed once per content."""
    return memo(content, "datasets", lambda: _datasets(content))


def _columns_named(*fields: str) -> list[str]:
    """Columns as each file names them: the spreadsheet's Swedish heading, the programs' name in parentheses."""
    return [f"”{spreadsheet.HEADINGS[f]}” ({f})" for f in fields]


# The derived columns, described by the headings of the files the page links to: the spreadsheet's Swedish
# heading first (the recommended file), the CSV's and JSON's name beside it.
_AGE_COLUMNS = ("Kolumnen {} är uppföljningens datum, {} statusens ålder i hela månader när filen byggdes och {} "
                "ja om statusen då var inaktuell (namnen i parentes gäller CSV och JSON).").format(
    *_columns_named("period_date", "age_months", "outdated"))
_VALUE_AGE_COLUMNS = ("Kolumnen {} är året som det senaste värdet avser, {} det senaste år som borde vara publicerat "
                      "enligt källans publiceringsrytm (eller, när indikatorn inte anger någon, en publicering per "
                      "år) och {} ja om det senaste värdet är äldre (namnen i parentes gäller CSV och JSON).").format(
    *_columns_named("latest_year", "expected_year", "outdated"))
_SERIES_DATE_COLUMNS = ("Kolumnerna {} och {} är dagen då värdet hämtades och dagen då källan publicerade det, när "
                        "de är kända (namnen i parentes gäller CSV och JSON).").format(
    *_columns_named("fetched", "published"))


def _datasets(content: Content) -> dict[str, dict[str, Any]]:
    # Each record kind's rows from its declared columns (publish/fields.py).
    goals = [GOALS.row(content, g) for g in goals_sorted(content)]
    missions = [MISSIONS.row(content, m) for m in sorted_missions(content)]
    committees = [COMMITTEES.row(content, c) for c in content.committees.values()]
    indicators = [INDICATORS.row(content, i) for i in content.indicators.values()]
    events = [{"date": e.date.isoformat(), "period": e.period_id, "kind": e.applies_to, "id": e.record_id,
               "goal": e.goal_id, "before": e.before, "after": e.after, "url": e.url}
              for e in status_events(content)]
    goal, mission, committee = term("goals"), term("missions"), term("committees")
    whose = content.settings.whose if content.settings else "Kommunens"
    out = {
        "mal": (cap(goal.plural), f"{whose} {goal.plural} med senaste status och trend. {_AGE_COLUMNS}", goals),
        "uppdrag": (cap(mission.plural), f"Kommunfullmäktiges {mission.plural} till {committee.definite_plural}, "
                                         f"med ansvariga och senaste status. {_AGE_COLUMNS}", missions),
        "namnder": (cap(committee.plural), f"{cap(committee.plural)} och grupper som är ansvariga för eller berörda "
                                           f"av {mission.definite_plural}.", committees),
        "indikatorer": ("Indikatorer", f"Indikatorer med målvärden och dataserier. {_VALUE_AGE_COLUMNS}", indicators),
        "statushistorik": ("Statushistorik", "Varje bedömning vid varje uppföljning, med status före och efter.",
                           events),
        "nyheter": ("Nyheter", "Nyheterna med datum, ingress, källa och de mål och indikatorer som portalen "
                    "kopplar dem till.", news_rows(content)),
    }
    for name in sorted(content.series):
        out[f"serier/{name}"] = (series_title(content, name),
                                 "Värden per kommun och år, med kommunkod, enhet, källa med adress, anmärkning och "
                                 f"datum. {_SERIES_DATE_COLUMNS}",
                                 series_rows(content, name))
    # Titles and descriptions hold settings' words: one line of text XML 1.0 can carry, whatever they are.
    return {k: {"title": one_line(t), "description": one_line(d), "rows": r} for k, (t, d, r) in out.items()}


# Datasets of one record kind: their CSV columns are the kind's declared columns, rows or none.
_DATASET_KINDS = {"mal": GOALS, "uppdrag": MISSIONS, "namnder": COMMITTEES, "indikatorer": INDICATORS, "nyheter": NEWS}


def _columns(name: str, rows: list[dict[str, Any]]) -> list[str]:
    if name.startswith("serier/"):
        return SERIES_COLUMNS
    if name in _DATASET_KINDS:
        return _DATASET_KINDS[name].column_names
    return list(rows[0]) if rows else ["id"]


def open_data_files(content: Content, site_url: str) -> dict[str, str]:
    """api/<name>.csv and .json for every dataset, api/<kind>/<id>.json per record, api/index.json, catalogue."""
    activate(content.settings)  # this content's words, however it was put together
    files: dict[str, str] = {}
    sets = {name: {**ds, "rows": [{**row, "url": site_url + row["url"]} if "url" in row else row
                                  for row in ds["rows"]]}
            for name, ds in datasets(content).items()}
    index = []
    for name, ds in sets.items():
        columns = _columns(name, ds["rows"])
        files[f"api/{name}.csv"] = rows_to_csv(ds["rows"], columns)
        files[f"api/{name}{spreadsheet.SUFFIX}"] = spreadsheet.rows_to_swedish_csv(ds["rows"], columns)
        files[f"api/{name}.json"] = json.dumps({"dataset": name, "title": ds["title"], "items": ds["rows"]},
                                               ensure_ascii=False, allow_nan=False, indent=1) + "\n"
        index.append({"dataset": name, "title": ds["title"], "csv": site_url + f"api/{name}.csv",
                      "json": site_url + f"api/{name}.json",
                      "spreadsheet": site_url + f"api/{name}{spreadsheet.SUFFIX}"})
    for kind, folder in RECORD_JSON.items():  # each record whole, every field of its model
        for record_id, record in sorted(getattr(content, kind).items()):
            files[f"api/{folder}/{record_id}.json"] = json.dumps(record.model_dump(mode="json"), ensure_ascii=False,
                                                               allow_nan=False, indent=1) + "\n"
    files["api/index.json"] = json.dumps({"datasets": index, "catalog": site_url + "api/katalog.rdf"},
                                         ensure_ascii=False, allow_nan=False, indent=1) + "\n"
    files["api/katalog.rdf"] = catalogue(content, site_url, sets)
    return files


# Characters an IRI may not hold (RFC 3987), and a '%' that starts no escape.
_NOT_IN_IRI = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]|%(?![0-9A-Fa-f]{2})')


def _iri(text: str) -> URIRef:
    """An IRI for the catalogue: anything an IRI may not hold percent-encoded (UTF-8). Validation
    refuses such names and addresses; this keeps the file valid whatever reaches it."""
    return URIRef(_NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), text))


def catalogue(content: Content, site_url: str, sets: dict[str, dict[str, Any]]) -> str:
    """DCAT-AP-SE catalogue in RDF/XML, for harvesting by the national data portal. Every resource a
    property points to carries the class DCAT-AP's range shapes require, stated here rather than left
    to the vocabularies, since harvesters validate the file as it is. The contact point and licences
    appear only when data/portal.yaml gives them (see missing_settings)."""
    settings = content.settings
    assert settings is not None  # the loader refuses a build without settings
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("skos", SKOS), ("vcard", VCARD)):
        g.bind(prefix, ns)

    def document(iri: str, cls: URIRef = FOAF.Document) -> URIRef:
        node = _iri(iri)
        g.add((node, RDF.type, cls))
        return node

    def concept(c: Concept) -> URIRef:
        node, scheme = URIRef(c.iri), URIRef(c.scheme)
        for cls in c.classes:
            g.add((node, RDF.type, cls))
        for text, lang in c.labels:
            g.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
        g.add((node, SKOS.inScheme, scheme))
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, DCTERMS.title, Literal(c.scheme_title, lang="en")))
        return node

    publisher = _iri(settings.publisher_url)
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(one_line(settings.publisher_name), lang="sv")))
    if settings.publisher_type:
        g.add((publisher, DCTERMS.type, concept(publisher_type(settings.publisher_type))))
    contact = None
    if settings.contact_email:  # DCAT-AP-SE: a contact point has an e-mail address
        contact = _iri(site_url + "api/katalog.rdf#kontakt")
        g.add((contact, RDF.type, VCARD.Organization))
        g.add((contact, RDF.type, VCARD.Kind))
        g.add((contact, VCARD.fn, Literal(one_line(settings.publisher_name), lang="sv")))
        g.add((contact, VCARD.hasEmail, _iri(f"mailto:{settings.contact_email}")))
        g.add((contact, VCARD.hasURL, _iri(settings.publisher_url)))
    # The data's licence only when the municipality has decided one (never a default: see missing_settings).
    data_licence = None
    if settings.data_licence is not None:
        data_licence = document(settings.data_licence.url, DCTERMS.LicenseDocument)
        g.add((data_licence, DCTERMS.title, Literal(one_line(settings.data_licence.name), lang="sv")))
        g.add((data_licence, DCTERMS.identifier, Literal(settings.data_licence.id)))
    language = concept(LANG_SV)
    theme = concept(THEME_GOVERNMENT)
    landing_page = document(site_url + OPEN_DATA_PAGE)

    catalog = _iri(site_url + "api/katalog.rdf#katalog")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(one_line(f"{settings.site_title} – öppna data"), lang="sv")))
    g.add((catalog, DCTERMS.description, Literal(one_line(
        f"{cap(term('goals').plural)}, {term('missions').plural}, {term('committees').plural}, indikatorer och "
        f"dataserier från portalen {settings.site_title}."), lang="sv")))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, document(site_url)))
    g.add((catalog, DCTERMS.language, language))
    g.add((catalog, DCAT.themeTaxonomy, URIRef(THEME_GOVERNMENT.scheme)))
    if settings.catalogue_licence_url:
        g.add((catalog, DCTERMS.license, document(settings.catalogue_licence_url, DCTERMS.LicenseDocument)))
    for name, ds in sets.items():
        dataset = _iri(site_url + f"api/{name}")
        g.add((catalog, DCAT.dataset, dataset))
        g.add((dataset, RDF.type, DCAT.Dataset))
        g.add((dataset, DCTERMS.identifier, Literal(site_url + f"api/{name}")))
        g.add((dataset, DCTERMS.title, Literal(ds["title"], lang="sv")))
        g.add((dataset, DCTERMS.description, Literal(ds["description"], lang="sv")))
        g.add((dataset, DCTERMS.publisher, publisher))
        if contact is not None:
            g.add((dataset, DCAT.contactPoint, contact))
        g.add((dataset, DCAT.theme, theme))
        g.add((dataset, DCTERMS.language, language))
        g.add((dataset, DCAT.landingPage, landing_page))
        for ext in ("csv", "json"):
            dist = _iri(site_url + f"api/{name}.{ext}")
            g.add((dataset, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
            g.add((dist, DCTERMS.title, Literal(f"{ds['title']} ({ext.upper()})", lang="sv")))
            g.add((dist, DCAT.accessURL, dist))
            g.add((dist, DCAT.downloadURL, dist))
            g.add((dist, DCAT.mediaType, document(f"https://www.iana.org/assignments/media-types/{MEDIA[ext]}",
                                                  DCTERMS.MediaType)))
            g.add((dist, DCTERMS["format"], concept(FORMAT[ext])))
            if data_licence is not None:
                g.add((dist, DCTERMS.license, data_licence))
    return _canonical_xml(g.serialize(format="xml"))


@dataclass(frozen=True)
class MissingSetting:
    """A setting in data/portal.yaml the catalogue needs and does not have (or has wrong)."""

    field: str
    why: str
    required: bool  # by DCAT-AP-SE 3.0.1 for a conformant catalogue; otherwise recommended


def missing_settings(settings: Settings) -> list[MissingSetting]:
    """What data/portal.yaml still lacks for a DCAT-AP-SE catalogue. Never filled in by the build:
    a licence or a contact is the municipality's decision."""
    out = []
    if settings.catalogue_licence_url is None:
        out.append(MissingSetting("catalogue_licence_url",
                                  f"licensen för katalogens metadata, DCAT-AP-SE kräver CC0 1.0 ({CC0})", True))
    elif settings.catalogue_licence_url.rstrip("/") != CC0.rstrip("/"):
        out.append(MissingSetting("catalogue_licence_url",
                                  f"DCAT-AP-SE kräver CC0 1.0 ({CC0}) för katalogens metadata, inte "
                                  f"{settings.catalogue_licence_url}", True))
    if settings.publisher_type is None:
        out.append(MissingSetting("publisher_type", "utgivarens typ, t.ex. LocalAuthority för en kommun", True))
    if settings.contact_email is None:
        out.append(MissingSetting("contact_email", "e-post för frågor om data (kontaktpunkt)", False))
    if settings.data_licence is None:
        out.append(MissingSetting("data_licence", "licensen för datamängderna (id, namn och adress)", False))
    return out


def settings_notice(settings: Settings, file: str = "data/portal.yaml", github: bool = False) -> str | None:
    """One Swedish notice for the validate command: which settings the data catalogue still needs.
    A notice, not an error: the portal publishes without them, the catalogue is just not conformant."""
    missing = missing_settings(settings)
    if not missing:
        return None
    required = "; ".join(f"{m.field} – {m.why}" for m in missing if m.required)
    recommended = "; ".join(f"{m.field} – {m.why}" for m in missing if not m.required)
    parts = []
    if required:
        parts.append(f"Datakatalogen (api/katalog.rdf) följer inte DCAT-AP-SE förrän dessa inställningar finns: "
                     f"{required}.")
    if recommended:
        parts.append(f"{'Rekommenderas också' if required else 'Rekommenderas för datakatalogen'}: {recommended}.")
    text = " ".join(parts) + " Inget av detta fylls i automatiskt: licens och kontakt beslutar kommunen om."
    return f"::notice file={file},line=1::{text}" if github else f"{file}:1: notis: {text}"


def _canonical_xml(rdf_xml: str) -> str:
    """rdflib writes subjects in hash order, which changes between processes; sort the flat
    rdf:Description elements and their properties so builds are byte-identical."""
    namespaces = {"rdf": str(RDF), "dcat": str(DCAT), "dcterms": str(DCTERMS), "foaf": str(FOAF),
                  "skos": str(SKOS), "vcard": str(VCARD), "xml": "http://www.w3.org/XML/1998/namespace"}
    for prefix, uri in namespaces.items():
        if prefix != "xml":
            ET.register_namespace(prefix, uri)
    root = ET.fromstring(rdf_xml)
    about = f"{{{RDF}}}about"
    resource = f"{{{RDF}}}resource"

    def prop_key(el: ET.Element) -> tuple[str, str, str]:
        return (el.tag, el.get(resource, ""), el.text or "")

    descriptions = sorted(root, key=lambda el: el.get(about, ""))
    for el in descriptions:
        el[:] = sorted(el, key=prop_key)
    root[:] = descriptions
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
