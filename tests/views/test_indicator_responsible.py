"""An indicator's responsible committee (optional, only where the source names it): an id from the committees
vocabulary, validated with a located Swedish message, shown and linked as on missions, listed on the
committee's page and in open data. Fixture project only."""

from __future__ import annotations

from pathlib import Path

from macros.publish.opendata import datasets
from macros.validation.loader import load_content
from tests.conftest import FIXTURE
from tests.page_html import page_html


def with_responsible(committee: str | None):
    content, problems = load_content(FIXTURE)
    assert not [p for p in problems if p.severity == "error"]
    ind = content.indicators["testandel"]
    content.indicators["testandel"] = ind.model_copy(update={"responsible": committee})
    return content


def test_the_responsible_committee_is_shown_and_linked_as_on_missions() -> None:
    content = with_responsible("ks")
    html = page_html(content, "indicator_page", "indikatorer/testandel/", "testandel")
    assert '<dt>Ansvarig</dt> <dd><a href="../../namnder/ks/">' in html
    committee = page_html(content, "committee_page", "namnder/ks/", "ks")
    assert 'href="../../indikatorer/testandel/">Testandel vuxna med testbistånd</a>' in committee
    row = datasets(content)["indikatorer"]["rows"][0]
    assert row["responsible"] == "ks" and row["responsible_names"] == content.committees["ks"].name


def test_without_a_responsible_committee_nothing_is_claimed() -> None:
    html = page_html(with_responsible(None), "indicator_page", "indikatorer/testandel/", "testandel")
    assert "<dt>Ansvarig</dt>" not in html


def test_an_unknown_committee_gets_a_located_swedish_message(project: Path) -> None:
    file = project / "content/indicators/testandel.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "responsible: kss\n", encoding="utf-8")
    errors = [p for p in load_content(project)[1] if p.severity == "error"]
    assert len(errors) == 1, [e.text() for e in errors]
    text = errors[0].text()
    assert text.startswith("content/indicators/testandel.yaml:") and "'responsible'" in text and "kss" in text
    assert "ks" in (errors[0].allowed or "")
