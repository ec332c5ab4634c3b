"""Issue 24: one deadline for the whole import, checked while reading, against a local server that
trickles its answer (127.0.0.1 only; every test is bounded in time)."""

from __future__ import annotations

import http.server
import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest

from macros.kolada import client as kolada


class _Trickle(http.server.BaseHTTPRequestHandler):
    """Announces a body of `length` bytes and sends one byte every `pause` seconds."""

    length = 40
    pause = 0.25
    stop = threading.Event()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(self.length))
        self.end_headers()
        for _ in range(self.length):
            if self.stop.wait(self.pause):
                return
            try:
                self.wfile.write(b" ")
                self.wfile.flush()
            except OSError:  # the client gave up, as it should
                return

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def trickle() -> Iterator[str]:
    _Trickle.stop = threading.Event()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    server.daemon_threads = True
    # A short poll interval: shutdown() waits for the loop to look up (0.5 s by default).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v3/data"
    finally:
        _Trickle.stop.set()
        server.shutdown()
        server.server_close()


def _local_get(deadline: kolada.Deadline):
    # The local server speaks plain http; the origin check is for Kolada's address and is tested elsewhere.
    return lambda url: kolada.http_get(url, deadline=deadline, opener=urllib.request.build_opener,
                                       check=lambda _url: None)


def test_a_trickling_server_stops_at_the_runs_deadline(trickle: str) -> None:
    started = time.monotonic()
    with pytest.raises(kolada.KoladaError) as caught:
        _local_get(kolada.Deadline(0.6))(trickle)  # the answer would take 10 s, each byte well within TIMEOUT
    elapsed = time.monotonic() - started
    assert elapsed < 3, elapsed
    message = str(caught.value)
    assert "inte klar inom 0.6 sekunder" in message and trickle in message and "--deadline" in message


def test_the_deadline_is_shared_by_every_request_of_a_run(trickle: str) -> None:
    # About one second per answer: wide margins either side of the deadline on a busy machine.
    _Trickle.length = 4
    try:
        get = _local_get(kolada.Deadline(1.6))
        assert get(trickle) == b"    "  # the first answer fits in the deadline ...
        with pytest.raises(kolada.KoladaError, match="inte klar inom 1.6 sekunder"):
            get(trickle)  # ... the second does not: the clock was not reset
    finally:
        _Trickle.length, _Trickle.pause = 40, 0.25


def test_the_cli_getter_has_one_deadline() -> None:
    get = kolada.http_getter(5)
    assert get.keywords["deadline"].seconds == 5  # type: ignore[attr-defined]
    clock = iter([0.0, 6.0]).__next__
    with pytest.raises(kolada.KoladaError, match="inte klar inom 5 sekunder"):
        kolada.Deadline(5, clock=clock).check("https://api.kolada.se/v3/kpi/N31807")


def test_a_silent_server_stops_at_the_deadline_not_after_the_read_timeout(trickle: str) -> None:
    _Trickle.pause = 20  # headers, then nothing: each read would wait TIMEOUT (30 s) without the deadline
    try:
        started = time.monotonic()
        with pytest.raises(kolada.KoladaError, match="inte klar inom 0.6 sekunder"):
            _local_get(kolada.Deadline(0.6))(trickle)
        assert time.monotonic() - started < 3
    finally:
        _Trickle.pause = 0.25
