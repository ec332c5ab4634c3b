"""What changed in each record's published content, and when: derived from the committed versions of its
files (content/githistory.py), never typed by anyone.

A record is added, removed, or changed in the fields a citizen can see. Which fields those are is the
caller's to say (`Shown`, from publish/fields.py): a field left out of every page (editor_note) is never
named here, at any depth, so a commit that only changes an editor's note is no change at all. Short values
are shown from -> to, in words (committee names, period labels, status labels, dates); long texts only say
that they changed. An indicator's series file adds its new, changed and removed values.

Status assessments keep their own events (events.py); here a follow-up added, corrected or removed is a
change of the record too, so a corrected past assessment is never silent.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from macros.content.githistory import FileVersion, GitHistory
from macros.content.labels import field_label
from macros.content.models import Committee, Goal, Indicator, Mission, News, ShortText
from macros.content.store import Content
from macros.content.yamlfile import YamlFileError, parse_yaml
from macros.structure.names import goal_name, mission_name
from macros.text.swedish import join, long_date

# Record kinds with pages, the model each is checked against and where its files are.
MODELS: dict[str, type[BaseModel]] = {"goals": Goal, "missions": Mission, "indicators": Indicator, "news": News,
                                      "committees": Committee}
SINGLE_FILE_KINDS = ("goals", "missions", "indicators", "news")  # content/<kind>/<id>.yaml, one record each
MULTI_FILES = {"data/committees.yaml": "committees"}  # one file, a list of records
SERIES_FOLDER = "data/series/"
SHORT = 80  # characters: a value this short is shown from -> to; a longer one only 'ändrades'
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
_FAST_YAML = getattr(yaml, "CSafeLoader", None)
_ABSENT = object()  # a record not in one version of a file (None is a version that could not be read)


@dataclass(frozen=True)
class Shown:
    """What citizens see, as the publishing side declares it: per kind, the model fields shown somewhere
    (publish/fields.Published.published minus left_out); the fields hidden at every depth (editor_note);
    and the words for fixed values ('lower' -> 'Lägre är bättre')."""

    fields: Mapping[str, frozenset[str]]
    hidden: frozenset[str] = frozenset({"editor_note"})
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldChange:
    """One visible field's change: from -> to for a short value (None: it was or became empty), or a note
    ('texten ändrades', 'lades till', 'togs bort') for a long one."""

    label: str
    before: str | None = None
    after: str | None = None
    note: str | None = None

    @property
    def text(self) -> str:
        if self.note:
            return f"{self.label}: {self.note}"
        return f"{self.label}: {self.before or 'inget angivet'} → {self.after or 'inget angivet'}"


@dataclass(frozen=True)
class RecordChange:
    """One commit's change of one record. `exists`: the record has a page now (a removed one has none)."""

    kind: str
    record_id: str
    title: str
    when: dt.datetime
    commit: str
    action: str  # ADDED, REMOVED or CHANGED
    fields: tuple[FieldChange, ...] = ()
    exists: bool = True
    # Committees whose list of missions this change alters (a mission added, removed, or given to or
    # taken from them): their pages show it too.
    committees: tuple[str, ...] = ()

    @property
    def date(self) -> dt.date:
        return self.when.date()

    @property
    def summary(self) -> str:
        """The change in one Swedish sentence (feeds, screen readers)."""
        if self.action == ADDED:
            return "Lades till i portalen."
        if self.action == REMOVED:
            return "Togs bort ur portalen."
        return "; ".join(f.text for f in self.fields) + "."


@dataclass(frozen=True)
class ContentChanges:
    """Every record change, newest first, with what the history could tell."""

    available: bool
    shallow: bool = False
    changes: tuple[RecordChange, ...] = ()
    by_record: Mapping[tuple[str, str], tuple[RecordChange, ...]] = field(default_factory=dict)
    by_committee: Mapping[str, tuple[RecordChange, ...]] = field(default_factory=dict)

    def of(self, kind: str, record_id: str) -> tuple[RecordChange, ...]:
        return self.by_record.get((kind, record_id), ())

    def of_committee(self, committee_id: str) -> tuple[RecordChange, ...]:
        """A committee's own changes and those of the missions it is, or was, given; newest first."""
        return self.by_committee.get(committee_id, ())

    def newest(self) -> dt.datetime | None:
        return self.changes[0].when if self.changes else None

    @property
    def limits(self) -> str | None:
        """Why the list may be incomplete, in Swedish; None when it is the whole history."""
        if not self.available:
            return ("Vad som ändrats i innehållet går inte att visa: versionshistoriken fanns inte när "
                    "webbplatsen byggdes.")
        if self.shallow:
            return ("Listan visar bara ändringar i den del av versionshistoriken som fanns när webbplatsen "
                    "byggdes; äldre ändringar saknas.")
        return None


NO_HISTORY = ContentChanges(False)


def content_changes(content: Content, history: GitHistory, shown: Shown) -> ContentChanges:
    """The record changes in `history`, as citizens see the records (`shown`)."""
    if not history.available:
        return NO_HISTORY
    differ = _Differ(content, shown)
    changes: list[RecordChange] = []
    for version in history.versions:
        changes.extend(differ.changes(version))
    changes = _merged(changes)
    by_record: dict[tuple[str, str], list[RecordChange]] = {}
    by_committee: dict[str, list[RecordChange]] = {}
    for change in changes:
        by_record.setdefault((change.kind, change.record_id), []).append(change)
        for committee in ([change.record_id] if change.kind == "committees" else change.committees):
            by_committee.setdefault(committee, []).append(change)
    return ContentChanges(True, history.shallow, tuple(changes), {k: tuple(v) for k, v in by_record.items()},
                          {k: tuple(v) for k, v in by_committee.items()})


def _merged(changes: list[RecordChange]) -> list[RecordChange]:
    """One entry per record and commit (an indicator's file and its series in one commit are one change)."""
    seen: dict[tuple[str, str, str], int] = {}
    out: list[RecordChange] = []
    for change in changes:
        key = (change.kind, change.record_id, change.commit)
        if key not in seen:
            seen[key] = len(out)
            out.append(change)
            continue
        first = out[seen[key]]
        if first.action == CHANGED and change.action == CHANGED:
            out[seen[key]] = RecordChange(first.kind, first.record_id, first.title, first.when, first.commit,
                                          CHANGED, first.fields + change.fields, first.exists,
                                          tuple(sorted({*first.committees, *change.committees})))
    # Newest first; within a commit the log's path order (stable, so two builds agree).
    return sorted(out, key=lambda c: -c.when.timestamp())


class _Differ:
    def __init__(self, content: Content, shown: Shown) -> None:
        self.content = content
        self.shown = shown
        self._parsed: dict[str, Any] = {}
        self._given: dict[str, dict[str, set[str]] | None] = {}  # mission id -> committees, walking back
        self.by_series: dict[str, list[str]] = {}
        for ind in content.indicators.values():
            self.by_series.setdefault(ind.series, []).append(ind.id)

    # --- which records a file holds --------------------------------------------------------------------

    def _yaml(self, text: str | None) -> Any:
        """A version's data. Plain YAML (no anchor, alias or tag: every version CI let through) goes to
        libyaml's safe loader, ten times faster than the line-keeping reader editors' files need; anything
        else to that reader, which refuses alias bombs and tags (yamlfile.py). None: not readable."""
        if text is None:
            return None
        if text not in self._parsed:
            try:
                if _FAST_YAML is not None and not any(mark in text for mark in "&*!"):
                    self._parsed[text] = yaml.load(text, Loader=_FAST_YAML)  # a safe loader: plain data only
                else:
                    self._parsed[text] = parse_yaml(text).data
            except (YamlFileError, yaml.YAMLError, ValueError, TypeError):
                self._parsed[text] = None
        return self._parsed[text]

    def changes(self, version: FileVersion) -> list[RecordChange]:
        path = version.path
        if path.startswith(SERIES_FOLDER) and path.endswith(".csv"):
            return self._series(version)
        kind = MULTI_FILES.get(path)
        if kind is None:
            parts = path.split("/")
            if len(parts) != 3 or parts[0] != "content" or parts[1] not in SINGLE_FILE_KINDS \
                    or not parts[2].endswith(".yaml"):
                return []
            kind, stem = parts[1], parts[2][:-len(".yaml")]
            before = None if version.added else self._single(self._yaml(version.before))
            after = None if version.removed else self._single(self._yaml(version.after))
            given_then = self._given_then(stem, version, before) if kind == "missions" else None
            if version.added:
                # The added file is not read (its addition is the fact): the committees it was given then
                # are those of the next version back from today (_given_then), unknown if one was unreadable.
                committees = tuple(sorted(set().union(*given_then.values()))) if given_then else ()
                return [self._entry(kind, stem, version, ADDED, after, (), committees)]
            if version.removed:
                return [self._entry(kind, stem, version, REMOVED, before, (), _committees(before, None))]
            return self._compared(kind, {stem: before}, {stem: after}, version)
        before = {} if version.added else self._many(self._yaml(version.before))
        after = {} if version.removed else self._many(self._yaml(version.after))
        if before is None or after is None:
            return []  # a version that is no list of records: nothing can be said of its records
        return self._compared(kind, before, after, version)

    def _given_then(self, mission_id: str, version: FileVersion, before: Any) -> dict[str, set[str]] | None:
        """The committees a mission had right after `version`, walking back from today: versions come
        newest first, so each one's 'before' is the next one's 'after'. None when a version on the way
        could not be read."""
        if mission_id not in self._given:
            mission = self.content.missions.get(mission_id)
            self._given[mission_id] = _given(
                {"responsible": mission.responsible, "concerned": mission.concerned} if mission else None)
        then = self._given[mission_id]
        if version.added:
            self._given[mission_id] = _given(None)  # before its addition it had none
        elif before is None:
            self._given[mission_id] = None  # unreadable: older states unknown
        else:
            self._given[mission_id] = _given(before)
        return then

    @staticmethod
    def _single(data: Any) -> dict[str, Any] | None:
        return data if isinstance(data, dict) else None

    @staticmethod
    def _many(data: Any) -> dict[str, dict[str, Any]] | None:
        if not isinstance(data, list):
            return None
        return {str(d["id"]): d for d in data if isinstance(d, dict) and isinstance(d.get("id"), str)}

    def _compared(self, kind: str, before: Mapping[str, Any], after: Mapping[str, Any],
                  version: FileVersion) -> list[RecordChange]:
        out = []
        for record_id in list(dict.fromkeys([*after, *before])):
            old, new = before.get(record_id, _ABSENT), after.get(record_id, _ABSENT)
            if old is _ABSENT:
                out.append(self._entry(kind, record_id, version, ADDED, new, (), _committees(None, new)))
            elif new is _ABSENT:
                out.append(self._entry(kind, record_id, version, REMOVED, old, (), _committees(old, None)))
            elif old is None or new is None:
                # A version that could not be read: that it changed is all that is known.
                if version.before != version.after:
                    out.append(self._entry(kind, record_id, version, CHANGED, new or old,
                                           (FieldChange("Innehållet", note="ändrades"),)))
            else:
                fields = tuple(self._fields(MODELS[kind], kind, old, new))
                if fields:
                    out.append(self._entry(kind, record_id, version, CHANGED, new, fields, _committees(old, new)))
        return out

    def _entry(self, kind: str, record_id: str, version: FileVersion, action: str, data: Any,
               fields: tuple[FieldChange, ...] = (), committees: tuple[str, ...] = ()) -> RecordChange:
        title, exists = self._title(kind, record_id, data)
        return RecordChange(kind, record_id, title, version.when, version.commit, action, fields, exists,
                            committees if kind == "missions" else ())

    def _title(self, kind: str, record_id: str, data: Any) -> tuple[str, bool]:
        """The record's name as its page calls it now; a record no longer there by its last known title."""
        c = self.content
        if kind == "goals" and record_id in c.goals:
            return goal_name(c.goals[record_id]), True
        if kind == "missions" and record_id in c.missions:
            return mission_name(c.missions[record_id]), True
        record = getattr(c, kind, {}).get(record_id)
        if record is not None:
            return str(getattr(record, "title", None) or getattr(record, "name", record_id)), True
        if isinstance(data, dict):
            for key in ("title", "name"):
                if isinstance(data.get(key), str):
                    return " ".join(data[key].split()), False
        return record_id, False

    # --- fields ----------------------------------------------------------------------------------------

    def _fields(self, model: type[BaseModel], kind: str, old: dict, new: dict, prefix: str = "",
                depth: int = 0) -> list[FieldChange]:
        """The visible fields that differ; a nested record (a source, a target) field by field at the top
        level, and as one 'ändrades' deeper down, so a line never names three levels."""
        shown = self.shown.fields.get(kind) if depth == 0 else None
        out: list[FieldChange] = []
        for name in model.model_fields:
            if name in self.shown.hidden or name == "id" or (shown is not None and name not in shown):
                continue
            if old.get(name) == new.get(name):
                continue  # most fields of a changed file: nothing to clean
            a, b = self._clean(old.get(name)), self._clean(new.get(name))
            if a == b:
                continue
            label = prefix + short_label(model, name)
            sub = _submodel(model.model_fields[name].annotation)
            if name == "follow_ups" and isinstance(a or [], list) and isinstance(b or [], list) and sub:
                out.extend(self._follow_ups(sub, kind, a or [], b or []))
            elif depth == 0 and sub is not None and _is_model(model.model_fields[name].annotation) \
                    and isinstance(a, dict) and isinstance(b, dict):
                out.extend(self._fields(sub, kind, a, b, f"{label} – ", depth + 1))
            else:
                out.append(self._value_change(label, name, kind, a, b, _long_text(model.model_fields[name])))
        return out

    def _clean(self, value: Any) -> Any:
        """The value as a reader sees it: hidden keys dropped at every depth, text reflowing ignored,
        missing and empty alike."""
        if isinstance(value, dict):
            value = {k: self._clean(v) for k, v in value.items() if k not in self.shown.hidden}
            value = {k: v for k, v in value.items() if v is not None}
        elif isinstance(value, list):
            value = [self._clean(v) for v in value]
        elif isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()  # libyaml's dates as the editors wrote them (yamlfile keeps them text)
        elif isinstance(value, str):
            value = "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", value.strip()) if p.strip())
        return value if value not in ("", [], {}) else None

    def _value_change(self, label: str, name: str, kind: str, a: Any, b: Any, long: bool) -> FieldChange:
        """A text field (a description, an assessment) only says that it changed, however short it is
        now; a short value shows from -> to unless it is long in this case (a title of 200 characters)."""
        words = self._words(name, kind)
        before, after = words(a), words(b)
        if before is None and after is None:
            return FieldChange(label, note="ändrades")
        if not long and all(v is None or (len(v) <= SHORT and "\n" not in v) for v in (before, after)):
            return FieldChange(label, before, after)
        if a is None:
            return FieldChange(label, note="lades till")
        if b is None:
            return FieldChange(label, note="togs bort")
        return FieldChange(label, note="texten ändrades" if isinstance(a, str) and isinstance(b, str) else "ändrades")

    def _words(self, name: str, kind: str) -> Callable[[Any], str | None]:
        """How a value of field `name` reads: references by name, fixed values in words, dates in Swedish."""
        c = self.content
        lookup: dict[str, Callable[[str], str | None]] = {
            "responsible": lambda i: c.committees[i].name if i in c.committees else None,
            "concerned": lambda i: c.committees[i].name if i in c.committees else None,
            "goal": lambda i: goal_name(c.goals[i]) if i in c.goals else None,
            "goals": lambda i: goal_name(c.goals[i]) if i in c.goals else None,
            "indicators": lambda i: c.indicators[i].title if i in c.indicators else None,
            "home": lambda i: c.municipalities[i].name if i in c.municipalities else None,
            "comparison": lambda i: c.municipalities[i].name if i in c.municipalities else None,
            "reference": lambda i: c.municipalities[i].name if i in c.municipalities else None,
            "period": lambda i: c.periods[i].label if i in c.periods else None,
            "status": lambda i: _status_label(c, kind, i),
        }
        fixed = self.shown.words.get(name, {})

        def one(v: Any) -> str | None:
            if v is None:
                return None
            if isinstance(v, bool):
                return "ja" if v else "nej"
            if isinstance(v, str) and name in lookup:
                return lookup[name](v) or v
            if isinstance(v, str) and v in fixed:
                return fixed[v]
            if isinstance(v, str) and _DATE.match(v):
                try:
                    return long_date(dt.date.fromisoformat(v))
                except ValueError:
                    return v
            if isinstance(v, float):
                return f"{v:g}".replace(".", ",")
            if isinstance(v, (int, str)):
                return str(v)
            if isinstance(v, list) and all(isinstance(x, (str, int, float)) for x in v):
                return "; ".join(one(x) or "" for x in v)
            return None  # a nested structure: only that it changed

        return one

    def _follow_ups(self, model: type[BaseModel], kind: str, old: list, new: list) -> list[FieldChange]:
        """Follow-ups by period: one added, corrected or removed is a change of its own."""
        def by_period(items: list) -> dict[str, dict]:
            return {str(f["period"]): f for f in items if isinstance(f, dict) and "period" in f}

        before, after = by_period(old), by_period(new)
        period_words = self._words("period", kind)
        status_words = self._words("status", kind)
        out: list[FieldChange] = []
        for period in dict.fromkeys([*after, *before]):
            label = f"Bedömning för {period_words(period)}"
            if period not in before:
                out.append(FieldChange(label, note=f"ny, {status_words(after[period].get('status')) or 'utan status'}"))
            elif period not in after:
                out.append(FieldChange(label, note="togs bort"))
            else:
                out.extend(self._fields(model, kind, before[period], after[period], f"{label} – ", 1))
        return out

    # --- series ----------------------------------------------------------------------------------------

    def _series(self, version: FileVersion) -> list[RecordChange]:
        series_id = version.path[len(SERIES_FOLDER):-len(".csv")]
        indicators = self.by_series.get(series_id, [])
        if not indicators or version.added or version.removed:
            return []  # a new or removed series file goes with its indicator's own change (its 'series')
        before, after = _series_values(version.before), _series_values(version.after)
        if before is None or after is None:
            return []
        notes = []
        for word, years in (("nya värden", {y for (m, y) in after.keys() - before.keys()}),
                            ("ändrade värden", {k[1] for k in after.keys() & before.keys() if after[k] != before[k]}),
                            ("borttagna värden", {y for (m, y) in before.keys() - after.keys()})):
            if years:
                notes.append(f"{word} för {_years(years)}")
        if not notes:
            return []
        change = (FieldChange("Värden", note=", ".join(notes)),)
        return [self._entry("indicators", i, version, CHANGED, None, change) for i in indicators]


def _given(data: Any) -> dict[str, set[str]]:
    """A mission version's committees: responsible and concerned (none when absent)."""
    data = data if isinstance(data, Mapping) else {}
    return {name: {str(c) for c in (data.get(name) or []) if isinstance(c, str)}
            for name in ("responsible", "concerned")}


def _committees(old: Any, new: Any) -> tuple[str, ...]:
    """The committees a mission was given to or taken from between two versions (all of them when it
    was added or removed): those whose pages list it differently now."""
    before, after = _given(old), _given(new)
    return tuple(sorted(set().union(*(before[n] ^ after[n] for n in ("responsible", "concerned")))))


def short_label(model: type[BaseModel], name: str) -> str:
    """The field's label (content/labels.py) without a trailing hint for editors: 'Länk till källan', not
    'Länk till källan (https://…)'."""
    return re.sub(r"\s*\([^()]*\)$", "", field_label(model, name))


def set_changes(content: Content, changes: ContentChanges) -> None:
    """Record the build's content changes with its content (the build reads git once; tests set their own)."""
    content.derived["changelog:changes"] = changes


def recorded_changes(content: Content) -> ContentChanges:
    """The content changes set for this content; without them, that the history is not known."""
    return content.derived.get("changelog:changes", NO_HISTORY)


def _series_values(text: str | None) -> dict[tuple[str, str], tuple[str, str]] | None:
    """A series file's values by (municipality, year): (value, flag). None when it cannot be read."""
    if text is None:
        return None
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error:
        return None
    return {(r.get("municipality") or "", r.get("year") or ""): ((r.get("value") or "").strip(),
                                                                 (r.get("flag") or "").strip())
            for r in rows}


def _years(years: set[str]) -> str:
    return join(sorted(years, key=lambda y: (len(y), y)))


def _status_label(content: Content, kind: str, status_id: str) -> str | None:
    status = content.status("goal" if kind == "goals" else "mission", status_id)
    return status.label if status else None


_SHORT_TEXT_LENGTH = next(m.max_length for m in typing.get_args(ShortText)[1:] if isinstance(m, StringConstraints))


def _long_text(info: FieldInfo) -> bool:
    """Whether the field holds running text (Text, Paragraph): longer than a ShortText may be."""
    found = [*info.metadata]
    pending = [info.annotation]
    while pending:
        annotation = pending.pop()
        if typing.get_origin(annotation) is typing.Annotated:
            found.extend(typing.get_args(annotation)[1:])
        pending.extend(a for a in typing.get_args(annotation) if not isinstance(a, StringConstraints))
    return any(isinstance(m, StringConstraints) and (m.max_length or 0) > _SHORT_TEXT_LENGTH for m in found)


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The record model inside a field's type (Target in `Target | None`, GoalFollowUp in `list[...]`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _is_model(annotation: Any) -> bool:
    """Whether the field holds one record (not a list of them)."""
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, set):
        return False
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return any(_is_model(a) for a in typing.get_args(annotation) if a is not type(None))
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
