"""The local replica on a real SQLite file: schema, migrations, atomic outbox writes, views."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.domain import Customer, Message, MessageKind, Ticket, TicketHistory, TicketStatus
from services.store import OpState, Store, StoreError, ThreadPage, UnknownTicket, schema
from services.store.asyncstore import AsyncStore

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def make_ticket(remote_id: str = "1", *, updated: datetime = T0, status: TicketStatus = TicketStatus.OPEN,
                email: str = "ana@example.com", queue: str = "Product Alpha") -> Ticket:
    return Ticket(remote_id=remote_id, subject=f"Subject {remote_id}", queue=queue, status=status,
                  customer=Customer(email, "Ana Lima", "Lima & Co"), owner=None, priority=10,
                  created=T0 - timedelta(days=int(remote_id)), updated=updated)


def make_history(ticket: Ticket, *message_ids: int) -> TicketHistory:
    messages = tuple(
        Message(remote_id=str(i), ticket_id=ticket.remote_id,
                kind=MessageKind.CUSTOMER if i % 2 else MessageKind.AGENT, author="x",
                created=T0 + timedelta(minutes=i), html="", text=f"body {i}",
                time_taken_minutes=0 if i % 2 else 5)
        for i in message_ids)
    return TicketHistory(ticket=ticket, messages=messages, events=(),
                         last_event_id=str(max(message_ids)) if message_ids else "")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "replica.sqlite")
    s.accounts.add("acme", "rt", "http://127.0.0.1:1", "agent")
    yield s
    s.close()


def account_id(store: Store) -> int:
    active = store.accounts.active()
    assert active is not None
    return active.id


def test_pragmas_and_integrity(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    assert store.integrity_check() == "ok"


def test_old_file_is_upgraded_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "replica.sqlite"
    old = Store(path)
    old.accounts.add("acme", "rt", "http://x", "agent")
    old.close()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS,
                                               "ALTER TABLE accounts ADD COLUMN colour TEXT DEFAULT 'blue'"])
    monkeypatch.setattr("services.store.db.MIGRATIONS", schema.MIGRATIONS)
    upgraded = Store(path)
    row = upgraded.conn.execute("SELECT name, colour FROM accounts").fetchone()
    assert tuple(row) == ("acme", "blue")
    assert upgraded.conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    upgraded.close()


def test_failed_migration_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "replica.sqlite"
    Store(path).close()
    broken = [*schema.MIGRATIONS, "ALTER TABLE accounts ADD COLUMN a TEXT;\nTHIS IS NOT SQL;"]
    monkeypatch.setattr("services.store.db.MIGRATIONS", broken)
    with pytest.raises(sqlite3.OperationalError):
        Store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    assert "a" not in [r[1] for r in conn.execute("PRAGMA table_info(accounts)")]
    conn.close()


def test_newer_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(schema.MIGRATIONS) + 3}")
    conn.close()
    with pytest.raises(StoreError, match="newer Monodesk"):
        Store(path)


def test_history_then_views(store: Store) -> None:
    acc = account_id(store)
    assert not store.views.has_tickets(acc)  # a first start: the window waits for the first sync
    ticket = make_ticket("7")
    store.replica.apply_histories(acc, [make_history(ticket, 11, 12, 13)])
    assert store.views.has_tickets(acc)
    store.replica.apply_summaries(acc, [make_ticket("3"), make_ticket("5", queue="Product Beta")])
    view = store.views.ticket(acc, "7")
    assert view is not None and view.customer_name == "Ana Lima" and view.thread_synced
    assert [m.text for m in store.views.thread(view.id)] == ["body 11", "body 12", "body 13"]
    assert view.customer_id is not None
    history = store.views.customer_tickets(view.customer_id)
    assert [t.remote_id for t in history] == ["3", "5", "7"]  # newest first, across queues
    # remote time entries come from the history
    assert store.conn.execute("SELECT SUM(minutes) FROM time_entries").fetchone()[0] == 5


def test_incremental_history_appends_and_keeps_order(store: Store) -> None:
    acc = account_id(store)
    ticket = make_ticket("7")
    store.replica.apply_histories(acc, [make_history(ticket, 11, 12)])
    later = make_ticket("7", updated=T0 + timedelta(hours=1))
    store.replica.apply_histories(acc, [make_history(later, 14)])
    view = store.views.ticket(acc, "7")
    assert view is not None and view.last_event_id == "14"
    assert [m.remote_id for m in store.views.thread(view.id)] == ["11", "12", "14"]


def thread_backwards(store: Store, ticket_id: int, limit: int) -> list[int]:
    """Every message id of the thread, read as a screen does: the tail, then earlier pages on demand."""
    page = store.views.thread_tail(ticket_id, limit)
    pages = [page]
    while page.earlier:
        assert page.start is not None and len(page.messages) == limit
        page = store.views.thread_before(ticket_id, *page.start, limit=limit)
        pages.append(page)
    assert all(p.total == pages[0].total for p in pages)
    return [m.id for p in reversed(pages) for m in p.messages]


def test_a_thread_is_read_from_its_tail_page_by_page(store: Store) -> None:
    """Ties in position (local messages all sort last; rows of the same position) are ordered by id,
    as in `thread`, and paging never repeats or skips one."""
    acc = account_id(store)
    store.replica.apply_histories(acc, [make_history(make_ticket("7"), *range(11, 131))])
    for n in range(5):  # queued replies: all at the same (last) position
        store.outbox.queue_message(acc, "7", f"Reply {n}", author="agent")
    view = store.views.ticket(acc, "7")
    assert view is not None
    store.conn.executemany(  # three messages sharing a position with a pulled one
        "INSERT INTO messages (ticket_id, remote_id, position, kind, author, created, text) "
        "VALUES (?, ?, 50, 'note', 'x', '2026-11-01T09:00:00+00:00', 'tie')",
        [(view.id, f"tie-{n}") for n in range(3)])
    store.replica.apply_summaries(acc, [make_ticket("8")])
    whole = store.views.thread(view.id)
    assert len(whole) == 128
    for limit in (1, 2, 7, 50, 127, 128, 500):
        assert thread_backwards(store, view.id, limit) == [m.id for m in whole], limit

    tail = store.views.thread_tail(view.id, 10)
    assert tail.messages == whole[-10:] and tail.total == 128 and tail.earlier
    assert [m.text for m in tail.messages[-5:]] == [f"Reply {n}" for n in range(5)]
    assert tail.messages[-1].outbox_state == OpState.PENDING
    everything = store.views.thread_tail(view.id, 128)
    assert everything.messages == whole and not everything.earlier
    assert everything.start is not None
    first = store.views.thread_before(view.id, *everything.start)
    assert first.messages == [] and first.total == 128 and not first.earlier and first.start is None

    other = store.views.ticket(acc, "8")
    assert other is not None
    assert store.views.thread_tail(other.id) == ThreadPage([], 0, False, None)  # no thread pulled yet
    with pytest.raises(ValueError, match="at least one"):
        store.views.thread_tail(view.id, 0)


def test_an_older_version_never_overwrites_a_newer_one(store: Store) -> None:
    acc = account_id(store)
    store.replica.apply_summaries(acc, [make_ticket("7", updated=T0, status=TicketStatus.RESOLVED)])
    store.replica.apply_summaries(acc, [make_ticket("7", updated=T0 - timedelta(hours=1))])
    view = store.views.ticket(acc, "7")
    assert view is not None and view.status is TicketStatus.RESOLVED


def test_reply_is_written_with_its_outbox_entry_in_one_transaction(store: Store) -> None:
    acc = account_id(store)
    store.replica.apply_histories(acc, [make_history(make_ticket("7"), 11)])
    op_id = store.outbox.queue_message(acc, "7", "Merci !", author="agent", time_minutes=4,
                                       status=TicketStatus.RESOLVED)
    view = store.views.ticket(acc, "7")
    assert view is not None and view.status is TicketStatus.RESOLVED  # shown at once
    thread = store.views.thread(view.id)
    assert thread[-1].text == "Merci !" and thread[-1].outbox_state == "pending"
    (op,) = store.outbox.open_ops(acc)
    assert op.op_id == op_id and op.based_on_event == "11" and op.payload["status"] == "resolved"

    # a failure half-way leaves neither the message nor the entry
    with pytest.raises(UnknownTicket):
        store.outbox.queue_message(acc, "404", "lost?", author="agent")
    assert store.conn.execute("SELECT COUNT(*) FROM messages WHERE op_id IS NOT NULL").fetchone()[0] == 1
    with pytest.raises(ValueError):
        store.outbox.queue_message(acc, "7", "   ", author="agent")


def test_pull_does_not_undo_a_change_waiting_in_the_outbox(store: Store) -> None:
    acc = account_id(store)
    store.replica.apply_histories(acc, [make_history(make_ticket("7"), 11)])
    store.outbox.queue_status(acc, "7", TicketStatus.PENDING)
    store.outbox.queue_take(acc, "7", "agent")
    store.replica.apply_summaries(acc, [make_ticket("7", updated=T0 + timedelta(minutes=1))])
    view = store.views.ticket(acc, "7")
    assert view is not None and view.status is TicketStatus.PENDING and view.owner == "agent"


def test_pull_does_not_undo_giving_a_ticket_back(store: Store) -> None:
    acc = account_id(store)
    store.replica.apply_histories(acc, [make_history(make_ticket("7"), 11)])
    take = store.outbox.take_on_open(acc, "7", "agent")
    assert take is not None
    store.outbox.mark_done(take)  # the helpdesk has it
    assert store.outbox.skip(acc, "7", "Not my product", agent="agent", taken_on_open=take) == "released"
    taken = replace(make_ticket("7", updated=T0 + timedelta(minutes=1)), owner="agent")
    store.replica.apply_summaries(acc, [taken])  # a pull from before the release was sent
    view = store.views.ticket(acc, "7")
    assert view is not None and view.owner is None


def test_confirmed_history_replaces_the_local_copy(store: Store) -> None:
    acc = account_id(store)
    ticket = make_ticket("7")
    store.replica.apply_histories(acc, [make_history(ticket, 11)])
    op_id = store.outbox.queue_message(acc, "7", "On it", author="agent", time_minutes=3)
    op = store.outbox.get(op_id)
    assert op is not None and store.outbox.claim(op, "11")
    store.outbox.mark_done(op_id)
    store.replica.apply_histories(acc, [make_history(make_ticket("7", updated=T0 + timedelta(hours=1)),
                                                     12)])
    view = store.views.ticket(acc, "7")
    assert view is not None
    thread = store.views.thread(view.id)
    assert [m.remote_id for m in thread] == ["11", "12"] and all(m.outbox_state is None for m in thread)
    assert store.conn.execute("SELECT COUNT(*) FROM time_entries WHERE op_id IS NOT NULL").fetchone()[0] == 0


def test_conflict_resolution(store: Store) -> None:
    acc = account_id(store)
    store.replica.apply_histories(acc, [make_history(make_ticket("7"), 11)])
    keep = store.outbox.queue_message(acc, "7", "keep me", author="agent")
    drop = store.outbox.queue_message(acc, "7", "drop me", author="agent")
    store.outbox.mark_conflict(keep, "The customer wrote again", "15")
    store.outbox.mark_conflict(drop, "The customer wrote again", "15")
    store.outbox.resolve(keep, send=True)
    op = store.outbox.get(keep)
    assert op is not None and op.state is OpState.PENDING and op.based_on_event == "15"
    store.outbox.resolve(drop, send=False)
    assert store.outbox.get(drop) is None
    assert store.conn.execute("SELECT COUNT(*) FROM messages WHERE text = 'drop me'").fetchone()[0] == 0
    with pytest.raises(LookupError):
        store.outbox.resolve(keep, send=True)  # no longer in conflict


def test_queue_choice(store: Store) -> None:
    from services.domain import Queue

    acc = account_id(store)
    store.accounts.save_queues(acc, [Queue("1", "Product Alpha"), Queue("2", "Product Beta")])
    assert store.accounts.working_queues(acc) == ["Product Alpha", "Product Beta"]
    store.accounts.choose_queues(acc, ["Product Beta"])
    assert store.accounts.working_queues(acc) == ["Product Beta"]
    with pytest.raises(ValueError, match="Unknown queue"):
        store.accounts.choose_queues(acc, ["Nope"])
    # a refreshed queue list keeps the choice
    store.accounts.save_queues(acc, [Queue("1", "Product Alpha"), Queue("2", "Product Beta")])
    assert store.accounts.working_queues(acc) == ["Product Beta"]


async def test_closing_the_writer_does_not_block_the_event_loop(tmp_path: Path) -> None:
    """An account switch closes the replica's threads while a long write may still run: the loop goes
    on meanwhile (the window keeps painting), and the close completes once the write is over."""
    import asyncio
    import threading

    writer = AsyncStore(tmp_path / "replica.sqlite")
    release = threading.Event()
    long_write = asyncio.ensure_future(writer.call(lambda s: release.wait(30)))
    closing = asyncio.ensure_future(writer.aclose())
    ticks = 0
    while ticks < 5:  # the loop runs other work while the close waits for the write
        await asyncio.sleep(0)
        ticks += 1
    assert not closing.done()
    release.set()
    assert await long_write is True
    await closing
    with pytest.raises(RuntimeError):  # closed for good
        await writer.call(lambda s: None)
