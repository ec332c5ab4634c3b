"""Update a series from Kolada: `python -m scripts.import_kolada --kpi N31807 --series NAME --years 2019-2024`,
or every series bound to a KPI: `python -m scripts.import_kolada --all [--years 2015-2026]`.

Fetches the KPI's publication calendar and its values for every municipality in
data/municipalities.yaml (or --municipalities a,b,c), and merges the values into data/series/NAME.csv
with source, retrieval date, publication date and whether the value is preliminary. The series must
belong to an indicator that declares the KPI (content/indicators/*.yaml, `sources: - kpi:`); its unit
sets the values allowed. Nothing is written unless every page of every KPI was fetched and every value
checked within one deadline (--deadline), and each file is replaced atomically. Every failure is a
Swedish message and exit status 1 (2 for bad arguments). Needs network; the tests run it on recorded
responses instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import NoReturn

from macros.content.models import Municipality, SeriesRow
from macros.kolada.client import (
    KPI_PATTERN,
    RUN_DEADLINE,
    Getter,
    KoladaError,
    fetch_kpi_meta,
    fetch_values,
    http_getter,
    merge,
    to_rows,
)
from macros.kolada.seriesfile import SeriesPathError, series_path, write_series
from macros.validation.loader import errors_only, load_content
from macros.validation.series_binding import BindingError, bind, kolada_source, source_conflicts

PROG = "import_kolada"
FIRST_YEAR, LAST_YEAR, MAX_YEARS = 1990, 2100, 50
ALL_YEARS = 10  # --all without --years: this year and the nine before it (Kolada revises recent years)
# argparse's own messages are English; these are the ones an editor can cause.
_ARGPARSE_WORDS = {
    "the following arguments are required": "dessa argument krävs",
    "unrecognized arguments": "okända argument",
    "expected one argument": "ett värde krävs",
    "invalid choice": "ogiltigt val",
}


class Refused(Exception):
    """The import is refused before anything is fetched or written; the message is Swedish."""


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # argparse's signature
        return super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for english, swedish in _ARGPARSE_WORDS.items():
            message = message.replace(english, swedish)
        self.print_usage(sys.stderr)
        self.exit(2, f"{PROG}: fel: {message}\n")


def parse_years(text: str) -> list[int]:
    """'2019-2024' or '2022,2023' -> years, within what a series may hold."""
    try:
        if re.fullmatch(r"\d{4}-\d{4}", text):
            first, last = (int(p) for p in text.split("-"))
            years = list(range(first, last + 1))
        elif re.fullmatch(r"\d{4}(,\d{4})*", text):
            years = sorted({int(p) for p in text.split(",")})
        else:
            raise ValueError
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} är inga år; skriv t.ex. 2019-2024 eller 2022,2023") from None
    if not years:
        raise argparse.ArgumentTypeError(f"{text!r}: första året är efter det sista")
    if years[0] < FIRST_YEAR or years[-1] > LAST_YEAR:
        raise argparse.ArgumentTypeError(f"{text!r}: åren ska ligga mellan {FIRST_YEAR} och {LAST_YEAR}")
    if len(years) > MAX_YEARS:
        raise argparse.ArgumentTypeError(f"{text!r}: högst {MAX_YEARS} år åt gången")
    return years


def _kpi(text: str) -> str:
    if not re.fullmatch(KPI_PATTERN, text):
        raise argparse.ArgumentTypeError(f"{text!r} är inget Kolada-nyckeltal; skriv t.ex. N31807")
    return text


def _seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 24 * 3600:
        raise argparse.ArgumentTypeError(f"{text!r}: ange antal sekunder, mer än 0 och högst 86400")
    return seconds


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Hämta ett nyckeltal från Kolada till en dataserie.", add_help=False,
                formatter_class=_Formatter)
    group = p.add_argument_group("argument")
    group.add_argument("--kpi", metavar="ID", type=_kpi, help="nyckeltalets id, t.ex. N31807")
    group.add_argument("--series", metavar="NAMN", help="filnamn i data/series/ utan .csv")
    group.add_argument("--all", action="store_true",
                       help="uppdatera alla dataserier vars indikator anger ett Kolada-nyckeltal (kpi: under sources)")
    group.add_argument("--years", metavar="ÅR", type=parse_years,
                       help=f"t.ex. 2019-2024 eller 2022,2023 (med --all: standard de senaste {ALL_YEARS} åren)")
    group.add_argument("--municipalities", metavar="KOMMUNER", help="kommunernas id, kommaseparerade (standard: alla)")
    group.add_argument("--root", metavar="MAPP", type=Path, default=Path("."), help="projektets rotkatalog")
    group.add_argument("--deadline", metavar="SEKUNDER", type=_seconds, default=RUN_DEADLINE,
                       help=f"längsta tid för hela hämtningen (standard {RUN_DEADLINE})")
    group.add_argument("-h", "--help", action="help", help="visa den här hjälpen")
    return p


def _load(root: Path, series_files: set[str]):
    """Content as the validator sees it; refused when a file the import relies on has errors."""
    content, problems = load_content(root)
    relied_on = {"data/municipalities.yaml", *series_files}
    broken_indicators = {f"content/indicators/{i}.yaml" for i in content.broken}
    mine = [p for p in errors_only(problems) if p.file in relied_on or p.file in broken_indicators]
    if mine:
        raise Refused("Rätta först felen i filerna som importen bygger på:\n" + "\n".join(p.text() for p in mine))
    return content


def _municipalities(content, wanted: str | None) -> list[Municipality]:
    known = list(content.municipalities.values())
    if not known:
        raise Refused("data/municipalities.yaml har inga kommuner.")
    if wanted is None:
        return known
    ids = [w.strip() for w in wanted.split(",") if w.strip()]
    unknown = [w for w in ids if w not in content.municipalities]
    if unknown or not ids:
        raise Refused(f"Okända kommuner i --municipalities: {', '.join(unknown) or '(inga angivna)'}. "
                      f"Tillåtet: {', '.join(content.municipalities)}.")
    return [m for m in known if m.id in ids]


def bound_series(content) -> list[tuple[str, str]]:
    """(series, KPI) for every series an indicator binds to a Kolada KPI, sorted by series."""
    pairs: set[tuple[str, str]] = set()
    for ind in content.indicators.values():
        for source in ind.sources:
            if source.kpi:
                pairs.add((ind.series, source.kpi))
    return sorted(pairs)


def _fetch(content, root: Path, series: str, kpi: str, years: list[int],
           municipalities: list[Municipality], get: Getter, today: dt.date) -> tuple[Path, list[SeriesRow], str]:
    """The merged rows for one series (nothing written yet) and the summary line."""
    path = series_path(root, series)
    series_file = f"data/series/{path.name}"
    binding = bind(content, series, kpi)
    existing = content.series.get(series, [])
    keys = {(m.id, y) for m in municipalities for y in years}
    conflicts = source_conflicts(existing, keys, kpi)
    if conflicts:
        listed = "\n  ".join(f"{r.municipality} {r.year}: {'saknas' if r.value is None else r.value}, källa "
                             f"{r.source!r}" for r in conflicts[:20])
        raise BindingError(f"{series_file} har redan rader från en annan källa än {kolada_source(kpi)!r} "
                           f"för kommuner och år som importen skulle skriva; de ersätts inte:\n  {listed}")
    values = fetch_values(kpi, [m.kolada_id for m in municipalities], years, get=get)
    meta = fetch_kpi_meta(kpi, get)  # the calendar that says which of these values are preliminary
    fresh = to_rows(values, municipalities, kpi, today, years, binding.unit, meta)
    merged = merge(existing, fresh)
    published = sum(r.value is not None for r in fresh)
    preliminary = sum(r.flag == "preliminary" for r in fresh)
    changed = "oförändrad" if merged == sorted(existing, key=lambda r: (r.municipality, r.year)) else "uppdaterad"
    line = (f"{series_file}: {published} värden hämtade ({preliminary} preliminära), {len(fresh) - published} saknas; "
            f"filen är {changed}. Källa: Kolada, {kpi}.")
    return path, merged, line


def run(args: argparse.Namespace, get: Getter, today: dt.date) -> str:
    """Do the import; returns the summary, raises a Swedish error for everything refused. Every
    series is fetched and checked before the first one is written."""
    if args.all:
        content = _load(args.root, set())
        pairs = bound_series(content)
        if not pairs:
            return "Ingen indikator anger ett Kolada-nyckeltal (kpi: under sources); inget att hämta."
        # Errors in the series files to be written refuse the run, as for one series.
        _load(args.root, {f"data/series/{series}.csv" for series, _ in pairs})
    else:
        content = _load(args.root, {f"data/series/{series_path(args.root, args.series).name}"})
        pairs = [(args.series, args.kpi)]
    years = args.years or list(range(today.year - ALL_YEARS + 1, today.year + 1))
    municipalities = _municipalities(content, args.municipalities)
    results = [_fetch(content, args.root, series, kpi, years, municipalities, get, today) for series, kpi in pairs]
    for path, rows, _line in results:
        write_series(path, rows)
    return "\n".join(line for _path, _rows, line in results)


def main(argv: list[str] | None = None, get: Getter | None = None, today: dt.date | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if args.all and (args.kpi is not None or args.series is not None):
        p.error("--all hämtar alla bundna dataserier; ange inte --kpi eller --series samtidigt")
    if not args.all and None in (args.kpi, args.series, args.years):
        p.error("ange --kpi, --series och --years, eller --all")
    try:
        print(run(args, get or http_getter(args.deadline), today or dt.date.today()))
        return 0
    except (Refused, KoladaError, BindingError, SeriesPathError) as exc:
        print(f"{PROG}: fel: {exc}\nDataserien har inte ändrats.", file=sys.stderr)
    except OSError as exc:  # reading or writing the project's files, e.g. a full disk
        print(f"{PROG}: fel: kunde inte läsa eller skriva {exc.filename or 'en fil'}: {exc.strerror or exc}.\n"
              "Dataserien har inte ändrats (den skrivs i ett svep eller inte alls).", file=sys.stderr)
    except KeyboardInterrupt:
        print(f"{PROG}: avbrutet. Dataserien är antingen oförändrad eller helt uppdaterad, aldrig halvskriven.",
              file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still no traceback for an editor, but the kind of error is named
        print(f"{PROG}: fel: något oväntat gick fel ({type(exc).__name__}: {exc}). Dataserien har inte ändrats. "
              "Rapportera felet till portalens utvecklare.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
