"""The outbox after a year of work: a pull and a screen read must not slow down as finished changes pile up.

Two replicas of the same synthetic tickets, built through the store's own write path: one with an empty
outbox (the baseline, measured in the same run), one with 20,000 finished changes (about a year of an
agent's replies, notes and status changes). Measured on both, alternating rounds:
- a pull of 1,000 tickets (one new message each), as the sync engine stores it;
- the focus view's read of one ticket (header, thread, customer, the ticket's open changes, the outbox
  counts), as the window makes it on every screen;
- discarding a held change, whose row the foreign keys cascade to messages and time entries.
Target: the pull and the screen read within 1.2x of the empty outbox.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from bench_replica_reads import T0, build, percentile

from services.domain import Message, MessageKind, TicketHistory, TicketStatus
from services.store import Store

_DONE_KINDS = ("reply", "note", "status", "take")


def add_finished_changes(store: Store, account_id: int, tickets: int, count: int) -> None:
    """`count` finished changes spread over the tickets, as a year of pushes leaves them."""
    rng = random.Random(3)
    rows = []
    for n in range(count):
        ticket = rng.randrange(1, tickets + 1)
        kind = rng.choice(_DONE_KINDS)
        payload = {"text": f"Reply {n}", "time_minutes": 5, "status": None} if kind in ("reply", "note") \
            else {"status": "resolved"} if kind == "status" else {"owner": "agent"} \
            if kind == "take" else {"minutes": 5, "note": ""}
        when = (T0 + timedelta(minutes=n)).isoformat()
        rows.append((str(uuid.uuid4()), account_id, ticket, kind, json.dumps(payload), str(ticket * 10),
                     when, when))
    with store.conn:
        store.conn.execute("BEGIN")
        store.conn.executemany(
            """INSERT INTO outbox (op_id, account_id, ticket_id, kind, payload, state, based_on_event,
                                   attempts, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, 'done', ?, 1, ?, ?)""", rows)
        store.conn.execute("COMMIT")
    store.conn.execute("ANALYZE")


def pulled_batch(store: Store, account_id: int, first: int, size: int, round_: int) -> list[TicketHistory]:
    """`size` tickets as a pull brings them back: one new message each, a later update time."""
    histories = []
    for n in range(first, first + size):
        view = store.views.ticket(account_id, str(n))
        assert view is not None
        from services.domain import Customer, Ticket

        ticket = Ticket(remote_id=view.remote_id, subject=view.subject, queue=view.queue,
                        status=TicketStatus.OPEN,
                        customer=Customer(view.customer_email, view.customer_name,
                                          view.customer_organization),
                        owner=view.owner, priority=view.priority, created=view.created,
                        updated=view.updated + timedelta(hours=round_ + 1))
        message = Message(remote_id=str(10_000_000 + round_ * 1_000_000 + n), ticket_id=view.remote_id,
                          kind=MessageKind.CUSTOMER, author="customer", created=ticket.updated, html="",
                          text="One more question about the schedule.")
        histories.append(TicketHistory(ticket=ticket, messages=(message,), events=(),
                                       last_event_id=message.remote_id))
    return histories


def screen_read(store: Store, account_id: int, remote_id: str) -> None:
    ticket = store.views.ticket(account_id, remote_id)
    assert ticket is not None and ticket.customer_id is not None
    store.views.thread(ticket.id)
    store.views.customer_tickets(ticket.customer_id)
    store.views.customer_counts(ticket.customer_id, T0)
    store.outbox.ticket_ops(ticket.id)
    store.views.outbox_status(account_id)


def discard_one(store: Store, account_id: int, remote_id: str) -> float:
    """Queue a reply, hold it as a conflict, then time the agent discarding it."""
    op_id = store.outbox.queue_message(account_id, remote_id, "A reply to take back.", author="agent")
    store.outbox.mark_conflict(op_id, "The customer wrote again.", "")
    t0 = time.perf_counter()
    store.outbox.resolve(op_id, send=False)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--finished", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--samples", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        stores = {"empty": build(Path(tmp) / "empty.sqlite", args.tickets),
                  "year": build(Path(tmp) / "year.sqlite", args.tickets)}
        ids = {name: s.accounts.active() for name, s in stores.items()}
        account = {name: a.id for name, a in ids.items() if a is not None}
        add_finished_changes(stores["year"], account["year"], args.tickets, args.finished)
        print(f"built 2 x {args.tickets:,} tickets, {args.finished:,} finished changes in one, "
              f"in {time.perf_counter() - started:.1f} s")

        pulls: dict[str, list[float]] = {name: [] for name in stores}
        reads: dict[str, list[float]] = {name: [] for name in stores}
        discards: dict[str, list[float]] = {name: [] for name in stores}
        rng = random.Random(5)
        for round_ in range(args.rounds):
            first = 1 + (round_ * 1000) % max(1, args.tickets - 1000)
            for name in (("empty", "year") if round_ % 2 == 0 else ("year", "empty")):
                store, acc = stores[name], account[name]
                batch = pulled_batch(store, acc, first, 1000, round_)
                t0 = time.perf_counter()
                store.replica.apply_histories(acc, batch)
                pulls[name].append(time.perf_counter() - t0)
                sample = [str(rng.randrange(1, args.tickets + 1)) for _ in range(args.samples)]
                for remote_id in sample:
                    t0 = time.perf_counter()
                    screen_read(store, acc, remote_id)
                    reads[name].append(time.perf_counter() - t0)
                discards[name].append(discard_one(store, acc, sample[0]))
        for store in stores.values():
            store.close()

    ms = 1000.0

    def line(what: str, values: dict[str, list[float]], q: float | None = None) -> None:
        pick = (lambda v: statistics.median(v)) if q is None else (lambda v: percentile(v, q))
        empty, year = pick(values["empty"]) * ms, pick(values["year"]) * ms
        label = "median" if q is None else f"p{int(q * 100)}"
        print(f"  {what:<34} {label:>6}: empty {empty:8.3f} ms   {args.finished:,} finished {year:8.3f} ms"
              f"   ratio {year / empty:5.2f}x")

    print(f"{args.rounds} alternating rounds:")
    line("pull of 1,000 tickets", pulls)
    line("screen read", reads)
    line("screen read", reads, 0.99)
    line("discard a held change", discards)
    ratio_pull = statistics.median(pulls["year"]) / statistics.median(pulls["empty"])
    ratio_read = statistics.median(reads["year"]) / statistics.median(reads["empty"])
    met = ratio_pull <= 1.2 and ratio_read <= 1.2
    print(f"target: pull and screen read within 1.2x of an empty outbox: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
