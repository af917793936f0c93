"""Giving a skipped ticket back (a release) is sent only when it is still the agent's to give: pushed
through the real sync engine to the demo helpdesk (a connector that runs here), whose release calls
are counted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.backends.demo import DemoConnector
from services.backends.demo.topics import ALPHA, BETA, BILLING
from services.desk import Desk
from services.domain import TicketStatus
from services.store import OpState
from services.store.outbox import OpKind
from tests.support.harness import Harness


class CountingDemo(DemoConnector):
    """The demo helpdesk, counting the releases that reach it."""

    releases: list[str]

    async def release(self, ticket_id: str) -> None:
        self.releases.append(ticket_id)
        await super().release(ticket_id)


@pytest.fixture
async def agent(tmp_path: Path) -> AsyncIterator[Harness]:
    demo = CountingDemo(tmp_path / "helpdesk")
    demo.releases = []
    h = Harness.create(tmp_path / "replica.sqlite", demo, backend="demo", user="demo.agent")
    await h.choose_queues(ALPHA, BETA, BILLING)
    await h.engine.sync_once()
    yield h
    await h.close()


def unowned(agent: Harness) -> str:
    row = agent.store.conn.execute(
        "SELECT remote_id FROM tickets WHERE account_id = ? AND owner IS NULL AND status IN ('new', 'open') "
        "ORDER BY number LIMIT 1", (agent.account_id,)).fetchone()
    assert row is not None
    return str(row[0])


def op_states(agent: Harness, remote_id: str) -> list[tuple[OpKind, OpState]]:
    rows = agent.store.conn.execute(
        """SELECT o.kind, o.state FROM outbox o JOIN tickets t ON t.id = o.ticket_id
           WHERE t.remote_id = ? ORDER BY o.seq""", (remote_id,)).fetchall()
    return [(OpKind(r[0]), OpState(r[1])) for r in rows]


async def test_a_release_is_sent_even_when_the_ticket_was_held_without_its_history(agent: Harness) -> None:
    demo = agent.connector
    assert isinstance(demo, CountingDemo)
    ticket = unowned(agent)
    # A colleague's owner changes, long before the agent's take (made in the demo helpdesk as its
    # other agents' work is).
    for owner in ("camille.roux", None):
        await demo._change(ticket, lambda ws, t, at, owner=owner: ws.set_owner(t, "camille.roux", owner, at))
    await agent.engine.sync_once()
    desk = Desk(agent.store, agent.writer, agent.account_id, "demo.agent")
    assert await desk.open(ticket, take=True)
    await agent.engine.sync_once()
    # As for a ticket held only as customer history: no event to start from.
    with agent.store.conn:
        agent.store.conn.execute(
            "UPDATE tickets SET last_event_id = '' WHERE account_id = ? AND remote_id = ?",
            (agent.account_id, ticket))
    await desk.skip(ticket, "Not my product")
    await agent.engine.sync_once()

    assert demo.releases == [ticket]
    view = agent.store.views.ticket(agent.account_id, ticket)
    assert view is not None and view.owner is None


async def test_no_release_follows_a_take_the_helpdesk_refused(agent: Harness) -> None:
    demo = agent.connector
    assert isinstance(demo, CountingDemo)
    ticket = unowned(agent)
    desk = Desk(agent.store, agent.writer, agent.account_id, "demo.agent")
    assert await desk.open(ticket, take=True)
    held = agent.store.views.ticket(agent.account_id, ticket)
    assert held is not None
    take = agent.store.outbox.ticket_ops(held.id)[0]
    assert agent.store.outbox.claim(take, "")  # in flight when the agent skips: a release is queued
    await desk.skip(ticket, "Not my product")
    assert [k for k, _ in op_states(agent, ticket)] == [OpKind.TAKE, OpKind.RELEASE]
    agent.store.outbox.mark_failed(take.op_id, "Permission denied")  # then the take is refused

    await agent.engine.sync_once()
    assert demo.releases == []  # nothing of the agent's to give back
    assert op_states(agent, ticket) == [(OpKind.TAKE, OpState.FAILED), (OpKind.RELEASE, OpState.DONE)]
    status = agent.store.views.ticket(agent.account_id, ticket)
    assert status is not None and status.status in (TicketStatus.NEW, TicketStatus.OPEN)
