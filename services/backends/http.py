"""A small, backend-agnostic HTTP layer for connectors: timeouts, bounded concurrency, and retries
that never send a write twice.

Retry rules (the exactly-once rule is the important one):
- A request that never left this machine (connection refused, connect timeout, no free connection)
  is retried for every method: the server cannot have seen it.
- 429 is retried for every method too: the server refused it before doing anything.
- Read errors, read timeouts, broken connections and 5xx answers are retried only for idempotent
  requests. A non-idempotent one (a POST that adds a reply) may already have been applied, so it
  fails at once with maybe_delivered=True and the sync engine checks the ticket before resending.
- Other 4xx answers are final and never retried.
- A 2xx answer that cannot be read (an HTML page from a captive portal, broken JSON) to a request that
  changed something is ambiguous (maybe_delivered, as a lost answer is); to a read, transient.

Every request has an overall deadline besides the per-read timeout (a server dripping one byte every few
seconds never trips a read timeout), and answers are read up to a size cap instead of whole into memory.

Error messages are for people. They name the method and path, never the query string (it can hold
a customer's e-mail address), the headers or the token.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import json as jsonlib
import logging
import random
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import truststore

from services.backends.base import (
    BackendError,
    BadPayload,
    Forbidden,
    NotFound,
    Offline,
    RateLimited,
    Rejected,
    ServerError,
    SignedOut,
    TooSlow,
    Untrusted,
)

log = logging.getLogger(__name__)

_DECODE_OFF_LOOP_BYTES = 64 * 1024
# Far above any page a helpdesk sends (RT keeps message parts up to 10 MiB), far below what would hurt.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
_DROPPED_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Raised before any byte of the request was written: always safe to send again.
_NOT_SENT_ERRORS: tuple[type[Exception], ...] = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_MAX_SERVER_MESSAGE = 300

Sleep = Callable[[float], Awaitable[None]]
Params = Mapping[str, str | int | Sequence[str]]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4  # total tries, the first one included
    base_delay: float = 0.5  # seconds; doubled on each retry, then full jitter
    max_delay: float = 20.0
    # A server asking us to wait longer than this gets a RateLimited error instead: the sync engine
    # reschedules, rather than a coroutine sleeping for minutes.
    max_retry_after: float = 60.0


class _DeadlineExceeded(httpx.ReadTimeout):
    """The whole exchange took longer than the request's deadline (a slow-drip server, a stuck proxy)."""


class _TooLarge(Exception):
    """The answer went past MAX_RESPONSE_BYTES; reading stopped there."""


class HttpClient:
    """One helpdesk's HTTP endpoint. Counts every request sent, for the benchmarks."""

    def __init__(
        self,
        base_url: str,
        *,
        headers: Mapping[str, str] | None = None,
        secrets: Sequence[str] = (),
        service: str = "The helpdesk",
        transport: httpx.AsyncBaseTransport | None = None,
        concurrency: int = 8,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        deadline: float = 120.0,
        max_response_bytes: int = MAX_RESPONSE_BYTES,
        retry: RetryPolicy | None = None,
        sleep: Sleep = asyncio.sleep,
        rand: Callable[[], float] = random.random,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._client = httpx.AsyncClient(
            base_url=base_url,
            # The operating system's trust store, not a bundled CA list: a helpdesk signed by the
            # company's own CA works as soon as IT has installed that CA on the machine.
            verify=_tls_context(),
            headers=dict(headers or {}),
            transport=transport,
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            follow_redirects=False,
        )
        self._secrets = tuple(s for s in secrets if s)
        self._service = service
        self._deadline = max(deadline, 0.001)
        self._max_response_bytes = max_response_bytes
        self._slots = asyncio.Semaphore(concurrency)
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rand = rand
        self._clock = clock
        self.requests_made = 0

    async def aclose(self) -> None:
        await self._client.aclose()

    # --- public calls ---------------------------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> httpx.Response:
        """Send with retries; return a 2xx response or raise a typed BackendError.

        idempotent defaults to the method's nature; a POST counts as NOT idempotent unless the
        caller says otherwise (searches sent as POST are; replies and notes are not).
        """
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        attempt = 0
        while True:
            attempt += 1
            last_try = attempt >= self._retry.attempts
            try:
                response = await self._send_once(method, path, params, json)
            except _TooLarge:
                raise BadPayload(
                    f"{self._service} answered {self._where(method, path)} with more than "
                    f"{self._max_response_bytes // 2**20} MB; the answer was not read.",
                    maybe_delivered=method not in _READ_ONLY_METHODS) from None
            except httpx.TransportError as exc:
                error, retry_now = self._transport_error(exc, method, path, idempotent)
                if last_try or not retry_now:
                    raise error from None
                await self._backoff(attempt, None)
                continue
            if response.is_success:
                return response
            error, retry_now = self._status_error(response, method, path, idempotent)
            if last_try or not retry_now:
                raise error
            await self._backoff(attempt, error.retry_after if isinstance(error, RateLimited) else None)

    async def get_json(self, path: str, params: Params | None = None) -> Any:
        return await self.request_json("GET", path, params=params)

    async def request_json(
        self,
        method: str,
        path: str,
        *,
        params: Params | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        response = await self.request(method, path, params=params, json=json, idempotent=idempotent)
        if len(response.content) > _DECODE_OFF_LOOP_BYTES:
            # A page of messages can be megabytes: decode it without stalling the event loop.
            return await asyncio.to_thread(self.decode_json, response, method, path)
        return self.decode_json(response, method, path)

    def decode_json(self, response: httpx.Response, method: str, path: str) -> Any:
        where = self._where(method, path)
        content_type = response.headers.get("content-type", "")
        # The request was answered 2xx: a write may well have been applied although we cannot read
        # what the server said (a proxy's page, a cut body), so it counts as maybe delivered.
        written = method.upper() not in _READ_ONLY_METHODS
        try:
            return jsonlib.loads(response.content.decode("utf-8"))
        except UnicodeDecodeError:
            raise BadPayload(f"{self._service} answered {where} with text that is not valid UTF-8.",
                             maybe_delivered=written) from None
        except ValueError:
            kind = "an HTML page" if "html" in content_type.lower() else f"'{content_type or 'no type'}'"
            raise BadPayload(
                f"{self._service} answered {where} with {kind} instead of JSON. "
                "Is the address right, and is it the helpdesk's API?", maybe_delivered=written
            ) from None

    # --- internals ------------------------------------------------------------------------------

    async def _send_once(self, method: str, path: str, params: Params | None, json: Any) -> httpx.Response:
        async with self._slots:
            self.requests_made += 1
            request = self._client.build_request(method, path, params=params, json=json)
            try:
                async with asyncio.timeout(self._deadline):
                    streamed = await self._client.send(request, stream=True)
                    try:
                        # Read the body inside the slot: the connection is only free again afterwards.
                        body = await self._read_capped(streamed)
                    finally:
                        await streamed.aclose()
            except TimeoutError:
                raise _DeadlineExceeded(f"no complete answer within {self._deadline:.0f} s",
                                        request=request) from None
        response = httpx.Response(
            streamed.status_code, request=request, content=body,
            headers=[(k, v) for k, v in streamed.headers.multi_items() if k.lower() not in _DROPPED_HEADERS])
        log.debug("%s -> %s", self._where(method, path), response.status_code)
        return response

    async def _read_capped(self, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self._max_response_bytes:
                raise _TooLarge
            chunks.append(chunk)
        return b"".join(chunks)

    async def _backoff(self, attempt: int, retry_after: float | None) -> None:
        if retry_after is not None:
            delay = retry_after
        else:
            # Full jitter: spreads the retries of many clients that failed at the same moment.
            ceiling = min(self._retry.max_delay, self._retry.base_delay * 2 ** (attempt - 1))
            delay = self._rand() * ceiling
        await self._sleep(max(0.0, delay))

    def _transport_error(
        self, exc: httpx.TransportError, method: str, path: str, idempotent: bool
    ) -> tuple[BackendError, bool]:
        """The error to raise, and whether sending again right now is safe and worth it."""
        where = self._where(method, path)
        tls = _tls_failure(exc)
        if tls is not None:
            return Untrusted(f"{self._service} at {self._client.base_url.host}: {tls}"), False
        if isinstance(exc, _NOT_SENT_ERRORS):
            return Offline(f"{self._service} could not be reached ({_describe(exc)}) for {where}."), True
        if isinstance(exc, _DeadlineExceeded):
            return TooSlow(
                f"{self._service} did not answer {where} completely within {self._deadline:.0f} s.",
                maybe_delivered=method not in _READ_ONLY_METHODS), idempotent
        error = Offline(
            f"The connection to {self._service} failed during {where} ({_describe(exc)}).",
            maybe_delivered=method not in _READ_ONLY_METHODS,
        )
        # Sending a non-idempotent request again could post the same reply twice: the sync engine
        # looks at the ticket first.
        return error, idempotent

    def _status_error(
        self, response: httpx.Response, method: str, path: str, idempotent: bool
    ) -> tuple[BackendError, bool]:
        """The error to raise, and whether sending again right now is safe and worth it."""
        status = response.status_code
        where = self._where(method, path)
        detail = self._server_message(response)
        suffix = f": {detail}" if detail else "."
        written = method not in _READ_ONLY_METHODS
        error: BackendError
        retry_now = False
        if status in (407, 408):  # a proxy wants credentials, or gave up waiting: not the helpdesk's "no"
            error = Offline(
                f"A proxy between this computer and {self._service} stopped {where} (HTTP {status}).",
                maybe_delivered=written)
            retry_now = idempotent
        elif 400 <= status < 500 and status not in (401, 429) and not _is_json(response):
            # The helpdesk's API says no in JSON; an HTML 403 or 404 page comes from a proxy, a portal or
            # a wrong address. Not a refusal to act on for good: ambiguous for a write, as a lost answer.
            error = BadPayload(
                f"{self._service} answered {where} with an HTTP {status} page that is not the helpdesk's "
                "(a proxy or a login portal in between, or a wrong address?).", maybe_delivered=written,
                http_status=status)
        elif status == 401:
            error = SignedOut(
                f"{self._service} refused the credentials (HTTP 401 on {where}). "
                "The token may be wrong, expired or revoked."
            )
        elif status == 403:
            error = Forbidden(f"{self._service} does not allow this (HTTP 403 on {where}){suffix}")
        elif status == 404:
            error = NotFound(f"{self._service} has no such object (HTTP 404 on {where}){suffix}")
        elif status == 429:
            retry_after = self._retry_after(response)
            error = RateLimited(
                f"{self._service} asks to slow down (HTTP 429 on {where}).", retry_after=retry_after
            )
            retry_now = retry_after is None or retry_after <= self._retry.max_retry_after
        elif 400 <= status < 500:
            error = Rejected(f"{self._service} refused {where} (HTTP {status}){suffix}")
        elif status >= 500:
            error = ServerError(
                f"{self._service} failed on {where} (HTTP {status}){suffix}", maybe_delivered=written
            )
            retry_now = idempotent
        elif response.is_redirect:  # not followed: a redirected POST could be resent as something else
            target = self._redact(response.headers.get("location", "")[:200])
            error = BadPayload(
                f"{self._service} redirected {where} (HTTP {status}) to {target or 'another address'}. "
                "Use that address in the account settings.", maybe_delivered=written
            )
        else:
            error = BadPayload(f"{self._service} answered {where} with an unexpected HTTP {status}.",
                               maybe_delivered=written)
        return error, retry_now

    def _server_message(self, response: httpx.Response) -> str:
        """The server's own explanation, when it sent one as JSON (RT: {"message": ...})."""
        try:
            body = jsonlib.loads(response.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return ""
        message = body.get("message") if isinstance(body, dict) else None
        if not isinstance(message, str):
            return ""
        return self._redact(" ".join(message.split()))[:_MAX_SERVER_MESSAGE]

    def _where(self, method: str, path: str) -> str:
        """The request as named in messages: no query string, no secret."""
        return self._redact(f"{method} {path.split('?', 1)[0]}")

    def _redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return text

    def _retry_after(self, response: httpx.Response) -> float | None:
        return parse_retry_after(response.headers.get("retry-after"), now=self._clock())


def preload() -> None:
    """Import what httpx loads only on its first request (anyio's asyncio backend, ~40 ms), so that
    a worker thread pays for it rather than the event loop the window paints on."""
    with contextlib.suppress(ImportError):
        import anyio._backends._asyncio  # noqa: F401


def parse_retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - now)


def _is_json(response: httpx.Response) -> bool:
    try:
        jsonlib.loads(response.content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return True


def _tls_context() -> ssl.SSLContext:
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _tls_failure(exc: BaseException) -> str | None:
    """A person-readable reason when the TLS handshake failed, else None."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = cause.verify_message or cause.reason or "verification failed"
            return (f"its certificate is not trusted ({reason}). If the helpdesk uses a company "
                    "certificate authority, ask IT to install it on this computer.")
        if isinstance(cause, ssl.SSLError):
            # A plain-HTTP server answers the TLS hello with HTTP text, or hangs up.
            if cause.reason in ("WRONG_VERSION_NUMBER", "UNKNOWN_PROTOCOL", "RECORD_LAYER_FAILURE",
                                "UNEXPECTED_EOF_WHILE_READING", "HTTP_REQUEST"):
                return ("the server does not speak HTTPS at this address; check http:// or https:// "
                        "and the port.")
            return f"the secure connection failed ({cause.reason or type(cause).__name__})."
        cause = cause.__cause__ or cause.__context__
    return None


def _describe(exc: httpx.TransportError) -> str:
    names = {
        _DeadlineExceeded: "no complete answer in time",
        httpx.ConnectError: "connection refused or no route",
        httpx.ConnectTimeout: "connect timeout",
        httpx.PoolTimeout: "too many requests waiting",
        httpx.ReadTimeout: "no answer in time",
        httpx.WriteTimeout: "sending timed out",
        httpx.ReadError: "connection broken while reading",
        httpx.WriteError: "connection broken while sending",
        httpx.RemoteProtocolError: "the server closed the connection",
    }
    for kind, text in names.items():
        if isinstance(exc, kind):
            return text
    return type(exc).__name__
