"""What a change to the content means for citizens: records added, removed and changed, every status
change and every changed series row between two loaded versions, as Swedish Markdown for reviewers."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from macros.content.labels import field_label
from macros.content.models import CONTENT_MODELS, VOCABULARY_MODELS, Goal, Mission, SeriesRow, Settings
from macros.content.municipality import cap, term
from macros.content.problem import Problem
from macros.structure.urls import page_url
from macros.text.swedish import count, join, number_form

if TYPE_CHECKING:
    from macros.content.store import Content

# Lists longer than this are cut ("… och 12 till"): the job summary is for reading, not an export.
MAX_ITEMS = 60
# The loader's error list is printed by the validation job; the summary only shows its start.
MAX_PROBLEMS = 10

Action = Literal["added", "removed", "changed"]
How = Literal["new", "edited", "removed"]

# Record kinds in the order a reviewer reads them, with the Swedish plural used in headings.
KINDS: dict[str, str] = {
    "goals": "mål",  # goals, missions, committees: the settings' terms in the summary
    "missions": "uppdrag",
    "indicators": "indikatorer",
    "news": "nyheter",
    "committees": "nämnder",
    "periods": "uppföljningsperioder",
    "statuses": "statusar",
    "municipalities": "kommuner",
}
ACTIONS: dict[Action, str] = {"added": "Nya", "changed": "Ändrade", "removed": "Borttagna"}
FLAGS = {"preliminary": "preliminärt", "revised": "reviderat", "missing": "saknas"}


@dataclass(frozen=True)
class RecordChange:
    """One record added, removed or changed; `fields` names the top-level YAML fields that differ."""

    kind: str
    record_id: str
    name: str
    action: Action
    fields: tuple[str, ...] = ()
    note: str = ""
    details: tuple[str, ...] = ()  # each changed field's before → after, as Markdown


@dataclass(frozen=True)
class StatusChange:
    """A goal's or mission's status at one follow-up period, before and after the change."""

    kind: str
    record_id: str
    name: str
    period: str  # the period's label
    date: dt.date
    before: str | None  # status label, None for a first assessment
    after: str | None  # None when the follow-up is removed
    how: How
    source: str | None = None  # the new assessment's source title; None: it has none (flagged)


@dataclass(frozen=True)
class RowChange:
    """One series row (municipality and year) added, removed or changed."""

    municipality: str
    year: int
    before: SeriesRow | None
    after: SeriesRow | None


@dataclass(frozen=True)
class SeriesChange:
    """The rows of one series file that differ; `file` says whether the whole file is new or gone."""

    series: str
    name: str
    rows: tuple[RowChange, ...]
    file: Literal["added", "removed", ""] = ""


@dataclass
class Changes:
    records: list[RecordChange] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    series: list[SeriesChange] = field(default_factory=list)
    settings: tuple[str, ...] = ()  # fields of data/portal.yaml that differ
    pages: list[tuple[str, str]] = field(default_factory=list)  # (path, action): page_files.page_changes

    def __bool__(self) -> bool:
        return bool(self.records or self.statuses or self.series or self.settings or self.pages)


def compare(base: Content, head: Content) -> Changes:
    """Everything that differs between two loaded versions of the content."""
    changes = Changes()
    for kind in KINDS:
        changes.records += _records(kind, base, head)
    for kind in ("goals", "missions"):
        changes.statuses += _statuses(kind, base, head)
    changes.statuses.sort(key=lambda c: (c.date, _sort_key(head, c.kind, c.record_id)))
    for name in sorted(set(base.series) | set(head.series)):
        change = _series(name, base, head)
        if change is not None:
            changes.series.append(change)
    if base.settings != head.settings and base.settings is not None and head.settings is not None:
        changes.settings = _changed_fields(base.settings, head.settings)
    return changes


def _records(kind: str, base: Content, head: Content) -> list[RecordChange]:
    old: dict[str, Any] = getattr(base, kind)
    new: dict[str, Any] = getattr(head, kind)
    out: list[RecordChange] = []
    for key in sorted(set(old) | set(new), key=lambda k: _sort_key(head if k in new else base, kind, k)):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        record_id = (after or before).id
        if before is None:
            # A record the base could not read is not new to citizens: it was there, with errors.
            note = "hade fel i basversionen" if record_id in base.broken else ""
            out.append(RecordChange(kind, record_id, display_name(head, kind, after), "added", note=note))
        elif after is None:
            note = "har fel i den nya versionen" if record_id in head.broken else ""
            out.append(RecordChange(kind, record_id, display_name(base, kind, before), "removed", note=note))
        else:
            fields = _changed_fields(before, after)
            out.append(RecordChange(kind, record_id, display_name(head, kind, after), "changed", fields,
                                    details=tuple(_field_change(head, kind, before, after, f) for f in fields)))
    return out


def _changed_fields(before: Any, after: Any) -> tuple[str, ...]:
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return tuple(name for name in type(after).model_fields if old.get(name) != new.get(name))


def _statuses(kind: str, base: Content, head: Content) -> list[StatusChange]:
    applies_to = "goal" if kind == "goals" else "mission"
    out: list[StatusChange] = []
    old: dict[str, Goal | Mission] = getattr(base, kind)
    for record_id, record in getattr(head, kind).items():
        before_by_period = {fu.period: fu.status for fu in old[record_id].follow_ups} if record_id in old else {}
        after_by_period = {fu.period: fu.status for fu in record.follow_ups}
        sources = {fu.period: fu.source.title if fu.source else None for fu in record.follow_ups}
        history = sorted(after_by_period.items(), key=lambda item: _period_date(head, item[0]))
        name = display_name(head, kind, record)

        def label(content: Content, status_id: str | None) -> str | None:
            status = content.status(applies_to, status_id) if status_id else None
            return status.label if status else status_id

        for index, (period, status) in enumerate(history):
            if period not in before_by_period:
                previous = history[index - 1][1] if index else None
                out.append(StatusChange(kind, record_id, name, _period_label(head, period), _period_date(head, period),
                                        label(head, previous), label(head, status), "new", sources[period]))
            elif before_by_period[period] != status:
                out.append(StatusChange(kind, record_id, name, _period_label(head, period), _period_date(head, period),
                                        label(base, before_by_period[period]), label(head, status), "edited",
                                        sources[period]))
        for period, status in before_by_period.items():
            if period not in after_by_period:
                out.append(StatusChange(kind, record_id, name, _period_label(base, period),
                                        _period_date(base, period), label(base, status), None, "removed"))
    return out


def _series(name: str, base: Content, head: Content) -> SeriesChange | None:
    old = {(r.municipality, r.year): r for r in base.series.get(name, [])}
    new = {(r.municipality, r.year): r for r in head.series.get(name, [])}
    rows = tuple(RowChange(municipality, year, old.get((municipality, year)), new.get((municipality, year)))
                 for municipality, year in sorted(set(old) | set(new), key=lambda k: (k[1], k[0]))
                 if old.get((municipality, year)) != new.get((municipality, year)))
    file: Literal["added", "removed", ""] = (
        "added" if name not in base.series else "removed" if name not in head.series else "")
    if not rows and not file:
        return None
    titles = [i.title for i in (head.indicators | base.indicators).values() if i.series == name]
    return SeriesChange(name, titles[0] if titles else "", rows, file)


def _period_date(content: Content, period_id: str) -> dt.date:
    period = content.periods.get(period_id)
    return period.date if period else dt.date.max


def _period_label(content: Content, period_id: str) -> str:
    period = content.periods.get(period_id)
    return period.label if period else period_id


def _goal_number(content: Content, goal_id: str) -> int:
    goal = content.goals.get(goal_id)
    return goal.number if goal else 0


def _sort_key(content: Content, kind: str, key: str) -> tuple[int, int, str]:
    """Goals by number, each goal's missions after it by number, anything else by id."""
    record = getattr(content, kind).get(key)
    if isinstance(record, Goal):
        return (record.number, 0, key)
    if isinstance(record, Mission):
        return (_goal_number(content, record.goal), record.number, key)
    return (0, 0, key)


def display_name(content: Content, kind: str, record: Any) -> str:
    """How a reviewer recognises the record: the numbers and title citizens see."""
    names: dict[str, Callable[[Any], str]] = {
        "goals": lambda g: f"{cap(term('goals').singular)} {g.number}: {g.title}",
        "missions": lambda m: f"{cap(term('goals').singular)} {_goal_number(content, m.goal) or m.goal}, "
                              f"{term('missions').singular} {m.number}: {m.title}",
        "indicators": lambda i: i.title,
        "news": lambda n: f"{n.title} ({n.date.isoformat()})",
        "committees": lambda c: f"{c.name} ({c.abbreviation})",
        "periods": lambda p: p.label,
        "statuses": lambda s: f"{s.label} ({'mål' if s.applies_to == 'goal' else term('missions').singular})",
        "municipalities": lambda m: m.name,
    }
    return names[kind](record)


# Markdown that could turn a title into a link, emphasis, a table cell or HTML; escaped, not removed.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~#])")


def md(text: str, limit: int = 140) -> str:
    """Editor-written text as inert Markdown on one line, shortened to `limit` characters at a word."""
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        text = (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.–-") + "…"
    return _MARKDOWN.sub(r"\\\1", text)


# How many changed stretches of a text the summary shows before "… och N ändringar till".
MAX_TEXT_CHANGES = 3


def _shown(value: Any) -> str:
    """A field's value on one line: list items joined, nothing as 'tomt'."""
    if value is None or value == [] or value == "":
        return "tomt"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return md(value.get("title") or ", ".join(f"{k}: {_shown(v)}" for k, v in value.items()), 80)
    return md(str(value), 80)


def _word_diff(before: str, after: str) -> str:
    """The words of a text that change: '~~gamla ord~~ → **nya ord**', a few stretches at most."""
    old, new = before.split(), after.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        removed, added = md(" ".join(old[i1:i2]), 80), md(" ".join(new[j1:j2]), 80)
        parts.append(f"~~{removed}~~ → **{added}**" if removed and added else
                     f"~~{removed}~~ (borttaget)" if removed else f"**{added}** (tillagt)")
    if not parts:
        return "bara radbrytningar eller mellanrum"
    extra = len(parts) - MAX_TEXT_CHANGES
    return "; ".join(parts[:MAX_TEXT_CHANGES]) + (f"; … och {extra} ändringar till" if extra > 0 else "")


def _field_change(content: Content, kind: str, before: Any, after: Any, name: str) -> str:
    """One changed field as a reviewer checks it: its label, then what it was and what it becomes."""
    old, new = getattr(before, name), getattr(after, name)
    label = _field(kind, name)
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > 80:
        return f"{label}: {_word_diff(old, new)}"
    if isinstance(old, list) and old and not isinstance(old[0], str | int | float) or \
            isinstance(new, list) and new and not isinstance(new[0], str | int | float):
        return f"{label}: {count(len(old), 'post', 'poster')} → {count(len(new), 'post', 'poster')}" \
            if len(old) != len(new) else f"{label}: ändrat innehåll"
    old_json = before.model_dump(mode="json")[name]
    new_json = after.model_dump(mode="json")[name]
    return f"{label}: {_shown(old_json)} → {_shown(new_json)}"


def preview_marker(kind: str, record_id: str) -> str:
    """Where a record's page is, for scripts/pr_comment.py to make a link to the preview of (an HTML comment,
    so it shows nothing where there is no preview)."""
    try:
        return f"<!--sida:{page_url(kind, record_id)}-->"
    except AttributeError:  # a kind without pages of its own
        return ""


def _code(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def _number(value: float | None) -> str:
    if value is None:
        return "saknas"
    return f"{value:g}".replace(".", ",").replace("-", "−")


def _row_value(row: SeriesRow) -> str:
    flag = FLAGS.get(row.flag)
    return _number(row.value) + (f" ({flag})" if flag and row.value is not None else "")


def _row_line(change: RowChange, content: Content) -> str:
    municipality = content.municipalities.get(change.municipality)
    where = f"{md(municipality.name) if municipality else _code(change.municipality)} {change.year}"
    before, after = change.before, change.after
    if before is None and after is not None:
        return f"{where}: ny rad, {_row_value(after)}"
    if after is None and before is not None:
        return f"{where}: raden tas bort (var {_row_value(before)})"
    assert before is not None and after is not None
    if _row_value(before) != _row_value(after):
        return f"{where}: {_row_value(before)} → {_row_value(after)}"
    fields = ", ".join(name for name in ("source", "fetched", "published")
                       if getattr(before, name) != getattr(after, name))
    return f"{where}: samma värde, ändrat fält: {fields}"


def _status_line(change: StatusChange) -> str:
    line = _status_words(change)
    if change.how == "removed":
        return line
    # DESIGN.md: a status is never published without its source; the reviewer sees which it is, or that none is.
    return line + (f"; källa: {md(change.source, 80)}" if change.source else
                   " – **saknar källa**: lägg till bedömningens källa innan ändringen godkänns")


def _status_words(change: StatusChange) -> str:
    where = f"{md(change.name)} ({md(change.period)})"
    if change.how == "removed":
        return f"{where}: bedömningen tas bort (var {md(change.before or '')})"
    after = md(change.after or "")
    if change.how == "edited":
        return f"{where}: {md(change.before or '')} → {after}, ändrad i en redan publicerad uppföljning"
    if change.before is None:
        return f"{where}: ny bedömning, {after}"
    if change.before == change.after:
        return f"{where}: {after}, oförändrad"
    return f"{where}: {md(change.before)} → {after}"


def _bullets(lines: list[str]) -> list[str]:
    shown = [f"- {line}" for line in lines[:MAX_ITEMS]]
    if len(lines) > MAX_ITEMS:
        shown.append(f"- … och {len(lines) - MAX_ITEMS} till.")
    return shown


def _problem_notice(who: str, problems: Sequence[Problem], consequence: str) -> list[str]:
    errors = [p for p in problems if p.severity == "error"]
    if not errors:
        return []
    lines = [f"> **Obs!** {who} har {len(errors)} fel. {consequence}", ">"]
    lines += [f"> - {md(p.text(), 300)}" for p in errors[:MAX_PROBLEMS]]
    if len(errors) > MAX_PROBLEMS:
        lines.append(f"> - … och {len(errors) - MAX_PROBLEMS} till.")
    return lines + [""]


# Each kind of record change as one and as several (the noun 'post'/'poster' follows the list).
_ACTION_FORMS = {"added": ("ny", "nya"), "changed": ("ändrad", "ändrade"), "removed": ("borttagen", "borttagna")}


def _headline(counts: dict[str, int], statuses: int, rows: int, pages: int = 0) -> str:
    """'2 nya, 3 ändrade och 2 borttagna poster; 1 statusändring; 1 ändrad rad i dataserier.' Counts of
    nothing are left out, and each number takes its Swedish form ('1 statusändring', never '1 statusändringar')."""
    parts = []
    records = [f"{n} {number_form(n, *_ACTION_FORMS[action])}" for action, n in counts.items() if n]
    if records:
        parts.append(join(records) + " " + number_form(sum(counts.values()), "post", "poster"))
    if statuses:
        parts.append(count(statuses, "statusändring", "statusändringar"))
    if rows:
        parts.append(count(rows, "ändrad rad", "ändrade rader") + " i dataserier")
    if pages:
        parts.append(count(pages, "ändrad fil", "ändrade filer") + " för sidor och utseende")
    return "; ".join(parts) + "."


_PAGE_ACTIONS = {"added": "ny", "changed": "ändrad", "removed": "borttagen"}


def _field(kind: str, name: str) -> str:
    """A changed field as reviewers read it: its label from the model, then its YAML key ('Titel (`title`)')."""
    model = {**CONTENT_MODELS, **VOCABULARY_MODELS, "settings": Settings}.get(kind)
    label = field_label(model, name) if model else name
    return f"{md(label)} ({_code(name)})" if label != name else _code(name)


def _page_line(path: str, action: str) -> str:
    from macros.review.page_files import page_address

    address = page_address(path)
    return f"{_code(path)} ({_PAGE_ACTIONS.get(action, action)}" + (f", sidan {_code(address)})" if address else ")")


def to_markdown(changes: Changes, base: Content, head: Content, base_label: str, head_label: str,
                base_problems: Sequence[Problem] = (), head_problems: Sequence[Problem] = ()) -> str:
    """The reviewer's summary: headline counts, status changes first, then records and series."""
    out = ["## Vad ändras för medborgarna", "",
           f"Jämför ändringsförslaget ({_code(head_label)}) med den publicerade versionen ({_code(base_label)}).",
           ""]
    out += _problem_notice("Basversionen", base_problems,
                           "Poster som inte gick att läsa där visas här som nya.")
    out += _problem_notice("Den nya versionen", head_problems,
                           "Poster med fel kommer inte med på webbplatsen förrän felen är rättade, och visas "
                           "här som borttagna. Valideringsjobbet visar felen på raderna de gäller.")
    if not changes:
        out.append("Inga ändringar som syns för medborgarna: inga poster, statusar, dataserier, sidor, "
                   "mallar eller inställningar ändras.")
        return "\n".join(out) + "\n"

    counts = {action: sum(1 for r in changes.records if r.action == action) for action in ACTIONS}
    rows = sum(len(s.rows) for s in changes.series)
    out.append(f"**{_headline(counts, len(changes.statuses), rows, len(changes.pages))}**")
    out.append("")

    if changes.statuses:
        out += ["### Statusändringar", ""]
        out += _bullets([_status_line(c) for c in changes.statuses])
        out.append("")
    for kind, plural in KINDS.items():
        plural = term(kind).plural if kind in ("goals", "missions", "committees") else plural
        for action, adjective in ACTIONS.items():
            records = [r for r in changes.records if r.kind == kind and r.action == action]
            if not records:
                continue
            out += [f"### {adjective} {plural}", ""]
            lines = []
            for r in records:
                line = f"{md(r.name)} ({_code(r.record_id)})"
                if r.action != "removed":
                    line += preview_marker(kind, r.record_id)
                if r.note:
                    line += f" – {r.note}"
                if r.details:
                    line += "".join(f"\n  - {d}" for d in r.details)
                elif r.fields:
                    line += ": ändrade fält " + ", ".join(_field(kind, f) for f in r.fields)
                lines.append(line)
            out += _bullets(lines)
            out.append("")
    if changes.settings:
        out += ["### Webbplatsens inställningar", "",
                "- `data/portal.yaml`: ändrade fält " + ", ".join(_field("settings", f) for f in changes.settings), ""]
    if changes.pages:
        out += ["### Sidor, mallar och webbplatsens konfiguration", ""]
        out += _bullets([_page_line(path, action) for path, action in changes.pages])
        out.append("")
    if changes.series:
        out += ["### Dataserier", ""]
        for s in changes.series:
            title = f"{_code(s.series)}" + (f" ({md(s.name)})" if s.name else "")
            if s.file == "added":
                out.append(f"**{title}**: ny serie, {count(len(s.rows), 'rad', 'rader')}.")
            elif s.file == "removed":
                out.append(f"**{title}**: serien tas bort ({count(len(s.rows), 'rad', 'rader')}).")
                out.append("")
                continue
            else:
                out.append(f"**{title}**: {count(len(s.rows), 'ändrad rad', 'ändrade rader')}.")
            out.append("")
            out += _bullets([_row_line(row, head if row.after else base) for row in s.rows])
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
