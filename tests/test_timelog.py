"""The time ledger on a real replica file: time written as it accrues, idle spans that wait for the
agent's word across a restart, whole minutes logged with messages or alone and the rest carried, time
given back when a change is taken back, and the day's account by ticket, customer and queue. A
property test drives the tracker, the ledger and the outbox through any sequence of work, messages,
entries, discards and crashes: every tracked second is logged at most once, and none is lost."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.domain import Customer, Ticket, TicketHistory, TicketStatus
from services.outgoing import NotSendable
from services.store import Store
from services.store.timelog import TicketTime
from services.timefmt import day_bounds, week_bounds
from services.tracker import Accrual, IdleChoice, IdleSpan, Tracker, Withdrawal

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def add_ticket(store: Store, account: int, remote_id: str, email: str = "ana@example.com",
               queue: str = "Product Alpha") -> None:
    ticket = Ticket(remote_id=remote_id, subject=f"Subject {remote_id}", queue=queue,
                    status=TicketStatus.OPEN, customer=Customer(email, email.split("@")[0].title(), ""),
                    owner=None, priority=10, created=T0 - timedelta(days=1), updated=T0)
    store.replica.apply_histories(account, [TicketHistory(ticket=ticket, messages=(), events=(),
                                                          last_event_id="")])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "replica.sqlite")
    s.accounts.add("acme", "rt", "http://127.0.0.1:1", "agent")
    yield s
    s.close()


@pytest.fixture
def acc(store: Store) -> int:
    active = store.accounts.active()
    assert active is not None
    for remote_id, email, queue in (("1", "ana@example.com", "Product Alpha"),
                                    ("2", "ana@example.com", "Product Beta"),
                                    ("3", "bo@example.com", "Product Beta")):
        add_ticket(store, active.id, remote_id, email, queue)
    return active.id


def payload(store: Store, op_id: str) -> dict[str, object]:
    op = store.outbox.get(op_id)
    assert op is not None
    return op.payload


def test_a_stretch_is_one_row_that_grows_and_a_switch_begins_another(store: Store, acc: int) -> None:
    store.timelog.record(acc, "agent", [Accrual("1", at(0), at(30))])
    store.timelog.record(acc, "agent", [Accrual("1", at(30), at(60)), Accrual("1", at(60), at(90))])
    store.timelog.record(acc, "agent", [Accrual("2", at(90), at(100))])
    rows = store.conn.execute("SELECT ticket_remote_id, seconds FROM tracked_time ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("1", 90.0), ("2", 10.0)]
    assert store.timelog.ticket_time(acc, "agent", "1").seconds == 90
    assert store.timelog.ticket_time(acc, "agent", "2").unlogged == 10


def test_an_idle_span_waits_for_the_agents_word_across_a_restart(tmp_path: Path, store: Store,
                                                                 acc: int) -> None:
    store.timelog.record(acc, "agent", [Accrual("1", at(0), at(600)), Withdrawal("1", at(100), at(600))])
    assert store.timelog.ticket_time(acc, "agent", "1").seconds == 100
    store.timelog.record(acc, "agent", [IdleSpan("1", at(100), at(900))])  # back at 900
    store.close()
    reopened = Store(tmp_path / "replica.sqlite")
    try:
        pending = reopened.timelog.pending_idle(acc, "agent")
        assert pending == [IdleSpan("1", at(100), at(900))]
        tracker = Tracker()
        tracker.restore(pending)
        span = tracker.pending[0]
        reopened.timelog.settle(acc, "agent", span, IdleChoice.GIVE,
                                tracker.settle(span, IdleChoice.GIVE, "3"))
        assert reopened.timelog.pending_idle(acc, "agent") == []
        assert reopened.timelog.ticket_time(acc, "agent", "1").seconds == 100
        assert reopened.timelog.ticket_time(acc, "agent", "3").seconds == 800
    finally:
        reopened.close()


def test_an_adjustment_needs_a_reason_and_keeps_it(store: Store, acc: int) -> None:
    with pytest.raises(ValueError):
        store.timelog.adjust(acc, "agent", "1", 300, "  ")
    store.timelog.adjust(acc, "agent", "1", 300, "phone call with the customer", at(10))
    store.timelog.adjust(acc, "agent", "1", -120, "counted a coffee break", at(20))
    assert store.timelog.ticket_time(acc, "agent", "1").seconds == 180
    reasons = [r[0] for r in store.conn.execute("SELECT reason FROM tracked_time ORDER BY id")]
    assert reasons == ["phone call with the customer", "counted a coffee break"]


def test_a_message_carries_the_whole_minutes_tracked_and_the_rest_is_carried(store: Store, acc: int) -> None:
    store.timelog.record(acc, "agent", [Accrual("1", at(0), at(150))])  # 2 min 30 s
    first = store.outbox.queue_message(acc, "1", "On it", author="agent")
    assert payload(store, first)["time_minutes"] == 2
    assert store.timelog.ticket_time(acc, "agent", "1").unlogged == 30  # carried
    store.timelog.record(acc, "agent", [Accrual("1", at(150), at(190))])  # 40 s more: a minute with the rest
    second = store.outbox.queue_message(acc, "1", "Done", author="agent", note=True)
    assert payload(store, second)["time_minutes"] == 1
    assert store.timelog.ticket_time(acc, "agent", "1").unlogged == 10
    # A reply written in under a minute logs nothing yet, and loses nothing.
    third = store.outbox.queue_message(acc, "1", "One more thing", author="agent")
    assert payload(store, third)["time_minutes"] == 0
    assert store.timelog.ticket_time(acc, "agent", "1").seconds == 190
    shown = store.conn.execute("SELECT time_taken FROM messages WHERE op_id = ?", (first,)).fetchone()[0]
    assert shown == 2  # the thread shows what the message carries


def test_tracked_time_goes_at_most_a_day_at_a_time(store: Store, acc: int) -> None:
    store.timelog.record(acc, "agent", [Accrual("1", at(0), at(30 * 3600))])  # a timer left running
    op_id = store.outbox.queue_message(acc, "1", "Done", author="agent", time_minutes=60)
    assert payload(store, op_id)["time_minutes"] == 24 * 60  # 60 typed + 23 h tracked
    assert store.timelog.ticket_time(acc, "agent", "1").unlogged == 7 * 3600  # the rest waits, kept
    queued = store.outbox.queue_time(acc, "1", agent="agent")
    assert queued is not None and queued[1] == 7 * 60


def test_a_colleagues_time_on_the_same_ticket_is_not_logged_by_me(store: Store, acc: int) -> None:
    store.timelog.record(acc, "agent2", [Accrual("1", at(0), at(600))])
    op_id = store.outbox.queue_message(acc, "1", "Hello", author="agent")
    assert payload(store, op_id)["time_minutes"] == 0


def test_time_alone_logs_the_unlogged_minutes_or_what_was_typed(store: Store, acc: int) -> None:
    assert store.outbox.queue_time(acc, "1", agent="agent") is None  # nothing tracked: nothing queued
    assert store.outbox.open_ops(acc) == []
    store.timelog.record(acc, "agent", [Accrual("1", at(0), at(725))])
    queued = store.outbox.queue_time(acc, "1", agent="agent", note="reproduced it on staging")
    assert queued is not None
    op_id, minutes = queued
    assert minutes == 12 and payload(store, op_id) == {"minutes": 12, "text": "reproduced it on staging"}
    assert store.timelog.ticket_time(acc, "agent", "1").unlogged == 5
    # Typed minutes are logged as typed: the tracked rest stays for the next message.
    typed = store.outbox.queue_time(acc, "1", agent="agent", minutes=15)
    assert typed is not None and payload(store, typed[0])["minutes"] == 15
    assert store.timelog.ticket_time(acc, "agent", "1") == TicketTime(725 + 900, 5)
    for bad in (0, -3, 40 * 24 * 60):
        with pytest.raises(NotSendable):
            store.outbox.queue_time(acc, "1", agent="agent", minutes=bad)


def test_a_change_taken_back_gives_its_time_back_to_the_ticket(store: Store, acc: int) -> None:
    store.timelog.record(acc, "agent", [Accrual("1", at(0), at(300))])
    op_id = store.outbox.queue_message(acc, "1", "Reply that crossed the customer's", author="agent")
    assert store.timelog.ticket_time(acc, "agent", "1").unlogged == 0
    store.outbox.mark_conflict(op_id, "{}", "")
    store.outbox.resolve(op_id, send=False)
    assert store.timelog.ticket_time(acc, "agent", "1").unlogged == 300  # the ticket's to log again
    draft = store.worklist.draft(acc, "1")
    assert draft is not None and draft.time_minutes == 0  # not in the draft as well: never twice
    again = store.outbox.queue_message(acc, "1", "Reworked reply", author="agent")
    assert payload(store, again)["time_minutes"] == 5


def test_the_days_account_by_ticket_customer_and_queue(store: Store, acc: int) -> None:
    day = datetime(2026, 12, 1, tzinfo=UTC)
    store.timelog.record(acc, "agent", [
        Accrual("1", day - timedelta(minutes=10), day + timedelta(minutes=20)),  # runs over midnight
        Accrual("2", day + timedelta(hours=2), day + timedelta(hours=2, minutes=15)),
        Accrual("3", day + timedelta(hours=3), day + timedelta(hours=3, minutes=5)),
        Accrual("3", day + timedelta(days=1, hours=1), day + timedelta(days=1, hours=2)),  # tomorrow
    ])
    store.timelog.adjust(acc, "agent", "3", 60, "call", day + timedelta(hours=4))
    summary = store.timelog.summary(acc, "agent", day, day + timedelta(days=1))
    assert round(summary.seconds) == (20 + 15 + 5 + 1) * 60
    assert [(t.key, round(t.seconds)) for t in summary.tickets] == [("1", 1200), ("2", 900), ("3", 360)]
    assert [(c.key, c.label, round(c.seconds)) for c in summary.customers] == [
        ("ana@example.com", "Ana", 2100), ("bo@example.com", "Bo", 360)]
    assert [(q.key, round(q.seconds)) for q in summary.queues] == [("Product Beta", 1260),
                                                                   ("Product Alpha", 1200)]
    assert round(store.timelog.seconds_between(acc, "agent", day, day + timedelta(days=1))) == 2460


def test_the_machines_own_days_across_a_clock_change(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        for moment, first, last in (
                (datetime(2026, 3, 29, 12, 0, tzinfo=UTC), datetime(2026, 3, 28, 23, 0, tzinfo=UTC),
                 datetime(2026, 3, 29, 22, 0, tzinfo=UTC)),  # a 23-hour day
                (datetime(2026, 10, 25, 12, 0, tzinfo=UTC), datetime(2026, 10, 24, 22, 0, tzinfo=UTC),
                 datetime(2026, 10, 25, 23, 0, tzinfo=UTC))):  # a 25-hour day
            start, end = day_bounds(moment)
            assert (start.astimezone(UTC), end.astimezone(UTC)) == (first, last)
        monday, _ = week_bounds(datetime(2026, 3, 31, 12, 0, tzinfo=UTC))
        assert monday.astimezone(UTC) == datetime(2026, 3, 29, 22, 0, tzinfo=UTC)  # Monday 30, 00:00 (CEST)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_local_days_and_weeks() -> None:
    paris = ZoneInfo("Europe/Paris")
    start, end = day_bounds(datetime(2026, 3, 29, 12, 0, tzinfo=paris), paris)  # a 23-hour day
    real = end.astimezone(UTC) - start.astimezone(UTC)  # (the same zone on both sides subtracts wall time)
    assert (start.hour, end.hour, end.day, real.total_seconds()) == (0, 0, 30, 23 * 3600)
    monday, next_monday = week_bounds(datetime(2026, 12, 3, 18, 0, tzinfo=UTC), UTC)
    assert (monday.day, monday.weekday(), next_monday.day) == (30, 0, 7)


# --- any sequence of work, messages, entries, discards and crashes --------------------------------

steps = st.lists(st.tuples(
    st.sampled_from(["work", "work", "work", "idle", "reply", "alone", "typed", "discard", "crash",
                     "adjust"]),
    st.integers(0, 2),  # which ticket
    st.integers(1, 200),  # seconds
), max_size=30)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_every_tracked_second_is_logged_at_most_once_and_none_is_lost(
        tmp_path_factory: pytest.TempPathFactory, plan: list[tuple[str, int, int]]) -> None:
    path = tmp_path_factory.mktemp("ledger") / "replica.sqlite"
    store = Store(path)
    try:
        store.accounts.add("acme", "rt", "http://127.0.0.1:1", "agent")
        active = store.accounts.active()
        assert active is not None
        acc = active.id
        tickets = ["1", "2", "3"]
        for remote_id in tickets:
            add_ticket(store, acc, remote_id)
        tracker, clock = Tracker(), 0.0
        written: Counter[str] = Counter()  # what reached the ledger, by the test's own count
        typed: Counter[str] = Counter()
        for action, which, seconds in plan:
            ticket = tickets[which]
            if action == "work":
                tracker.focus(ticket, at(clock))
                clock += seconds
                for event in tracker.take(at(clock)):
                    if not isinstance(event, IdleSpan):
                        written[event.ticket] += event.seconds * (1 if isinstance(event, Accrual) else -1)
                    store.timelog.record(acc, "agent", [event])
            elif action == "idle":  # a second found idle, out of time not logged yet
                if store.timelog.ticket_time(acc, "agent", ticket).unlogged >= 1:
                    store.timelog.record(acc, "agent", [Withdrawal(ticket, at(clock - 1), at(clock))])
                    written[ticket] -= 1
            elif action == "adjust":
                store.timelog.adjust(acc, "agent", ticket, seconds, "by hand", at(clock))
                written[ticket] += seconds
            elif action == "reply":
                store.outbox.queue_message(acc, ticket, f"reply {clock}", author="agent")
            elif action == "alone":
                store.outbox.queue_time(acc, ticket, agent="agent")
            elif action == "typed":
                store.outbox.queue_time(acc, ticket, agent="agent", minutes=seconds % 7 + 1)
                typed[ticket] += (seconds % 7 + 1) * 60
            elif action == "discard":
                ops = store.outbox.open_ops(acc)
                if ops:
                    store.outbox.mark_failed(ops[-1].op_id, "refused")
                    store.outbox.resolve(ops[-1].op_id, send=False)
            else:  # a crash: what the tracker had not handed out yet is lost (at most one write's worth)
                store.close()
                store = Store(path)
                tracker = Tracker()
        for ticket in tickets:  # the end of the day: everything left is logged on its own
            store.outbox.queue_time(acc, ticket, agent="agent")
        logged: Counter[str] = Counter()
        for op in store.outbox.open_ops(acc):
            minutes = op.payload.get("time_minutes", op.payload.get("minutes", 0))
            assert isinstance(minutes, int)
            logged[str(op.ticket_remote_id)] += minutes * 60
        for ticket in tickets:
            total = written[ticket] + typed[ticket]
            time = store.timelog.ticket_time(acc, "agent", ticket)
            assert time.seconds == pytest.approx(total)  # the ledger holds exactly what was written
            assert time.unlogged == pytest.approx(total - logged[ticket])  # it agrees with the outbox
            assert logged[ticket] == 60 * (total // 60) and 0 <= time.unlogged < 60  # the rest, carried
    finally:
        store.close()
