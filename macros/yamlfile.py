"""Safe YAML reading that remembers the line of every key and list item.

Editors get `file:line` in every message, so we compose the node tree ourselves (libyaml when
present) and build plain Python values while recording positions. Aliases are refused: editors
never need them, and refusing them makes alias bombs impossible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 512 * 1024  # a single record is a few kB; anything this large is a mistake

Loc = tuple[str | int, ...]
_STR = "tag:yaml.org,2002:str"

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader


class YamlFileError(Exception):
    """A file that cannot be read as YAML; `line` is 1-based, `message` is Swedish."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Parsed:
    """A YAML document as plain data plus the line where each location starts."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """Line of `loc`, or of its nearest ancestor that exists in the file."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def read_text(path: Path) -> str:
    """Read a UTF-8 text file with the size and encoding checks every content file needs."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlFileError(
            f"Filen är för stor ({size // 1024} kB). Högst {MAX_FILE_BYTES // 1024} kB är tillåtet."
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlFileError(
            "Filen är inte sparad som UTF-8 (t.ex. å, ä, ö i fel teckenkodning). Spara den som UTF-8.",
            line,
        ) from None


def _scanner_message(exc: yaml.MarkedYAMLError, line_text: str) -> str:
    problem = exc.problem or str(exc)
    if "\t" in line_text or "tab" in problem:
        return "Tabbtecken är inte tillåtna i YAML. Använd mellanslag för indrag."
    if "mapping values are not allowed" in problem:
        return "Fel indrag eller ett kolon (:) i en text utan citattecken. Sätt texten inom citattecken."
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "Fel indrag: raderna på samma nivå måste börja i samma kolumn."
    if "found undefined alias" in problem or "found unknown escape" in problem:
        return f"Ogiltig YAML: {problem}."
    return f"Ogiltig YAML ({problem}). Kontrollera indrag, kolon och citattecken."


def parse_yaml(text: str) -> Parsed:
    """Parse one YAML document into plain data with line positions; raises YamlFileError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1) if mark else 1
        source_lines = text.splitlines()
        line_text = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
        raise YamlFileError(_scanner_message(exc, line_text), line) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(f"Ogiltig YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None:  # empty, or only comments
        raise YamlFileError("Filen är tom. Den ska innehålla en post med fält som 'id' och 'title'.")
    lines: dict[Loc, int] = {(): node.start_mark.line + 1}
    seen: set[int] = set()
    data = _build(node, (), lines, seen, _Loader(""))
    return Parsed(data, lines)


def _build(node: yaml.Node, loc: Loc, lines: dict[Loc, int], seen: set[int], ctor: Any) -> Any:
    # libyaml shares the node object for an alias; seeing a node twice means an alias was used.
    if id(node) in seen:
        raise YamlFileError(
            "Alias (*namn) och ankare (&namn) stöds inte. Skriv ut värdet.", lines.get(loc, node.start_mark.line + 1)
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlFileError("En nyckel måste vara en enkel text.", key_node.start_mark.line + 1)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlFileError("Sammanslagning (<<) stöds inte. Skriv ut fälten.", key_node.start_mark.line + 1)
            key = key_node.value
            if key in out:
                raise YamlFileError(
                    f"Fältet '{key}' förekommer två gånger. Ta bort den ena.", key_node.start_mark.line + 1
                )
            lines[loc + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, loc + (key,), lines, seen, ctor)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[loc + (index,)] = item.start_mark.line + 1
            items.append(_build(item, loc + (index,), lines, seen, ctor))
        return items
    if node.tag == _STR:
        return node.value  # most values are text; the constructor would return the same string
    try:
        return ctor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise YamlFileError(f"Ogiltigt värde: {exc}", node.start_mark.line + 1) from None
