"""What each record kind publishes, declared once: the fields its page shows, the columns of its open-data
CSV (and of the rows in its dataset's JSON), the fields the search index finds it by, and every field left
out of all of them with the reason. tests/publish/test_fields.py fails when a model field is in none of
these, so a new field is published or its omission is explained.

The open-data datasets (`opendata.datasets`) are built from the columns here. Each record's own JSON
(api/<folder>/<id>.json) is the whole record as the model dumps it, so it carries every field of the
kinds it is made for (`RECORD_JSON`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from macros.content.models import Committee, Goal, Indicator, Mission, Municipality, News, Period, Record, SeriesRow
from macros.content.models import Status as StatusModel
from macros.content.store import Content
from macros.facts.currency import clock, current_age, value_age
from macros.facts.derive import assigned, current_trend, latest, memo, shown_concerned
from macros.structure.urls import page_url
from macros.text.tabular import SERIES_FIELDS


@dataclass(frozen=True)
class Column:
    """An open-data column: its name, the model fields it publishes (none for a derived column) and
    its value for a record."""

    name: str
    fields: tuple[str, ...]
    value: Callable[[Content, Any], Any]


def plain(name: str) -> Column:
    """A column holding the model field of the same name as it is."""
    return Column(name, (name,), lambda content, record: getattr(record, name))


@dataclass(frozen=True)
class Published:
    """What one record kind shows where. `page`: fields its page (or, for a vocabulary, the pages that
    use it) shows; `columns`: its open-data CSV columns, in order; `search`: fields the search index finds
    its page by (its page's text and its tags, macros/build/search_terms.py); `omitted`: field -> why
    it is shown nowhere."""

    kind: str
    model: type[Record]
    page: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    search: tuple[str, ...] = ()
    omitted: dict[str, str] = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def row(self, content: Content, record: Any) -> dict[str, Any]:
        """The record as a row of its dataset (the page URL site-relative)."""
        return {c.name: c.value(content, record) for c in self.columns}

    def published(self) -> set[str]:
        """Every model field shown somewhere."""
        return {*self.page, *self.search, *(f for c in self.columns for f in c.fields)}

    def left_out(self) -> dict[str, str]:
        """Fields never published, with why: this kind's own, and those every record kind has."""
        return {**{f: why for f, why in ALWAYS_LEFT_OUT.items() if f in self.model.model_fields}, **self.omitted}

    def undeclared(self) -> list[str]:
        """Model fields neither published nor left out with a reason: each one a field someone forgot."""
        return [f for f in self.model.model_fields if f not in self.published() and not self.left_out().get(f)]

    def unknown(self) -> list[str]:
        """Declared names that are no field of the model (renamed or removed)."""
        return sorted((self.published() | set(self.omitted)) - set(self.model.model_fields))



# Fields of every record kind that are never published.
ALWAYS_LEFT_OUT = {
    "editor_note": "A note for editors (where a text comes from, why a value is what it is): excluded from every "
                   "dump of the models, so no page, dataset or search index ever holds it.",
}


def _status(content: Content, applies_to: str, record: Goal | Mission) -> dict[str, Any]:
    """A record's current status in open data, with its currency (currency.py): the period's date, the
    status's age in whole months on the build date and whether it is outdated, so reusers see what the
    site shows. Once per record."""
    def compute() -> dict[str, Any]:
        current = latest(content, record)
        status = content.status(applies_to, current.status) if current else None
        age = current_age(content, applies_to, current)
        return {"status": status.id if status else None, "status_label": status.label if status else None,
                "period": current.period if current else None,
                "period_date": age.date.isoformat() if age else None,
                "age_months": age.months if age else None,
                "outdated": age.outdated if age else None}

    return memo(content, ("open_data_status", applies_to, record.id), compute)


def _status_columns(applies_to: str) -> tuple[Column, ...]:
    return tuple(Column(name, ("follow_ups",), lambda content, record, name=name: _status(
        content, applies_to, record)[name])
        for name in ("status", "status_label", "period", "period_date", "age_months", "outdated"))


def _value_age(content: Content, ind: Indicator) -> dict[str, Any]:
    """An indicator's newest value against its publication cycle (currency.value_age), as its page says it."""
    def compute() -> dict[str, Any]:
        age = value_age(ind, content.series.get(ind.series, []), clock(content))
        return {"latest_year": age.shown_year, "expected_year": age.expected_year,
                "outdated": age.outdated if age.shown_year is not None else None}

    return memo(content, ("open_data_value_age", ind.id), compute)


def _value_age_columns() -> tuple[Column, ...]:
    return tuple(Column(name, ("publication",), lambda content, i, name=name: _value_age(content, i)[name])
                 for name in ("latest_year", "expected_year", "outdated"))


def _url(kind: str) -> Column:
    return Column("url", (), lambda content, record: page_url(kind, record.id))


def committee_names(content: Content, ids: list[str]) -> str:
    """Committee names beside their ids ('Äldrenämnden; Omsorgsnämnden'): ids alone say nothing to a reader."""
    return "; ".join(content.committees[c].name for c in ids if c in content.committees)


GOALS = Published(
    "goals", Goal,
    page=("id", "number", "title", "short_title", "description", "easy_summary", "sections", "follow_ups", "source"),
    columns=(plain("id"), plain("number"), plain("title"), plain("short_title"), *_status_columns("goal"),
             Column("trend", ("follow_ups",), lambda content, g: current_trend(content, g)), _url("goals")),
    search=("number", "title", "short_title", "description", "easy_summary", "sections"),
)
# Responsible as the source states them (derive.assigned); concerned only beyond the responsible.
MISSIONS = Published(
    "missions", Mission,
    page=("id", "goal", "number", "title", "responsible", "concerned", "description", "follow_ups", "source"),
    columns=(plain("id"), plain("goal"), plain("number"), plain("title"),
             Column("responsible", ("responsible", "concerned"), lambda content, m: " ".join(assigned(m))),
             Column("responsible_names", ("responsible", "concerned"),
                    lambda content, m: committee_names(content, assigned(m))),
             Column("concerned", ("concerned",), lambda content, m: " ".join(shown_concerned(content, m))),
             Column("concerned_names", ("concerned",),
                    lambda content, m: committee_names(content, shown_concerned(content, m))),
             *_status_columns("mission"),
             Column("expected_completion", ("follow_ups",),
                    lambda content, m: latest(content, m).expected_completion if m.follow_ups else None),
             _url("missions")),
    search=("number", "title", "description"),
)
COMMITTEES = Published(
    "committees", Committee,
    page=("id", "abbreviation", "name", "is_group"),
    columns=(plain("id"), plain("abbreviation"), plain("name"), plain("is_group"), _url("committees")),
    search=("abbreviation", "name"),
)
INDICATORS = Published(
    "indicators", Indicator,
    page=("id", "title", "description", "unit", "direction", "target", "comparison_aim", "home", "comparison",
          "reference", "goals", "responsible", "series", "sources", "note", "action_plan", "publication"),
    columns=(plain("id"), plain("title"), plain("unit"), plain("direction"),
             Column("target_value", ("target",), lambda content, i: i.target.value if i.target else None),
             Column("target_year", ("target",), lambda content, i: i.target.year if i.target else None),
             Column("responsible", ("responsible",), lambda content, i: i.responsible),
             Column("responsible_names", ("responsible",), lambda content, i: committee_names(
                 content, [i.responsible] if i.responsible else [])),
             plain("series"), *_value_age_columns(), _url("indicators")),
    search=("title", "description", "note"),
)
NEWS = Published(
    "news", News,
    page=("id", "title", "date", "lead", "body", "bullets_heading", "bullets", "goals", "indicators", "source"),
    columns=(plain("id"), Column("date", ("date",), lambda content, n: n.date.isoformat()), plain("title"),
             Column("lead", ("lead",), lambda content, n: " ".join(n.lead.split())),
             Column("goals", ("goals",), lambda content, n: " ".join(n.goals)),
             Column("goal_names", ("goals",), lambda content, n: "; ".join(
                 content.goals[g].title for g in n.goals if g in content.goals)),
             Column("indicators", ("indicators",), lambda content, n: " ".join(n.indicators)),
             Column("indicator_names", ("indicators",), lambda content, n: "; ".join(
                 content.indicators[i].title for i in n.indicators if i in content.indicators)),
             Column("source_title", ("source",), lambda content, n: n.source.title),
             Column("source_url", ("source",), lambda content, n: n.source.url),
             Column("source_published", ("source",),
                    lambda content, n: n.source.published.isoformat() if n.source.published else None),
             _url("news")),
    search=("title", "lead", "body", "bullets_heading", "bullets"),
)
# Vocabularies: shown on the pages of the records that use them, and in their datasets' columns.
STATUSES = Published(
    "statuses", StatusModel,
    page=("id", "label", "meaning", "applies_to", "color", "icon", "category"),
    omitted={"rank": "Only orders the statuses, for the derived trend (which is shown) and the legend."},
)
PERIODS = Published(
    "periods", Period,
    page=("id", "label", "date"),
    omitted={"kind": "The label says which kind of follow-up it is, in words.",
             "year": "The label and the date both hold it."},
)
MUNICIPALITIES = Published(
    "municipalities", Municipality,
    page=("id", "name"),
    omitted={"kolada_id": "Not shown as itself: every series dataset carries it as municipality_code "
                          "(opendata_fields.SERIES_COLUMNS), and the Kolada importer asks for it."},
)
SERIES = Published(
    "series", SeriesRow,
    page=("municipality", "year", "value", "flag", "source"),  # the chart's table
    # The series file's own columns first, so existing readers keep working (opendata_fields adds the rest).
    columns=tuple(plain(name) for name in SERIES_FIELDS),
)

PUBLISHED: dict[str, Published] = {p.kind: p for p in (GOALS, MISSIONS, COMMITTEES, INDICATORS, NEWS, STATUSES,
                                                         PERIODS, MUNICIPALITIES, SERIES)}
# Kinds whose records are also published whole, one JSON file each: kind -> folder under api/.
RECORD_JSON = {"goals": "mal", "missions": "uppdrag", "indicators": "indikatorer"}
