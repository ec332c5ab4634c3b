"""The open data's licence and citation (a journalist's questions: may I reuse it, how do I cite it): the licence
only when the municipality has decided one, in the page and in the catalogue; otherwise the page says so
plainly and whom to ask, and the catalogue carries none. The citation names the data's address and the day
the files were made. And 'Rapportera fel' names the page by its absolute address. Fixture project only."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import unquote

from rdflib import Graph
from rdflib.namespace import DCTERMS

from macros.facts import currency
from macros.publish.opendata import open_data_files
from macros.structure.paging import PageSizes
from macros.structure.urls import Linker
from macros.validation.loader import load_content
from macros.views.page_views import PageRequest
from macros.views.registry import render_page
from tests.conftest import FIXTURE

SITE = "https://kommun.example/mal/"
LICENCE = {"id": "CC-BY-4.0", "name": "Creative Commons Erkännande 4.0",
           "url": "https://creativecommons.org/licenses/by/4.0/"}


def content(**settings):
    c, problems = load_content(FIXTURE)
    assert not [p for p in problems if p.severity == "error"]
    c.settings = c.settings.model_copy(update=settings)
    currency.set_clock(c, dt.date(2026, 12, 5))
    return c


def page(c, name: str, url: str, *args) -> str:
    request = PageRequest(c, Linker(url), PageSizes.of(20), {}, lambda kind, rid: "", SITE)
    return render_page(name, request, args)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def licences(c) -> set:
    g = Graph().parse(data=open_data_files(c, SITE)["api/katalog.rdf"], format="xml")
    return set(g.objects(None, DCTERMS.license)) - {o for s, o in g.subject_objects(DCTERMS.license)
                                                     if str(s).endswith("#katalog")}


def test_without_a_decided_licence_the_page_says_so_and_whom_to_ask() -> None:
    from macros.content.models import DataLicence  # noqa: F401  (the setting exists)

    c = content(data_licence=None, contact_email=None, report_email="fel@example.invalid")
    html = text(page(c, "open_data_page", "oppna-data/"))
    assert "Ingen licens är beslutad för portalens öppna data ännu" in html
    assert "fel@example.invalid" in html
    assert licences(c) == set()


def test_a_decided_licence_is_on_the_page_and_on_every_distribution() -> None:
    from macros.content.models import DataLicence

    c = content(data_licence=DataLicence(**LICENCE))
    html = page(c, "open_data_page", "oppna-data/")
    assert f'<a href="{LICENCE["url"]}" rel="license">{LICENCE["name"]}</a> (CC-BY-4.0)' in html
    assert "Ingen licens" not in html
    assert {str(x) for x in licences(c)} == {LICENCE["url"]}


def test_the_citation_names_the_data_address_and_the_day_it_was_retrieved() -> None:
    html = text(page(content(), "open_data_page", "oppna-data/"))
    assert f"öppna data, {SITE}oppna-data/ (hämtad 5 december 2026)" in html


def test_report_mail_names_the_page_by_its_absolute_address() -> None:
    c = content(report_email="fel@example.invalid", report_url=None)
    html = page(c, "goal_page", "mal/fokusmal-1/", "fokusmal-1")
    href = re.search(r'href="(mailto:fel@example\.invalid[^"]+)"', html)
    assert href is not None
    assert f"Sida: {SITE}mal/fokusmal-1/" in unquote(href.group(1).replace("&amp;", "&"))
