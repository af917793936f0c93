"""Counts the replica keeps up to date with triggers (the waiting counter, a customer's ticket counts)
stay exactly what counting the tickets says, through every kind of write, on a real replica file."""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.domain import Customer, Event, Message, MessageKind, Ticket, TicketHistory, TicketStatus
from services.focus import WORKABLE
from services.store import Store, schema
from services.store.db import to_db_time
from services.store.views import CustomerCounts
from services.store.worklist import _offerable_where

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
AGENTS = ("agent", "colleague", "third")
QUEUES = ("Alpha", "Beta", "Gamma")
EMAILS = ("ana@example.com", "bo@example.com", "cy@example.com")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "replica.sqlite")
    yield s
    s.close()


def brute_waiting(s: Store, account_id: int, me: str, queues: list[str]) -> int:
    """The waiting counter as it was counted before it was kept: every offerable ticket, read (those
    waiting on the customer too: Next offers them once nothing else is left)."""
    if not queues:
        return 0
    return sum(int(s.conn.execute(
        f"SELECT COUNT(*) FROM tickets t WHERE {_offerable_where(len(queues), awaiting=awaiting)}",
        (account_id, *queues, me)).fetchone()[0]) for awaiting in (0, 1))


def check_customers(s: Store) -> None:
    """Every customer's counts, kept and counted as they were before they were kept."""
    active = ", ".join(f"'{status.value}'" for status in TicketStatus if status.is_active)
    for (customer_id,) in s.conn.execute("SELECT id FROM customers").fetchall():
        for since in (NOW - timedelta(days=30), NOW - timedelta(days=400), NOW):
            row = s.conn.execute(
                f"""SELECT COUNT(*), COALESCE(SUM(created >= ?), 0), COALESCE(SUM(status IN ({active})), 0)
                    FROM tickets WHERE customer_id = ?""", (to_db_time(since), customer_id)).fetchone()
            assert s.views.customer_counts(customer_id, since) == CustomerCounts(*row), customer_id


# Whether a ticket waits on the customer, worked out from its messages and events (migration 8 keeps it).
AWAITING = """ifnull((
    SELECT last.kind = 'agent' AND NOT EXISTS (
               SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.created > last.created
                 AND ((e.field = 'Status' AND e.old_value != 'new' AND e.old_value != 'open')
                      OR (e.field = 'Due' AND e.new_value != '')))
    FROM (SELECT m.kind, m.created FROM messages m WHERE m.ticket_id = t.id AND m.kind != 'note'
          ORDER BY m.position DESC LIMIT 1) last), 0)"""


def check_waiting(s: Store, accounts: list[int]) -> None:
    wrong = s.conn.execute(f"SELECT t.remote_id FROM tickets t WHERE t.awaiting != {AWAITING}").fetchall()
    assert not wrong, [r[0] for r in wrong]
    for account in accounts:
        for me in AGENTS:
            for queues in ([], ["Alpha"], ["Beta", "Gamma"], list(QUEUES), ["Alpha", "Alpha"]):
                kept = s.worklist.waiting_count(account, me, queues)
                assert kept == brute_waiting(s, account, me, queues), (account, me, queues)
                assert kept == len(s.worklist.offerable(account, me, queues, NOW))


class Writes:
    """Random writes of every kind the replica sees: pulls (new tickets, changes of status, owner,
    queue, customer, update time; stale versions), skips and skips again, the agent's own changes through
    the outbox (take, status, a reply with a status, discarding one), and deletions."""

    def __init__(self, s: Store, accounts: list[int], seed: int) -> None:
        self.s, self.accounts, self.rng = s, accounts, random.Random(seed)
        self.versions: dict[tuple[int, str], datetime] = {}

    def ticket(self, account: int, remote_id: str, updated: datetime) -> Ticket:
        rng = self.rng
        return Ticket(remote_id=remote_id, subject="s", queue=rng.choice(QUEUES),
                      status=rng.choice(list(TicketStatus)), customer=Customer(rng.choice(EMAILS)),
                      owner=rng.choice([None, None, *AGENTS]), priority=rng.randrange(3),
                      created=NOW - timedelta(days=rng.randrange(60)), updated=updated,
                      due=NOW + timedelta(hours=rng.randrange(-5, 5)) if rng.random() < 0.5 else None)

    def known(self) -> tuple[int, str] | None:
        return self.rng.choice(sorted(self.versions)) if self.versions else None

    def step(self) -> str:
        rng, s = self.rng, self.s
        action = rng.choice(["pull", "pull", "pull", "history", "stale", "skip", "skip", "take", "status",
                             "reply", "discard", "unskip", "delete"])
        picked = self.known()
        if action in ("pull", "history") or picked is None:
            account = rng.choice(self.accounts)
            remote_id = str(rng.randrange(1, 40))
            moved = timedelta(minutes=rng.choice([0, 0, 1, 5]))
            updated = self.versions.get((account, remote_id), NOW) + moved
            self.versions[(account, remote_id)] = updated
            t = self.ticket(account, remote_id, updated)
            if action == "history":  # a message (the customer's, a reply, a note), maybe an event
                m = Message(remote_id=str(rng.randrange(1_000_000)), ticket_id=remote_id,
                            kind=rng.choice(list(MessageKind)), author="x", created=updated, html="",
                            text="hello")
                field, old, new = rng.choice([("Status", "new", "open"), ("Status", "pending", "open"),
                                              ("Due", "", "2026-12-01 09:00:00"), ("Owner", "", "x")])
                events = (Event(str(rng.randrange(1_000_000)), remote_id, "x",
                                updated + timedelta(minutes=rng.choice([-1, 1])), field, old, new),
                          ) if rng.random() < 0.4 else ()
                s.replica.apply_histories(account, [TicketHistory(t, (m,), events, m.remote_id)])
            else:
                s.replica.apply_summaries(account, [t])
            return action
        account, remote_id = picked
        if action == "stale":  # an older version never overwrites: nothing may move
            s.replica.apply_summaries(account, [self.ticket(account, remote_id, NOW - timedelta(days=1))])
        elif action == "skip":
            s.worklist.skip(account, remote_id, "later")
        elif action == "take":
            s.outbox.queue_take(account, remote_id, rng.choice(AGENTS))
        elif action == "status":
            s.outbox.queue_status(account, remote_id, rng.choice(list(TicketStatus)))
        elif action == "reply":
            s.outbox.queue_message(account, remote_id, "On it.", author="agent",
                                   status=rng.choice([None, TicketStatus.PENDING, TicketStatus.OPEN]))
        elif action == "discard":
            ops = s.outbox.open_ops(account)
            if ops:
                op = rng.choice(ops)
                s.outbox.mark_conflict(op.op_id, "changed meanwhile", "")
                s.outbox.resolve(op.op_id, send=False)
        elif action == "unskip":
            with s.conn:
                s.conn.execute("BEGIN")
                s.conn.execute("DELETE FROM skips WHERE ticket_id IN (SELECT id FROM tickets "
                               "WHERE account_id = ? AND remote_id = ?)", (account, remote_id))
        elif action == "delete":
            with s.conn:
                s.conn.execute("BEGIN")
                s.conn.execute("DELETE FROM tickets WHERE account_id = ? AND remote_id = ?",
                               (account, remote_id))
            del self.versions[(account, remote_id)]
        return action


@pytest.mark.parametrize("seed", range(3))
def test_the_waiting_count_stays_exact_through_every_kind_of_write(store: Store, seed: int) -> None:
    accounts = [store.accounts.add(name, "rt", "", "agent").id for name in ("one", "two")]
    writes = Writes(store, accounts, seed)
    done: set[str] = set()
    for _ in range(400):
        done.add(writes.step())
        check_waiting(store, accounts)
    assert done >= {"pull", "history", "stale", "skip", "take", "status", "reply", "discard", "unskip",
                    "delete"}
    assert store.worklist.waiting_count(accounts[0], "agent", list(QUEUES)) > 0

    store.accounts.remove(accounts[0])  # its tickets go, and their share of the counts with them
    check_waiting(store, accounts)
    assert store.conn.execute("SELECT COUNT(*) FROM waiting_counts WHERE account_id = ?",
                              (accounts[0],)).fetchone()[0] == 0


@pytest.mark.parametrize("seed", range(3))
def test_customer_counts_stay_exact_through_every_kind_of_write(store: Store, seed: int) -> None:
    """New tickets, status changes (pulled and the agent's own), a ticket moving to another customer,
    deletions, an account removed."""
    accounts = [store.accounts.add(name, "rt", "", "agent").id for name in ("one", "two")]
    writes = Writes(store, accounts, seed)
    for _ in range(300):
        writes.step()
        check_customers(store)
    busiest = store.conn.execute("SELECT MAX(tickets_all) FROM customers").fetchone()[0]
    assert busiest > 5
    store.accounts.remove(accounts[0])
    check_customers(store)


def test_a_customer_never_seen_has_no_tickets(store: Store) -> None:
    assert store.views.customer_counts(12345, NOW) == CustomerCounts(0, 0, 0)


def test_the_triggers_name_the_statuses_of_the_code() -> None:
    """Migrations 6 and 7 spell statuses out (a migration never changes): they must be the workable
    statuses of services.focus and the active ones of TicketStatus."""
    def named(migration: str) -> set[str]:
        return set(re.findall(r"status (?:=|!=) '(\w+)'", migration)) | {
            value for values in re.findall(r"status IN \(([^)]*)\)", migration)
            for value in re.findall(r"'(\w+)'", values)}

    assert named(schema.MIGRATIONS[5]) == {s.value for s in WORKABLE}
    assert named(schema.MIGRATIONS[6]) == {s.value for s in TicketStatus if s.is_active}


def test_a_skip_stops_counting_until_the_ticket_changes(store: Store) -> None:
    account = store.accounts.add("one", "rt", "", "agent").id
    t = Ticket(remote_id="1", subject="s", queue="Alpha", status=TicketStatus.OPEN,
               customer=Customer("ana@example.com"), owner=None, priority=1, created=NOW, updated=NOW)
    store.replica.apply_summaries(account, [t])
    assert store.worklist.waiting_count(account, "agent", ["Alpha"]) == 1
    store.worklist.skip(account, "1", "later")
    store.worklist.skip(account, "1", "later again")  # skipped twice: still one ticket less
    assert store.worklist.waiting_count(account, "agent", ["Alpha"]) == 0
    store.replica.apply_summaries(account, [replace(t, updated=NOW + timedelta(minutes=1))])  # it changed
    assert store.worklist.waiting_count(account, "agent", ["Alpha"]) == 1
    store.outbox.queue_take(account, "1", "colleague")  # a colleague's now: not waiting for me
    assert store.worklist.waiting_count(account, "agent", ["Alpha"]) == 0
    assert store.worklist.waiting_count(account, "colleague", ["Alpha"]) == 1


def old_replica(path: Path, monkeypatch: pytest.MonkeyPatch, version: int) -> None:
    """A replica file written at schema `version`, holding tickets, skips and customers."""
    with monkeypatch.context() as m:
        m.setattr("services.store.db.MIGRATIONS", schema.MIGRATIONS[:version])
        old = Store(path)
        account = old.accounts.add("one", "rt", "", "agent").id
        rng = random.Random(9)
        old.replica.apply_summaries(account, [
            Ticket(remote_id=str(n), subject="s", queue=rng.choice(QUEUES),
                   status=rng.choice(list(TicketStatus)), customer=Customer(rng.choice(EMAILS)),
                   owner=rng.choice([None, *AGENTS]), priority=1,
                   created=NOW - timedelta(days=n), updated=NOW) for n in range(1, 60)])
        with old.conn:  # as the code of that schema wrote skips (before the skip log)
            old.conn.executemany(
                """INSERT INTO skips (ticket_id, reason, ticket_updated, skipped_at)
                   SELECT id, 'later', updated, updated FROM tickets
                   WHERE account_id = ? AND remote_id = ?""",
                [(account, str(n)) for n in range(1, 60, 4)])
        assert old.conn.execute("PRAGMA user_version").fetchone()[0] == version
        old.close()


def test_an_older_replica_gets_its_counts_when_upgraded(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "replica.sqlite"
    old_replica(path, monkeypatch, 5)
    with Store(path) as s:
        account = s.accounts.all()[0].id
        assert s.conn.execute("SELECT COUNT(*) FROM tickets WHERE skip_mark IS NOT NULL").fetchone()[0] == 15
        check_waiting(s, [account])
        check_customers(s)
        assert s.worklist.waiting_count(account, "agent", list(QUEUES)) > 0
        assert s.conn.execute("SELECT MAX(tickets_all) FROM customers").fetchone()[0] > 10


def test_a_replica_of_schema_6_gets_its_customer_counts_when_upgraded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "replica.sqlite"
    old_replica(path, monkeypatch, 6)
    with Store(path) as s:
        check_customers(s)
        assert s.conn.execute("SELECT MAX(tickets_active) FROM customers").fetchone()[0] > 0


def test_the_triggers_survive_a_closed_and_reopened_file(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    with Store(path) as s:
        account = s.accounts.add("one", "rt", "", "agent").id
        Writes(s, [account], 7).step()
    with Store(path) as s:
        writes = Writes(s, [account], 8)
        for _ in range(50):
            writes.step()
        check_waiting(s, [account])
        check_customers(s)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
