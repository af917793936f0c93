"""The embedded demo helpdesk: its seeded workspace, and the Connector contract it keeps."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import re
import sqlite3
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from services.backends.base import BackendError, CannedReplies, ChangeKind, NotFound, Rejected
from services.backends.demo import DemoConnector
from services.backends.demo.compose import LANGUAGES, story_vars
from services.backends.demo.jsonfile import decode, encode
from services.backends.demo.seed import make_workspace
from services.backends.demo.storage import LEGACY_FILE, STATE_FILE, DemoStorage
from services.backends.demo.topics import ALPHA, BETA, BILLING, PLACEHOLDERS
from services.backends.demo.workspace import TxnType, Workspace
from services.domain import Customer, MessageKind, Ticket, TicketHistory, TicketStatus
from tests.support.small_disk import SmallDisk

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
AGENTS = {"demo.agent", "camille.roux", "sam.okafor"}


class Clock:
    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return make_workspace(NOW)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def demo(tmp_path: Path, clock: Clock) -> DemoConnector:
    return DemoConnector(tmp_path, now=clock, per_page=25)


def all_text(ws: Workspace, lang: str) -> str:
    return "\n".join(t.subject + "\n" + "\n".join(x.content for x in t.txns)
                     for t in ws.tickets.values() if t.lang == lang)


async def first_active(demo: DemoConnector, status: TicketStatus, *, owner: str | None = "") -> Ticket:
    page: int | None = 1
    while page is not None:
        listing = await demo.list_tickets([ALPHA, BETA, BILLING], updated_after=None, page=page)
        for t in listing.tickets:
            if t.status is status and (owner == "" or t.owner == owner):
                return t
        page = listing.next_page
    raise AssertionError(f"no active ticket with status {status}")


async def showcase(demo: DemoConnector) -> TicketHistory:
    """The demo user's open ticket with an attachment and an HTML reply (there is one whatever the seed)."""
    page: int | None = 1
    while page is not None:
        listing = await demo.list_tickets([ALPHA, BETA, BILLING], updated_after=None, page=page)
        for t in listing.tickets:
            if t.status is TicketStatus.OPEN and t.owner == "demo.agent":
                history = await demo.ticket_history(t.remote_id)
                if history.messages[0].attachments and any(m.html for m in history.messages):
                    return history
        page = listing.next_page
    raise AssertionError("no showcase ticket")


def files_in(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


# --- the seed -------------------------------------------------------------------------------------


def test_the_seed_is_deterministic_and_follows_now(ws: Workspace) -> None:
    assert encode(make_workspace(NOW)) == encode(ws)
    assert encode(make_workspace(NOW, seed=7)) != encode(ws)
    later = make_workspace(NOW + timedelta(days=40))
    for a, b in zip(ws.tickets.values(), later.tickets.values(), strict=True):
        assert (a.requestor, a.topic, a.status, len(a.txns)) == (b.requestor, b.topic, b.status, len(b.txns))
        assert b.created - a.created == timedelta(days=40)


def test_the_seed_is_quick() -> None:
    started = time.perf_counter()
    raw = encode(make_workspace(NOW))
    decode(raw)
    assert time.perf_counter() - started < 2  # about 50 ms here; the bound only catches blow-ups


def test_queues_customers_and_languages(ws: Workspace) -> None:
    assert [q.name for q in ws.queues] == [ALPHA, BETA, BILLING]
    assert len(ws.tickets) == 320 and len(ws.customers) == 150
    assert all(re.fullmatch(r"[a-z0-9.]+@example\.(com|fr|org)", email) for email in ws.customers)
    organisations = Counter(bool(c.organization) for c in ws.customers.values())
    assert organisations[True] > 50 and organisations[False] > 20
    langs = Counter(t.lang for t in ws.tickets.values())
    assert 0.3 < langs["fr"] / len(ws.tickets) < 0.5
    french = all_text(ws, "fr")
    assert all(accent in french for accent in "éèàçô")
    for queue in (ALPHA, BETA):
        assert {t.lang for t in ws.tickets.values() if t.queue == queue} == {"en", "fr"}


def test_customers_with_long_histories_across_both_products(ws: Workspace) -> None:
    by_customer: dict[str, list[datetime]] = {}
    queues: dict[str, set[str]] = {}
    for t in ws.tickets.values():
        by_customer.setdefault(t.requestor, []).append(t.created)
        queues.setdefault(t.requestor, set()).add(t.queue)
    regulars = [c for c, dates in by_customer.items() if len(dates) >= 10 and {ALPHA, BETA} <= queues[c]]
    assert len(regulars) >= 5
    assert any(max(by_customer[c]) - min(by_customer[c]) > timedelta(days=365) for c in regulars)
    assert all(count <= 25 for count in map(len, by_customer.values()))


def test_statuses_owners_priorities_and_due_dates(ws: Workspace) -> None:
    tickets = list(ws.tickets.values())
    active = [t for t in tickets if t.status.is_active]
    assert 60 <= len(active) <= 90
    assert {t.status for t in active} == {TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING}
    assert Counter(t.status for t in tickets).most_common(1)[0][0] is TicketStatus.RESOLVED
    assert {t.owner for t in active} == AGENTS | {None}
    assert all(0 <= t.priority <= 100 for t in tickets) and len({t.priority for t in tickets}) > 40
    dues = [t.due for t in active if t.due]
    assert any(d < NOW for d in dues) and any(NOW < d < NOW + timedelta(hours=24) for d in dues)
    assert all(t.updated <= NOW and t.created >= NOW - timedelta(days=760) for t in tickets)
    urgent = [t for t in active if t.topic == "marketplace"]
    assert urgent and all(t.priority >= 90 for t in urgent)


def test_threads_read_like_real_ones(ws: Workspace) -> None:
    messages = [sum(x.type in (TxnType.CREATE, TxnType.CORRESPOND, TxnType.COMMENT) for x in t.txns)
                for t in ws.tickets.values()]
    assert min(messages) == 1 and max(messages) == 12
    txns = [x for t in ws.tickets.values() for x in t.txns]
    assert Counter(x.type for x in txns)[TxnType.COMMENT] > 50
    agent_work = [x.minutes for x in txns if x.type is TxnType.CORRESPOND and x.author in AGENTS]
    assert sum(1 for m in agent_work if m > 0) > len(agent_work) / 2
    assert all(x.minutes == 0 for x in txns if x.author not in AGENTS)
    assert "lorem" not in all_text(ws, "en").lower()
    for t in ws.tickets.values():  # ids grow with time, as on a real server
        assert [x.created for x in t.txns] == sorted(x.created for x in t.txns)
        assert [x.id for x in t.txns] == sorted(x.id for x in t.txns)
    created = [t.created for t in sorted(ws.tickets.values(), key=lambda t: t.id)]
    assert created == sorted(created)


def test_snippets_tasks_html_and_attachments(ws: Workspace) -> None:
    assert 15 <= len(ws.snippets) <= 25
    assert {s.language for s in ws.snippets} == {"en", "fr"} and all(s.title and s.body for s in ws.snippets)
    assert 3 <= len(ws.tasks) <= 10 and all(t.customer in ws.customers for t in ws.tasks.values())
    html = [x for t in ws.tickets.values() for x in t.txns if x.content_type == "text/html"]
    assert len(html) >= 3 and any("<script" in x.content for x in html)
    assert any(x.attachments for t in ws.tickets.values() for x in t.txns)


def test_every_template_fills_in_both_languages() -> None:
    keys = [sorted(t.key for t in language.topics) for language in LANGUAGES.values()]
    assert keys[0] == keys[1]
    rng, customer = random.Random(1), Customer("a.b@example.com", "Ann Bee", "Bee Ltd")
    for code, language in LANGUAGES.items():
        for topic in language.topics:
            values = story_vars(rng, customer, code, topic, "demo.agent", NOW)
            assert set(values) == set(PLACEHOLDERS)
            p = language.phrases
            texts = (*topic.subjects, *topic.openings, *topic.replies, *topic.followups, *topic.notes,
                     *topic.resolutions, *p.customer_greetings, *p.agent_greetings, p.team, p.quote_header)
            for text in texts:
                assert "{" not in text.format_map(values), text


def test_the_file_holds_the_workspace_as_it_is_in_memory(tmp_path: Path) -> None:
    ws = make_workspace(NOW)
    storage = DemoStorage(tmp_path)
    assert encode(storage.load_or_seed(lambda: ws)) == encode(ws)
    ticket = ws.tickets[5]
    ws.correspond(ticket, "demo.agent", "A change, with accents: é à.", NOW, status=TicketStatus.RESOLVED)
    ws.agents.append("new.agent")
    storage.save(ws, tickets=[5])
    storage.close()
    again = DemoStorage(tmp_path).load_or_seed(lambda: pytest.fail("the file was not read"))
    assert encode(again) == encode(ws)
    assert again.tickets[5].status is TicketStatus.RESOLVED and "new.agent" in again.agents


# --- the connector: reads -------------------------------------------------------------------------


async def test_whoami_queues_and_snippets(demo: DemoConnector) -> None:
    assert await demo.whoami() == "demo.agent"
    assert [q.name for q in await demo.list_queues()] == [ALPHA, BETA, BILLING]
    assert len(await demo.snippets()) >= 15
    assert isinstance(demo, CannedReplies)


async def test_active_tickets_come_in_pages_sorted_by_id(demo: DemoConnector, ws: Workspace) -> None:
    pages, seen = 0, list[Ticket]()
    page: int | None = 1
    while page is not None:
        listing = await demo.list_tickets([ALPHA, BETA], updated_after=None, page=page)
        assert len(listing.tickets) <= 25
        seen += listing.tickets
        pages, page = pages + 1, listing.next_page
    expected = sorted(t.id for t in ws.tickets.values() if t.status.is_active and t.queue != BILLING)
    assert [int(t.remote_id) for t in seen] == expected
    assert pages == -(-len(expected) // 25)
    assert all(t.status.is_active and t.queue in (ALPHA, BETA) for t in seen)
    with pytest.raises(Rejected):
        await demo.list_tickets([ALPHA], updated_after=None, page=0)


async def test_updated_after_is_strict_and_brings_resolutions(demo: DemoConnector, clock: Clock) -> None:
    ticket = await first_active(demo, TicketStatus.OPEN)
    mark = ticket.updated

    async def updated_ids(after: datetime) -> set[str]:
        listing = await demo.list_tickets([ticket.queue], updated_after=after)
        return {t.remote_id for t in listing.tickets}

    assert ticket.remote_id not in await updated_ids(mark)
    assert ticket.remote_id in await updated_ids(mark - timedelta(microseconds=1))
    clock.advance(5)
    await demo.set_status(ticket.remote_id, TicketStatus.RESOLVED)
    listing = await demo.list_tickets([ticket.queue], updated_after=NOW)
    assert [(t.remote_id, t.status, t.updated) for t in listing.tickets] == [
        (ticket.remote_id, TicketStatus.RESOLVED, clock.now)]


async def test_customer_history_newest_first_across_queues(demo: DemoConnector, ws: Workspace) -> None:
    email = Counter(t.requestor for t in ws.tickets.values()).most_common(1)[0][0]
    history = await demo.customer_tickets(email.upper())
    assert len(history) >= 10 and {ALPHA, BETA} <= {t.queue for t in history}
    assert [t.created for t in history] == sorted((t.created for t in history), reverse=True)
    assert all(t.customer and t.customer.email == email for t in history)
    assert await demo.customer_tickets("nobody@example.com") == []


async def test_history_has_kinds_sanitised_html_and_attachments(demo: DemoConnector) -> None:
    history = await showcase(demo)
    kinds = [m.kind for m in history.messages]
    assert kinds[0] is MessageKind.CUSTOMER and MessageKind.AGENT in kinds
    assert history.messages[0].attachments and history.messages[0].attachments[0].size > 0
    assert any(e.field == "Owner" and e.new_value == "demo.agent" for e in history.events)
    rich = next(m for m in history.messages if m.html)
    assert "<blockquote>" in rich.html and 'href="https://example.com/share/' in rich.html
    for unsafe in ("<script", "onclick", "<style", "track.example.com", "<img"):
        assert unsafe not in rich.html
    assert rich.text and "<" not in rich.text and "document.cookie" not in rich.text
    ids = [int(m.remote_id) for m in history.messages] + [int(e.remote_id) for e in history.events]
    assert history.last_event_id == str(max(ids))


async def test_changes_after_compares_ids_as_integers(demo: DemoConnector, ws: Workspace) -> None:
    ticket = next(t for t in ws.tickets.values() if t.txns[0].id >= 100 and len(t.txns) > 3)
    everything = await demo.changes_after(str(ticket.id), "")
    assert [c.event_id for c in everything] == [str(x.id) for x in ticket.txns]
    assert await demo.changes_after(str(ticket.id), "99") == everything
    later = await demo.changes_after(str(ticket.id), str(ticket.txns[1].id))
    assert [c.event_id for c in later] == [str(x.id) for x in ticket.txns[2:]]
    assert everything[0].kind is ChangeKind.CUSTOMER_MESSAGE and not everything[0].by_self
    assert all(c.text == "" for c in everything)
    with_text = await demo.changes_after(str(ticket.id), "", with_text=True)
    assert with_text[0].text and with_text[0].text in ticket.txns[0].content
    with pytest.raises(Rejected):
        await demo.changes_after(str(ticket.id), "latest")


async def test_by_self_follows_the_signed_in_user(tmp_path: Path, ws: Workspace) -> None:
    camille = DemoConnector(tmp_path, now=Clock(), user="camille.roux")
    ticket = next(t for t in ws.tickets.values() if t.owner == "camille.roux" and len(t.txns) > 2)
    changes = await camille.changes_after(str(ticket.id), "")
    assert {c.author for c in changes if c.by_self} == {"camille.roux"}
    assert any(c.kind is ChangeKind.REPLY and c.by_self for c in changes)
    assert await camille.whoami() == "camille.roux"


async def test_unknown_tickets_are_not_found(demo: DemoConnector) -> None:
    for ticket_id in ("999999", "abc", "", "-1"):
        with pytest.raises(NotFound):
            await demo.ticket_history(ticket_id)
    with pytest.raises(NotFound):
        await demo.reply("999999", "Hello")
    with pytest.raises(NotFound):
        await demo.changes_after("999999", "")
    with pytest.raises(NotFound):
        await demo.take("999999")


# --- the connector: changes -----------------------------------------------------------------------


async def test_reply_appends_a_transaction_and_bumps_the_ticket(demo: DemoConnector, clock: Clock) -> None:
    ticket = await first_active(demo, TicketStatus.NEW, owner=None)
    before = await demo.ticket_history(ticket.remote_id)
    at = clock.advance(3)
    await demo.reply(ticket.remote_id, "Thanks, we are on it.", time_minutes=7)
    after = await demo.ticket_history(ticket.remote_id)
    reply = after.messages[-1]
    assert (reply.kind, reply.author, reply.text, reply.time_taken_minutes) == (
        MessageKind.AGENT, "demo.agent", "Thanks, we are on it.", 7)
    assert int(before.last_event_id) < int(reply.remote_id) <= int(after.last_event_id)
    assert after.ticket.updated == at and after.ticket.status is TicketStatus.OPEN  # a first answer opens it
    assert after.ticket.time_worked_minutes == ticket.time_worked_minutes + 7
    changes = await demo.changes_after(ticket.remote_id, before.last_event_id, with_text=True)
    assert [(c.kind, c.by_self, c.new_value) for c in changes] == [
        (ChangeKind.REPLY, True, ""), (ChangeKind.STATUS, True, "open")]
    assert changes[0].text == "Thanks, we are on it." and changes[0].time_taken_minutes == 7
    updates = await demo.thread_updates([ticket], {ticket.remote_id: before.last_event_id})
    assert [m.remote_id for m in updates[0].messages] == [reply.remote_id]
    assert updates[0].last_event_id == after.last_event_id


async def test_note_status_and_take(demo: DemoConnector, clock: Clock) -> None:
    ticket = await first_active(demo, TicketStatus.OPEN, owner=None)
    start = (await demo.ticket_history(ticket.remote_id)).last_event_id
    clock.advance()
    await demo.note(ticket.remote_id, "Checked the logs.", time_minutes=4, status=TicketStatus.PENDING)
    clock.advance()
    await demo.take(ticket.remote_id)
    await demo.take(ticket.remote_id)  # already the owner: nothing happens
    await demo.set_status(ticket.remote_id, TicketStatus.RESOLVED)
    await demo.set_status(ticket.remote_id, TicketStatus.RESOLVED)
    changes = await demo.changes_after(ticket.remote_id, start, with_text=True)
    assert [(c.kind, c.new_value, c.time_taken_minutes) for c in changes] == [
        (ChangeKind.NOTE, "", 4), (ChangeKind.STATUS, "pending", 0), (ChangeKind.OWNER, "demo.agent", 0),
        (ChangeKind.STATUS, "resolved", 0)]
    assert all(c.by_self for c in changes) and changes[0].text == "Checked the logs."
    history = await demo.ticket_history(ticket.remote_id)
    assert history.ticket.owner == "demo.agent" and history.ticket.status is TicketStatus.RESOLVED
    assert history.ticket.time_worked_minutes == ticket.time_worked_minutes + 4
    assert history.messages[-1].kind is MessageKind.NOTE and history.ticket.updated == clock.now


async def test_a_reply_with_a_status_makes_one_status_change(demo: DemoConnector) -> None:
    ticket = await first_active(demo, TicketStatus.NEW)
    start = (await demo.ticket_history(ticket.remote_id)).last_event_id
    await demo.reply(ticket.remote_id, "Could you send a photo?", status=TicketStatus.PENDING)
    changes = await demo.changes_after(ticket.remote_id, start)
    assert [(c.kind, c.new_value) for c in changes] == [
        (ChangeKind.REPLY, ""), (ChangeKind.STATUS, "pending")]


async def test_bad_writes_are_rejected(demo: DemoConnector) -> None:
    ticket = await first_active(demo, TicketStatus.OPEN)
    with pytest.raises(Rejected):
        await demo.reply(ticket.remote_id, "  \n")
    with pytest.raises(Rejected):
        await demo.note(ticket.remote_id, "x", time_minutes=-3)


async def test_simulated_activity(demo: DemoConnector, clock: Clock) -> None:
    rng = random.Random(3)
    for _ in range(6):
        clock.advance()
        ticket_id = await demo.simulate_activity(rng)
        assert ticket_id is not None
        customer_changes = [c for c in await demo.changes_after(ticket_id, "") if c.created == clock.now]
        assert customer_changes[0].kind is ChangeKind.CUSTOMER_MESSAGE and not customer_changes[0].by_self
    assert (await demo.list_tickets([ALPHA, BETA, BILLING], updated_after=NOW)).tickets


async def test_latency_slows_every_call(tmp_path: Path) -> None:
    slow = DemoConnector(tmp_path, now=Clock(), latency=0.05)
    await slow.whoami()
    started = time.perf_counter()
    await slow.list_queues()
    assert time.perf_counter() - started >= 0.05


# --- the state file -------------------------------------------------------------------------------


async def test_state_survives_a_new_connector(tmp_path: Path, demo: DemoConnector, clock: Clock) -> None:
    ticket = await first_active(demo, TicketStatus.OPEN)
    assert ticket.customer is not None
    clock.advance()
    await demo.reply(ticket.remote_id, "Persisted reply.", time_minutes=2)
    await asyncio.gather(*(demo.note(ticket.remote_id, f"note {n}") for n in range(10)))
    await demo.aclose()
    expected = await demo.ticket_history(ticket.remote_id)
    assert files_in(tmp_path) == [STATE_FILE]  # no temporary file left over

    again = DemoConnector(tmp_path, now=Clock(NOW + timedelta(days=9)))
    assert await again.ticket_history(ticket.remote_id) == expected
    assert {m.text for m in expected.messages} >= {"Persisted reply."} | {f"note {n}" for n in range(10)}


def seeded_file(folder: Path) -> Path:
    """A sound workspace file, closed."""
    storage = DemoStorage(folder)
    storage.load_or_seed(lambda: make_workspace(NOW))
    storage.close()
    return folder / STATE_FILE


def fresh_tickets(folder: Path) -> int:
    """How many tickets the file in `folder` holds now (reading it, never seeding)."""
    storage = DemoStorage(folder)
    try:
        return len(storage.load_or_seed(lambda: pytest.fail("no usable file was made")).tickets)
    finally:
        storage.close()


async def test_a_change_writes_a_few_pages_not_the_workspace(tmp_path: Path, demo: DemoConnector,
                                                             clock: Clock) -> None:
    ticket = await first_active(demo, TicketStatus.OPEN)
    wal = tmp_path / f"{STATE_FILE}-wal"
    await demo.reply(ticket.remote_id, "Warming up.")
    before = wal.stat().st_size
    clock.advance()
    await demo.reply(ticket.remote_id, "One more reply.")
    written = wal.stat().st_size - before  # WAL frames: a page (4 KiB) and its header each
    assert 0 < written <= 6 * (4096 + 24)
    assert (tmp_path / STATE_FILE).stat().st_size > 50 * 4096  # while the workspace is much larger


async def test_a_save_that_failed_is_made_by_the_next_one(disk: SmallDisk) -> None:
    """On a real small disk that fills up: the change stays in memory (a retry looks at the history
    first), and the next save that can be made writes it too."""
    clock = Clock()
    demo = DemoConnector(disk.root, now=clock)
    ticket = await first_active(demo, TicketStatus.OPEN)
    await demo.reply(ticket.remote_id, "Before.")
    disk.fill()
    clock.advance()
    with pytest.raises(BackendError, match="could not be saved") as caught:
        await demo.reply(ticket.remote_id, "While the disk is full. " * 2000)
    assert caught.value.maybe_delivered
    disk.free()
    clock.advance()
    await demo.note(ticket.remote_id, "After.")
    await demo.aclose()
    again = DemoConnector(disk.root, now=Clock())
    texts = [m.text for m in (await again.ticket_history(ticket.remote_id)).messages]
    assert texts[-3:] == ["Before.", "While the disk is full. " * 2000, "After."]
    await again.aclose()


async def test_closing_waits_for_a_save_whose_caller_gave_up(tmp_path: Path, demo: DemoConnector,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A cancelled reply (the window closing) leaves its save running in a worker thread: closing the
    file waits for it rather than pulling the file from under it, and the reply is kept."""
    ticket = await first_active(demo, TicketStatus.OPEN)
    entered, closing_asked = threading.Event(), threading.Event()
    open_while_saving: list[bool] = []
    save, close = DemoStorage._save, DemoStorage.close

    def held(self: DemoStorage, *args: Any) -> None:
        entered.set()
        closing_asked.wait()  # the file is being closed from another thread now
        open_while_saving.append(self._conn is not None)
        save(self, *args)

    def asked(self: DemoStorage) -> None:
        closing_asked.set()
        close(self)

    monkeypatch.setattr(DemoStorage, "_save", held)
    monkeypatch.setattr(DemoStorage, "close", asked)
    replying = asyncio.ensure_future(demo.reply(ticket.remote_id, "Sent as the window closed."))
    await asyncio.to_thread(entered.wait)
    replying.cancel()
    await demo.aclose()
    assert open_while_saving == [True]
    with pytest.raises(asyncio.CancelledError):
        await replying
    again = DemoConnector(tmp_path, now=Clock())
    texts = [m.text for m in (await again.ticket_history(ticket.remote_id)).messages]
    assert texts[-1] == "Sent as the window closed."


async def test_an_older_json_workspace_is_brought_over_once(tmp_path: Path, clock: Clock,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    ws = make_workspace(NOW)
    ticket = next(t for t in ws.tickets.values() if t.status is TicketStatus.OPEN)
    ws.correspond(ticket, "demo.agent", "Written by an older Monodesk.", NOW)
    old = encode(ws)
    (tmp_path / LEGACY_FILE).write_bytes(old)
    with caplog.at_level(logging.INFO):
        demo = DemoConnector(tmp_path, now=clock)
        history = await demo.ticket_history(str(ticket.id))
    assert history.messages[-1].text == "Written by an older Monodesk."
    kept = [name for name in files_in(tmp_path) if not name.endswith(("-wal", "-shm"))]
    assert kept == [STATE_FILE, f"{LEGACY_FILE}.imported"]
    assert (tmp_path / f"{LEGACY_FILE}.imported").read_bytes() == old  # left as it was, renamed
    assert "brought over" in caplog.text
    clock.advance()
    await demo.reply(str(ticket.id), "Written after the import.")
    await demo.aclose()

    (tmp_path / LEGACY_FILE).write_bytes(encode(make_workspace(NOW, seed=7)))  # never read again
    again = DemoConnector(tmp_path, now=Clock())
    texts = [m.text for m in (await again.ticket_history(str(ticket.id))).messages]
    assert texts[-2:] == ["Written by an older Monodesk.", "Written after the import."]
    assert encode(decode(old)) == old and len(decode(old).tickets) == 320


@pytest.mark.parametrize("damage", ["garbage", "wrong shape", "future version", "stale ids", "a directory"])
async def test_a_damaged_older_json_workspace_is_set_aside(tmp_path: Path, damage: str,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / LEGACY_FILE
    if damage == "a directory":
        path.mkdir()
    elif damage == "stale ids":  # new transactions would reuse existing ids
        document = json.loads(encode(make_workspace(NOW)))
        path.write_text(json.dumps({**document, "next": [1, 1, 1]}))
    else:
        path.write_text({"garbage": "{not json\x00",
                         "wrong shape": json.dumps({"format": "monodesk-demo", "version": 1, "tickets": 3}),
                         "future version": json.dumps({"format": "monodesk-demo", "version": 99})}[damage])
    kept = None if path.is_dir() else path.read_bytes()
    with caplog.at_level(logging.WARNING):
        demo = DemoConnector(tmp_path, now=Clock())
        assert len(await demo.list_queues()) == 3
        await demo.aclose()
    aside = tmp_path / (LEGACY_FILE + ".corrupt")
    assert aside.is_dir() if kept is None else aside.read_bytes() == kept  # nothing lost
    assert "moved to" in caplog.text and "a fresh one was made" in caplog.text
    assert fresh_tickets(tmp_path) == 320


def damage_file(path: Path, how: str) -> None:
    if how == "a directory":
        path.mkdir()
        return
    seeded_file(path.parent)
    if how == "garbage":  # another program wrote over the start of the file
        with path.open("r+b") as handle:
            handle.write(os.urandom(8192))
    elif how == "cut short":
        with path.open("r+b") as handle:
            handle.truncate(path.stat().st_size // 3)
    else:
        conn = sqlite3.connect(path)
        conn.execute({"future version": "PRAGMA user_version = 99",
                      "not ours": "UPDATE meta SET value = 'something else' WHERE key = 'format'",
                      "stale ids": "UPDATE meta SET value = '[1, 1, 1]' WHERE key = 'next'",
                      "bad value": "UPDATE tickets SET status = 'exploded' WHERE id = 3",
                      "wrong type": "UPDATE txns SET minutes = 'many' WHERE id = 10",
                      "orphan": "UPDATE txns SET ticket_id = 99999 WHERE id = 10"}[how])
        conn.commit()
        conn.close()


@pytest.mark.parametrize("damage", ["garbage", "cut short", "future version", "not ours", "stale ids",
                                    "bad value", "wrong type", "orphan", "a directory"])
async def test_a_damaged_workspace_file_is_set_aside(tmp_path: Path, damage: str,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / STATE_FILE
    damage_file(path, damage)
    kept = None if path.is_dir() else path.read_bytes()
    with caplog.at_level(logging.WARNING):
        demo = DemoConnector(tmp_path, now=Clock())
        assert len(await demo.list_queues()) == 3
        await demo.aclose()
    aside = tmp_path / (STATE_FILE + ".corrupt")
    assert aside.is_dir() if kept is None else aside.read_bytes() == kept  # nothing lost
    assert "moved to" in caplog.text and "a fresh one was made" in caplog.text
    assert fresh_tickets(tmp_path) == 320

    with path.open("r+b") as handle:  # damaged again: the first one set aside stays as it is
        handle.write(os.urandom(8192))
    assert len(DemoStorage(tmp_path).load_or_seed(lambda: make_workspace(NOW)).tickets) == 320
    assert (tmp_path / (STATE_FILE + ".corrupt-2")).exists()
    assert aside.is_dir() if kept is None else aside.read_bytes() == kept
