"""Bad input from the helpdesk, end to end: a live RT 5 whose answers about ONE ticket are corrupted on
the way (malformed JSON, wrong types, missing fields, impossible dates, invalid UTF-8), and real
hostile content stored in RT itself (scripts, remote images, javascript: links, a 5 MB message).

Each time: the sync goes on, the other ticket arrives whole, the bad ticket carries a clear error,
and nothing the replica already held of it is lost. When the helpdesk answers properly again, the
error clears by itself."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.backends.rt.connector import RTConnector
from tests.support.harness import Harness
from tests.support.rt_instance import RTInstance

pytestmark = pytest.mark.rt

Corruption = Callable[[bytes, str], bytes]  # (response body, target ticket id) -> body


class CorruptingTransport(httpx.AsyncBaseTransport):
    """Real HTTP to RT; then every answer that carries the target ticket's history is corrupted."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.target: str | None = None
        self.corrupt: Corruption | None = None
        self.corrupted = 0
        self.seen: list[str] = []  # what was asked since the target was set: says why nothing matched

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        body = await response.aread()
        if self.target:
            self.seen.append(f"{request.method} {request.url.path}?{request.url.query.decode()[:300]} "
                             f"-> {response.status_code} {body[:400]!r}")
        if self.target and self.corrupt and _about_target(request.url.path, body, self.target):
            body = self.corrupt(body, self.target)
            self.corrupted += 1
        headers = [(k, v) for k, v in response.headers.items()
                   if k.lower() not in ("content-length", "content-encoding", "transfer-encoding")]
        return httpx.Response(response.status_code, headers=headers, content=body,
                              extensions=response.extensions)

    async def aclose(self) -> None:
        await self._inner.aclose()


def _about_target(path: str, body: bytes, target: str) -> bool:
    if re.search(rf"/ticket/{target}/(history|attachments)$", path):
        return True
    if path.endswith("/transactions"):
        # (RT's JSON puts keys in any order: the id may be the item's last, before a line break)
        return bool(re.search(rb'"ObjectId"\s*:\s*"?' + target.encode() + rb'"?\s*[,}]', body))
    return False


def _edit_target_items(edit: Callable[[dict[str, Any]], None]) -> Corruption:
    def corrupt(body: bytes, target: str) -> bytes:
        payload = json.loads(body)
        for item in payload.get("items", []):
            if str(item.get("ObjectId", target)) == target and item.get("Type") != "Create":
                edit(item)
        return json.dumps(payload).encode()
    return corrupt


def _malformed(body: bytes, target: str) -> bytes:
    return body[: len(body) // 2]


_MARK = "__invalid_utf8_here__"


def _invalid_utf8(body: bytes, target: str) -> bytes:
    # Invalid bytes inside one of the target's own entries, whichever page or batch carries it.
    marked = _edit_target_items(lambda item: item.update(Type=_MARK))(body, target)
    return marked.replace(_MARK.encode(), b"Corr\xff\xfespond")


CORRUPTIONS: dict[str, Corruption] = {
    "malformed JSON": _malformed,
    "invalid UTF-8": _invalid_utf8,
    "wrong type": _edit_target_items(lambda item: item.update(Created=["not", "a", "date"])),
    "missing field": _edit_target_items(lambda item: item.pop("Created", None)),
    "impossible date": _edit_target_items(lambda item: item.update(Created="2026-02-31T25:61:00Z")),
    "wrong id type": _edit_target_items(lambda item: item.update(id={"nested": True})),
}


@pytest.fixture
async def corrupting() -> AsyncIterator[CorruptingTransport]:
    transport = CorruptingTransport()
    yield transport
    await transport.aclose()


@pytest.fixture
async def agent(rt: RTInstance, tmp_path: Path, corrupting: CorruptingTransport) -> AsyncIterator[Harness]:
    connector = RTConnector(rt.url, "agent", rt.agent_token, transport=corrupting, retry_base_delay=0.01)
    h = Harness.create(tmp_path / "replica.sqlite", connector, backend="rt", user="agent")
    await h.choose_queues("Product Alpha", "Product Beta")
    yield h
    await h.close()


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
async def test_a_corrupted_ticket_is_flagged_and_the_rest_syncs(
        kind: str, rt: RTInstance, agent: Harness, corrupting: CorruptingTransport, rt_unique: str) -> None:
    email = f"{rt_unique}@example.com"
    bad = rt.create_ticket("Product Alpha", f"{rt_unique} bad", email, "First message, stored safely.")
    good = rt.create_ticket("Product Beta", f"{rt_unique} good", email, "Hello from the good ticket.")
    await agent.engine.sync_once()
    assert agent.thread_texts(bad) == [("customer", "First message, stored safely.")]

    rt.customer_reply(bad, "A reply the helpdesk will garble.", email)
    rt.customer_reply(good, "A second message on the good ticket.", email)
    corrupting.target, corrupting.corrupt = str(bad), CORRUPTIONS[kind]

    # Until the helpdesk has answered about the bad ticket: its reply is normally seen by the next
    # cycle; if it is not after three, the failure lists the requests made.
    errors: list[str] = []
    for _cycle in range(3):
        report = await agent.engine.sync_once()  # must not raise
        errors += report.errors
        if corrupting.corrupted:
            break
    assert corrupting.corrupted > 0, "\n".join(corrupting.seen)
    assert any(e.startswith(f"ticket {bad}:") for e in errors), errors
    assert not any(e.startswith(f"ticket {good}:") for e in errors)
    assert agent.thread_texts(good) == [("customer", "Hello from the good ticket."),
                                        ("customer", "A second message on the good ticket.")]
    # Nothing already stored is lost, and the ticket says what went wrong.
    assert agent.thread_texts(bad)[0] == ("customer", "First message, stored safely.")
    error = agent.ticket(bad).sync_error
    assert error, "the ticket must carry the error for the agent"
    assert rt.agent_token not in error

    corrupting.target = None  # the helpdesk recovers: the next sync repairs the ticket by itself
    await agent.engine.sync_once()
    assert agent.thread_texts(bad) == [("customer", "First message, stored safely."),
                                       ("customer", "A reply the helpdesk will garble.")]
    assert agent.ticket(bad).sync_error is None


async def test_hostile_html_is_sanitised_before_it_reaches_the_replica(
        rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    html = ('<p>Hi <b>team</b></p><script>alert("x")</script>'
            '<img src="https://tracker.invalid/pixel.png" alt="">'
            '<a href="javascript:alert(1)">click me</a> <a href="https://example.com/help">help</a>'
            '<p onclick="steal()">styled</p>')
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} html", f"{rt_unique}@example.com", html,
                              content_type="text/html")
    await agent.engine.sync_once()

    [message] = agent.store.views.thread(agent.ticket(ticket).id)
    assert "<script" not in message.html and "alert(" not in message.html
    assert "tracker.invalid" not in message.html  # no remote image loads
    assert "javascript:" not in message.html and "onclick" not in message.html
    assert 'href="https://example.com/help"' in message.html
    assert "click me" in message.text and "team" in message.text


async def test_long_messages_are_kept_whole_and_a_huge_one_keeps_its_head_and_stays_in_reach(
        rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    """A 2.1 MB customer message is stored whole; one over 8 MB keeps its head, flagged, with a
    warning, and its whole text is fetched on demand."""
    email = f"{rt_unique}@example.com"
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} huge", email, "Log follows.")
    long = "ERROR 0x42 at sensor 7; retrying\n" * (2_100_000 // 33)
    huge = "WARN 0x17 at sensor 3; backing off\n" * (9 * 1024 * 1024 // 35)
    rt.customer_reply(ticket, long, email)
    rt.customer_reply(ticket, huge, email)
    report = await agent.engine.sync_once()

    thread = agent.store.views.thread(agent.ticket(ticket).id)
    assert len(thread) == 3 and thread[0].text == "Log follows."
    assert not thread[1].truncated and thread[1].text == long.strip("\n")
    assert thread[2].truncated and huge.startswith(thread[2].text) and len(thread[2].text) >= 8 * 1024 * 1024
    assert any(e.startswith(f"ticket {ticket}:") and "--full" in e for e in report.errors)
    assert thread[2].remote_id is not None
    whole = await agent.connector.message_text(str(ticket), thread[2].remote_id)
    assert whole == huge.strip("\n")
