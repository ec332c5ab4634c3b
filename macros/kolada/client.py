"""Kolada API v3 importer: fetch a KPI for many municipalities and years into a series CSV.

The HTTP call is injected (`get`, returning the response body), so tests run on recorded responses
and nothing is fetched at build or test time. Everything that can go wrong raises KoladaError with a
Swedish message; nothing is written until every page has been fetched and checked.

Publication metadata: Kolada's KPI record (`/v3/kpi/<id>`) gives `publ_period` (the period it
publishes next, or last), `prel_publication_date` (when preliminary values for that period come
out) and `publication_date` (when they become final). `publication()` turns these into a value's
state on the day it is retrieved; see DESIGN and README, "Kolada importer".
"""

from __future__ import annotations

import datetime as dt
import functools
import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from macros.content.models import Municipality, SeriesRow
from macros.content.units import allowed_text, value_problem
from macros.validation.series_binding import kolada_source

ORIGIN = "https://api.kolada.se"
API = f"{ORIGIN}/v3"
BATCH = 25  # municipality ids per request; keeps URLs short and pages few
MAX_PAGES = 100  # per batch; a real answer is one or two pages, so more means a server loop
MAX_BYTES = 20 * 1024 * 1024  # one page; a real page is well under 1 MB
TIMEOUT = 30  # seconds to wait for any single read
RUN_DEADLINE = 600  # seconds for the whole run: every page of every KPI (issue 24: a trickle must not hang it)
CHUNK = 64 * 1024  # bytes per read; the deadline is checked between reads
KPI_PATTERN = r"^[A-Z]\d{5}$"  # Kolada KPI ids: N31807, U00405
Getter = Callable[[str], bytes | str]


class KoladaError(Exception):
    """The import cannot go on; the message is Swedish and says what was wrong."""


@dataclass(frozen=True)
class KoladaValue:
    """The total (gender 'T') for one municipality code and year; value None when Kolada has none."""

    code: str
    year: int
    value: float | int | None
    where: str  # URL and JSON path, for messages
    status: str = ""  # Kolada's status text on the value ('' for an ordinary value)


@dataclass(frozen=True)
class KpiMeta:
    """A KPI's publication calendar as Kolada states it (all optional: older KPIs lack dates)."""

    kpi: str
    publ_period: int | None = None
    prel_publication_date: dt.date | None = None
    publication_date: dt.date | None = None


class Deadline:
    """One time limit for a whole run; `clock` is injectable for tests."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self.clock = seconds, clock
        self.end = clock() + seconds

    def remaining(self) -> float:
        return self.end - self.clock()

    def error(self, url: str) -> KoladaError:
        return KoladaError(f"Importen blev inte klar inom {self.seconds:g} sekunder (senast {url}); Kolada svarar "
                           "för långsamt. Försök igen senare, eller ge importen mer tid med --deadline SEKUNDER.")

    def check(self, url: str) -> float:
        """The seconds left, or KoladaError when none are."""
        left = self.remaining()
        if left <= 0:
            raise self.error(url)
        return left


def check_url(url: str, path: str | None = None) -> None:
    """Refuse any URL outside the API's own https origin (and, for a next page, outside `path`)."""
    parts = urllib.parse.urlsplit(url) if re.fullmatch(r"[!-~]+", url) else None
    if parts is None or parts.scheme != "https" or parts.netloc.lower() != "api.kolada.se" \
            or not parts.path.startswith("/v3/"):
        raise KoladaError(f"Adressen {url!r} ligger inte hos Koladas API; importen hämtar bara från {API}/.")
    if path is not None and parts.path != path:
        raise KoladaError(f"Nästa sida ({url}) gäller en annan fråga än {ORIGIN}{path}; importen följer den inte.")


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # urllib's signature
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # Only https (plus proxies and redirects, both checked): no file:, ftp: or data: handlers.
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPSHandler(), _SameOriginRedirects(),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _set_read_timeout(response: Any, seconds: float) -> None:
    # A read waits at most this long for its next bytes, so one read never outlasts the deadline.
    # http.client keeps the socket behind its buffered reader; without it the per-read TIMEOUT holds.
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.01))


def _read_body(response: Any, url: str, deadline: Deadline) -> bytes:
    """The body in bounded reads, checking the run's deadline before each one."""
    chunks: list[bytes] = []
    size = 0
    read = getattr(response, "read1", None) or response.read
    while True:
        _set_read_timeout(response, min(TIMEOUT, deadline.check(url)))
        chunk = read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_BYTES:
            raise KoladaError(f"Svaret från Kolada är större än {MAX_BYTES // (1024 * 1024)} MB ({url}).")
        chunks.append(chunk)


def http_get(url: str, deadline: Deadline | None = None,
             opener: Callable[[], urllib.request.OpenerDirector] | None = None,
             check: Callable[[str], None] | None = None) -> bytes:
    """The body of `url`, or KoladaError for every network failure or when the deadline has passed
    (used by the CLI; `opener` and `check` are replaceable only so a test can use a local server)."""
    (check or check_url)(url)  # looked up at call time, like _opener below
    deadline = deadline or Deadline(RUN_DEADLINE)
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with (opener or _opener)().open(request, timeout=min(TIMEOUT, deadline.check(url))) as response:
            body = _read_body(response, url, deadline)
    except urllib.error.HTTPError as exc:
        raise KoladaError(f"Kolada svarade med HTTP-status {exc.code} ({exc.reason}) på {url}.") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise _timeout(url, deadline) from None
        raise KoladaError(f"Kunde inte nå Kolada ({url}). Kontrollera nätverket. Orsak: {exc.reason}.") from None
    except TimeoutError:
        raise _timeout(url, deadline) from None
    except (http.client.HTTPException, OSError) as exc:
        raise KoladaError(f"Anslutningen till Kolada bröts ({url}). Orsak: {exc!r}.") from None
    return body


def _timeout(url: str, deadline: Deadline) -> KoladaError:
    if deadline.remaining() < 1:  # the read was cut short by the run's deadline, not by a silent server
        return deadline.error(url)
    return KoladaError(f"Kolada svarade inte inom {TIMEOUT} sekunder ({url}). Försök igen senare.")


def http_getter(seconds: float = RUN_DEADLINE) -> Getter:
    """A getter sharing one deadline across every request of a run."""
    return functools.partial(http_get, deadline=Deadline(seconds))


def batches(items: list[str], size: int | None = None) -> Iterable[list[str]]:
    size = size or BATCH  # read at call time, so the batch size can be changed
    for start in range(0, len(items), size):
        yield items[start:start + size]


def data_urls(kpi: str, kolada_ids: list[str], years: list[int]) -> list[str]:
    year_part = ",".join(str(y) for y in sorted(years))
    return [f"{API}/data/kpi/{kpi}/municipality/{','.join(batch)}/year/{year_part}" for batch in batches(kolada_ids)]


class _NotFinite(ValueError):
    pass


def _finite_float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):  # e.g. 1e400
        raise _NotFinite(text)
    return number


def _no_constant(text: str) -> float:  # NaN, Infinity, -Infinity: not JSON, but Python would accept them
    raise _NotFinite(text)


def parse_page(body: bytes | str, url: str) -> Any:
    """The JSON of one response; NaN, Infinity and numbers too large for a float are refused here."""
    try:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        return json.loads(text, parse_float=_finite_float, parse_constant=_no_constant)
    except _NotFinite as exc:
        raise KoladaError(f"Svaret från Kolada ({url}) innehåller talet {exc}, som inte är ett ändligt tal.") from None
    except UnicodeDecodeError:
        raise KoladaError(f"Svaret från Kolada ({url}) är inte UTF-8-text.") from None
    except (ValueError, RecursionError) as exc:
        raise KoladaError(f"Svaret från Kolada ({url}) är inte giltig JSON: {exc}.") from None


def _shape(url: str, where: str, expected: str, got: Any) -> KoladaError:
    shown = json.dumps(got, ensure_ascii=False, default=str)
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    return KoladaError(f"Oväntat svar från Kolada ({url}): {where or 'svaret'} ska vara {expected}, men är {shown}.")


def page_values(page: Any, url: str, kpi: str) -> tuple[list[KoladaValue], str | None]:
    """The totals on one page and the next page's URL, after checking the page's shape."""
    if not isinstance(page, dict):
        raise _shape(url, "", "ett JSON-objekt", page)
    records, next_url = page.get("values"), page.get("next_url")
    if not isinstance(records, list):
        raise _shape(url, "values", "en lista", records)
    if next_url is not None and not isinstance(next_url, str):
        raise _shape(url, "next_url", "en adress eller null", next_url)
    found = []
    for i, record in enumerate(records):
        at = f"values[{i}]"
        if not isinstance(record, dict):
            raise _shape(url, at, "ett objekt", record)
        if "kpi" in record and record["kpi"] != kpi:
            raise _shape(url, f"{at}.kpi", f"{kpi!r} (nyckeltalet som begärdes)", record["kpi"])
        code, period, genders = record.get("municipality"), record.get("period"), record.get("values")
        if not isinstance(code, str) or not re.fullmatch(r"\d{4}", code):
            raise _shape(url, f"{at}.municipality", "en kommunkod med fyra siffror", code)
        if isinstance(period, bool) or not isinstance(period, int) or not 1990 <= period <= 2100:
            raise _shape(url, f"{at}.period", "ett årtal", period)
        if not isinstance(genders, list):
            raise _shape(url, f"{at}.values", "en lista", genders)
        totals = []
        for j, entry in enumerate(genders):
            if not isinstance(entry, dict):
                raise _shape(url, f"{at}.values[{j}]", "ett objekt", entry)
            value = entry.get("value")
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise _shape(url, f"{at}.values[{j}].value", "ett tal eller null", value)
            status = entry.get("status")
            if status is not None and not isinstance(status, str):
                raise _shape(url, f"{at}.values[{j}].status", "en text eller null", status)
            if entry.get("gender") == "T":
                totals.append((j, value, status or ""))
        if len(totals) > 1:
            raise _shape(url, f"{at}.values", "en lista med ett totalvärde (gender 'T')", genders)
        j, value, status = totals[0] if totals else (None, None, "")
        where = f"{url} {at}" + (f".values[{j}].value" if j is not None else "")
        found.append(KoladaValue(code, period, value, where, status))
    return found, next_url or None


def fetch_values(kpi: str, kolada_ids: list[str], years: list[int], get: Getter) -> list[KoladaValue]:
    """Every total for the KPI, following `next_url` only within the API and the same query."""
    if not re.fullmatch(KPI_PATTERN, kpi):
        raise KoladaError(f"Ogiltigt nyckeltal {kpi!r}: ett Kolada-id är en versal och fem siffror, t.ex. N31807.")
    values: list[KoladaValue] = []
    for url in data_urls(kpi, kolada_ids, years):
        path = urllib.parse.urlsplit(url).path
        seen: set[str] = set()
        next_url: str | None = url
        while next_url:
            check_url(next_url, path)
            if next_url in seen:
                raise KoladaError(f"Kolada hänvisar tillbaka till en sida som redan hämtats ({next_url}); "
                                  "importen avbryts i stället för att hämta i all oändlighet.")
            if len(seen) == MAX_PAGES:
                raise KoladaError(f"Kolada gav fler än {MAX_PAGES} sidor för {url}; importen avbryts.")
            seen.add(next_url)
            page_found, next_url = page_values(parse_page(get(next_url), next_url), next_url, kpi)
            values.extend(page_found)
    return values


def kpi_url(kpi: str) -> str:
    return f"{API}/kpi/{kpi}"


def _date(text: Any, url: str, where: str) -> dt.date | None:
    if text is None or text == "":
        return None
    if isinstance(text, str):
        try:
            return dt.date.fromisoformat(text[:10])  # Kolada may add a time of day
        except ValueError:
            pass
    raise _shape(url, where, "ett datum ÅÅÅÅ-MM-DD eller null", text)


def kpi_meta(page: Any, url: str, kpi: str) -> KpiMeta:
    """The publication calendar in the KPI's metadata record, after checking its shape."""
    if not isinstance(page, dict) or not isinstance(page.get("values"), list):
        raise _shape(url, "values", "en lista", page.get("values") if isinstance(page, dict) else page)
    records = [r for r in page["values"] if isinstance(r, dict) and r.get("id") == kpi]
    if len(records) != 1:
        raise KoladaError(f"Kolada beskriver inte nyckeltalet {kpi} ({url}); kontrollera id:t i indikatorns "
                          "'sources' (kpi:).")
    record = records[0]
    period = record.get("publ_period")
    if isinstance(period, str) and re.fullmatch(r"\d{4}", period):
        period = int(period)
    if period is not None and (isinstance(period, bool) or not isinstance(period, int) or not 1990 <= period <= 2100):
        raise _shape(url, "values[0].publ_period", "ett årtal eller null", period)
    return KpiMeta(kpi, period, _date(record.get("prel_publication_date"), url, "values[0].prel_publication_date"),
                   _date(record.get("publication_date"), url, "values[0].publication_date"))


def fetch_kpi_meta(kpi: str, get: Getter) -> KpiMeta:
    if not re.fullmatch(KPI_PATTERN, kpi):
        raise KoladaError(f"Ogiltigt nyckeltal {kpi!r}: ett Kolada-id är en versal och fem siffror, t.ex. N31807.")
    url = kpi_url(kpi)
    check_url(url)
    return kpi_meta(parse_page(get(url), url), url, kpi)


def publication(meta: KpiMeta | None, year: int, status: str, today: dt.date) -> tuple[bool, dt.date | None]:
    """Whether a value Kolada gives for `year` is preliminary on `today`, and its publication date
    when Kolada states it. Kolada's calendar concerns one period (publ_period): its values are
    preliminary from prel_publication_date and final from publication_date. A value for a later
    period than that is not final yet; one for an earlier period is final (its date is not stated).
    A status text that says 'prel' marks a value preliminary whatever the calendar says."""
    said_preliminary = "prel" in status.lower()
    if meta is None or meta.publ_period is None:
        return said_preliminary, None
    if year > meta.publ_period:
        return True, None
    if year < meta.publ_period:
        return said_preliminary, None
    final, prel = meta.publication_date, meta.prel_publication_date
    if final is not None and final <= today and not said_preliminary:
        return False, final
    return True, prel if prel is not None and prel <= today else None


def to_rows(values: list[KoladaValue], municipalities: list[Municipality], kpi: str, fetched: dt.date,
            years: list[int], unit: str, meta: KpiMeta | None = None) -> list[SeriesRow]:
    """One row per municipality and year asked for; missing where Kolada has none. A value Kolada
    has not published as final yet is flagged 'preliminary'; `published` is Kolada's date when known.

    Every value must be a finite number within the unit's range, and a municipality and year may
    have only one value: otherwise nothing is returned and KoladaError lists every bad value."""
    by_code = {m.kolada_id: m for m in municipalities}
    wanted = set(years)
    found: dict[tuple[str, int], KoladaValue] = {}
    bad: list[str] = []
    for item in values:
        muni = by_code.get(item.code)
        if muni is None or item.year not in wanted:
            continue  # not asked for
        key = (muni.id, item.year)
        if item.value is not None and (reason := value_problem(unit, item.value)):
            bad.append(f"{muni.id} {item.year}: {item.value!r}: {reason} ({item.where})")
        elif key in found and found[key].value != item.value:
            bad.append(f"{muni.id} {item.year}: två olika värden, {found[key].value!r} och {item.value!r} "
                       f"({item.where})")
        found[key] = item
    if bad:
        raise KoladaError(f"Kolada gav värden som inte kan publiceras; tillåtet är {allowed_text(unit)}:\n  "
                          + "\n  ".join(bad))
    rows = []
    source = kolada_source(kpi)
    for muni in municipalities:
        for year in sorted(wanted):
            item = found.get((muni.id, year))
            value = float(item.value) if item is not None and item.value is not None else None
            if value is None:
                rows.append(SeriesRow(municipality=muni.id, year=year, value=None, flag="missing", source=source,
                                      fetched=fetched))
                continue
            preliminary, published = publication(meta, year, item.status if item else "", fetched)
            rows.append(SeriesRow(municipality=muni.id, year=year, value=value,
                                  flag="preliminary" if preliminary else "", source=source, fetched=fetched,
                                  published=published))
    return rows


def _same(a: SeriesRow, b: SeriesRow) -> bool:
    """Equal but for the retrieval date: such a row is kept as it was, so a run with nothing new
    changes no file (and opens no pull request)."""
    return a.model_dump(exclude={"fetched"}) == b.model_dump(exclude={"fetched"})


def merge(existing: list[SeriesRow], fresh: list[SeriesRow]) -> list[SeriesRow]:
    """Fresh values replace old ones for the same municipality and year. A final value that differs
    from the published one is flagged 'revised' (Kolada revises without notice); a preliminary value
    stays 'preliminary' however often it changes. A fresh 'missing' never erases a published value,
    and a row with nothing new keeps its old retrieval date."""
    merged = {(r.municipality, r.year): r for r in existing}
    for row in fresh:
        old = merged.get((row.municipality, row.year))
        if old is not None and old.value is not None and row.value is None:
            continue
        if old is not None and old.value is not None and row.flag == "" and old.value != row.value:
            row = row.model_copy(update={"flag": "revised"})
        elif old is not None and old.flag == "revised" and row.flag == "" and old.value == row.value:
            row = row.model_copy(update={"flag": "revised"})  # still the revised figure
        if old is not None and _same(old, row):
            continue
        merged[(row.municipality, row.year)] = row
    return sorted(merged.values(), key=lambda r: (r.municipality, r.year))
