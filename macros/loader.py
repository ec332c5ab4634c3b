"""Read every content file and vocabulary, validate each, and collect all problems in one pass."""

from __future__ import annotations

import csv
import gc
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from .checks import check_references
from .content import Content, Origin
from .models import (
    CONTENT_MODELS,
    VOCABULARY_MODELS,
    Record,
    SeriesRow,
    Settings,
)
from .problems import Problem, from_validation_error, show_value
from .yamlfile import Parsed, YamlFileError, parse_yaml, read_text

R = TypeVar("R", bound=Record)

SERIES_COLUMNS = ("municipality", "year", "value", "flag", "source", "fetched")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read(path: Path, root: Path, problems: list[Problem]) -> Parsed | None:
    try:
        return parse_yaml(read_text(path))
    except YamlFileError as exc:
        problems.append(Problem(file=_rel(path, root), line=exc.line, message=exc.message))
        return None


def _validate(model: type[R], data: Any, parsed: Parsed, file: str, problems: list[Problem], prefix=()) -> R | None:
    if not isinstance(data, dict):
        problems.append(
            Problem(file, parsed.line_of(prefix), "Posten ska vara en grupp av fält ('namn: värde').",
                    value=show_value(data))
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(from_validation_error(exc, model, parsed, file, prefix))
        return None


def _load_records(folder: Path, model: type[R], kind: str, root: Path, content: Content,
                  problems: list[Problem]) -> dict[str, R]:
    records: dict[str, R] = {}
    if not folder.is_dir():
        return records
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix != ".yaml" or not path.is_file():
            problems.append(Problem(_rel(path, root), 1, "Här får bara finnas filer som slutar på .yaml."))
            continue
        file = _rel(path, root)
        parsed = _read(path, root, problems)
        if parsed is None:
            content.broken.add(path.stem)
            continue
        record = _validate(model, parsed.data, parsed, file, problems)
        if record is None:
            content.broken.add(path.stem)
            continue
        record_id = record.id  # type: ignore[attr-defined]
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
    if not path.is_file():
        problems.append(Problem(file, 1, "Filen saknas."))
        return records
    parsed = _read(path, root, problems)
    if parsed is None:
        return records
    if not isinstance(parsed.data, list):
        problems.append(Problem(file, 1, "Filen ska vara en lista (rader som börjar med '- ')."))
        return records
    for index, data in enumerate(parsed.data):
        record = _validate(model, data, parsed, file, problems, prefix=(index,))
        if record is None:
            if isinstance(data, dict) and isinstance(data.get("id"), str):
                content.broken.add(data["id"])
            continue
        record_id = record.key
        if record_id in records:
            problems.append(Problem(file, parsed.line_of((index, "id")), "Id finns redan tidigare i filen.",
                                    field="id", value=show_value(record.id)))  # type: ignore[attr-defined]
            continue
        records[record_id] = record
        content.origins[(kind, record_id)] = Origin(file, parsed, index)
    return records


def read_series(path: Path, root: Path, problems: list[Problem]) -> list[SeriesRow]:
    """Read one indicator series CSV; bad rows are reported with their line and skipped."""
    file = _rel(path, root)
    try:
        text = read_text(path)
    except YamlFileError as exc:
        problems.append(Problem(file, exc.line, exc.message))
        return []
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != SERIES_COLUMNS:
        problems.append(Problem(file, 1, "Fel kolumner i CSV-filen.", value=show_value(reader.fieldnames),
                                allowed=",".join(SERIES_COLUMNS)))
        return []
    rows: list[SeriesRow] = []
    seen: dict[tuple[str, int], int] = {}
    for row in reader:
        line = reader.line_num
        data = {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items() if k is not None}
        if None in row:
            problems.append(Problem(file, line, "Raden har fler värden än kolumner."))
            continue
        for key in ("value", "fetched"):
            if data.get(key) == "":
                data[key] = None
        parsed = Parsed(data, {(k,): line for k in data})
        record = _validate(SeriesRow, data, parsed, file, problems)
        if record is None:
            continue
        if (record.value is None) != (record.flag == "missing"):
            problems.append(Problem(file, line, "Ett saknat värde ska ha flaggan 'missing', och bara det.",
                                    field="flag", value=show_value(record.flag)))
            continue
        key = (record.municipality, record.year)
        if key in seen:
            problems.append(Problem(file, line, f"Kommun och år finns redan på rad {seen[key]}.",
                                    field="year", value=show_value(record.year)))
            continue
        seen[key] = line
        rows.append(record)
    return rows


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
    problems: list[Problem] = []
    for name, model in VOCABULARY_MODELS.items():
        setattr(content, name, _load_vocabulary(root / "data" / f"{name}.yaml", model, name, root, content, problems))
    settings_path = root / "data" / "portal.yaml"
    parsed = _read(settings_path, root, problems) if settings_path.is_file() else None
    if parsed is not None:
        content.settings = _validate(Settings, parsed.data, parsed, _rel(settings_path, root), problems)
    elif not settings_path.is_file():
        problems.append(Problem(_rel(settings_path, root), 1, "Filen med webbplatsens inställningar saknas."))
    for folder, model in CONTENT_MODELS.items():
        setattr(content, folder, _load_records(root / "content" / folder, model, folder, root, content, problems))
    series_dir = root / "data" / "series"
    if series_dir.is_dir():
        for path in sorted(series_dir.glob("*.csv")):
            content.series[path.stem] = read_series(path, root, problems)
    problems.extend(check_references(content))
    return content, problems


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
