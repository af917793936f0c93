"""A loopback HTTP/1.1 proxy that injects network faults between a client and RT.

It runs its own asyncio loop in a background thread, so sync tests, async tests and Qt tests can
all use it the same way::

    with FaultProxy("127.0.0.1", rt.port) as proxy:
        proxy.mode = Fault.CUT_AFTER_REQUEST
        client = httpx.Client(base_url=proxy.url)   # instead of rt.url

Faults are decided per HTTP request (a kept-alive connection may carry several; each fault ends
its connection), so switching ``mode`` also affects connections a client keeps in its pool:

- ``PASS``: relay unchanged.
- ``CUT_BEFORE_REQUEST``: close the client connection before any byte of the request reaches RT.
- ``CUT_AFTER_REQUEST``: forward the whole request, wait until RT starts answering (so RT has
  processed and committed it), then drop the connection without relaying a byte of the response.
  The client cannot tell whether its write happened: the "ambiguous" failure.
- ``STALL``: forward the request, then hold the response for ``stall_seconds`` before relaying it
  (clients normally time out first).
- ``DRIP``: forward the request, then relay the response one byte every ``drip_seconds``: a server
  that never trips a per-read timeout.
- ``HTML_AFTER_REQUEST``: forward the request, wait until RT has processed it, then answer 200 with a
  captive portal's HTML page instead of RT's answer.
- ``HUGE_ANSWER``: forward the request, wait until RT has processed it, then answer 200 with
  ``huge_bytes`` of JSON-looking filler instead of RT's answer.
- ``FORBIDDEN_PAGE``: forward the request, wait until RT has processed it, then answer 403 with a
  proxy's HTML page instead of RT's answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import random
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

MAX_HEAD_BYTES = 64 * 1024
RESPONSE_WAIT_SECONDS = 120.0


class Fault(enum.Enum):
    PASS = "pass"
    CUT_BEFORE_REQUEST = "cut_before_request"
    CUT_AFTER_REQUEST = "cut_after_request"
    STALL = "stall"
    DRIP = "drip"
    HTML_AFTER_REQUEST = "html_after_request"
    HUGE_ANSWER = "huge_answer"
    FORBIDDEN_PAGE = "forbidden_page"


# RT's own answer is swallowed; the proxy answers (or hangs up) in its place.
_SWALLOWED = (Fault.CUT_AFTER_REQUEST, Fault.HTML_AFTER_REQUEST, Fault.HUGE_ANSWER, Fault.FORBIDDEN_PAGE)
_PORTAL_PAGE = (b"<!DOCTYPE html><html><head><title>Hotel Wi-Fi</title></head><body><h1>Welcome!</h1>"
                b"<p>Please accept the terms of use to continue.</p></body></html>")


class _ClientGone(Exception):
    """The client closed its side (normal end of a kept-alive connection)."""


@dataclass
class _Exchange:
    """State shared by a connection's request loop and its response pump."""

    fault: Fault = Fault.PASS
    response_started: asyncio.Event = field(default_factory=asyncio.Event)


class FaultProxy:
    def __init__(
        self,
        upstream_host: str,
        upstream_port: int,
        *,
        mode: Fault = Fault.PASS,
        stall_seconds: float = 60.0,
        drip_seconds: float = 1.0,
        huge_bytes: int = 100 * 1024 * 1024,
        only_methods: tuple[str, ...] = (),
    ) -> None:
        """only_methods: apply faults only to requests with these methods (b"POST", ...); others pass."""
        self.upstream_host = upstream_host
        self.upstream_port = upstream_port
        self.stall_seconds = stall_seconds
        self.drip_seconds = drip_seconds
        self.huge_bytes = huge_bytes
        self.only_methods = tuple(m.upper() for m in only_methods)
        self._mode = mode
        self._random: random.Random | None = None
        self._weights: dict[Fault, float] = {}
        self._counts: Counter[Fault] = Counter()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._port: int | None = None

    # --- control (callable from any thread) ---

    @property
    def mode(self) -> Fault:
        return self._mode

    @mode.setter
    def mode(self, mode: Fault) -> None:
        with self._lock:
            self._mode = mode
            self._random = None

    def set_random(self, weights: Mapping[Fault, float], seed: int) -> None:
        """Pick a fault per request with these relative weights, reproducibly from ``seed``."""
        if not weights or min(weights.values()) < 0 or sum(weights.values()) <= 0:
            raise ValueError(f"invalid fault weights: {weights!r}")
        with self._lock:
            self._weights = dict(weights)
            self._random = random.Random(seed)

    @property
    def counts(self) -> dict[Fault, int]:
        """How many requests met each fault (PASS included)."""
        with self._lock:
            return {fault: self._counts[fault] for fault in Fault}

    def reset_counts(self) -> None:
        with self._lock:
            self._counts.clear()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FaultProxy is not started")
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _choose(self, head: bytes = b"") -> Fault:
        if self.only_methods and head.split(b" ", 1)[0].decode("ascii", "replace") not in self.only_methods:
            with self._lock:
                self._counts[Fault.PASS] += 1
            return Fault.PASS
        with self._lock:
            if self._random is not None:
                faults = list(self._weights)
                fault = self._random.choices(faults, weights=[self._weights[f] for f in faults])[0]
            else:
                fault = self._mode
            self._counts[fault] += 1
            return fault

    # --- lifecycle ---

    def start(self) -> FaultProxy:
        if self._thread is not None:
            return self
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                self._server = loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
                self._port = self._server.sockets[0].getsockname()[1]
            except BaseException as exc:  # reported to start()'s caller
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._shutdown())
            loop.close()

        self._thread = threading.Thread(target=run, name="FaultProxy", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            self._thread = None
            raise failure[0]
        return self

    def stop(self) -> None:
        if self._thread is None or self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._thread = None
        self._loop = None
        self._port = None

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- proxying ---

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        upstream_writer: asyncio.StreamWriter | None = None
        pump: asyncio.Task[None] | None = None
        exchange = _Exchange()
        try:
            while True:
                head = await _read_head(client_reader)
                fault = self._choose(head)
                if fault is Fault.CUT_BEFORE_REQUEST:
                    return
                body = await _read_body(client_reader, head)
                if upstream_writer is None:
                    upstream_reader, upstream_writer = await asyncio.open_connection(
                        self.upstream_host, self.upstream_port
                    )
                    pump = asyncio.create_task(self._pump(upstream_reader, client_writer, exchange))
                # Set before forwarding: the pump must know the fault when the first byte comes back.
                exchange.fault = fault
                exchange.response_started.clear()
                upstream_writer.write(head + body)
                await upstream_writer.drain()
                if fault in _SWALLOWED:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(exchange.response_started.wait(), RESPONSE_WAIT_SECONDS)
                    if fault is Fault.HTML_AFTER_REQUEST:
                        await _answer(client_writer, b"text/html; charset=utf-8", [_PORTAL_PAGE])
                    elif fault is Fault.HUGE_ANSWER:
                        await _answer(client_writer, b"application/json", _filler(self.huge_bytes),
                                      length=self.huge_bytes)
                    elif fault is Fault.FORBIDDEN_PAGE:
                        await _answer(client_writer, b"text/html", [b"<html><body><h1>Access denied</h1>"
                                      b"<p>Your request was blocked by the office proxy.</p></body></html>"],
                                      status=b"403 Forbidden")
                    return
        except (_ClientGone, ConnectionError, asyncio.IncompleteReadError):
            return
        except asyncio.CancelledError:
            # stop(): end quietly. (On Python 3.11 a handler task that ends cancelled makes asyncio's
            # stream callback raise "Exception in callback ...".)
            return
        finally:
            # abort(): drop at once, without flushing anything still buffered for the client.
            client_writer.transport.abort()
            if upstream_writer is not None:
                upstream_writer.transport.abort()
            if pump is not None:
                pump.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await pump
            self._tasks.discard(task)

    async def _pump(
        self, upstream: asyncio.StreamReader, client_writer: asyncio.StreamWriter, exchange: _Exchange
    ) -> None:
        """Relay RT's responses; without pipelining, bytes after a request belong to its response."""
        try:
            while data := await upstream.read(65536):
                if exchange.fault in _SWALLOWED:
                    exchange.response_started.set()
                    return
                if exchange.fault is Fault.STALL:
                    exchange.fault = Fault.PASS  # stall once per response
                    await asyncio.sleep(self.stall_seconds)
                if exchange.fault is Fault.DRIP:
                    for i in range(len(data)):
                        client_writer.write(data[i:i + 1])
                        await client_writer.drain()
                        await asyncio.sleep(self.drip_seconds)
                    continue
                client_writer.write(data)
                await client_writer.drain()
        except ConnectionError:
            client_writer.transport.abort()
        else:
            # RT closed the connection (it does after each response unless keep-alive is on): pass
            # the close on gracefully, so buffered response bytes still reach the client.
            client_writer.close()
        exchange.response_started.set()  # wake a CUT_AFTER_REQUEST waiting for a response that never came


def _filler(size: int) -> list[bytes]:
    """`size` bytes that start like a JSON answer and never end one."""
    chunk = b'{"items": [' + b'"x", ' * 13000
    parts, left = [], size
    while left > 0:
        parts.append(chunk[:left])
        left -= len(parts[-1])
    return parts


async def _answer(writer: asyncio.StreamWriter, content_type: bytes, body: list[bytes],
                  length: int | None = None, status: bytes = b"200 OK") -> None:
    size = length if length is not None else sum(len(b) for b in body)
    writer.write(b"HTTP/1.1 " + status + b"\r\nContent-Type: " + content_type + b"\r\nContent-Length: "
                 + str(size).encode() + b"\r\nConnection: close\r\n\r\n")
    with contextlib.suppress(ConnectionError):
        for part in body:
            writer.write(part)
            await writer.drain()


async def _read_head(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        raise _ClientGone from exc
    except asyncio.LimitOverrunError as exc:
        raise ConnectionError(f"request head larger than {MAX_HEAD_BYTES} bytes") from exc


def _header(head: bytes, name: bytes) -> bytes | None:
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name:
            return value.strip()
    return None


async def _read_body(reader: asyncio.StreamReader, head: bytes) -> bytes:
    """The raw request body, framed by Content-Length or chunked encoding."""
    encoding = _header(head, b"transfer-encoding")
    if encoding is not None and b"chunked" in encoding.lower():
        return await _read_chunked(reader)
    length = _header(head, b"content-length")
    return await reader.readexactly(int(length)) if length else b""


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while True:
        size_line = await reader.readuntil(b"\r\n")
        parts.append(size_line)
        size = int(size_line.split(b";")[0].strip(), 16)
        if size == 0:
            # Optional trailers, then the final empty line.
            while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
                parts.append(line)
            parts.append(line)
            return b"".join(parts)
        parts.append(await reader.readexactly(size + 2))
