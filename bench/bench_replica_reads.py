"""Replica reads at scale: "open a ticket" = header + thread + the customer's other tickets.

Builds a replica of 100,000 synthetic tickets (5 messages each, 20,000 customers) through the store's own
write path, then times the three reads the focus view makes, against a baseline measured in the same
run: a bare primary-key fetch of one row on the same file (the floor of any SQLite read from Python).
Target: p99 < 2 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from services.domain import Customer, Message, MessageKind, Queue, Ticket, TicketHistory, TicketStatus
from services.store import Store

T0 = datetime(2024, 1, 1, tzinfo=UTC)
STATUSES = [TicketStatus.OPEN, TicketStatus.NEW, TicketStatus.PENDING] + [TicketStatus.RESOLVED] * 7


def synthetic_history(n: int, customers: int, rng: random.Random) -> TicketHistory:
    c = rng.randrange(customers)
    created = T0 + timedelta(minutes=n * 7)
    ticket = Ticket(
        remote_id=str(n), subject=f"Ticket {n}: the thermostat loses its schedule", queue=rng.choice(
            ["Product Alpha", "Product Beta"]), status=rng.choice(STATUSES),
        customer=Customer(f"customer{c}@example.com", f"Customer {c}", f"Org {c % 500}"),
        owner=rng.choice([None, "agent", "agent2"]), priority=rng.randrange(100), created=created,
        updated=created + timedelta(hours=3))
    body = "Hello,\n\n" + "The device shows an error after the update. " * 12 + "\n\nThanks"
    messages = tuple(
        Message(remote_id=str(n * 10 + i), ticket_id=ticket.remote_id,
                kind=[MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.NOTE][i % 3], author="someone",
                created=created + timedelta(minutes=i * 20), html="", text=body,
                time_taken_minutes=5 if i % 3 else 0)
        for i in range(5))
    return TicketHistory(ticket=ticket, messages=messages, events=(), last_event_id=str(n * 10 + 4))


def build(path: Path, tickets: int, *, account_name: str = "bench", backend: str = "rt",
          user: str = "agent") -> Store:
    """A replica of `tickets` synthetic tickets in one (active) account."""
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(path)
    account = store.accounts.add(account_name, backend, "http://127.0.0.1" if backend != "demo" else "", user)
    store.accounts.save_queues(account.id, [Queue("1", "Product Alpha"), Queue("2", "Product Beta")])
    rng = random.Random(7)
    customers = max(1, tickets // 5)
    batch: list[TicketHistory] = []
    for n in range(1, tickets + 1):
        batch.append(synthetic_history(n, customers, rng))
        if len(batch) == 1000:
            store.replica.apply_histories(account.id, batch)
            batch = []
    if batch:
        store.replica.apply_histories(account.id, batch)
    store.conn.execute("ANALYZE")
    return store


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        store = build(Path(tmp) / "replica.sqlite", args.tickets)
        print(f"built {args.tickets:,} tickets in {time.perf_counter() - started:.1f} s")
        account = store.accounts.active()
        assert account is not None
        rng = random.Random(11)
        ids = [str(rng.randrange(1, args.tickets + 1)) for _ in range(args.samples)]
        for remote_id in ids[:200]:  # warm the page cache as a running app would have it
            store.views.ticket(account.id, remote_id)

        open_ticket: list[float] = []
        for remote_id in ids:
            t0 = time.perf_counter()
            ticket = store.views.ticket(account.id, remote_id)
            assert ticket is not None and ticket.customer_id is not None
            thread = store.views.thread(ticket.id)
            history = store.views.customer_tickets(ticket.customer_id)
            open_ticket.append(time.perf_counter() - t0)
            assert len(thread) == 5 and history

        baseline: list[float] = []
        for remote_id in ids:
            t0 = time.perf_counter()
            store.conn.execute("SELECT * FROM tickets WHERE id = ?", (int(remote_id),)).fetchone()
            baseline.append(time.perf_counter() - t0)
        store.close()

    ms = 1000.0
    p50, p99 = statistics.median(open_ticket) * ms, percentile(open_ticket, 0.99) * ms
    b50, b99 = statistics.median(baseline) * ms, percentile(baseline, 0.99) * ms
    print(f"open ticket + thread + customer history, {args.tickets:,} tickets, {args.samples} samples:")
    print(f"  p50 {p50:.3f} ms   p99 {p99:.3f} ms   (target p99 < 2 ms: {'met' if p99 < 2 else 'MISSED'})")
    print(f"  baseline one-row fetch: p50 {b50:.3f} ms   p99 {b99:.3f} ms")
    print(f"  ratio p50 {p50 / b50:.1f}x   p99 {p99 / b99:.1f}x the baseline")


if __name__ == "__main__":
    main()
