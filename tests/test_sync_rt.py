"""The sync engine against a LIVE Request Tracker 5: initial and incremental pulls, outbox push,
conflicts, offline periods. Every assertion is checked on the replica AND counted on the RT side."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.backends.base import NotFound, Offline
from services.backends.rt.connector import RTConnector
from services.domain import MessageKind, TicketStatus
from services.pending import Conflict, Reason
from services.store import OpState
from services.sync.status import SyncState
from tests.support.harness import Harness, wait_until
from tests.support.rt_instance import RTInstance

pytestmark = pytest.mark.rt


@pytest.fixture
async def agent(rt: RTInstance, tmp_path: Path) -> AsyncIterator[Harness]:
    h = Harness.create(tmp_path / "replica.sqlite", RTConnector(rt.url, "agent", rt.agent_token),
                       backend="rt", user="agent")
    await h.choose_queues("Product Alpha", "Product Beta")
    yield h
    await h.close()


def outbox_empty(h: Harness) -> bool:
    return h.store.views.outbox_status(h.account_id).open == 0


async def test_initial_sync_pulls_threads_and_the_customers_history_across_queues(
        rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    email = f"{rt_unique}@example.com"
    alpha = rt.create_ticket("Product Alpha", f"{rt_unique} pairing", email, "My thermostat won't pair.")
    rt.agent_reply(alpha, "Hold the button for five seconds.", user="agent2", time_taken=7)
    rt.customer_reply(alpha, "Still nothing, sorry.", email)
    internal = rt.create_ticket("Internal", f"{rt_unique} old invoice", email, "Invoice 2024-17?")
    rt.set_status(internal, "resolved")

    report = await agent.engine.sync_once()

    assert report.tickets_pulled >= 1
    assert agent.thread_texts(alpha) == [
        ("customer", "My thermostat won't pair."),
        ("agent", "Hold the button for five seconds."),
        ("customer", "Still nothing, sorry."),
    ]
    ticket = agent.ticket(alpha)
    assert ticket.customer_email == email and ticket.queue == "Product Alpha"
    assert ticket.time_worked_minutes == 7
    # The customer's ticket in a queue we do not work is there as history, without its thread.
    assert ticket.customer_id is not None
    history = {t.remote_id: t for t in agent.store.views.customer_tickets(ticket.customer_id)}
    assert history[str(internal)].queue == "Internal"
    assert history[str(internal)].status is TicketStatus.RESOLVED
    assert not agent.ticket(internal).thread_synced


async def test_incremental_sync_fetches_only_what_changed(
        rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    email = f"{rt_unique}@example.com"
    first = rt.create_ticket("Product Beta", f"{rt_unique} export", email, "How do I export invoices?")
    await agent.engine.sync_once()

    quiet = await agent.engine.sync_once()
    assert quiet.tickets_pulled == 0  # the overlap window's duplicates are dropped

    rt.customer_reply(first, "Found it, thanks!", email)
    second = rt.create_ticket("Product Alpha", f"{rt_unique} battery", email, "Battery drains fast.")
    report = await agent.engine.sync_once()

    assert report.tickets_pulled == 2
    assert agent.thread_texts(first)[-1] == ("customer", "Found it, thanks!")
    assert agent.thread_texts(second) == [("customer", "Battery drains fast.")]


async def test_pulls_cost_a_few_requests_per_queue_not_per_ticket(
        rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    email = f"{rt_unique}@example.com"
    tickets = [rt.create_ticket("Product Alpha", f"{rt_unique} {n}", email, f"Question {n}")
               for n in range(6)]
    connector = agent.connector
    assert isinstance(connector, RTConnector)
    await agent.engine.sync_once()
    for n, ticket in enumerate(tickets):
        rt.customer_reply(ticket, f"Follow-up {n}", email)
    before = connector.requests_made
    report = await agent.engine.sync_once()
    # Per working queue: the listing, then the new entries and their parts for all tickets at once.
    # The customer's history was pulled a moment ago, so it is not asked for again.
    assert report.tickets_pulled >= 6
    assert connector.requests_made - before <= 2 * 3
    assert all(agent.thread_texts(t)[-1] == ("customer", f"Follow-up {n}") for n, t in enumerate(tickets))


async def test_a_resolved_ticket_leaves_the_active_set_but_keeps_its_history(
        rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    email = f"{rt_unique}@example.com"
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} resolved elsewhere", email, "Help")
    await agent.engine.sync_once()
    rt.set_status(ticket, "resolved")
    await agent.engine.sync_once()
    assert agent.ticket(ticket).status is TicketStatus.RESOLVED
    assert agent.thread_texts(ticket) == [("customer", "Help")]


async def test_reply_with_time_and_status_is_pushed_once_and_replaces_the_local_copy(
        rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    email = f"{rt_unique}@example.com"
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} refund", email, "I want a refund.")
    await agent.engine.sync_once()

    text = f"Refund issued ({rt_unique}). It will show within 5 days."
    agent.store.outbox.queue_message(agent.account_id, str(ticket), text, author="agent", time_minutes=12,
                                     status=TicketStatus.RESOLVED)
    assert agent.thread_texts(ticket)[-1] == ("agent", text)  # visible before any network
    agent.store.outbox.queue_message(agent.account_id, str(ticket), "Customer was polite.", author="agent",
                                     note=True)

    report = await agent.engine.sync_once()

    assert report.ops_pushed == 2
    assert rt.count_transactions(ticket, "Correspond", text) == 1
    assert rt.count_transactions(ticket, "Comment", "Customer was polite.") == 1
    remote = rt.ticket(ticket)
    assert remote["status"] == "resolved" and remote["time_worked"] == 12
    thread = agent.store.views.thread(agent.ticket(ticket).id)
    assert [m.kind for m in thread] == [MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.NOTE]
    assert all(m.remote_id is not None and m.outbox_state is None for m in thread)
    assert agent.ticket(ticket).status is TicketStatus.RESOLVED
    assert outbox_empty(agent)


async def test_take_and_status_changes_are_pushed(rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} take me", f"{rt_unique}@example.com", "Hi")
    await agent.engine.sync_once()
    agent.store.outbox.queue_take(agent.account_id, str(ticket), "agent")
    agent.store.outbox.queue_status(agent.account_id, str(ticket), TicketStatus.PENDING)
    await agent.engine.sync_once()
    remote = rt.ticket(ticket)
    assert remote["owner"] == "agent" and remote["status"] == "stalled"
    assert agent.ticket(ticket).status is TicketStatus.PENDING and agent.ticket(ticket).owner == "agent"


async def test_a_reply_that_crosses_a_new_customer_message_is_flagged_not_sent(
        rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    email = f"{rt_unique}@example.com"
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} crossing", email, "It is broken.")
    await agent.engine.sync_once()
    text = f"Have you tried turning it off and on? {rt_unique}"
    op_id = agent.store.outbox.queue_message(agent.account_id, str(ticket), text, author="agent")
    rt.customer_reply(ticket, "Never mind, it works now!", email)  # arrives while the agent types

    report = await agent.engine.sync_once()

    assert report.conflicts == 1
    assert rt.count_transactions(ticket, "Correspond", text) == 0
    op = agent.store.outbox.get(op_id)
    assert op is not None and op.state is OpState.CONFLICT
    conflict = Conflict.decode(op.conflict)
    assert conflict is not None and conflict.reason is Reason.CUSTOMER_WROTE
    assert "customer wrote again" in conflict.english()
    # kept, visible, and the newer customer message is in the replica beside it
    texts = agent.thread_texts(ticket)
    assert ("agent", text) in texts and ("customer", "Never mind, it works now!") in texts

    agent.store.outbox.resolve(op_id, send=True)  # the agent read it and still wants to send
    await agent.engine.sync_once()
    assert rt.count_transactions(ticket, "Correspond", text) == 1
    assert outbox_empty(agent)


async def test_taking_a_ticket_a_colleague_took_meanwhile_is_a_conflict(
        rt: RTInstance, agent: Harness, rt_unique: str) -> None:
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} race", f"{rt_unique}@example.com", "Hello")
    await agent.engine.sync_once()
    op_id = agent.store.outbox.queue_take(agent.account_id, str(ticket), "agent")
    rt.set_owner(ticket, "agent2")
    await agent.engine.sync_once()
    op = agent.store.outbox.get(op_id)
    assert op is not None and op.state is OpState.CONFLICT
    assert Conflict.decode(op.conflict) == Conflict(Reason.TAKEN, who="agent2")
    assert rt.ticket(ticket)["owner"] == "agent2"


async def test_offline_is_a_normal_state_and_sync_resumes_by_itself(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    email = f"{rt_unique}@example.com"
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} offline", email, "Are you there?")
    h = Harness.create(tmp_path / "replica.sqlite", RTConnector(rt.url, "agent", rt.agent_token),
                       backend="rt", user="agent", interval=0.2, max_backoff=0.5)
    await h.choose_queues("Product Beta")
    await h.engine.sync_once()
    runner = asyncio.create_task(h.engine.run())
    try:
        rt.stop()
        text = f"Yes, sorry for the wait. {rt_unique}"
        h.store.outbox.queue_message(h.account_id, str(ticket), text, author="agent")
        h.engine.request_sync()
        await wait_until(lambda: h.engine.status.state is SyncState.OFFLINE, what="the engine to go offline")
        assert h.store.views.outbox_status(h.account_id).open == 1  # nothing lost while offline
        rt.restart()
        await wait_until(lambda: outbox_empty(h), timeout=120, what="the outbox to drain after restart")
        await wait_until(lambda: h.engine.status.state is not SyncState.OFFLINE, what="the engine online")
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        if not rt.running:
            rt.restart()
        await h.close()
    assert rt.count_transactions(ticket, "Correspond", text) == 1


async def test_unreachable_helpdesk_raises_offline_and_keeps_the_outbox(
        tmp_path: Path, rt: RTInstance) -> None:
    from tests.support.rt_instance import free_port

    h = Harness.create(tmp_path / "replica.sqlite",
                       RTConnector(f"http://127.0.0.1:{free_port()}", "agent", rt.agent_token),
                       backend="rt", user="agent")
    try:
        with pytest.raises(Offline):
            await h.engine.sync_once()
        assert h.engine.status.state is SyncState.OFFLINE
    finally:
        await h.close()


async def test_a_ticket_asked_for_by_number_is_fetched_and_kept(rt: RTInstance, agent: Harness,
                                                                rt_unique: str) -> None:
    email = f"{rt_unique}@example.com"
    elsewhere = rt.create_ticket("Internal", f"{rt_unique} by number", email, "Not in your queues.")
    rt.agent_reply(elsewhere, "Noted.", user="agent2")
    await agent.engine.sync_once()
    assert agent.store.views.ticket(agent.account_id, str(elsewhere)) is None  # not in the working queues

    await agent.engine.fetch_ticket(str(elsewhere))
    assert agent.thread_texts(elsewhere) == [("customer", "Not in your queues."), ("agent", "Noted.")]
    assert agent.ticket(elsewhere).queue == "Internal"

    with pytest.raises(NotFound):
        await agent.engine.fetch_ticket("999999")
