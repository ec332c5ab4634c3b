"""Read every content file and vocabulary, validate each, and collect all problems in one pass."""

from __future__ import annotations

import csv
import gc
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from macros.content.models import (
    CONTENT_MODELS,
    SLUG_PATTERN,
    VOCABULARY_MODELS,
    Record,
    SeriesRow,
    Settings,
)
from macros.content.municipality import activate, anchor, term, with_municipality_defaults
from macros.content.problem import Problem, show_value
from macros.content.repofiles import EDITOR_FOLDERS, hidden, hidden_entries, read_bytes, unsafe_entries
from macros.content.store import Content, Origin
from macros.content.yamlfile import Parsed, YamlFileError, parse_yaml, read_text
from macros.structure.reserved import reserved_id_problems
from macros.text.characters import find as find_bad_character
from macros.validation.checks import check_references
from macros.validation.docfiles import check_files
from macros.validation.docpages import check_pages
from macros.validation.peer_groups import group_problems
from macros.validation.placeholders import PLACEHOLDER, find_placeholders
from macros.validation.pydantic_errors import field_path, from_validation_error
from macros.validation.seriesdialect import (
    HEADERS,
    columns_message,
    decimal_point,
    is_semicolon_series,
)

R = TypeVar("R", bound=Record)

MAX_SERIES_BYTES = 8 * 1024 * 1024  # 300 municipalities × 50 years is under 2 MB
MAX_SERIES_ROWS = 100_000
MAX_PROBLEMS_PER_FILE = 50  # past this, one more line says how many were left out
INTERNAL = "Filen kunde inte kontrolleras (internt fel i portalen: {}). Meddela portalens utvecklare."


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read(path: Path, root: Path, problems: list[Problem]) -> Parsed | None:
    try:
        text = read_text(path, root)
        parsed = parse_yaml(text)
        parsed.may_hold_placeholder = PLACEHOLDER in text.upper()
        return parsed
    except YamlFileError as exc:
        problems.append(Problem(file=_rel(path, root), line=exc.line, message=exc.message))
    except Exception as exc:  # a bug of ours must still not hide the other files' problems
        problems.append(Problem(file=_rel(path, root), line=1, message=INTERNAL.format(type(exc).__name__)))
    return None


def next_free_id(record_id: str, used: set[str]) -> str:
    """The id after `record_id` that no file has: its last number counted up ('fm1-uppdrag-4'), or '-2' added."""
    match = re.match(r"^(.*?)(\d+)$", record_id)
    stem, number = (match.group(1), int(match.group(2))) if match else (f"{record_id}-", 1)
    number += 1
    while f"{stem}{number}" in used:
        number += 1
    return f"{stem}{number}"


def _capped(found: list[Problem]) -> list[Problem]:
    if len(found) <= MAX_PROBLEMS_PER_FILE:
        return found
    kept = found[:MAX_PROBLEMS_PER_FILE]
    rest = len(found) - len(kept)
    return kept + [Problem(kept[-1].file, kept[-1].line, f"… och {rest} fel till i samma fil (visas inte).")]


def _validate(model: type[R], data: Any, parsed: Parsed, file: str, problems: list[Problem], prefix=()) -> R | None:
    if not isinstance(data, dict):
        problems.append(
            Problem(file, parsed.line_of(prefix), "Posten ska vara en grupp av fält ('namn: värde').",
                    value=show_value(data))
        )
        return None
    found: list[Problem] = []
    # Placeholders scaffold wrote: reported as such, and their own type errors are not repeated.
    filled_in = set()
    placeholders = find_placeholders(data) if parsed.may_hold_placeholder else []
    for loc, text in sorted(placeholders, key=lambda item: parsed.line_of(prefix + item[0])):
        filled_in.add(field_path(loc))
        found.append(Problem(file, parsed.line_of(prefix + loc),
                             "Platshållaren från scaffold är kvar. Skriv in uppgiften från källan i stället.",
                             field=field_path(loc), value=show_value(text)))
    record = None
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        found += [p for p in from_validation_error(exc, model, parsed, file, prefix) if p.field not in filled_in]
    except Exception as exc:  # see _read
        found.append(Problem(file, parsed.line_of(prefix), INTERNAL.format(type(exc).__name__)))
    problems.extend(_capped(found))
    return None if found else record


def _load_records(folder: Path, model: type[R], kind: str, root: Path, content: Content,
                  problems: list[Problem]) -> dict[str, R]:
    records: dict[str, R] = {}
    if folder.is_symlink() or not folder.is_dir():
        return records  # a symlinked folder is reported by unsafe_entries and never read through
    for path in sorted(folder.iterdir()):
        if hidden(path.name):
            continue  # reported by hidden_entries
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            continue  # reported by unsafe_entries
        if path.suffix != ".yaml" or not path.is_file():
            problems.append(Problem(_rel(path, root), 1, "Här får bara finnas filer som slutar på .yaml."))
            continue
        file = _rel(path, root)
        if not re.match(SLUG_PATTERN, path.stem):
            problems.append(Problem(file, 1, "Filnamnet får bara innehålla små bokstäver a–z, siffror och "
                                             "bindestreck, och ska vara postens id följt av .yaml.",
                                    value=show_value(path.name),
                                    allowed=f"t.ex. 'fm1-{anchor(term('missions').singular)}-3.yaml'"))
            continue
        parsed = _read(path, root, problems)
        if parsed is None:
            content.broken.add(path.stem)
            continue
        record = _validate(model, parsed.data, parsed, file, problems)
        if record is None:
            content.broken.add(path.stem)
            continue
        record_id = record.id  # type: ignore[attr-defined]
        taken = folder / f"{record_id}.yaml"
        if record_id != path.stem and taken.is_file():
            # What the form editor writes for a new record whose id exists: '<id>-1.yaml' with the taken id
            # inside. Renaming the file to match would make two records of one; the id is what must change.
            free = next_free_id(record_id, {p.stem for p in folder.glob("*.yaml")})
            problems.append(Problem(file, parsed.line_of(("id",)),
                                    f"Id:t {record_id} används redan av {_rel(taken, root)}; välj nästa lediga, "
                                    f"t.ex. {free}. Skriv det som id (och ändra numret om det följer id:t) och ge "
                                    f"filen samma namn, {free}.yaml. Ändra inte den redan publicerade filen.",
                                    field="id", value=show_value(record_id), allowed=f"'{free}'"))
            content.broken.add(path.stem)
            continue
        if record_id != path.stem:
            problems.append(Problem(file, parsed.line_of(("id",)), "Id ska vara samma som filnamnet utan .yaml.",
                                    field="id", value=show_value(record_id), allowed=f"'{path.stem}'"))
            content.broken.add(path.stem)
            continue
        if (kind, record_id) in content.origins:
            first = content.origins[(kind, record_id)].file
            problems.append(Problem(file, parsed.line_of(("id",)), f"Id finns redan i {first}.",
                                    field="id", value=show_value(record_id)))
            continue
        records[record_id] = record
        content.origins[(kind, record_id)] = Origin(file, parsed)
    return records


def _load_vocabulary(path: Path, model: type[R], kind: str, root: Path, content: Content,
                     problems: list[Problem]) -> dict[str, R]:
    records: dict[str, R] = {}
    file = _rel(path, root)
    if not path.is_file() and not path.is_symlink():
        problems.append(Problem(file, 1, "Filen saknas."))
        content.broken.add(f"file:{file}")  # references to it are not reported one by one
        return records
    parsed = _read(path, root, problems)
    if parsed is None:
        content.broken.add(f"file:{file}")
        return records
    if not isinstance(parsed.data, list):
        problems.append(Problem(file, 1, "Filen ska vara en lista (rader som börjar med '- ')."))
        content.broken.add(f"file:{file}")
        return records
    for index, data in enumerate(parsed.data):
        record = _validate(model, data, parsed, file, problems, prefix=(index,))
        if record is None:
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                content.broken.add(data["id"])
            continue
        record_id = record.key
        if record_id in records:
            first = content.origins[(kind, record_id)].line("id")
            problems.append(Problem(file, parsed.line_of((index, "id")), f"Id finns redan på rad {first} i filen.",
                                    field="id", value=show_value(record.id)))  # type: ignore[attr-defined]
            continue
        records[record_id] = record
        content.origins[(kind, record_id)] = Origin(file, parsed, index)
    return records


def read_series(path: Path, root: Path, problems: list[Problem]) -> list[SeriesRow]:
    """Read one indicator series CSV; bad rows are reported with their line and skipped."""
    return read_series_lines(path, root, problems)[0]


def read_series_lines(path: Path, root: Path, problems: list[Problem]) -> tuple[list[SeriesRow], list[int]]:
    """The series' valid rows and the line each was read from (for problems found later)."""
    file = _rel(path, root)
    found: list[Problem] = []
    try:
        text = read_text(path, root, MAX_SERIES_BYTES)
        bad = find_bad_character(text)
        if bad is not None:
            raise YamlFileError(f"Otillåtet tecken {bad.describe()} i kolumn {bad.column}. Ta bort det.", bad.line)
        result = _series_rows(text, file, found)
    except YamlFileError as exc:
        found.append(Problem(file, exc.line, exc.message))
        result = [], []
    except csv.Error as exc:
        # The csv module's messages are English; its only failures here are malformed quoting.
        line = getattr(exc, "line", None) or 1
        found.append(Problem(file, line, "CSV-filen kan inte läsas: ett citattecken (\") stängs inte, eller "
                                         "ett fält är för långt. Kontrollera raden."))
        result = [], []
    except Exception as exc:  # see _read
        found.append(Problem(file, 1, INTERNAL.format(type(exc).__name__)))
        result = [], []
    problems.extend(_capped(found))
    return result


class _CsvLineError(csv.Error):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _series_rows(text: str, file: str, problems: list[Problem]) -> tuple[list[SeriesRow], list[int]]:
    # Swedish Excel saves "CSV" with semicolons and decimal commas: such a file is read as it is.
    excel = is_semicolon_series(text)
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if excel else ",")
    try:
        fieldnames = reader.fieldnames
    except csv.Error:
        raise _CsvLineError(1) from None
    header = tuple(name.strip() for name in fieldnames or ())
    if header not in HEADERS:
        problems.append(Problem(file, 1, columns_message(list(fieldnames or [])),
                                value=show_value(",".join(fieldnames or ())),
                                allowed=" eller ".join(",".join(h) for h in HEADERS)))
        return [], []
    rows: list[SeriesRow] = []
    lines: list[int] = []
    seen: dict[tuple[str, int], int] = {}
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader, None)
        except csv.Error:
            raise _CsvLineError(start) from None
        if row is None:
            break
        line = reader.line_num
        broken = [k for k, v in row.items() if isinstance(v, str) and ("\n" in v or "\r" in v)]
        if line > start and broken:
            whole = None not in row and all(v is not None for v in row.values())
            if whole and not any("," in (row[k] or "") for k in broken):
                # The quote closes: the text itself holds a line break, which a series row may not.
                problems.append(Problem(file, start, f"Texten inom citattecken har en radbrytning (raderna {start}–"
                                                     f"{line}). En rad i serien ska stå på en enda rad: skriv texten "
                                                     "utan radbrytning.", field=str(broken[0])))
            else:
                problems.append(Problem(file, start, "Ett citattecken (\") stängs inte, så raden fortsätter på "
                                                     "raderna under. Avsluta texten med ett citattecken."))
            continue
        if line > MAX_SERIES_ROWS + 1:
            problems.append(Problem(file, line, f"Filen har för många rader (högst {MAX_SERIES_ROWS}).",
                                    allowed="dela upp serien i flera filer"))
            break
        if None in row:
            problems.append(Problem(file, line, "Raden har fler värden än kolumner. " + (
                "En text med semikolon ska stå inom citattecken." if excel else
                "Decimaltal skrivs med punkt (3.1), och text med kommatecken inom citattecken."),
                allowed=",".join(header)))
            continue
        if any(v is None for v in row.values()):
            problems.append(Problem(file, line, "Raden har färre värden än kolumner.",
                                    allowed=",".join(header)))
            continue
        data = {k: v.strip() for k, v in row.items()}
        if excel:
            data["value"] = decimal_point(data["value"])
        for key in ("value", "fetched", "published"):
            if data.get(key) == "":
                data[key] = None
        parsed = Parsed(data, {(k,): line for k in data}, may_hold_placeholder=False)
        record = _validate(SeriesRow, data, parsed, file, problems)
        if record is None:
            continue
        if (record.value is None) != (record.flag == "missing"):
            problems.append(Problem(file, line, "Ett saknat värde ska ha flaggan 'missing', och bara det.",
                                    field="flag", value=show_value(record.flag)))
            continue
        if record.published is not None and record.fetched is not None and record.published > record.fetched:
            problems.append(Problem(file, line, "Publiceringsdatumet ligger efter datumet då värdet hämtades; "
                                                "ett värde hämtas tidigast samma dag som det publiceras.",
                                    field="published",
                                    value=show_value(record.published.isoformat()),
                                    allowed=f"senast {record.fetched.isoformat()} (kolumnen fetched)"))
            continue
        key = (record.municipality, record.year)
        if key in seen:
            problems.append(Problem(file, line, f"Kommun och år finns redan på rad {seen[key]}.",
                                    field="year", value=show_value(record.year)))
            continue
        seen[key] = line
        rows.append(record)
        lines.append(line)
    return rows, lines


@contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector. Loading makes millions of objects and keeps nearly all
    of them, so collections would only walk the growing heap again and again (at 5,000 missions,
    a sixth of the loading time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_content(root: Path) -> tuple[Content, list[Problem]]:
    """Load `root`/content and `root`/data; return what validated and every problem found."""
    with _no_collection():
        return _load_content(Path(root))


def _load_content(root: Path) -> tuple[Content, list[Problem]]:
    content = Content()
    # Symlinks and special files are named here; the readers below never read through them.
    problems: list[Problem] = unsafe_entries(root, EDITOR_FOLDERS) + hidden_entries(root, EDITOR_FOLDERS)
    for name, model in VOCABULARY_MODELS.items():
        setattr(content, name, _load_vocabulary(root / "data" / f"{name}.yaml", model, name, root, content, problems))
    settings_path = root / "data" / "portal.yaml"
    exists = settings_path.is_file() or settings_path.is_symlink()
    parsed = _read(settings_path, root, problems) if exists else None
    if parsed is not None:
        content.settings = _validate(Settings, parsed.data, parsed, _rel(settings_path, root), problems)
        content.origins[("settings", "portal")] = Origin(_rel(settings_path, root), parsed)
    elif not exists:
        problems.append(Problem(_rel(settings_path, root), 1, "Filen med webbplatsens inställningar saknas."))
    for folder, model in CONTENT_MODELS.items():
        setattr(content, folder, _load_records(root / "content" / folder, model, folder, root, content, problems))
    series_dir = root / "data" / "series"
    if series_dir.is_dir() and not series_dir.is_symlink():
        for path in sorted(series_dir.glob("*.csv")):
            if hidden(path.name):
                continue  # reported by hidden_entries
            if path.is_symlink() or not path.is_file():
                continue  # reported by unsafe_entries
            if not re.match(SLUG_PATTERN, path.stem):  # the name becomes a URL and an IRI in the catalogue
                problems.append(Problem(_rel(path, root), 1, "Filnamnet får bara innehålla små bokstäver a–z, "
                                        "siffror och bindestreck, och ska vara seriens id följt av .csv.",
                                        value=show_value(path.name), allowed="t.ex. 'andel-vuxna.csv'"))
                continue
            rows, lines = read_series_lines(path, root, problems)
            content.series[path.stem] = rows
            # Each row's line, so a problem found across files (an unknown municipality) points at it.
            by_row = {(i,): line for i, line in enumerate(lines)}
            content.origins[("series", path.stem)] = Origin(_rel(path, root), Parsed(None, by_row))
    # The municipality's words and folders, for names, URLs and messages from here on (macros/municipality.py).
    activate(content.settings)
    problems.extend(check_references(content, root))
    if content.settings is not None:
        content.indicators = {k: with_municipality_defaults(v, content.settings) for k, v in content.indicators.items()}
    problems.extend(reserved_id_problems(content, root))
    problems.extend(group_problems(content))
    problems.extend(check_pages(root, lambda path: read_text(path, root)))
    problems.extend(check_files(root, lambda path, limit: read_bytes(path, limit, root)))
    # A refused file can be named twice (by the folder walk and by its reader): once is enough.
    return content, list(dict.fromkeys(problems))


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
