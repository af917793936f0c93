"""Skipping a ticket gives it back when only opening it took it, against a LIVE Request Tracker 5.

With "take on open" (the default) every ticket Next shows becomes the agent's; a skip must not leave it
so, or colleagues' Next never offers it. Only a take made by opening, with nothing else done since, is
undone: a take still unsent never leaves, one already in RT is undone by giving the ticket to Nobody.
Skip reasons stay local and are counted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from services.backends.rt.connector import RTConnector
from services.desk import Desk
from services.store import OpState
from services.store.outbox import OpKind
from services.store.worklist import Draft
from tests.support.harness import Harness
from tests.support.rt_instance import RTInstance

pytestmark = pytest.mark.rt


@pytest.fixture
async def agent(rt: RTInstance, tmp_path: Path) -> AsyncIterator[Harness]:
    h = Harness.create(tmp_path / "replica.sqlite", RTConnector(rt.url, "agent", rt.agent_token),
                       backend="rt", user="agent")
    await h.choose_queues("Product Alpha")
    yield h
    await h.close()


@pytest.fixture
def desk(agent: Harness) -> Desk:
    return Desk(agent.store, agent.writer, agent.account_id, "agent")


def kinds(agent: Harness, remote_id: int) -> list[tuple[OpKind, OpState]]:
    """Every change of the ticket still in the outbox, done ones included, in order."""
    rows = agent.store.conn.execute(
        """SELECT o.kind, o.state FROM outbox o JOIN tickets t ON t.id = o.ticket_id
           WHERE t.remote_id = ? ORDER BY o.seq""", (str(remote_id),)).fetchall()
    return [(OpKind(r[0]), OpState(r[1])) for r in rows]


async def a_new_ticket(rt: RTInstance, agent: Harness, rt_unique: str, what: str) -> int:
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} {what}", f"{rt_unique}@example.com",
                              "Something is wrong.")
    await agent.engine.sync_once()
    assert agent.ticket(ticket).owner is None
    return ticket


async def test_a_ticket_taken_by_opening_it_goes_back_to_nobody_when_skipped(
        rt: RTInstance, agent: Harness, desk: Desk, rt_unique: str) -> None:
    ticket = await a_new_ticket(rt, agent, rt_unique, "sent take")
    assert await desk.open(str(ticket), take=True)
    await agent.engine.sync_once()
    assert rt.ticket(ticket)["owner"] == "agent"

    await desk.skip(str(ticket), "Not my product")
    assert agent.ticket(ticket).owner is None  # at once, before any sync
    await agent.engine.sync_once()

    assert rt.ticket(ticket)["owner"] == "Nobody"
    assert agent.ticket(ticket).owner is None
    assert kinds(agent, ticket)[-1] == (OpKind.RELEASE, OpState.DONE)
    # Its only changes since are the agent's own: still skipped, not offered again.
    assert agent.store.worklist.skip_reason(agent.account_id, str(ticket)) == "Not my product"


async def test_a_take_not_sent_yet_never_leaves(rt: RTInstance, agent: Harness, desk: Desk,
                                                rt_unique: str) -> None:
    ticket = await a_new_ticket(rt, agent, rt_unique, "unsent take")
    updated_before = rt.ticket(ticket)["last_updated"]
    assert await desk.open(str(ticket), take=True)
    assert desk.reads.last_focus() == str(ticket)
    await desk.skip(str(ticket), "Not my product")

    assert kinds(agent, ticket) == []  # nothing to send: the take is gone
    assert desk.reads.last_focus() is None  # a start does not bring a skipped ticket back
    journal = agent.store.outbox.journal
    assert journal is None or journal.unsent() == []
    await agent.engine.sync_once()
    info = rt.ticket(ticket)
    assert info["owner"] == "Nobody" and info["last_updated"] == updated_before
    assert agent.store.worklist.skip_reason(agent.account_id, str(ticket)) == "Not my product"


@pytest.mark.parametrize("then", ["replied", "draft", "took it on purpose", "opened again later"])
async def test_a_ticket_the_agent_worked_on_stays_theirs(rt: RTInstance, agent: Harness, desk: Desk,
                                                         rt_unique: str, then: str) -> None:
    ticket = await a_new_ticket(rt, agent, rt_unique, then)
    if then == "took it on purpose":
        await desk.take(str(ticket))
    else:
        assert await desk.open(str(ticket), take=True)
    if then == "opened again later":  # kept since an earlier opening: this one took nothing
        await agent.engine.sync_once()
        assert not await desk.open(str(ticket), take=True)
    elif then == "replied":
        await desk.send(str(ticket), "I am looking into it.")
    elif then == "draft":
        await desk.save_draft(str(ticket), Draft("Half a reply", False, 0))
    await agent.engine.sync_once()

    await desk.skip(str(ticket), "Later")
    await agent.engine.sync_once()

    assert rt.ticket(ticket)["owner"] == "agent"
    assert agent.ticket(ticket).owner == "agent"
    assert OpKind.RELEASE not in [k for k, _ in kinds(agent, ticket)]


async def test_a_colleague_who_took_it_meanwhile_keeps_it(rt: RTInstance, agent: Harness, desk: Desk,
                                                          rt_unique: str) -> None:
    ticket = await a_new_ticket(rt, agent, rt_unique, "colleague")
    assert await desk.open(str(ticket), take=True)
    await agent.engine.sync_once()
    rt.set_owner(ticket, "agent2")  # before our replica heard of it

    await desk.skip(str(ticket), "Not my product")
    await agent.engine.sync_once()

    assert rt.ticket(ticket)["owner"] == "agent2"
    assert agent.ticket(ticket).owner == "agent2"
    assert kinds(agent, ticket)[-1] == (OpKind.RELEASE, OpState.DONE)  # not needed, not sent


async def test_skip_reasons_are_counted_and_stay_local(rt: RTInstance, agent: Harness, desk: Desk,
                                                       rt_unique: str) -> None:
    start = desk.now() - timedelta(seconds=1)
    first = await a_new_ticket(rt, agent, rt_unique, "one")
    second = await a_new_ticket(rt, agent, rt_unique, "two")
    await desk.skip(str(first), "Not my product")
    await desk.skip(str(second), "not my product ")  # the same reason, typed again
    await desk.skip(str(first), "Waiting for billing")  # skipped again: both skips count

    assert desk.reads.skip_counts(start) == {"Not my product": 2, "Waiting for billing": 1}
    assert desk.reads.skip_counts(desk.now() + timedelta(seconds=1)) == {}
    await agent.engine.sync_once()
    texts = [t.get("content") or "" for t in rt.transactions(first)]
    assert not any("Not my product" in text or "billing" in text for text in texts)
