"""Time logged in Monodesk against a live RT 5: with messages and on its own, through lost answers
and an offline period, RT's TimeWorked and the agent's own share equal what Monodesk tracked, to the
minute, and no entry reaches RT twice. The entry on its own is a comment the customer never sees."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.backends.base import BackendError
from services.store import OpState
from services.tracker import Accrual
from tests.support.faultproxy import Fault
from tests.support.rt_instance import RTInstance
from tests.test_exactly_once_rt import through_proxy

pytestmark = [pytest.mark.rt]

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def agents_share(rt: RTInstance, ticket: int, agent: str = "agent") -> int:
    """RT's time worked per user: the TimeTaken of the user's transactions."""
    return sum(int(t["time_taken"] or 0) for t in rt.transactions(ticket) if t["creator"] == agent)


async def test_time_with_messages_and_alone_equals_rts_time_worked_after_lost_answers_and_offline(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} time", f"{rt_unique}@example.com", "Hi")
    async with through_proxy(rt, tmp_path, only_methods=("POST",)) as (proxy, h):
        acc, remote = h.account_id, str(ticket)
        # 7 min 40 s tracked, then a reply: it carries 7 minutes, 40 s are carried.
        h.store.timelog.record(acc, "agent", [Accrual(remote, T0, T0 + timedelta(seconds=460))])
        reply = h.store.outbox.queue_message(acc, remote, f"{rt_unique} reply", author="agent")
        proxy.mode = Fault.CUT_AFTER_REQUEST  # RT gets it, the answer is lost
        with contextlib.suppress(BackendError):
            await h.engine.sync_once()
        # Offline meanwhile: more work, time logged alone with a note, and alone without one.
        proxy.mode = Fault.CUT_BEFORE_REQUEST
        h.store.timelog.record(acc, "agent", [Accrual(remote, T0 + timedelta(seconds=460),
                                                      T0 + timedelta(seconds=1000))])  # +40 s: 9 min
        alone = h.store.outbox.queue_time(acc, remote, agent="agent", note=f"{rt_unique} checked logs")
        typed = h.store.outbox.queue_time(acc, remote, agent="agent", minutes=4)
        for _ in range(2):
            with contextlib.suppress(BackendError):
                await h.engine.sync_once()
        proxy.mode = Fault.PASS
        for _ in range(3):
            await h.engine.sync_once()
        assert alone is not None and alone[1] == 9 and typed is not None
        for op_id in (reply, alone[0], typed[0]):
            op = h.store.outbox.get(op_id)
            assert op is None or op.state is OpState.DONE, op
        left = h.store.timelog.ticket_time(acc, "agent", remote)
    assert proxy.counts[Fault.CUT_AFTER_REQUEST] >= 1
    assert rt.ticket(ticket)["time_worked"] == 7 + 9 + 4
    assert agents_share(rt, ticket) == 7 + 9 + 4
    assert rt.count_transactions(ticket, "Correspond", f"{rt_unique} reply") == 1
    assert rt.count_transactions(ticket, "Comment", f"{rt_unique} checked logs") == 1
    comments = [t for t in rt.transactions(ticket) if t["type"] == "Comment"]
    assert sorted(int(t["time_taken"]) for t in comments) == [4, 9]  # each once; staff-only comments
    assert left.unlogged == 40 and left.seconds == 1000 + 240  # 1000 s tracked + 4 min typed; 40 s carried


async def test_a_time_entry_whose_answer_was_lost_reaches_rt_once(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} lost", f"{rt_unique}@example.com", "Hi")
    async with through_proxy(rt, tmp_path, only_methods=("POST",)) as (proxy, h):
        acc, remote = h.account_id, str(ticket)
        h.store.timelog.record(acc, "agent", [Accrual(remote, T0, T0 + timedelta(minutes=8))])
        bare = h.store.outbox.queue_time(acc, remote, agent="agent")  # no note: a comment with no text
        noted = h.store.outbox.queue_time(acc, remote, agent="agent", minutes=8, note=f"{rt_unique} call")
        assert bare is not None and noted is not None
        proxy.mode = Fault.CUT_AFTER_REQUEST  # RT takes each one; every answer is lost
        for _ in range(3):
            with contextlib.suppress(BackendError):
                await h.engine.sync_once()
        proxy.mode = Fault.PASS
        for _ in range(3):
            await h.engine.sync_once()
        states = [h.store.outbox.get(op_id) for op_id in (bare[0], noted[0])]
    assert proxy.counts[Fault.CUT_AFTER_REQUEST] >= 2
    assert all(op is None or op.state is OpState.DONE for op in states), states
    comments = [t for t in rt.transactions(ticket) if t["type"] == "Comment"]
    assert sorted(int(t["time_taken"]) for t in comments) == [8, 8]  # each once, not once per attempt
    assert rt.ticket(ticket)["time_worked"] == 16 and agents_share(rt, ticket) == 16


async def test_an_entry_taken_back_before_it_went_gives_its_time_back_and_rt_gets_it_once(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} refused", f"{rt_unique}@example.com", "Hi")
    async with through_proxy(rt, tmp_path) as (_proxy, h):
        acc, remote = h.account_id, str(ticket)
        h.store.timelog.record(acc, "agent", [Accrual(remote, T0, T0 + timedelta(minutes=6))])
        queued = h.store.outbox.queue_time(acc, remote, agent="agent")
        assert queued is not None
        h.store.outbox.mark_failed(queued[0], "refused")  # as a refusal leaves it, for the agent to decide
        h.store.outbox.resolve(queued[0], send=False)
        assert h.store.timelog.ticket_time(acc, "agent", remote).unlogged == 360  # back to the ticket
        reply = h.store.outbox.queue_message(acc, remote, f"{rt_unique} answer", author="agent")
        await h.engine.sync_once()
        await h.engine.sync_once()
        assert h.store.outbox.get(reply) is None or h.store.outbox.get(reply).state is OpState.DONE  # type: ignore[union-attr]
    assert rt.ticket(ticket)["time_worked"] == 6 and agents_share(rt, ticket) == 6
