"""Atom feeds and the RDF/XML catalogue stay well-formed XML 1.0 whatever text the content holds."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from macros.content.models import Committee, Goal, Mission, MissionFollowUp, Period, Settings, Source, Status
from macros.facts.changelog import CHANGED, ContentChanges, FieldChange, RecordChange, set_changes
from macros.publish.feeds import Entry, all_feeds, render_feed
from macros.publish.opendata import open_data_files
from macros.text.xmlsafe import one_line, xml_safe
from macros.validation.loader import Content

ATOM = "{http://www.w3.org/2005/Atom}"
DAY = dt.date(2024, 4, 30)
# Everything an editor can put in a double-quoted YAML string that XML 1.0 cannot carry as is.
NASTY = "A\x00B\x01C\x08D\x0bE\x0cF\x1bG\x7fH\x85I\x9fJ\ud800K\udfffL\ufffeM\uffffN"
# Pydantic refuses lone surrogates in a model's text, so content can only bring the rest.
IN_CONTENT = NASTY.replace("\ud800", "").replace("\udfff", "")
BIDI = "start \u202eevil\u202c \u2066iso\u2069 end"
MARKUP = "<b>fet</b> & ]]> \"citat\" 'apostrof' <!-- x --> <![CDATA[ y ]]>"


def parse(xml: str) -> ET.Element:
    xml.encode("utf-8")  # a lone surrogate cannot be written to the file at all
    return ET.fromstring(xml.encode("utf-8"))


@pytest.mark.parametrize("text", [NASTY, BIDI, MARKUP, "rad ett\nrad två\r\n\ttabb", "", "ok 😀 emoji"])
def test_any_text_gives_a_well_formed_feed(text: str) -> None:
    entry = Entry("tag:kommun.example,2024:x", f"Titel {text}", "x/", DAY, f"Sammanfattning {text}")
    feed = parse(render_feed(f"Flöde {text}", "flode/alla.xml", "", [entry], "https://portal.example/",
                             "kommun.example,2024", DAY))
    node = feed.find(f"{ATOM}entry")
    assert feed.findtext(f"{ATOM}title") == one_line(f"Flöde {text}")
    assert node.findtext(f"{ATOM}title") == one_line(f"Titel {text}")
    assert node.findtext(f"{ATOM}summary") == one_line(f"Sammanfattning {text}")


def test_what_xml_cannot_carry_is_replaced_and_markup_survives_as_text() -> None:
    assert xml_safe(NASTY) == "A B C D E F G H I J\ufffdK\ufffdL M N"
    assert one_line(BIDI) == "start evil iso end"
    assert xml_safe(MARKUP) == MARKUP  # escaping is the serializer's job, and it round-trips
    entry = Entry("tag:t,2024:x", MARKUP, "x/", DAY, MARKUP)
    feed = parse(render_feed("F", "flode/alla.xml", "", [entry], "https://p.example/", "t,2024", DAY))
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}title") == MARKUP
    assert "<b>" not in render_feed("F", "f.xml", "", [entry], "https://p.example/", "t,2024", DAY)


def synthetic_content(title: str, assessment: str) -> Content:
    """Test data only: one goal and one mission assessed once."""
    content = Content()
    content.settings = Settings(publisher_name=f"Syntetisk {IN_CONTENT} kommun", publisher_url="https://kommun.example/",
                                feed_tag="kommun.example,2024")
    content.goals = {"mal-1": Goal(id="mal-1", number=1, title="Syntetiskt mål", short_title=f"Kort {BIDI}",
                                   source=Source(title="Syntetisk källa"))}
    content.committees = {"ks": Committee(id="ks", abbreviation="KS", name=f"Styrelse {IN_CONTENT}")}
    content.periods = {"2024-april": Period(id="2024-april", label="Delårsuppföljning per april 2024", kind="april",
                                            year=2024, date=DAY)}
    content.statuses = {"mission:gul": Status(id="gul", label="Gul", meaning="Försenat", applies_to="mission",
                                              rank=1, color="yellow", icon="warning", category="delayed")}
    content.missions = {"m-1": Mission(
        id="m-1", goal="mal-1", number=3, title=title, responsible=["ks"], description="Syntetisk beskrivning.",
        source=Source(title="Syntetisk källa"),
        follow_ups=[MissionFollowUp(period="2024-april", status="gul", assessment=assessment)])}
    return content


def test_feeds_from_content_with_any_text_are_well_formed() -> None:
    content = synthetic_content(f"Uppdrag med {IN_CONTENT} och {MARKUP}", f"Bedömning {BIDI} {IN_CONTENT}")
    # A content change whose title and values come from the same text (facts/changelog.py).
    change = RecordChange("missions", "m-1", f"Uppdrag 3: {IN_CONTENT} {MARKUP}",
                          dt.datetime(2024, 5, 2, tzinfo=dt.UTC), "0" * 40, CHANGED,
                          (FieldChange("Titel", before=f"{BIDI}", after=f"{IN_CONTENT}"),))
    set_changes(content, ContentChanges(True, changes=(change,)))
    feeds = all_feeds(content, "https://portal.example/", "kommun.example,2024", DAY)
    assert set(feeds) == {"flode/alla.xml", "flode/innehall.xml", "flode/mal/mal-1.xml", "flode/namnder/ks.xml"}
    for xml in feeds.values():
        parse(xml)
    assert parse(feeds["flode/innehall.xml"]).find(f"{ATOM}entry") is not None
    entry = parse(feeds["flode/namnder/ks.xml"]).find(f"{ATOM}entry")
    assert MARKUP in entry.findtext(f"{ATOM}title")
    assert "Bedömning start evil iso end A B C" in entry.findtext(f"{ATOM}summary")
    assert parse(feeds["flode/mal/mal-1.xml"]).findtext(f"{ATOM}title") == "Mål 1. Kort start evil iso end"
    catalogue = open_data_files(content, "https://portal.example/")["api/katalog.rdf"]
    assert "Syntetisk A B C" in ET.tostring(parse(catalogue), encoding="unicode")


@pytest.mark.parametrize(("title", "expected"), [
    ("Öka resursutnyttjande.", "Uppdrag 3: Öka resursutnyttjande – första bedömning: Gul – Försenat"),
    ("Öka resursutnyttjande. ", "Uppdrag 3: Öka resursutnyttjande – första bedömning: Gul – Försenat"),
    ("Öka det här:", "Uppdrag 3: Öka det här – första bedömning: Gul – Försenat"),
    ("Och så vidare...", "Uppdrag 3: Och så vidare... – första bedömning: Gul – Försenat"),
    ("Utan punkt", "Uppdrag 3: Utan punkt – första bedömning: Gul – Försenat"),
])
def test_entry_title_has_no_full_stop_before_its_dash(title: str, expected: str) -> None:
    feeds = all_feeds(synthetic_content(title, "Text."), "https://portal.example/", "kommun.example,2024", DAY)
    title = parse(feeds["flode/alla.xml"]).find(f"{ATOM}entry").findtext(f"{ATOM}title")
    assert title == expected + " (Delårsuppföljning per april 2024)"


def test_a_feed_opened_in_a_browser_says_what_it_is_and_stays_atom() -> None:
    """No XSLT (browsers are dropping it): a CSS stylesheet, which any browser applies to XML, shows the feed
    as a short explanation, its title and its entries instead of bare code."""
    import posixpath

    from macros.publish.feeds import FEED_STYLESHEET, feed_stylesheet

    content = synthetic_content("Uppdrag", "Bedömning")
    feeds = all_feeds(content, "https://portal.example/", "kommun.example,2024", DAY)
    for path, xml in feeds.items():
        declaration, pi = xml.splitlines()[:2]
        assert declaration.startswith("<?xml "), path
        href = re.fullmatch(r'<\?xml-stylesheet type="text/css" href="([^"]+)"\?>', pi)
        assert href, (path, pi)
        assert posixpath.normpath(posixpath.join(posixpath.dirname(path), href.group(1))) == FEED_STYLESHEET
        assert parse(xml).tag == f"{ATOM}feed"  # still Atom, the stylesheet a processing instruction
    css = feed_stylesheet()
    assert "flödesläsare" in css and "klistra in" in css  # what it is and what to do with it
