"""Open data: every record and series as CSV and JSON under api/, and a DCAT-AP-SE catalogue."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from .content import Content
from .derive import current_trend, goals_sorted, latest, memo, sorted_missions
from .events import status_events
from .tabular import SERIES_FIELDS, rows_to_csv
from .urls import page_url

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
THEME_GOVERNMENT = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")
LANG_SV = URIRef("http://publications.europa.eu/resource/authority/language/SWE")
MEDIA = {"csv": "text/csv", "json": "application/json"}
FORMAT = {"csv": "http://publications.europa.eu/resource/authority/file-type/CSV",
          "json": "http://publications.europa.eu/resource/authority/file-type/JSON"}


def _status(content: Content, applies_to: str, record) -> dict[str, Any]:
    current = latest(content, record)
    status = content.status(applies_to, current.status) if current else None
    return {"status": status.id if status else None, "status_label": status.label if status else None,
            "period": current.period if current else None}


def datasets(content: Content) -> dict[str, dict[str, Any]]:
    """Dataset name -> title, description and rows (the CSV and the JSON carry the same rows).
    A row's "url" is site-relative here; open_data_files makes it absolute. Computed once per content."""
    return memo(content, "datasets", lambda: _datasets(content))


def _datasets(content: Content) -> dict[str, dict[str, Any]]:
    goals = []
    for g in goals_sorted(content):
        trend = current_trend(content, g)
        goals.append({"id": g.id, "number": g.number, "title": g.title, "short_title": g.short_title,
                      **_status(content, "goal", g), "trend": trend, "url": page_url("goals", g.id)})
    missions = [{"id": m.id, "goal": m.goal, "number": m.number, "title": m.title,
                 "responsible": " ".join(m.responsible), "concerned": " ".join(m.concerned),
                 **_status(content, "mission", m),
                 "expected_completion": (latest(content, m).expected_completion if m.follow_ups else None),
                 "url": page_url("missions", m.id)}
                for m in sorted_missions(content)]
    committees = [{"id": c.id, "abbreviation": c.abbreviation, "name": c.name, "is_group": c.is_group,
                   "url": page_url("committees", c.id)} for c in content.committees.values()]
    indicators = [{"id": i.id, "title": i.title, "unit": i.unit, "direction": i.direction,
                   "target_value": i.target.value if i.target else None,
                   "target_year": i.target.year if i.target else None, "series": i.series,
                   "url": page_url("indicators", i.id)} for i in content.indicators.values()]
    events = [{"date": e.date.isoformat(), "period": e.period_id, "kind": e.kind.rstrip("s"), "id": e.record_id,
               "goal": e.goal_id, "before": e.before, "after": e.after, "url": e.url}
              for e in status_events(content)]
    out = {
        "mal": ("Fokusmål", "Uppsala kommuns fokusmål med senaste status och trend.", goals),
        "uppdrag": ("Uppdrag", "Kommunfullmäktiges uppdrag till nämnderna, med ansvariga och senaste status.",
                    missions),
        "namnder": ("Nämnder", "Nämnder och grupper som är ansvariga för eller berörda av uppdragen.", committees),
        "indikatorer": ("Indikatorer", "Indikatorer med målvärden och dataserier.", indicators),
        "statushistorik": ("Statushistorik", "Varje bedömning vid varje uppföljning, med status före och efter.",
                           events),
    }
    for name, rows in sorted(content.series.items()):
        out[f"serier/{name}"] = (f"Dataserie: {name}", "Värden per kommun och år, med källa och flagga.",
                                 [r.model_dump(mode="json") for r in rows])
    return {k: {"title": t, "description": d, "rows": r} for k, (t, d, r) in out.items()}


def _columns(name: str, rows: list[dict[str, Any]]) -> list[str]:
    if name.startswith("serier/"):
        return SERIES_FIELDS
    return list(rows[0]) if rows else ["id"]


def open_data_files(content: Content, site_url: str) -> dict[str, str]:
    """api/<name>.csv and .json for every dataset, api/<kind>/<id>.json per record, api/index.json, catalogue."""
    files: dict[str, str] = {}
    sets = {name: {**ds, "rows": [{**row, "url": site_url + row["url"]} if "url" in row else row
                                  for row in ds["rows"]]}
            for name, ds in datasets(content).items()}
    index = []
    for name, ds in sets.items():
        files[f"api/{name}.csv"] = rows_to_csv(ds["rows"], _columns(name, ds["rows"]))
        files[f"api/{name}.json"] = json.dumps({"dataset": name, "title": ds["title"], "items": ds["rows"]},
                                               ensure_ascii=False, indent=1) + "\n"
        index.append({"dataset": name, "title": ds["title"], "csv": site_url + f"api/{name}.csv",
                      "json": site_url + f"api/{name}.json"})
    for kind, records in (("mal", content.goals), ("uppdrag", content.missions), ("indikatorer", content.indicators)):
        for record_id, record in sorted(records.items()):
            files[f"api/{kind}/{record_id}.json"] = json.dumps(record.model_dump(mode="json"), ensure_ascii=False,
                                                               indent=1) + "\n"
    files["api/index.json"] = json.dumps({"datasets": index, "catalog": site_url + "api/katalog.rdf"},
                                         ensure_ascii=False, indent=1) + "\n"
    files["api/katalog.rdf"] = catalogue(content, site_url, sets)
    return files


def catalogue(content: Content, site_url: str, sets: dict[str, dict[str, Any]]) -> str:
    """DCAT-AP-SE catalogue in RDF/XML, for harvesting by the national data portal."""
    settings = content.settings
    assert settings is not None  # the loader refuses a build without settings
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        g.bind(prefix, ns)
    publisher = URIRef(settings.publisher_url)
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(settings.publisher_name, lang="sv")))
    contact = URIRef(site_url + "api/katalog.rdf#kontakt")
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(settings.publisher_name, lang="sv")))
    g.add((contact, VCARD.hasURL, URIRef(settings.publisher_url)))
    if settings.contact_email:
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.contact_email}")))
    catalog = URIRef(site_url + "api/katalog.rdf#katalog")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("Uppsalas mål – öppna data", lang="sv")))
    g.add((catalog, DCTERMS.description, Literal(
        "Fokusmål, uppdrag, nämnder, indikatorer och dataserier från portalen Uppsalas mål.", lang="sv")))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, URIRef(site_url)))
    g.add((catalog, DCTERMS.language, LANG_SV))
    if settings.data_licence_url:
        g.add((catalog, DCTERMS.license, URIRef(settings.data_licence_url)))
    for name, ds in sets.items():
        dataset = URIRef(site_url + f"api/{name}")
        g.add((catalog, DCAT.dataset, dataset))
        g.add((dataset, RDF.type, DCAT.Dataset))
        g.add((dataset, DCTERMS.identifier, Literal(site_url + f"api/{name}")))
        g.add((dataset, DCTERMS.title, Literal(ds["title"], lang="sv")))
        g.add((dataset, DCTERMS.description, Literal(ds["description"], lang="sv")))
        g.add((dataset, DCTERMS.publisher, publisher))
        g.add((dataset, DCAT.contactPoint, contact))
        g.add((dataset, DCAT.theme, THEME_GOVERNMENT))
        g.add((dataset, DCTERMS.language, LANG_SV))
        g.add((dataset, DCAT.landingPage, URIRef(site_url + "oppna-data/")))
        for ext in ("csv", "json"):
            dist = URIRef(site_url + f"api/{name}.{ext}")
            g.add((dataset, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
            g.add((dist, DCTERMS.title, Literal(f"{ds['title']} ({ext.upper()})", lang="sv")))
            g.add((dist, DCAT.accessURL, dist))
            g.add((dist, DCAT.downloadURL, dist))
            g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{MEDIA[ext]}")))
            g.add((dist, DCTERMS["format"], URIRef(FORMAT[ext])))
            if settings.data_licence_url:
                g.add((dist, DCTERMS.license, URIRef(settings.data_licence_url)))
    return _canonical_xml(g.serialize(format="xml"))


def _canonical_xml(rdf_xml: str) -> str:
    """rdflib writes subjects in hash order, which changes between processes; sort the flat
    rdf:Description elements and their properties so builds are byte-identical."""
    namespaces = {"rdf": str(RDF), "dcat": str(DCAT), "dcterms": str(DCTERMS), "foaf": str(FOAF),
                  "vcard": str(VCARD), "xml": "http://www.w3.org/XML/1998/namespace"}
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
