"""The "Next ticket" rule, skips, drafts and the desk's writes, on a real replica file."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.changes import Changes
from services.desk import Desk, SkipNeedsReason
from services.domain import Customer, Event, Message, MessageKind, Ticket, TicketHistory, TicketStatus
from services.focus import WORKABLE, Candidate, SlaLevel, Urgency, is_offerable, rank, sla, urgency
from services.store import Draft, OpState, Store, worklist
from services.store.asyncstore import AsyncStore

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ME = "agent"


def ticket(remote_id: int, *, status: TicketStatus = TicketStatus.OPEN, owner: str | None = None,
           priority: int = 0, age_hours: float = 1, due_in_hours: float | None = None,
           queue: str = "Alpha", email: str = "ana@example.com", updated: datetime = NOW) -> Ticket:
    return Ticket(
        remote_id=str(remote_id), subject=f"Ticket {remote_id}", queue=queue, status=status,
        customer=Customer(email, "Ana Lima", "Lima & Co"), owner=owner, priority=priority,
        created=NOW - timedelta(hours=age_hours), updated=updated,
        due=NOW + timedelta(hours=due_in_hours) if due_in_hours is not None else None)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "replica.sqlite")
    account = s.accounts.add("acme", "rt", "http://127.0.0.1:1", ME)
    s.conn.execute("INSERT INTO queues (account_id, remote_id, name) VALUES (?, '1', 'Alpha'), "
                   "(?, '2', 'Beta')", (account.id, account.id))
    s.conn.commit()
    yield s
    s.close()


def aid(store: Store) -> int:
    active = store.accounts.active()
    assert active is not None
    return active.id


def nxt(store: Store, exclude: tuple[str, ...] = ()) -> str | None:
    queues = store.accounts.working_queues(aid(store))
    return store.worklist.next_ticket(aid(store), ME, queues, NOW, exclude=exclude)


# --- the rule -------------------------------------------------------------------------------------


def test_urgency_and_sla_levels() -> None:
    assert urgency(None, NOW) is Urgency.NORMAL
    assert urgency(NOW - timedelta(minutes=1), NOW) is Urgency.OVERDUE
    assert urgency(NOW + timedelta(hours=3), NOW) is Urgency.AT_RISK
    assert urgency(NOW + timedelta(hours=30), NOW) is Urgency.NORMAL
    assert sla(None, NOW).level is SlaLevel.NONE
    assert sla(NOW + timedelta(hours=8), NOW).level is SlaLevel.OK
    assert sla(NOW + timedelta(hours=2), NOW).level is SlaLevel.WARN
    assert sla(NOW + timedelta(minutes=20), NOW).level is SlaLevel.CRITICAL
    overdue = sla(NOW - timedelta(hours=2), NOW)
    assert overdue.level is SlaLevel.CRITICAL and overdue.remaining == timedelta(hours=-2)


def test_the_due_time_counts_only_while_the_customer_waits() -> None:
    late = NOW - timedelta(days=1, hours=11)
    for status in WORKABLE:
        assert sla(late, NOW, status).level is SlaLevel.CRITICAL
    paused = sla(late, NOW, TicketStatus.PENDING)
    assert paused.level is SlaLevel.PAUSED and paused.remaining is None  # back when the customer writes
    for status in (TicketStatus.RESOLVED, TicketStatus.REJECTED, TicketStatus.DELETED):
        assert sla(late, NOW, status) == sla(None, NOW)  # nobody waits: nothing is shown


def test_overdue_first_then_at_risk_then_priority_then_age(store: Store) -> None:
    store.replica.apply_summaries(aid(store), [
        ticket(1, priority=90, age_hours=100),                 # high priority, old
        ticket(2, priority=10, due_in_hours=-1),               # overdue, low priority
        ticket(3, priority=50, due_in_hours=2),                # SLA at risk
        ticket(4, priority=90, age_hours=5),                   # high priority, younger than 1
        ticket(5, priority=10, due_in_hours=-3, age_hours=2),  # overdue too, younger than 2
    ])
    queues = store.accounts.working_queues(aid(store))
    order = store.worklist.offerable(aid(store), ME, queues, NOW)
    assert order == ["5", "2", "3", "1", "4"] or order == ["2", "5", "3", "1", "4"]
    # Equal urgency and priority: the older ticket first (5 is 2 h old, 2 is 1 h old).
    assert order[:2] == ["5", "2"]


def test_next_skips_colleagues_tickets_inactive_ones_and_other_queues(store: Store) -> None:
    store.accounts.choose_queues(aid(store), ["Alpha"])
    store.replica.apply_summaries(aid(store), [
        ticket(1, owner="colleague", priority=99),
        ticket(2, status=TicketStatus.PENDING, priority=98),
        ticket(3, status=TicketStatus.RESOLVED, priority=97),
        ticket(4, queue="Beta", priority=96),
        ticket(5, owner=ME, priority=5),
        ticket(6, priority=1),
    ])
    assert nxt(store) == "5"  # my own ticket is offered
    assert nxt(store, exclude=("5",)) == "6"
    assert nxt(store, exclude=("5", "6")) is None


def test_a_skipped_ticket_comes_back_only_when_it_changes(store: Store) -> None:
    store.replica.apply_summaries(aid(store), [ticket(1, priority=9), ticket(2, priority=1)])
    store.worklist.skip(aid(store), "1", "Waiting for the billing team")
    assert nxt(store) == "2"
    assert store.worklist.skip_reason(aid(store), "1") == "Waiting for the billing team"
    assert store.worklist.waiting_count(aid(store), ME, ["Alpha", "Beta"]) == 1
    # The customer writes again: the ticket's update time moves, the skip no longer applies.
    store.replica.apply_summaries(aid(store), [ticket(1, priority=9, updated=NOW + timedelta(minutes=5))])
    assert nxt(store) == "1"
    assert store.worklist.skip_reason(aid(store), "1") is None


def test_a_ticket_answered_last_waits_on_the_customer_until_it_comes_back(store: Store) -> None:
    account = aid(store)
    store.replica.apply_summaries(account, [ticket(1, priority=9), ticket(2, priority=1)])

    def history(*entries: Message | Event) -> None:
        store.replica.apply_histories(account, [TicketHistory(
            ticket(1, priority=9), tuple(e for e in entries if isinstance(e, Message)),
            tuple(e for e in entries if isinstance(e, Event)))])

    def msg(n: int, kind: MessageKind) -> Message:
        return Message(f"m{n}", "1", kind, "someone", NOW - timedelta(minutes=60 - n), "", f"text {n}")

    def event(n: int, field: str, old: str, new: str) -> Event:
        return Event(f"e{n}", "1", "someone", NOW - timedelta(minutes=60 - n), field, old, new)

    history(msg(1, MessageKind.CUSTOMER))
    assert nxt(store) == "1"  # the customer waits: first, by priority
    # The agent's reply (still in the outbox) hands it to the customer; the reply reopening a new
    # ticket and an internal note after it change nothing.
    op_id = store.outbox.queue_message(account, "1", "Try this.", author=ME)
    assert store.worklist.waits_on_customer(account, "1") and nxt(store) == "2"
    store.outbox.mark_done(op_id)  # sent: the next pull brings it back, as the helpdesk's own
    history(msg(2, MessageKind.AGENT), event(3, "Status", "new", "open"), msg(4, MessageKind.NOTE))
    assert nxt(store) == "2"
    assert nxt(store, exclude=("2",)) == "1"  # nothing else left: offered all the same
    history(msg(5, MessageKind.CUSTOMER))  # the customer writes again
    assert not store.worklist.waits_on_customer(account, "1") and nxt(store) == "1"
    history(msg(6, MessageKind.AGENT))
    assert nxt(store) == "2"
    history(event(7, "Status", "pending", "open"))  # back from pending
    assert nxt(store) == "1"
    history(msg(8, MessageKind.AGENT))
    assert nxt(store) == "2"
    history(event(9, "Due", "", "2026-11-21 09:00:00"))  # a due time set since the reply
    assert nxt(store) == "1"


candidates = st.lists(
    st.builds(
        Candidate,
        remote_id=st.integers(1, 10_000).map(str),
        status=st.sampled_from(list(TicketStatus)),
        owner=st.sampled_from([None, ME, "colleague"]),
        priority=st.integers(0, 3),
        created=st.integers(0, 5).map(lambda h: NOW - timedelta(hours=h)),
        due=st.one_of(st.none(), st.integers(-10, 10).map(lambda h: NOW + timedelta(hours=h))),
        waiting=st.booleans(),
    ),
    max_size=30, unique_by=lambda c: c.remote_id)


# Mostly overdue, many of them equal but for their number: the backlog of a team behind its SLA.
overdue_heavy = st.lists(
    st.builds(
        Candidate,
        remote_id=st.integers(1, 10_000).map(str),
        status=st.sampled_from([TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.OPEN,
                                TicketStatus.PENDING]),
        owner=st.sampled_from([None, None, ME, "colleague"]),
        priority=st.integers(0, 2),
        created=st.integers(0, 2).map(lambda h: NOW - timedelta(hours=h)),
        due=st.one_of(st.integers(-48, 0), st.integers(-48, 0), st.integers(-3, 6), st.none()).map(
            lambda h: None if h is None else NOW + timedelta(hours=h)),
        waiting=st.sampled_from([False, False, True]),
    ),
    max_size=40, unique_by=lambda c: c.remote_id)


def conversation(c: Candidate) -> tuple[Message, ...]:
    """A thread whose last public message is an agent's reply when the candidate waits on the customer
    (an internal note after it changes nothing), else the customer's, or none at all."""
    def m(n: int, kind: MessageKind) -> Message:
        return Message(f"{c.remote_id}-{n}", c.remote_id, kind, "someone", c.created + timedelta(minutes=n),
                       "", "text")
    number = sum(map(ord, c.remote_id))
    if c.waiting:
        return (m(1, MessageKind.CUSTOMER), m(2, MessageKind.AGENT)) + ((m(3, MessageKind.NOTE),)
                                                                         if number % 2 else ())
    return ((m(1, MessageKind.AGENT), m(2, MessageKind.CUSTOMER), m(3, MessageKind.NOTE))
            if number % 3 == 0 else (m(1, MessageKind.CUSTOMER),) if number % 3 == 1 else ())


def follows_the_rule(s: Store, cands: list[Candidate], skipped: set[str]) -> list[str]:
    """The replica's order, all of it and one ticket at a time, is the rule's. Returns that order."""
    account = s.accounts.add("acme", "rt", "", ME).id
    tickets = [Ticket(remote_id=c.remote_id, subject="s", queue="Alpha", status=c.status,
                      customer=Customer("c@example.com"), owner=c.owner, priority=c.priority,
                      created=c.created, updated=NOW, due=c.due)
               for c in cands]
    s.replica.apply_summaries(account, tickets)
    s.replica.apply_histories(account, [TicketHistory(t, conversation(c), ())
                                        for t, c in zip(tickets, cands, strict=True) if conversation(c)])
    for remote_id in skipped:
        s.worklist.skip(account, remote_id, "later")
    expected = [c.remote_id for c in sorted((c for c in cands if is_offerable(c, ME, c.remote_id in skipped)),
                                            key=lambda c: rank(c, NOW))]
    assert s.worklist.offerable(account, ME, ["Alpha"], NOW) == expected
    for first in range(min(len(expected), 4) + 1):
        assert s.worklist.next_ticket(account, ME, ["Alpha"], NOW, exclude=expected[:first]) == (
            expected[first] if first < len(expected) else None)
    return expected


# few: how many overdue tickets Next sorts rather than walks in order (0: it always walks)
@pytest.mark.parametrize("few", [0, 2, 500])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cands=candidates, skipped=st.sets(st.integers(1, 10_000).map(str), max_size=5))
def test_the_replica_query_follows_the_rule(tmp_path_factory: pytest.TempPathFactory,
                                            monkeypatch: pytest.MonkeyPatch, few: int,
                                            cands: list[Candidate], skipped: set[str]) -> None:
    monkeypatch.setattr(worklist, "_FEW_OVERDUE", few)
    with Store(tmp_path_factory.mktemp("rule") / "replica.sqlite") as s:
        follows_the_rule(s, cands, skipped)


@pytest.mark.parametrize("few", [0, 3, 500])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cands=overdue_heavy, skipped=st.sets(st.integers(1, 10_000).map(str), max_size=8))
def test_the_replica_query_follows_the_rule_with_an_overdue_backlog(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, few: int,
        cands: list[Candidate], skipped: set[str]) -> None:
    monkeypatch.setattr(worklist, "_FEW_OVERDUE", few)
    with Store(tmp_path_factory.mktemp("backlog") / "replica.sqlite") as s:
        follows_the_rule(s, cands, skipped)


def test_a_backlog_larger_than_what_next_sorts_is_offered_in_the_rule_order(tmp_path: Path) -> None:
    """1,500 overdue tickets (more than Next sorts), in ties of priority and age, among colleagues'
    tickets, skipped ones, tickets due soon or later, and ids that are not plain numbers (which rank
    as number 0: each of them is given an age of its own, so that the order stays total)."""
    rng = random.Random(4)
    cands = [Candidate(remote_id=str(n) if n % 50 else f"X-{n}", status=rng.choice(list(WORKABLE)),
                       owner=rng.choice([None, None, None, ME, "colleague"]), priority=rng.randrange(3),
                       created=NOW - timedelta(hours=rng.randrange(4) if n % 50 else 10, minutes=n % 50 or n),
                       due=NOW + timedelta(hours=rng.choice([-1, -30, -300, 1, 3, 30]) * rng.random())
                       if n % 7 else None)
             for n in range(1, 2_001)]
    skipped = {c.remote_id for c in rng.sample(cands, 100)}
    with Store(tmp_path / "replica.sqlite") as s:
        expected = follows_the_rule(s, cands, skipped)
        assert len(expected) > 1_000 and sum(c.due is not None and c.due <= NOW for c in cands) > 600
        for limit in (1, 7, 700):
            assert s.worklist.offerable(aid(s), ME, ["Alpha"], NOW, limit=limit) == expected[:limit]


# --- drafts and the desk's writes ------------------------------------------------------------------


@pytest.fixture
async def desk(store: Store) -> AsyncIterator[Desk]:
    writer = AsyncStore(store.path)
    woken: list[bool] = []
    published: list[Changes] = []
    d = Desk(store, writer, aid(store), ME, wake_sync=lambda: woken.append(True), publish=published.append,
             clock=lambda: NOW)
    d.woken = woken  # type: ignore[attr-defined]
    d.published = published  # type: ignore[attr-defined]
    yield d
    writer.close()


def with_thread(t: Ticket) -> TicketHistory:
    msg = Message(remote_id="10", ticket_id=t.remote_id, kind=MessageKind.CUSTOMER, author="ana",
                  created=t.created, html="", text="My heater is cold.")
    return TicketHistory(ticket=t, messages=(msg,), events=(), last_event_id="10")


async def test_a_draft_survives_and_sending_replaces_it_in_one_transaction(store: Store, desk: Desk) -> None:
    store.replica.apply_histories(aid(store), [with_thread(ticket(1))])
    await desk.save_draft("1", Draft("Hello Ana, half-written", note=False, time_minutes=3))
    reads = desk.reads
    assert reads.draft("1") == Draft("Hello Ana, half-written", False, 3)

    await desk.send("1", "Hello Ana, the fix is on its way.", time_minutes=3, status=TicketStatus.RESOLVED)
    t = reads.ticket("1")
    assert t is not None and reads.draft("1") is None
    thread = reads.thread(t)
    assert [m.text for m in thread][-1] == "Hello Ana, the fix is on its way."
    assert thread[-1].outbox_state == OpState.PENDING
    assert t.status is TicketStatus.RESOLVED
    assert desk.woken  # type: ignore[attr-defined]
    # It says what it changed: this ticket's header and thread, and the outbox; not another ticket.
    changed = desk.published[-1]  # type: ignore[attr-defined]
    assert changed.ticket("1") and changed.thread("1") and changed.outbox and not changed.ticket("2")


async def test_an_empty_draft_is_removed(store: Store, desk: Desk) -> None:
    store.replica.apply_summaries(aid(store), [ticket(1)])
    await desk.save_draft("1", Draft("x"))
    await desk.save_draft("1", Draft("   "))
    assert store.worklist.draft(aid(store), "1") is None


async def test_discarding_a_conflicting_reply_puts_it_back_in_the_draft(store: Store, desk: Desk) -> None:
    store.replica.apply_histories(aid(store), [with_thread(ticket(1))])
    op_id = await desk.send("1", "Reply that crossed the customer's message", time_minutes=4)
    store.outbox.mark_conflict(op_id, "The customer wrote again.", "11")
    reads = desk.reads
    t = reads.ticket("1")
    assert t is not None and [op.op_id for op in reads.attention(t)] == [op_id]

    await desk.decide(op_id, send=False)
    assert reads.attention(t) == []
    assert [m.text for m in reads.thread(t)] == ["My heater is cold."]
    # The text goes back to the draft; its 4 minutes to the ticket's time, to go with the next message.
    assert reads.draft("1") == Draft("Reply that crossed the customer's message", False, 0)
    assert reads.ticket_time("1").unlogged == 240
    assert desk.published[-1].thread("1")  # type: ignore[attr-defined]


async def test_opening_takes_an_unowned_ticket_only_when_configured(store: Store, desk: Desk) -> None:
    store.replica.apply_summaries(aid(store), [ticket(1), ticket(2, owner="colleague"), ticket(3)])
    assert await desk.open("1", take=True)
    assert not await desk.open("2", take=True)  # a colleague's ticket is never taken over
    assert not await desk.open("3", take=False)
    assert store.views.ticket(aid(store), "1").owner == ME  # type: ignore[union-attr]
    assert store.views.ticket(aid(store), "3").owner is None  # type: ignore[union-attr]
    kinds = [op.kind.value for op in store.outbox.open_ops(aid(store))]
    assert kinds == ["take"]


async def test_customer_panel_counts_and_history_across_queues(store: Store, desk: Desk) -> None:
    store.replica.apply_summaries(aid(store), [
        ticket(1), ticket(2, queue="Beta", status=TicketStatus.RESOLVED, age_hours=24 * 60),
        ticket(3, queue="Elsewhere", status=TicketStatus.OPEN, age_hours=24 * 10),
        ticket(4, email="someone.else@example.com")])
    t = desk.reads.ticket("1")
    customer = desk.reads.customer(t) if t else None
    assert customer is not None
    assert customer.counts.all_time == 3
    assert customer.counts.last_30_days == 2
    assert customer.counts.open_now == 2
    assert [s.remote_id for s in customer.tickets] == ["1", "3", "2"]  # newest first


async def test_skip_needs_a_reason(store: Store, desk: Desk) -> None:
    store.replica.apply_summaries(aid(store), [ticket(1)])
    with pytest.raises(SkipNeedsReason) as caught:
        await desk.skip("1", "  ")
    from ui.wording import problem_text  # how the window words it

    assert problem_text(caught.value) == "Say in a few words why the ticket is skipped."
    await desk.skip("1", "Needs a specialist")
    assert desk.reads.next_ticket() is None
