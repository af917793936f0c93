"""Exactly once through a hostile network: a loopback proxy between Monodesk and a live RT cuts or
stalls connections at random points, including after RT received a request. Counted on the RT side."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from services.backends.base import BackendError
from services.backends.rt.connector import RTConnector
from tests.support.faultproxy import Fault, FaultProxy
from tests.support.harness import Harness
from tests.support.rt_instance import RTInstance

pytestmark = [pytest.mark.rt, pytest.mark.slow]

REPLIES = 60
TICKETS = 6
MIN_CUTS = 50


async def test_no_reply_is_lost_or_sent_twice_over_cut_connections(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    tickets = [rt.create_ticket("Product Beta", f"{rt_unique} faults {i}", f"{rt_unique}-{i}@example.com",
                                "Hello, anyone there?") for i in range(TICKETS)]
    with FaultProxy("127.0.0.1", rt.port, stall_seconds=10) as proxy:
        connector = RTConnector(proxy.url, "agent", rt.agent_token, timeout=2.0, retry_base_delay=0.01)
        h = Harness.create(tmp_path / "replica.sqlite", connector, backend="rt", user="agent")
        try:
            await h.choose_queues("Product Beta")
            await h.engine.sync_once()
            texts: dict[str, int] = {}
            for n in range(REPLIES):
                ticket = tickets[n % TICKETS]
                text = f"Reply {n} to you ({rt_unique})"
                h.store.outbox.queue_message(h.account_id, str(ticket), text, author="agent")
                texts[text] = ticket

            proxy.set_random({Fault.PASS: 0.5, Fault.CUT_AFTER_REQUEST: 0.3,
                              Fault.CUT_BEFORE_REQUEST: 0.15, Fault.STALL: 0.05}, seed=1122)
            cycles = 0
            while h.store.views.outbox_status(h.account_id).open and cycles < 400:
                cycles += 1
                with contextlib.suppress(BackendError):  # offline is a normal state: try again
                    await h.engine.sync_once()
            counts = proxy.counts
            proxy.mode = Fault.PASS
            await h.engine.sync_once()
            remaining = h.store.views.outbox_status(h.account_id).open
        finally:
            await h.close()

    cuts = counts[Fault.CUT_AFTER_REQUEST] + counts[Fault.CUT_BEFORE_REQUEST] + counts[Fault.STALL]
    assert cuts >= MIN_CUTS, f"only {cuts} faults were injected: {counts}"
    assert counts[Fault.CUT_AFTER_REQUEST] >= 10  # the ambiguous case was exercised
    sent = {text: rt.count_transactions(ticket, "Correspond", text) for text, ticket in texts.items()}
    assert [t for t, n in sent.items() if n == 0] == [], "lost replies"
    assert [t for t, n in sent.items() if n > 1] == [], "replies sent twice"
    assert remaining == 0
