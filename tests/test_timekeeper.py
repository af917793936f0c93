"""The keeper between the tracker and the ledger, on a real replica and its writer thread: what it shows
is the ledger plus what it counted since, never a second twice whatever the timing of its reads; a
write the disk refuses keeps what was counted for the next one; a restart finds the idle time still
waiting for the agent's word; idle time cannot be answered twice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.desk import Desk
from services.domain import Customer, Ticket, TicketHistory, TicketStatus
from services.store import Store, StoreError
from services.store.asyncstore import AsyncStore
from services.timekeeper import TimeKeeper
from services.tracker import IdleChoice

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ME = "agent"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def parts(tmp_path: Path) -> AsyncIterator[tuple[Store, Desk, Clock]]:
    path = tmp_path / "replica.sqlite"
    store = Store(path)
    account = store.accounts.add("acme", "rt", "http://127.0.0.1:1", ME)
    for n in ("1", "2"):
        ticket = Ticket(remote_id=n, subject=f"S{n}", queue="Q", status=TicketStatus.OPEN,
                        customer=Customer("ana@example.com", "Ana", ""), owner=None, priority=1,
                        created=T0 - timedelta(days=1), updated=T0)
        store.replica.apply_histories(account.id, [TicketHistory(ticket=ticket, messages=(), events=(),
                                                                 last_event_id="")])
    writer = AsyncStore(path)
    clock = Clock()
    desk = Desk(store, writer, account.id, ME, clock=clock)
    yield store, desk, clock
    await writer.aclose()
    store.close()


async def test_what_is_shown_is_the_ledger_plus_what_was_counted_since(
        parts: tuple[Store, Desk, Clock]) -> None:
    store, desk, clock = parts
    keeper = TimeKeeper(desk)
    await keeper.start()
    keeper.focus("1")
    await keeper.write()
    await keeper.refresh()
    clock.now += timedelta(seconds=40)
    assert keeper.shown().ticket_seconds == 40  # counted, not written yet
    await keeper.write()
    assert keeper.shown().ticket_seconds == 40  # written, not read again yet: not twice
    await keeper.refresh()
    assert keeper.shown().ticket_seconds == 40 and keeper.shown().today_seconds == 40
    clock.now += timedelta(seconds=20)
    keeper.focus("2")
    await keeper.write()
    assert keeper.shown().ticket_seconds == 0 and not keeper.shown().known  # reading the other one
    await keeper.refresh()
    shown = keeper.shown()
    assert shown.known and shown.ticket_seconds == 0 and shown.today_seconds == 60
    assert store.timelog.ticket_time(desk.account_id, ME, "1").seconds == 60


async def test_a_refused_write_keeps_what_was_counted_for_the_next(parts: tuple[Store, Desk, Clock],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store, desk, clock = parts
    keeper = TimeKeeper(desk)
    keeper.focus("1")
    clock.now += timedelta(seconds=45)
    real = desk.record_time

    async def disk_full(events: object) -> None:
        raise StoreError("The disk holding Monodesk's local data is full.")

    monkeypatch.setattr(desk, "record_time", disk_full)
    with pytest.raises(StoreError):
        await keeper.write()
    assert keeper.shown().ticket_seconds == 45  # still shown as counted
    monkeypatch.setattr(desk, "record_time", real)
    clock.now += timedelta(seconds=15)
    await keeper.write()
    await keeper.refresh()
    assert store.timelog.ticket_time(desk.account_id, ME, "1").seconds == 60  # nothing lost, nothing twice
    assert keeper.shown().ticket_seconds == 60


async def test_idle_time_waits_across_a_restart_and_is_answered_once(
        parts: tuple[Store, Desk, Clock]) -> None:
    store, desk, clock = parts
    keeper = TimeKeeper(desk, idle_after=timedelta(minutes=5))
    keeper.focus("1")
    clock.now += timedelta(minutes=10)
    keeper.idle_for(480)  # away since minute 2
    clock.now += timedelta(minutes=5)
    keeper.idle_for(1)  # back
    await keeper.write()
    restarted = TimeKeeper(desk)  # the app stopped (or crashed) before the agent said anything
    await restarted.start()
    [span] = restarted.shown().pending
    assert (span.start, span.ticket) == (T0 + timedelta(minutes=2), "1")
    await restarted.settle(span, IdleChoice.KEEP)
    await restarted.settle(span, IdleChoice.KEEP)  # a second click: nothing more
    assert store.timelog.pending_idle(desk.account_id, ME) == []
    # Two minutes before, the 13 min away kept, the second since the return: the quarter hour, once.
    assert store.timelog.ticket_time(desk.account_id, ME, "1").seconds == 15 * 60


async def test_two_writes_refused_together_lose_neither(parts: tuple[Store, Desk, Clock],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio

    store, desk, clock = parts
    keeper = TimeKeeper(desk)
    keeper.focus("1")
    real = desk.record_time
    gate = asyncio.Event()

    async def slow_then_full(events: object) -> None:
        await gate.wait()
        raise StoreError("The disk holding Monodesk's local data is full.")

    monkeypatch.setattr(desk, "record_time", slow_then_full)
    clock.now += timedelta(seconds=20)
    first = asyncio.ensure_future(keeper.write())  # the half-minute write...
    await asyncio.sleep(0)
    clock.now += timedelta(seconds=5)
    keeper.focus("2")  # ...and a switch while it waits on the disk
    second = asyncio.ensure_future(keeper.write())
    clock.now += timedelta(seconds=5)
    gate.set()
    for write in (first, second):
        with pytest.raises(StoreError):
            await write
    monkeypatch.setattr(desk, "record_time", real)
    await keeper.write()
    account = desk.account_id
    assert store.timelog.ticket_time(account, ME, "1").seconds == 25  # nothing of either write lost
    assert store.timelog.ticket_time(account, ME, "2").seconds == 5


async def test_a_suspend_nobody_announced_is_not_counted(parts: tuple[Store, Desk, Clock]) -> None:
    store, desk, clock = parts
    keeper = TimeKeeper(desk)
    keeper.focus("1")
    clock.now += timedelta(minutes=2)
    await keeper.write()
    clock.now += timedelta(hours=8, seconds=10)  # the lid closed for the night; the wake-up shows the gap
    keeper.slept(timedelta(hours=8))
    await keeper.write()
    assert store.timelog.ticket_time(desk.account_id, ME, "1").seconds == 2 * 60 + 10
