"""The Kolada importer never loses or corrupts a published value, and every failure is a Swedish message.

Each test builds a tiny synthetic project (two made-up municipalities, one indicator, one series) and
answers the importer's requests with responses made up in the test: no network, no live content.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import subprocess
import sys
import urllib.error
from pathlib import Path

import pytest

from macros.kolada import client as kolada
from macros.kolada.client import KoladaError
from scripts.import_kolada import main
from tests.conftest import ROOT

API = "https://api.kolada.se/v3/data/kpi/N31807/municipality/9991,9992/year/"
FIRST = API + "2023"
KPI_URL = "https://api.kolada.se/v3/kpi/N31807"
SERIES = "syntetisk-serie"
PUBLISHED = ("municipality,year,value,flag,source,fetched\n"
             "syn-a,2023,3.9,,\"Kolada, N31807\",2025-01-01\n"
             "syn-b,2023,4.0,,\"Kolada, N31807\",2025-01-01\n")

MUNICIPALITIES = """\
- id: syn-a
  name: Synkommun A
  kolada_id: "9991"
- id: syn-b
  name: Synkommun B
  kolada_id: "9992"
"""


def indicator(unit: str = "procent", kpi: str | None = "N31807", series: str = SERIES) -> str:
    kpi_line = f"    kpi: {kpi}\n" if kpi else ""
    return ("id: syntetisk-indikator\ntitle: Syntetisk indikator\n"
            "description: Syntetisk indikator för test, publiceras aldrig.\n"
            f"unit: {unit}\ndirection: lower\nhome: syn-a\n"
            f"series: {series}\nsources:\n  - title: Syntetisk källa\n{kpi_line}    licence: Endast för test\n")


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    """A project with just what the importer reads: municipalities, one indicator, its series."""
    root = tmp_path / "proj"
    (root / "data/series").mkdir(parents=True)
    (root / "content/indicators").mkdir(parents=True)
    (root / "data/municipalities.yaml").write_text(MUNICIPALITIES, encoding="utf-8")
    (root / "content/indicators/syntetisk-indikator.yaml").write_text(indicator(), encoding="utf-8")
    (root / f"data/series/{SERIES}.csv").write_text(PUBLISHED, encoding="utf-8")
    return root


def body(values: dict[str, object], next_url: str | None = None, year: int = 2023, raw: str | None = None) -> bytes:
    """A Kolada v3 page: one record per municipality code with the total `values[code]`."""
    records = [{"kpi": "N31807", "municipality": code, "period": year,
                "values": [{"gender": "T", "status": "", "value": "@V@", "count": 1}]}
               for code in values]
    text = json.dumps({"count": len(records), "values": records, "next_url": next_url})
    for value in values.values():  # literal JSON text, so NaN and 1e400 reach the parser as sent
        text = text.replace('"@V@"', raw if raw is not None else json.dumps(value), 1)
    return text.encode()


class Server:
    """Answers from a dict of URL -> body and records every URL asked; anything else is an error."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        self.pages = pages
        self.asked: list[str] = []

    def __call__(self, url: str) -> bytes:
        if url == KPI_URL and url not in self.pages:  # the KPI's calendar: none stated, so every value is final
            return json.dumps({"values": [{"id": "N31807", "publ_period": None}], "next_url": None}).encode()
        self.asked.append(url)
        if len(self.asked) > 20:  # a regression must fail the test, not hang it
            raise AssertionError("the importer keeps asking: a loop")
        if url not in self.pages:
            raise AssertionError(f"the importer asked for {url}")
        return self.pages[url]


def run(root: Path, get, *args: str, series: str = SERIES, years: str = "2023") -> int:
    return main(["--kpi", "N31807", "--series", series, "--years", years, "--root", str(root), *args],
                get=get, today=dt.date(2026, 11, 22))


def series_text(root: Path) -> str:
    return (root / f"data/series/{SERIES}.csv").read_text(encoding="utf-8")


def refused(capsys: pytest.CaptureFixture, *words: str) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and "fel:" in err and "Dataserien har inte ändrats" in err, err
    for word in words:
        assert word in err, err
    return err


def test_a_good_import_revises_and_keeps_the_file_valid(proj: Path) -> None:
    assert run(proj, Server({FIRST: body({"9991": 3.7, "9992": None})})) == 0
    text = series_text(proj)
    assert "syn-a,2023,3.7,revised" in text and "syn-b,2023,4.0,," in text  # missing never erases
    from macros.validation.loader import load_content

    problems = [p for p in load_content(proj)[1] if p.file.startswith("data/series")]
    assert problems == []


# --- 1. Values: only finite numbers within the unit's range -------------------------------------

@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"])
def test_non_finite_values_are_refused_and_the_published_value_stays(proj: Path, capsys, raw: str) -> None:
    assert run(proj, Server({FIRST: body({"9991": 0}, raw=raw)})) == 1
    refused(capsys, raw, "ändligt tal")
    assert series_text(proj) == PUBLISHED


@pytest.mark.parametrize(("unit", "value"),
                         [("procent", -0.5), ("procent", 100.5), ("antal", -1), ("procent", 10**400)])
def test_values_outside_the_units_range_are_refused(proj: Path, capsys, unit: str, value: float) -> None:
    (proj / "content/indicators/syntetisk-indikator.yaml").write_text(indicator(unit), encoding="utf-8")
    assert run(proj, Server({FIRST: body({"9991": 1.0, "9992": value})})) == 1
    refused(capsys, "syn-b 2023", unit)
    assert series_text(proj) == PUBLISHED


def test_kronor_may_be_negative(proj: Path) -> None:
    (proj / "content/indicators/syntetisk-indikator.yaml").write_text(indicator("kronor"), encoding="utf-8")
    (proj / f"data/series/{SERIES}.csv").write_text(PUBLISHED.split("\n")[0] + "\n", encoding="utf-8")
    assert run(proj, Server({FIRST: body({"9991": -1.5, "9992": 2})})) == 0
    assert "syn-a,2023,-1.5,," in series_text(proj)  # a number, not "'-1.5"


def test_validator_refuses_nan_and_out_of_range_values_in_a_series(proj: Path) -> None:
    from macros.validation.loader import errors_only, load_content

    path = proj / f"data/series/{SERIES}.csv"
    for bad in ("nan", "inf", "1e400", "-3", "101"):
        path.write_text(PUBLISHED.replace("3.9", bad), encoding="utf-8")
        problems = [p for p in errors_only(load_content(proj)[1]) if p.file == f"data/series/{SERIES}.csv"]
        assert problems and problems[0].field == "value", bad
        assert "ändligt" in problems[0].text() or "0 till 100" in problems[0].text(), problems[0].text()


# --- 2. Atomic writes ------------------------------------------------------------------------------

CHILD = """
import datetime as dt, resource, signal, sys
from scripts.import_kolada import main
root, page, limit = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, like a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
sys.exit(main(["--kpi", "N31807", "--series", "syntetisk-serie", "--years", "1990-2039", "--root", root],
              get=lambda url: b'{"values": [{"id": "N31807"}]}' if url.endswith("/v3/kpi/N31807") else page,
              today=dt.date(2026, 11, 22)))
"""


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="needs RLIMIT_FSIZE (Linux)")
def test_a_write_that_fails_part_way_leaves_the_old_file_whole(proj: Path) -> None:
    years = ",".join(str(y) for y in range(1990, 2040))
    page = body({"9991": 1.5}).decode().replace('"period": 2023', '"period": 1990')
    url = API + years
    assert kolada.data_urls("N31807", ["9991", "9992"], list(range(1990, 2040))) == [url]
    # The new file (100 rows) is far larger than the limit; the old one (3 lines) is smaller.
    result = subprocess.run([sys.executable, "-c", CHILD, str(proj), page, "1024"], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "filen blir större än systemet tillåter" in result.stderr, result.stderr
    assert series_text(proj) == PUBLISHED
    assert sorted(p.name for p in (proj / "data/series").iterdir()) == [f"{SERIES}.csv"]  # no temporary left


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(tmp_path: Path, monkeypatch) -> None:
    from macros.files import atomic

    target = tmp_path / "x.csv"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o644)

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    with pytest.raises(OSError):
        atomic.write_text_atomic(target, "new\n" * 1000)
    assert target.read_text(encoding="utf-8") == "old\n" and os.listdir(tmp_path) == ["x.csv"]
    monkeypatch.undo()
    atomic.write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n" and (target.stat().st_mode & 0o777) == 0o644


# --- 3. next_url: the API's own https origin, same query, bounded, no loops -------------------------

@pytest.mark.parametrize("bad", [
    "file:///etc/passwd",
    "http://api.kolada.se/v3/data/kpi/N31807/municipality/9991,9992/year/2023?page=2",
    "https://evil.example/v3/data/kpi/N31807/municipality/9991,9992/year/2023?page=2",
    "https://api.kolada.se.evil.example/v3/data/kpi/N31807/municipality/9991,9992/year/2023",
    "https://api.kolada.se@evil.example/v3/data/kpi/N31807/municipality/9991,9992/year/2023",
    "https://api.kolada.se:8443/v3/data/kpi/N31807/municipality/9991,9992/year/2023?page=2",
    "https://api.kolada.se/v3/data/kpi/N99999/municipality/9991,9992/year/2023?page=2",
    "https://api.kolada.se/v3/data/kpi/N31807/municipality/9991,9992/year/2023?page=2 x",
])
def test_next_url_outside_the_api_or_query_is_never_followed(proj: Path, capsys, bad: str) -> None:
    server = Server({FIRST: body({"9991": 3.7}, next_url=bad)})
    assert run(proj, server) == 1
    assert server.asked == [FIRST]
    refused(capsys, "följer den inte" if "N99999" in bad else "Koladas API")
    assert series_text(proj) == PUBLISHED


def test_a_next_url_pointing_at_itself_or_back_is_a_loop(proj: Path, capsys) -> None:
    second = FIRST + "?page=2"
    for pages in ({FIRST: body({"9991": 3.7}, next_url=FIRST)},
                  {FIRST: body({"9991": 3.7}, next_url=second), second: body({"9992": 3.8}, next_url=FIRST)}):
        server = Server(pages)
        assert run(proj, server) == 1
        refused(capsys, "redan hämtats")
        assert len(server.asked) == len(pages)
    assert series_text(proj) == PUBLISHED


def test_endless_distinct_pages_stop_at_the_page_limit(proj: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(kolada, "MAX_PAGES", 5)

    class Endless:
        asked = 0

        def __call__(self, url: str) -> bytes:
            self.asked += 1
            assert self.asked <= 20, "no page limit"
            return body({"9991": 3.7}, next_url=f"{FIRST}?page={self.asked + 1}")

    get = Endless()
    assert run(proj, get) == 1
    refused(capsys, "fler än 5 sidor")
    assert get.asked == 5 and series_text(proj) == PUBLISHED


def test_redirects_and_direct_requests_stay_on_the_api_origin() -> None:
    import urllib.request

    handler = kolada._SameOriginRedirects()
    request = urllib.request.Request(FIRST)
    for target in ("file:///etc/passwd", "https://evil.example/v3/x", "http://api.kolada.se/v3/x"):
        with pytest.raises(KoladaError):
            handler.redirect_request(request, None, 302, "Found", {}, target)
        with pytest.raises(KoladaError):
            kolada.http_get(target)
    assert handler.redirect_request(request, None, 302, "Found", {}, FIRST + "?page=1") is not None
    opener = kolada._opener()
    assert not any(isinstance(h, (urllib.request.FileHandler, urllib.request.FTPHandler, urllib.request.DataHandler))
                   for h in opener.handlers)


# --- 4. Paths confined to data/series/ --------------------------------------------------------------

@pytest.mark.parametrize("name", ["../../x", "../x", "a/b", "/tmp/x", "X", ".hidden", "x.csv", "", "a" * 81])
def test_series_names_are_slugs(proj: Path, capsys, name: str) -> None:
    before = sorted(p.relative_to(proj.parent) for p in proj.parent.rglob("*"))
    assert run(proj, Server({}), series=name) == 1
    refused(capsys, "Ogiltigt namn på dataserien")
    assert sorted(p.relative_to(proj.parent) for p in proj.parent.rglob("*")) == before


def test_symlinks_are_refused(proj: Path, tmp_path: Path, capsys) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text(PUBLISHED, encoding="utf-8")
    link = proj / f"data/series/{SERIES}.csv"
    link.unlink()
    link.symlink_to(outside)
    assert run(proj, Server({FIRST: body({"9991": 3.7})})) == 1
    refused(capsys, "symbolisk länk")
    assert outside.read_text(encoding="utf-8") == PUBLISHED and link.is_symlink()

    link.unlink()
    (proj / "data/series").rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (proj / "data/series").symlink_to(elsewhere)
    assert run(proj, Server({FIRST: body({"9991": 3.7})})) == 1
    refused(capsys, "symbolisk länk")
    assert list(elsewhere.iterdir()) == []


# --- 5. A series holds one measure: its indicator's KPI ----------------------------------------------

ADULT_SHARE = ("municipality,year,value,flag,source,fetched\n"
               "syn-a,2023,,missing,Inte med i den syntetiska sammanställningen,\n"
               "syn-b,2023,3.0,,Syntetisk sammanställning (vuxna 18+),\n")


def test_a_series_whose_indicator_declares_no_kpi_refuses_every_kpi(proj: Path, capsys) -> None:
    """Like the shipped adult-share series: sourced from another publisher, not from a Kolada KPI."""
    (proj / "content/indicators/syntetisk-indikator.yaml").write_text(indicator(kpi=None), encoding="utf-8")
    (proj / f"data/series/{SERIES}.csv").write_text(ADULT_SHARE, encoding="utf-8")
    server = Server({FIRST: body({"9991": 3.7, "9992": 3.8})})
    assert run(proj, server) == 1
    refused(capsys, "anger inget Kolada-nyckeltal", "inte bunden till N31807")
    assert server.asked == [] and series_text(proj) == ADULT_SHARE


def test_another_kpi_is_refused(proj: Path, capsys) -> None:
    (proj / "content/indicators/syntetisk-indikator.yaml").write_text(indicator(kpi="N00001"), encoding="utf-8")
    header_only = PUBLISHED.split("\n")[0] + "\n"
    (proj / f"data/series/{SERIES}.csv").write_text(header_only, encoding="utf-8")
    assert run(proj, Server({})) == 1
    refused(capsys, "anger Kolada-nyckeltalet N00001")
    assert series_text(proj) == header_only


def test_a_series_no_indicator_uses_is_refused(proj: Path, capsys) -> None:
    assert run(proj, Server({}), series="ny-serie") == 1
    refused(capsys, "Ingen indikator", "kpi: N31807")
    assert not (proj / "data/series/ny-serie.csv").exists()


def test_rows_from_another_source_are_never_replaced(proj: Path, capsys) -> None:
    (proj / f"data/series/{SERIES}.csv").write_text(ADULT_SHARE, encoding="utf-8")  # indicator says N31807
    assert run(proj, Server({FIRST: body({"9991": 3.7, "9992": 3.8})})) == 1
    refused(capsys, "annan källa", "syn-b 2023: 3.0")
    assert series_text(proj) == ADULT_SHARE


def test_validator_reports_rows_from_an_undeclared_kpi(proj: Path) -> None:
    from macros.validation.loader import errors_only, load_content

    (proj / f"data/series/{SERIES}.csv").write_text(PUBLISHED.replace("N31807", "N00001"), encoding="utf-8")
    problems = [p for p in errors_only(load_content(proj)[1]) if p.field == "source"]
    assert len(problems) == 1 and "N00001" in problems[0].message and "2 rad(er)" in problems[0].message


# --- 6. Every failure a Swedish message, never a traceback --------------------------------------------

@pytest.mark.parametrize(("page", "words"), [
    (b"{", "inte giltig JSON"),
    (b"<html>Service Unavailable</html>", "inte giltig JSON"),
    (b"\xff\xfe", "UTF-8"),
    (b"[]", "ett JSON-objekt"),
    (b'{"values": {}}', "values ska vara en lista"),
    (b'{"values": [{"municipality": "9991", "values": []}]}', "period ska vara ett årtal"),
    (b'{"values": [{"municipality": 9991, "period": 2023, "values": []}]}', "kommunkod"),
    (b'{"values": [{"municipality": "9991", "period": 2023, "values": [{"gender": "T", "value": "3.9"}]}]}',
     "ett tal eller null"),
    (b'{"values": [{"kpi": "N00001", "municipality": "9991", "period": 2023, "values": []}]}', "N31807"),
    (b'{"values": [], "next_url": 5}', "next_url"),
    (b'{"values": [{"municipality": "9991", "period": 2023, "values": [{"gender": "T", "value": 1}, '
     b'{"gender": "T", "value": 2}]}]}', "ett totalvärde"),
    (b"[" * 100_000 + b"]" * 100_000, "inte giltig JSON"),
])
def test_malformed_responses(proj: Path, capsys, page: bytes, words: str) -> None:
    assert run(proj, Server({FIRST: page})) == 1
    refused(capsys, words)
    assert series_text(proj) == PUBLISHED


def test_two_different_values_for_one_year_are_refused(proj: Path, capsys) -> None:
    second = FIRST + "?page=2"
    pages = {FIRST: body({"9991": 3.7}, next_url=second), second: body({"9991": 3.8})}
    assert run(proj, Server(pages)) == 1
    refused(capsys, "två olika värden")


class Opener:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def open(self, request, timeout):
        raise self.exc


@pytest.mark.parametrize(("exc", "words"), [
    (urllib.error.URLError(OSError(-3, "Temporary failure in name resolution")), "Kunde inte nå Kolada"),
    (urllib.error.URLError(TimeoutError("timed out")), "inte inom 30 sekunder"),
    (TimeoutError("timed out"), "inte inom 30 sekunder"),
    (urllib.error.HTTPError(FIRST, 503, "Service Unavailable", {}, None), "HTTP-status 503"),
    (http.client.RemoteDisconnected("closed"), "Anslutningen till Kolada bröts"),
    (http.client.IncompleteRead(b"{"), "Anslutningen till Kolada bröts"),
    (ConnectionResetError(104, "Connection reset by peer"), "Anslutningen till Kolada bröts"),
])
def test_network_failures_through_the_real_getter(proj: Path, capsys, monkeypatch, exc, words: str) -> None:
    monkeypatch.setattr(kolada, "_opener", lambda: Opener(exc))
    assert main(["--kpi", "N31807", "--series", SERIES, "--years", "2023", "--root", str(proj)]) == 1
    refused(capsys, words)
    assert series_text(proj) == PUBLISHED


def test_an_oversized_response_is_refused(monkeypatch) -> None:
    class Response:
        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            return None

        def read(self, size: int) -> bytes:
            return b" " * size

    class Big:
        def open(self, request, timeout):
            return Response()

    monkeypatch.setattr(kolada, "_opener", lambda: Big())
    with pytest.raises(KoladaError, match="större än"):
        kolada.http_get(FIRST)


def test_an_unexpected_error_is_still_a_swedish_message(proj: Path, capsys) -> None:
    def broken(url: str) -> bytes:
        raise RuntimeError("bug")

    assert run(proj, broken) == 1
    refused(capsys, "oväntat", "RuntimeError")


@pytest.mark.parametrize(("args", "words"), [
    (["--years", "2024-2019"], "första året är efter det sista"),
    (["--years", "tjugo"], "inga år"),
    (["--years", "1800-1801"], "mellan 1990 och 2100"),
    (["--kpi", "N31807/../../x"], "inget Kolada-nyckeltal"),
    (["--bogus"], "okända argument"),
])
def test_bad_arguments(proj: Path, capsys, args: list[str], words: str) -> None:
    base = {"--kpi": "N31807", "--series": SERIES, "--years": "2023", "--root": str(proj)}
    argv = [x for k, v in base.items() if k not in args for x in (k, v)] + args
    with pytest.raises(SystemExit) as exit_info:
        main(argv, get=Server({}))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and "användning:" in err, err


def test_unknown_municipalities_and_broken_files_are_refused(proj: Path, capsys) -> None:
    assert run(proj, Server({}), "--municipalities", "syn-a,okand") == 1
    refused(capsys, "okand", "syn-a, syn-b")
    (proj / f"data/series/{SERIES}.csv").write_text(PUBLISHED + "syn-a,2024,tre,,x,\n", encoding="utf-8")
    assert run(proj, Server({})) == 1
    refused(capsys, f"data/series/{SERIES}.csv:4")
    (proj / "data/municipalities.yaml").write_text("- id: [\n", encoding="utf-8")
    assert run(proj, Server({})) == 1
    refused(capsys, "data/municipalities.yaml")
