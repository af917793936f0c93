"""The resilient HTTP layer (services/backends/http.py) and the RT connector's use of it, with
httpx.MockTransport: retries, back-off, Retry-After, the exactly-once rule for replies, error mapping
and secrets kept out of messages and logs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from email.utils import format_datetime

import httpx
import pytest

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
)
from services.backends.http import HttpClient, RetryPolicy, parse_retry_after
from services.backends.rt import RTConnector
from services.domain import TicketStatus

TOKEN = "1-42-5ec2e7deadbeef5ec2e7deadbeef5ec"
Handler = (
    Callable[[httpx.Request], httpx.Response]
    | Callable[[httpx.Request], Coroutine[None, None, httpx.Response]]
)


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def client(handler: Handler, sleeps: Sleeps | None = None, **kwargs: object) -> HttpClient:
    return HttpClient(
        "https://rt.example/REST/2.0",
        headers={"Authorization": f"token {TOKEN}"},
        secrets=(TOKEN,),
        service="Request Tracker",
        transport=httpx.MockTransport(handler),
        sleep=sleeps or Sleeps(),
        rand=lambda: 1.0,
        **kwargs,  # type: ignore[arg-type]
    )


def replies(*answers: httpx.Response | Exception) -> Callable[[httpx.Request], httpx.Response]:
    """A handler giving these answers in turn (an exception is raised as a transport failure)."""
    queue = list(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handler


def ok(payload: object = None) -> httpx.Response:
    return httpx.Response(200, json={"ok": True} if payload is None else payload)


def assert_no_secret(error: BaseException) -> None:
    for text in (str(error), repr(error), str(error.__cause__), str(error.__context__)):
        assert TOKEN not in text and "5ec2e7deadbeef" not in text


# --- retries -------------------------------------------------------------------------------------


async def test_a_503_is_retried_with_backoff_then_succeeds() -> None:
    sleeps = Sleeps()
    http = client(replies(httpx.Response(503), httpx.Response(503), ok({"a": 1})), sleeps)
    assert await http.get_json("/queues/all") == {"a": 1}
    assert http.requests_made == 3
    assert sleeps.calls == [0.5, 1.0]  # base 0.5 s doubling, with rand() = 1.0 at the top of the jitter


async def test_full_jitter_scales_the_backoff_by_the_random_draw() -> None:
    sleeps = Sleeps()
    http = HttpClient("https://rt.example", transport=httpx.MockTransport(
        replies(httpx.Response(502), httpx.Response(502), httpx.Response(502), ok())),
        sleep=sleeps, rand=lambda: 0.25, retry=RetryPolicy(attempts=4, base_delay=2.0, max_delay=5.0))
    await http.get_json("/x")
    assert sleeps.calls == [0.5, 1.0, 1.25]  # 0.25 x min(5, 2, 4, 8)


async def test_429_honours_retry_after_seconds() -> None:
    sleeps = Sleeps()
    http = client(replies(httpx.Response(429, headers={"Retry-After": "7"}), ok()), sleeps)
    await http.get_json("/tickets")
    assert sleeps.calls == [7.0]
    assert http.requests_made == 2


async def test_429_honours_retry_after_as_an_http_date() -> None:
    now = datetime(2026, 11, 22, 12, 0, 0, tzinfo=UTC)
    later = format_datetime(datetime(2026, 11, 22, 12, 0, 30, tzinfo=UTC), usegmt=True)
    sleeps = Sleeps()
    http = client(replies(httpx.Response(429, headers={"Retry-After": later}), ok()), sleeps,
                  clock=now.timestamp)
    await http.get_json("/tickets")
    assert sleeps.calls == [30.0]


async def test_a_post_is_retried_after_429_because_the_server_did_nothing() -> None:
    http = client(replies(httpx.Response(429, headers={"Retry-After": "1"}), ok()))
    await http.request("POST", "/ticket/1/correspond", json={}, idempotent=False)
    assert http.requests_made == 2


async def test_429_asking_for_a_long_wait_raises_rate_limited_at_once() -> None:
    sleeps = Sleeps()
    http = client(replies(httpx.Response(429, headers={"Retry-After": "3600"})), sleeps)
    with pytest.raises(RateLimited) as caught:
        await http.get_json("/tickets")
    assert caught.value.retry_after == 3600.0
    assert sleeps.calls == [] and http.requests_made == 1


async def test_persistent_429_ends_in_rate_limited() -> None:
    http = client(replies(httpx.Response(429)))
    with pytest.raises(RateLimited) as caught:
        await http.get_json("/tickets")
    assert caught.value.retry_after is None
    assert http.requests_made == 4


@pytest.mark.parametrize(
    ("status", "error"),
    [(400, Rejected), (401, SignedOut), (403, Forbidden), (404, NotFound), (409, Rejected), (422, Rejected)],
)
async def test_a_4xx_is_never_retried(status: int, error: type[BackendError]) -> None:
    http = client(replies(httpx.Response(status, json={"message": "nope"})))
    with pytest.raises(error) as caught:
        await http.get_json("/ticket/1")
    assert http.requests_made == 1
    assert caught.value.maybe_delivered is False
    assert f"HTTP {status}" in str(caught.value)


async def test_server_errors_that_persist_become_server_error() -> None:
    http = client(replies(httpx.Response(500, json={"message": "database is locked"})))
    with pytest.raises(ServerError, match="database is locked") as caught:
        await http.get_json("/tickets")
    assert http.requests_made == 4
    assert caught.value.maybe_delivered is False  # a GET changes nothing


async def test_a_get_is_retried_after_a_read_error() -> None:
    request = httpx.Request("GET", "https://rt.example/REST/2.0/tickets")
    http = client(replies(httpx.ReadError("reset", request=request), ok()))
    assert await http.get_json("/tickets") == {"ok": True}
    assert http.requests_made == 2


async def test_a_put_is_idempotent_and_retried_after_a_read_timeout() -> None:
    request = httpx.Request("PUT", "https://rt.example/REST/2.0/ticket/1")
    http = client(replies(httpx.ReadTimeout("slow", request=request), ok([])))
    await http.request("PUT", "/ticket/1", json={"Status": "open"})
    assert http.requests_made == 2


# --- the exactly-once rule -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadError("connection reset"), httpx.ReadTimeout("no answer"),
     httpx.RemoteProtocolError("server disconnected"), httpx.WriteError("broken pipe")],
)
async def test_a_non_idempotent_post_is_not_resent_once_it_may_have_arrived(failure: Exception) -> None:
    http = client(replies(failure, ok()))
    with pytest.raises(Offline) as caught:
        await http.request("POST", "/ticket/1/correspond", json={"Content": "hi"}, idempotent=False)
    assert http.requests_made == 1
    assert caught.value.maybe_delivered is True
    assert_no_secret(caught.value)


async def test_a_post_is_non_idempotent_unless_marked() -> None:
    http = client(replies(httpx.ReadError("reset"), ok()))
    with pytest.raises(Offline):
        await http.request("POST", "/ticket/1/comment", json={})
    assert http.requests_made == 1


async def test_a_5xx_answer_to_a_reply_is_not_resent() -> None:
    http = client(replies(httpx.Response(502), ok()))
    with pytest.raises(ServerError) as caught:
        await http.request("POST", "/ticket/1/correspond", json={}, idempotent=False)
    assert http.requests_made == 1 and caught.value.maybe_delivered is True


@pytest.mark.parametrize(
    "failure", [httpx.ConnectError("refused"), httpx.ConnectTimeout("timeout"), httpx.PoolTimeout("busy")]
)
async def test_failures_before_sending_are_retried_even_for_a_reply(failure: Exception) -> None:
    http = client(replies(failure, failure, ok()))
    await http.request("POST", "/ticket/1/correspond", json={}, idempotent=False)
    assert http.requests_made == 3


async def test_a_server_never_reached_is_offline_and_not_delivered() -> None:
    http = client(replies(httpx.ConnectError("refused")))
    with pytest.raises(Offline, match="could not be reached") as caught:
        await http.request("POST", "/ticket/1/correspond", json={}, idempotent=False)
    assert caught.value.maybe_delivered is False
    assert http.requests_made == 4


async def test_a_search_sent_as_post_can_be_marked_idempotent() -> None:
    http = client(replies(httpx.ReadError("reset"), ok()))
    await http.request("POST", "/transactions", json=[], idempotent=True)
    assert http.requests_made == 2


# --- payloads, secrets, concurrency --------------------------------------------------------------


async def test_html_instead_of_json_is_a_bad_payload_that_says_so() -> None:
    page = b"<html><body>Login</body></html>"
    html = httpx.Response(200, content=page, headers={"content-type": "text/html"})
    http = client(replies(html))
    with pytest.raises(BadPayload, match="HTML page instead of JSON"):
        await http.get_json("/tickets")


async def test_a_redirect_is_not_followed_and_explained() -> None:
    moved = httpx.Response(301, headers={"location": "https://rt.example/REST/2.0/tickets"})
    http = client(replies(moved))
    with pytest.raises(BadPayload, match=r"redirected GET /tickets .* to https://rt\.example"):
        await http.get_json("/tickets")
    assert http.requests_made == 1


async def test_invalid_utf8_is_a_bad_payload() -> None:
    http = client(replies(httpx.Response(200, content=b'{"a": "\xff\xfe"}')))
    with pytest.raises(BadPayload, match="UTF-8"):
        await http.get_json("/tickets")


async def test_the_token_never_appears_in_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        # A hostile or buggy server that echoes our credentials back in its error message.
        return httpx.Response(403, json={"message": f"bad header {request.headers['Authorization']}"})

    caplog.set_level(logging.DEBUG)
    http = client(echo)
    with pytest.raises(Forbidden) as caught:
        await http.get_json("/ticket/1?query=Requestor.EmailAddress='carol@customer.example'")
    assert "[redacted]" in str(caught.value)
    assert "carol" not in str(caught.value)  # query strings stay out of messages
    assert_no_secret(caught.value)
    assert TOKEN not in caplog.text


async def test_transport_errors_do_not_carry_the_request_and_its_headers() -> None:
    http = client(replies(httpx.ConnectError("refused")))
    with pytest.raises(Offline) as caught:
        await http.get_json("/tickets")
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert_no_secret(caught.value)


async def test_concurrency_is_bounded() -> None:
    running = 0
    peak = 0

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return ok()

    http = client(slow, concurrency=3)
    await asyncio.gather(*(http.get_json(f"/ticket/{i}") for i in range(12)))
    assert peak == 3 and http.requests_made == 12


def test_parse_retry_after() -> None:
    assert parse_retry_after("12", now=0) == 12.0
    assert parse_retry_after(" 0.5 ", now=0) == 0.5
    assert parse_retry_after("-3", now=0) == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480.0) == 0.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("soon", now=0) is None
    assert parse_retry_after(None, now=0) is None


# --- the RT connector over a mock transport ------------------------------------------------------


def connector(handler: Handler) -> RTConnector:
    return RTConnector("https://rt.example/", "agent", TOKEN, transport=httpx.MockTransport(handler),
                       sleep=Sleeps(), rand=lambda: 0.0)


async def test_the_connector_sends_the_token_header_to_the_rest2_base() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return ok({"id": 7, "Name": "agent"})

    rtc = connector(handler)
    assert await rtc.whoami() == "agent"
    assert seen[0].headers["Authorization"] == f"token {TOKEN}"
    assert str(seen[0].url) == "https://rt.example/REST/2.0/user/agent"


async def test_a_reply_cut_after_sending_is_maybe_delivered_and_sent_once() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        raise httpx.ReadError("connection reset by peer")

    rtc = connector(handler)
    with pytest.raises(Offline) as caught:
        await rtc.reply("12", "Hello", time_minutes=5)
    assert calls == ["POST"] and caught.value.maybe_delivered is True
    assert_no_secret(caught.value)


async def test_a_reply_whose_status_rt_refused_is_delivered_but_rejected() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(201, json=["Correspondence added", "Status 'x' isn't a valid status"])
        return ok({"items": [{"id": "12", "Status": "open", "Created": "2026-01-01T00:00:00Z",
                              "LastUpdated": "2026-01-01T00:00:00Z"}], "total": 1, "pages": 1, "page": 1})

    rtc = connector(handler)
    with pytest.raises(Rejected, match="The message was added, but") as caught:
        await rtc.reply("12", "Hello", status=TicketStatus.PENDING)
    assert caught.value.maybe_delivered is True
    assert rtc.requests_made == 2  # the reply, then reading the status back


async def test_set_status_answered_in_another_language_is_checked_by_reading_back() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            return ok(["Ticket 12: Status geändert von 'open' nach 'stalled'"])
        return ok({"items": [{"id": "12", "Status": "stalled", "Created": "2026-01-01T00:00:00Z",
                              "LastUpdated": "2026-01-01T00:00:00Z"}], "total": 1, "pages": 1, "page": 1})

    rtc = connector(handler)
    await rtc.set_status("12", TicketStatus.PENDING)
    assert rtc.requests_made == 2


async def test_take_refused_by_rt_is_rejected() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "PUT":
            return ok(["Ticket 12: That user may not own tickets in that queue"])
        return ok({"items": [{"id": "12", "Status": "open", "Owner": {"id": "Nobody"},
                              "Created": "2026-01-01T00:00:00Z", "LastUpdated": "2026-01-01T00:00:00Z"}],
                   "total": 1, "pages": 1, "page": 1})

    rtc = connector(handler)
    with pytest.raises(Rejected, match="may not own tickets") as caught:
        await rtc.take("12")
    assert caught.value.maybe_delivered is False


async def test_a_bad_ticket_in_a_page_is_an_error_line_not_a_failure() -> None:
    good = {"id": "1", "Subject": "ok", "Status": "open", "Queue": {"id": "3", "Name": "Alpha"},
            "Created": "2026-01-01T00:00:00Z", "LastUpdated": "2026-01-02T00:00:00Z"}
    bad = {**good, "id": "2", "Created": "2026-02-31T00:00:00Z"}
    rtc = connector(lambda request: ok({"items": [good, bad], "total": 2, "pages": 1, "page": 1}))
    page = await rtc.list_tickets(["Alpha"], updated_after=None)
    assert [t.remote_id for t in page.tickets] == ["1"]
    assert len(page.errors) == 1 and "Created" in page.errors[0] and "'2'" in page.errors[0]
    assert page.next_page is None


async def test_list_tickets_sends_a_ticketsql_date_not_iso() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return ok({"items": [], "total": 0, "pages": 0, "page": 1})

    rtc = connector(handler)
    watermark = datetime(2026, 11, 22, 19, 19, 35, tzinfo=UTC)
    await rtc.list_tickets(["Product Alpha", "It's"], updated_after=watermark)
    sql = seen[0].url.params["query"]
    assert sql == ("(Queue = 'Product Alpha' OR Queue = 'It\\'s') AND LastUpdated > '2026-11-22 19:19:35'")
    assert seen[0].url.params["fields[Requestor]"].startswith("id,Name,EmailAddress")
