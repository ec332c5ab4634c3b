"""Safe YAML reading that remembers the line of every key and list item.

Editors get `file:line` in every message, so we build plain Python values from the parser's
events ourselves (libyaml when present) while recording positions. Building from events, with an
explicit stack, never recurses: nesting is refused past `MAX_DEPTH` as soon as it is seen, before
anything deeper is read, so no input can exhaust Python's stack or libyaml's composer.

What an editor never needs is refused with a Swedish message rather than interpreted: aliases and
anchors (so alias bombs are impossible), explicit tags (`!!int abc`, `!!timestamp foo`,
`!!python/…`), merge keys, several documents in one file, and control or bidi characters.
Dates stay text (`2023-02-30` is the string it looks like): the models parse them, and say in
Swedish which part of an impossible date is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from macros.content.repofiles import RepoFileError, read_bytes
from macros.text import characters

MAX_FILE_BYTES = 512 * 1024  # a single record is a few kB; anything this large is a mistake
MAX_DEPTH = 20  # a goal nests four levels deep; twenty leaves room and keeps every walk shallow

Loc = tuple[str | int, ...]

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()  # YAML 1.1 implicit types, as yaml.safe_load resolves them
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_IMPLICIT_FIRST = frozenset(k for k in _RESOLVER.yaml_implicit_resolvers if k is not None)


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
    # False when the file's text cannot hold a scaffold placeholder, so the loader skips looking.
    may_hold_placeholder: bool = True

    def line_of(self, loc: Loc) -> int:
        """Line of `loc`, or of its nearest ancestor that exists in the file."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def read_text(path: Path, root: Path | None = None, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file of the repository with the checks every content file needs: a
    regular file inside `root` (no symlink, no device), at most `limit` bytes, valid UTF-8."""
    try:
        raw = read_bytes(path, limit, root)
    except RepoFileError as exc:
        raise YamlFileError(exc.message) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlFileError(
            "Filen är inte sparad som UTF-8 (t.ex. å, ä, ö i fel teckenkodning). Spara den som UTF-8.",
            line,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text  # a byte order mark is harmless


def check_characters(text: str) -> None:
    """Raise YamlFileError at the first control or bidi character, with its line and column."""
    bad = characters.find(text)
    if bad is not None:
        more = characters.count(text) - 1
        raise YamlFileError(
            f"Otillåtet tecken {bad.describe()} i kolumn {bad.column}"
            + (f" (och {more} till i filen)" if more else "")
            + ". Ta bort det; det syns inte men förstör flöden och nedladdningar.",
            bad.line,
        )


def parse_yaml(text: str) -> Parsed:
    """Parse one YAML document into plain data with line positions; raises YamlFileError."""
    check_characters(text)
    loader = _Loader(text)
    try:
        return _build(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context == "while scanning a simple key" and exc.context_mark is not None:
            # A key without its colon: libyaml notices only on the next line, but the line to fix is the key's.
            mark = exc.context_mark
        line = (mark.line + 1) if mark else 1
        raise YamlFileError(syntax_message(exc, text, line), line) from None
    except yaml.YAMLError:
        raise YamlFileError(GENERIC_SYNTAX) from None
    finally:
        loader.dispose()


class _Frame:
    __slots__ = ("container", "loc", "key")

    def __init__(self, container: dict | list, loc: Loc) -> None:
        self.container = container
        self.loc = loc
        self.key: str | None = None  # a mapping's key waiting for its value


def _build(loader: Any) -> Parsed:
    lines: dict[Loc, int] = {}
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    get_event = loader.get_event
    while True:
        event = get_event()
        kind = event.__class__
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            continue
        line = event.start_mark.line + 1
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                raise YamlFileError(ALIAS_MESSAGE, line)
            if event.tag is not None:
                raise YamlFileError(_tag_message(event.tag), line)
            top = stack[-1] if stack else None
            if top is not None and top.key is None and top.container.__class__ is dict:
                _key(top, event, line, lines)
                continue
            if kind is ScalarEvent:
                value: Any = _scalar(event, line)
            else:
                value = {} if kind is MappingStartEvent else []
            if top is None:
                root, loc = value, ()
                lines[()] = line
            elif top.key is None:  # a list
                loc = top.loc + (len(top.container),)
                lines[loc] = line
                top.container.append(value)
            else:
                loc = top.loc + (top.key,)
                top.container[top.key] = value
                top.key = None
            if kind is not ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    raise YamlFileError(
                        f"För djup nästling: högst {MAX_DEPTH} nivåer av listor och grupper är tillåtet. "
                        "Kontrollera hakparenteser [ ] och klammerparenteser { }.",
                        line,
                    )
                stack.append(_Frame(value, loc))
        elif kind is AliasEvent:
            raise YamlFileError(ALIAS_MESSAGE, line)
        elif kind is DocumentStartEvent:
            if documents:
                raise YamlFileError(
                    "Filen får bara innehålla en post. Ta bort raden '---' och allt efter den, "
                    "eller lägg posten i en egen fil.",
                    line,
                )
        elif kind is DocumentEndEvent:
            documents += 1
        elif kind is StreamEndEvent:
            break
    if documents == 0 or (root is None and not lines):
        raise YamlFileError("Filen är tom. Den ska innehålla en post med fält som 'id' och 'title'.")
    return Parsed(root, lines)


ALIAS_MESSAGE = "Alias (*namn) och ankare (&namn) stöds inte. Skriv ut värdet."


def _key(frame: _Frame, event: Any, line: int, lines: dict[Loc, int]) -> None:
    if not isinstance(event, ScalarEvent):
        raise YamlFileError("En nyckel (fältnamn) måste vara en enkel text, inte en lista eller grupp.", line)
    key = event.value
    if key == "<<" and event.implicit[0]:
        raise YamlFileError("Sammanslagning (<<) stöds inte. Skriv ut fälten.", line)
    if event.style == '"':
        _check_escaped(key, line)
    if key in frame.container:
        raise YamlFileError(f"Fältet '{characters.escape(key)[:80]}' förekommer två gånger. Ta bort det ena.", line)
    frame.key = key
    lines[frame.loc + (key,)] = line


def _check_escaped(value: str, line: int) -> None:
    # Only "…" texts have escapes (\x07, \u202e); everything else was checked in the file's text.
    bad = characters.find(value)
    if bad is not None:
        raise YamlFileError(
            f"Otillåtet tecken {bad.describe()}, skrivet med \\-kod i texten (tecken {_position(value, bad)}). "
            "Ta bort koden.",
            line + bad.line - 1,
        )


def _position(value: str, bad: characters.BadCharacter) -> int:
    return value.index(bad.char) + 1


def _scalar(event: Any, line: int) -> Any:
    value = event.value
    if not event.implicit[0]:  # quoted or block text: always a string
        if event.style == '"':
            _check_escaped(value, line)
        return value
    if value and value[0] not in _IMPLICIT_FIRST:
        return value  # plain text: no implicit type starts with this character
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR:
        return value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return _BOOLS[value.lower()]
    if tag.endswith(":int") or tag.endswith(":float"):
        node = yaml.ScalarNode(tag, value)
        try:
            if tag.endswith(":int"):
                return _CONSTRUCTOR.construct_yaml_int(node)
            return _CONSTRUCTOR.construct_yaml_float(node)
        except (ValueError, OverflowError):
            raise YamlFileError(
                f"Talet '{value[:20]}{'…' if len(value) > 20 else ''}' kan inte läsas (för många siffror?). "
                "Sätt det inom citattecken om det är en text.",
                line,
            ) from None
    return value  # timestamps, '=' and '<<' as values: text, parsed by the model if it wants a date


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return (
        f"Typangivelsen '{characters.escape(shown)[:40]}' stöds inte. Ta bort den och skriv bara värdet "
        "(sätt värdet inom citattecken om det ska vara en text)."
    )


GENERIC_SYNTAX = (
    "YAML-filen kan inte läsas på den här raden. Kontrollera indraget, att varje fält skrivs 'namn: värde', "
    "och att texter med kolon, citattecken eller # står inom citattecken."
)

# libyaml's (and PyYAML's) problem texts, in Swedish. Matched as substrings; first match wins.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed",
     "Ett kolon följt av mellanslag (': ') i en text utan citattecken, eller fel indrag. "
     "Sätt texten inom citattecken, eller rätta indraget."),
    ("could not find expected ':'",
     "Raden saknar kolon efter fältnamnet, eller en text fortsätter på nästa rad utan indrag. "
     "Skriv 'namn: värde', och dra in fortsättningsrader (eller använd '>-' för text på flera rader)."),
    ("did not find expected '-' indicator",
     "Raden passar inte in i listan: varje punkt ska börja med '- ' och ha samma indrag som punkterna ovanför."),
    ("block sequence entries are not allowed",
     "En listpunkt ('- ') står på samma rad som ett fält. Skriv fältnamnet med kolon på en egen rad "
     "och punkterna på raderna under."),
    ("did not find expected key",
     "Raden passar inte in: här väntas ett fält ('namn: värde') med samma indrag som fälten ovanför."),
    ("expected <block end>",
     "Raden passar inte in: här väntas ett fält ('namn: värde') med samma indrag som fälten ovanför."),
    ("did not find expected node content",
     "Ett värde saknas, eller börjar med ett tecken som inte får inleda en text utan citattecken. "
     "Sätt värdet inom citattecken."),
    ("expected the node content",
     "Ett värde saknas, eller börjar med ett tecken som inte får inleda en text utan citattecken. "
     "Sätt värdet inom citattecken."),
    ("cannot start any token",
     "Värdet börjar med ett tecken som inte får inleda en text utan citattecken (t.ex. @ eller `). "
     "Sätt värdet inom citattecken."),
    ("found unexpected end of stream",
     "Ett citattecken öppnas men stängs aldrig. Avsluta texten med samma sorts citattecken."),
    ("unknown escape",
     "Okänd kod efter bakstreck (\\) i en text inom dubbla citattecken. Skriv \\\\ för ett bakstreck, "
     "eller använd enkla citattecken."),
    ("hexdecimal number", "En \\x-, \\u- eller \\U-kod i texten har fel antal siffror. Skriv tecknet som det är."),
    ("hexadecimal number", "En \\x-, \\u- eller \\U-kod i texten har fel antal siffror. Skriv tecknet som det är."),
    ("invalid Unicode character escape",
     "En \\u- eller \\U-kod i texten betecknar inget tecken. Skriv tecknet som det är."),
    ("expected ',' or ']'", "En lista inom [ ] avslutas inte: saknas ']' eller ett kommatecken?"),
    ("expected ',' or '}'", "En grupp inom { } avslutas inte: saknas '}' eller ett kommatecken?"),
    ("document indicator",
     "'---' eller '...' i början av en rad inne i en text. Dra in raden eller sätt texten inom citattecken."),
    ("expected <document start>",
     "Raden passar inte in efter fälten ovanför. Kontrollera indraget och att raden börjar med 'namn:' eller '- '."),
    ("alphabetic or numeric character",
     "Tecknen &, * och ! har särskild betydelse i början av ett värde. Sätt värdet inom citattecken."),
    ("tag handle", "Tecknet ! har särskild betydelse i början av ett värde. Sätt värdet inom citattecken."),
    ("expected comment or line break",
     "Text efter ett avslutat värde på samma rad (t.ex. efter ett slutcitattecken). "
     "Flytta texten innanför citattecknen eller ta bort den."),
    ("indentation indicator", "Fel efter '|' eller '>': skriv '>-' och texten indragen på raderna under."),
    ("tab", "Tabbtecken är inte tillåtna för indrag i YAML. Använd mellanslag."),
)


def syntax_message(exc: yaml.MarkedYAMLError, text: str, line: int) -> str:
    """A Swedish explanation of a YAML syntax error at `line`, without libyaml's English."""
    source = text.splitlines()
    line_text = source[line - 1] if 0 < line <= len(source) else ""
    before = _previous_line(source, line)
    stripped = line_text.strip()
    if stripped.startswith("-") and before is not None and before.rstrip().endswith(("[]", "{}")):
        name = characters.escape(before.split(":")[0].strip())[:40] or "fältet"
        empty = before.rstrip()[-2:]
        return (
            f"Punkterna står under '{name}: {empty}', men '{empty}' betyder en tom lista som redan är avslutad. "
            f"Ta bort '{empty}' så att raden ovanför bara är '{name}:'."
        )
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip(" \t"))]:
        return "Tabbtecken är inte tillåtna för indrag i YAML. Använd mellanslag."
    problem = f"{exc.problem or ''} {exc.context or ''}"
    for needle, message in _PROBLEMS:
        if needle in problem:
            return message
    return GENERIC_SYNTAX


def _previous_line(source: list[str], line: int) -> str | None:
    """The nearest line above `line` that is neither blank nor a comment."""
    for index in range(min(line - 1, len(source)) - 1, -1, -1):
        candidate = source[index].strip()
        if candidate and not candidate.startswith("#"):
            return source[index]
    return None
