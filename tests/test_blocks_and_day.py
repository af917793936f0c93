"""Time blocks, the break nudge and the agent's day on a real replica file: while a block runs Next offers
the customer's tickets first, then their organisation's, then goes on as usual; at its end it stops
preferring them; extended, ended early, it keeps what was planned, what was spent and what was handled.
The break nudge comes once per long stretch; the day view's account adds up with the ledger's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.breaks import BreakWatch
from services.day import agent_day
from services.desk import DeskReads
from services.domain import Customer, Message, MessageKind, Queue, Ticket, TicketHistory, TicketStatus
from services.store import Store
from services.tracker import Accrual, Withdrawal

# Today at 09:00 UTC: the day's range below (T0 - 9 h to T0 + 15 h) holds the skips recorded now.
T0 = datetime.now(UTC).replace(hour=9, minute=0, second=0, microsecond=0)
ME = "agent"


def ticket(remote_id: str, email: str, org: str, *, priority: int = 10, owner: str | None = None) -> Ticket:
    return Ticket(remote_id=remote_id, subject=f"Subject {remote_id}", queue="Product Alpha",
                  status=TicketStatus.OPEN, customer=Customer(email, email.split("@")[0].title(), org),
                  owner=owner, priority=priority, created=T0 - timedelta(days=int(remote_id)), updated=T0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "replica.sqlite")
    account = s.accounts.add("acme", "rt", "http://127.0.0.1:1", ME)
    s.accounts.save_queues(account.id, [Queue("1", "Product Alpha")])
    s.accounts.choose_queues(account.id, ["Product Alpha"])
    tickets = [ticket("1", "big@other.example", "", priority=90),  # what Next offers first otherwise
               ticket("2", "perrin@garage.example", "Garage Perrin", priority=5),
               ticket("3", "anne@garage.example", "Garage Perrin", priority=50),
               ticket("4", "perrin@garage.example", "Garage Perrin", priority=1)]
    s.replica.apply_histories(account.id, [TicketHistory(ticket=t, messages=(), events=(), last_event_id="")
                                           for t in tickets])
    yield s
    s.close()


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def reads_of(store: Store, clock: Clock) -> DeskReads:
    account = store.accounts.active()
    assert account is not None
    return DeskReads(store, account.id, ME, clock)


def test_a_block_has_next_offer_the_customer_then_their_organisation(store: Store) -> None:
    clock = Clock()
    reads = reads_of(store, clock)
    assert reads.next_ticket() == "1"
    store.blocks.start(reads.account_id, ME, "Perrin@Garage.example", "Perrin", "Garage Perrin", 45,
                       clock.now)
    assert reads.next_ticket() == "2"  # the customer's own, by Next's order among them
    assert reads.next_ticket(exclude=("2",)) == "4"
    assert reads.next_ticket(exclude=("2", "4")) == "3"  # then their organisation's
    assert reads.next_ticket(exclude=("2", "3", "4")) == "1"  # then as usual
    clock.now += timedelta(minutes=45)
    block = reads.block()
    assert block is not None and block.over(clock.now)  # over by its time: the timer says so
    assert reads.next_ticket() == "1"  # and Next is back to its usual order


def test_extend_end_early_and_what_a_block_kept(store: Store) -> None:
    clock = Clock()
    reads = reads_of(store, clock)
    acc = reads.account_id
    store.blocks.start(acc, ME, "perrin@garage.example", "Perrin", "Garage Perrin", 30, clock.now)
    store.timelog.record(acc, ME, [Accrual("2", T0, T0 + timedelta(minutes=20)),
                                   Accrual("1", T0 + timedelta(minutes=20), T0 + timedelta(minutes=25))])
    clock.now = T0 + timedelta(minutes=35)  # over; the agent asks for 15 minutes more
    extended = store.blocks.extend(acc, ME, 15, clock.now)
    assert extended is not None and extended.ends == clock.now + timedelta(minutes=15)
    assert extended.planned_seconds == (30 + 20) * 60  # the 5 minutes over, and the 15 more
    clock.now = T0 + timedelta(minutes=40)
    ended = store.blocks.end(acc, ME, clock.now)  # early
    assert ended is not None and ended.ended == clock.now and reads.block() is None
    [kept] = reads.blocks_between(T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    assert kept.actual_seconds == 20 * 60  # on the customer's tickets only
    assert kept.handled == 0  # nothing written to them meanwhile (see the test below)
    with pytest.raises(ValueError):
        store.blocks.start(acc, ME, "perrin@garage.example", "", "", 0, clock.now)


def test_a_new_block_ends_the_one_under_way(store: Store) -> None:
    clock = Clock()
    reads = reads_of(store, clock)
    store.blocks.start(reads.account_id, ME, "perrin@garage.example", "Perrin", "", 60, clock.now)
    clock.now += timedelta(minutes=10)
    store.blocks.start(reads.account_id, ME, "big@other.example", "Big", "", 20, clock.now)
    blocks = reads.blocks_between(T0, T0 + timedelta(hours=2))
    assert [(b.block.customer_email, b.block.ended) for b in blocks] == [
        ("perrin@garage.example", clock.now), ("big@other.example", None)]


def test_the_break_nudge_comes_once_per_long_stretch() -> None:
    watch = BreakWatch(timedelta(minutes=90), rest=timedelta(minutes=5))
    said = [minute for minute in range(0, 200)
            if watch.update(working=not 40 <= minute < 43, at=T0 + timedelta(minutes=minute))]
    assert said == [90]  # a three-minute stop is no break; said once
    assert watch.update(False, T0 + timedelta(minutes=200)) is False
    assert watch.update(True, T0 + timedelta(minutes=206)) is False  # after a real break: a new stretch
    assert watch.stretch(T0 + timedelta(minutes=206)) == timedelta(0)
    assert [m for m in range(207, 400) if watch.update(True, T0 + timedelta(minutes=m))] == [296]
    never = BreakWatch(None)
    assert not any(never.update(True, T0 + timedelta(minutes=m)) for m in range(0, 600))


def test_the_agents_day_adds_up(store: Store) -> None:
    clock = Clock()
    clock.now = T0 + timedelta(hours=8)
    reads = reads_of(store, clock)
    acc = reads.account_id
    store.timelog.record(acc, ME, [Accrual("2", T0, T0 + timedelta(minutes=30)),
                                   Withdrawal("2", T0 + timedelta(minutes=20), T0 + timedelta(minutes=30)),
                                   Accrual("3", T0 + timedelta(hours=1),
                                           T0 + timedelta(hours=1, minutes=10))])
    store.worklist.skip(acc, "1", "Needs a specialist")
    store.blocks.start(acc, ME, "anne@garage.example", "Anne", "Garage Perrin", 30, T0 + timedelta(hours=1))
    day = agent_day(reads, T0 - timedelta(hours=9), T0 + timedelta(hours=15))
    assert round(day.summary.seconds) == (20 + 10) * 60
    assert [(s.ticket, (s.end - s.start).total_seconds()) for s in day.worked] == [("2", 1800), ("3", 600)]
    assert [(s.ticket, (s.end - s.start).total_seconds()) for s in day.away] == [("2", 600)]
    assert day.skips == {"Needs a specialist": 1}
    assert [(b.block.customer_email, b.actual_seconds) for b in day.blocks] == [("anne@garage.example", 600)]


def test_messages_written_during_a_block_count_as_handled(store: Store) -> None:
    account = store.accounts.active()
    assert account is not None
    t = ticket("3", "anne@garage.example", "Garage Perrin")
    store.replica.apply_histories(account.id, [TicketHistory(ticket=t, messages=(
        Message(remote_id="31", ticket_id="3", kind=MessageKind.AGENT, author=ME,
                created=T0 + timedelta(minutes=5), html="", text="Done."),), events=(), last_event_id="31")])
    store.blocks.start(account.id, ME, "anne@garage.example", "Anne", "", 30, T0)
    ended = store.blocks.end(account.id, ME, T0 + timedelta(minutes=10))
    assert ended is not None
    [outcome] = store.blocks.between(account.id, ME, T0, T0 + timedelta(hours=1), T0 + timedelta(hours=1))
    assert outcome.handled == 1
