"""Costs that grow with data a real team has plenty of, each against the ordinary case in the same run.

Replicas are built on real SQLite files in a temporary folder, with bulk inserts through the replica's
own schema (indexes and triggers included). Every case is an ordinary replica (2,000 tickets, 400
customers, 3 messages a thread) plus one thing a busy team has:

- overdue:  100,000 overdue workable tickets (a backlog behind its SLA);
- customer: one customer with 20,000 tickets (a marketplace requester), whose tickets are opened;
- thread:   one ticket with 3,000 messages, which is opened;
- million:  1,000,000 tickets (20% of them workable), for the waiting counter.

Measured on each, in alternating rounds: "Next" (p50/p99), opening a ticket (header, the thread's last 50
messages and its length, the customer panel's counts and tickets, the ticket's open changes, its draft:
what the focus screen reads; p50/p99),
the waiting counter (median) and the customer counts alone (p50/p99). Then a soak: 3,000 replies through
the demo helpdesk, each followed by a sync round through the demo connector's calls (the tickets updated
since the last round, and their new entries), with the latency and the resident memory per 500 replies,
against the first 500. Targets: Next and open p99 < 16 ms in every case; the soak flat.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from services.backends.demo import DemoConnector
from services.domain import Queue, TicketStatus
from services.store import Store
from services.store.db import to_db_time

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ME = "agent"
QUEUES = ("Product Alpha", "Product Beta")
OTHER_OWNERS = (None, None, ME, "colleague", "colleague2")
MIX = [TicketStatus.OPEN, TicketStatus.NEW, TicketStatus.PENDING] + [TicketStatus.RESOLVED] * 7
BODY = "Hello,\n\nThe thermostat loses its schedule after the update; the display then shows E4. " * 3
RECENT = timedelta(days=30)
MS = 1000.0


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# --- building replicas ------------------------------------------------------------------------------


@dataclass(slots=True)
class Builder:
    """Rows for one replica, inserted in bulk (one transaction, executemany) through its schema."""

    store: Store
    account_id: int
    rng: random.Random
    next_ticket: int = 1
    next_customer: int = 1
    next_message: int = 1

    @classmethod
    def create(cls, path: Path, seed: int) -> Builder:
        store = Store(path)
        # While building (a temporary file, not what is measured): the indexes in memory, no fsync.
        store.conn.execute("PRAGMA cache_size = -262144")
        store.conn.execute("PRAGMA synchronous = OFF")
        account = store.accounts.add("bench", "rt", "http://127.0.0.1", ME)
        store.accounts.save_queues(account.id, [Queue(str(i + 1), q) for i, q in enumerate(QUEUES)])
        return cls(store, account.id, random.Random(seed))

    def customers(self, count: int) -> list[int]:
        first = self.next_customer
        self.next_customer += count
        ids = list(range(first, first + count))
        self._insert("INSERT INTO customers (id, account_id, email, name, organization) "
                     "VALUES (?, ?, ?, ?, ?)",
                     ((i, self.account_id, f"customer{i}@example.com", f"Customer {i}", f"Org {i % 300}")
                      for i in ids))
        return ids

    def tickets(self, count: int, *, customer: Callable[[int], int], status: Callable[[int], TicketStatus],
                owner: Callable[[int], str | None], due: Callable[[int], datetime | None],
                created: Callable[[int], datetime], messages: Callable[[int], int]) -> list[int]:
        """`count` tickets; each callable gets the ticket's index among them. Returns their remote ids."""
        first = self.next_ticket
        self.next_ticket += count
        rows, thread = [], []
        rng = self.rng
        for k in range(count):
            n = first + k
            made = created(k)
            updated = made + timedelta(hours=2)
            length = messages(k)
            rows.append((n, self.account_id, str(n), f"Ticket {n}: the schedule is lost", QUEUES[n % 2],
                         status(k).value, customer(k), owner(k), rng.randrange(100), to_db_time(made),
                         to_db_time(updated), to_db_time(due(k)), 5, to_db_time(updated),
                         str(self.next_message + length - 1) if length else ""))
            for i in range(length):
                m = self.next_message
                self.next_message += 1
                thread.append((m, n, str(m), m, ("customer", "agent", "note")[i % 3], "someone",
                               to_db_time(made + timedelta(minutes=i)), "", f"{i}: {BODY}", 0, "[]", 0))
            if len(rows) >= 100_000:
                self._flush(rows, thread)
                rows, thread = [], []
        self._flush(rows, thread)
        return [str(first + k) for k in range(count)]

    def _flush(self, rows: list[tuple[object, ...]], thread: list[tuple[object, ...]]) -> None:
        self._insert("""INSERT INTO tickets (id, account_id, remote_id, subject, queue, status, customer_id,
                                             owner, priority, created, updated, due, time_worked,
                                             thread_updated, last_event_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
        self._insert("""INSERT INTO messages (id, ticket_id, remote_id, position, kind, author, created, html,
                                              text, time_taken, attachments, truncated)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", thread)

    def _insert(self, sql: str, rows: object) -> None:
        conn = self.store.conn
        conn.execute("BEGIN")
        try:
            conn.executemany(sql, rows)  # type: ignore[arg-type]
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def ordinary(self) -> list[str]:
        """2,000 tickets of 400 customers (five each), over two years; a few due soon or overdue."""
        customers = self.customers(400)
        rng = self.rng

        def due(_: int) -> datetime | None:
            roll = rng.random()
            if roll < 0.02:
                return NOW - timedelta(hours=rng.uniform(1, 48))
            if roll < 0.04:
                return NOW + timedelta(hours=rng.uniform(0.1, 3.9))
            return NOW + timedelta(days=rng.uniform(1, 9)) if roll < 0.2 else None

        return self.tickets(2_000, customer=lambda k: customers[k % 400], status=lambda _: rng.choice(MIX),
                            owner=lambda _: rng.choice(OTHER_OWNERS), due=due,
                            created=lambda k: NOW - timedelta(days=730) + timedelta(minutes=k * 525),
                            messages=lambda _: 3)

    def finish(self) -> Store:
        self.store.conn.execute("PRAGMA cache_size = -2000")  # back to what the app works with
        self.store.conn.execute("PRAGMA synchronous = FULL")
        self.store.conn.execute("ANALYZE")
        return self.store


@dataclass(slots=True)
class Case:
    name: str
    store: Store
    account_id: int
    opened: list[str]  # the tickets opened in this case
    built_in: float


def build_case(folder: Path, name: str, seed: int, extra: Callable[[Builder], list[str] | None]) -> Case:
    started = time.perf_counter()
    b = Builder.create(folder / f"{name}.sqlite", seed)
    base = b.ordinary()
    special = extra(b)
    return Case(name, b.finish(), b.account_id, special or base, time.perf_counter() - started)


def overdue_backlog(b: Builder) -> list[str]:
    rng, customers = b.rng, b.customers(20_000)
    return b.tickets(100_000, customer=lambda _: rng.choice(customers),
                     status=lambda _: rng.choice((TicketStatus.NEW, TicketStatus.OPEN)), owner=lambda _: None,
                     due=lambda _: NOW - timedelta(hours=rng.uniform(0.1, 24 * 60)),
                     created=lambda _: NOW - timedelta(days=rng.uniform(2, 400)), messages=lambda _: 3)


def big_customer(b: Builder) -> list[str]:
    rng, (customer,) = b.rng, b.customers(1)
    return b.tickets(20_000, customer=lambda _: customer, status=lambda _: rng.choice(MIX),
                     owner=lambda _: rng.choice(OTHER_OWNERS), due=lambda _: None,
                     created=lambda k: NOW - timedelta(days=730) + timedelta(minutes=k * 52.5),
                     messages=lambda _: 3)


def long_thread(b: Builder) -> list[str]:
    customer = b.customers(1)[0]
    return b.tickets(1, customer=lambda _: customer, status=lambda _: TicketStatus.OPEN,
                     owner=lambda _: None, due=lambda _: None,
                     created=lambda _: NOW - timedelta(days=300), messages=lambda _: 3_000)


def million(total: int) -> Callable[[Builder], None]:
    def extra(b: Builder) -> None:
        rng, customers = b.rng, b.customers(total // 5)
        b.tickets(total - 2_000, customer=lambda _: rng.choice(customers), status=lambda _: rng.choice(MIX),
                  owner=lambda _: rng.choice(OTHER_OWNERS), due=lambda _: None,
                  created=lambda _: NOW - timedelta(days=rng.uniform(1, 1500)), messages=lambda _: 0)
    return extra


# --- what is measured ---------------------------------------------------------------------------------


def read_thread(store: Store, ticket_id: int) -> int:
    """The thread's last screenful and its length (before Views.thread_tail: all of it, read whole)."""
    return len(store.views.thread_tail(ticket_id, 50).messages)


def open_ticket(store: Store, account_id: int, remote_id: str) -> None:
    """What the focus screen reads to show a ticket (services.desk.Desk.screen), the thread's tail
    instead of all of it."""
    v = store.views
    ticket = v.ticket(account_id, remote_id)
    assert ticket is not None and ticket.customer_id is not None
    v.customer_counts(ticket.customer_id, NOW - RECENT)
    v.customer_tickets(ticket.customer_id)
    store.outbox.ticket_ops(ticket.id)
    read_thread(store, ticket.id)
    store.worklist.draft(account_id, remote_id)


@dataclass(slots=True)
class Samples:
    next: list[float]
    open: list[float]
    waiting: list[float]
    counts: list[float]


def measure(case: Case, rng: random.Random, samples: int, waits: int, budget: float, into: Samples) -> None:
    """Up to `samples` reads of each kind, and fewer when they take longer than `budget` seconds (at
    least 10): a slow case still ends in reasonable time."""
    store, account = case.store, case.account_id
    w, queues = store.worklist, store.accounts.working_queues(account)

    def enough(start: float, done: int) -> bool:
        return done >= 10 and time.perf_counter() - start > budget

    offered: str | None = None
    start = time.perf_counter()
    for done in range(samples):
        if enough(start, done):
            break
        exclude = (offered,) if offered and rng.random() < 0.5 else ()
        t0 = time.perf_counter()
        offered = w.next_ticket(account, ME, queues, NOW, exclude=exclude)
        into.next.append(time.perf_counter() - t0)
    customers = []
    start = time.perf_counter()
    for done in range(samples):
        if enough(start, done):
            break
        remote_id = rng.choice(case.opened)
        t0 = time.perf_counter()
        open_ticket(store, account, remote_id)
        into.open.append(time.perf_counter() - t0)
        view = store.views.ticket(account, remote_id)
        assert view is not None and view.customer_id is not None
        customers.append(view.customer_id)
    for customer in customers:
        t0 = time.perf_counter()
        store.views.customer_counts(customer, NOW - RECENT)
        into.counts.append(time.perf_counter() - t0)
    for _ in range(waits):
        t0 = time.perf_counter()
        w.waiting_count(account, ME, queues)
        into.waiting.append(time.perf_counter() - t0)


def report(cases: list[Case], results: dict[str, Samples]) -> None:
    base = results["ordinary"]

    def cell(values: list[float], base_values: list[float], q: float | None) -> str:
        pick: Callable[[list[float]], float] = statistics.median if q is None else (
            lambda v: percentile(v, q))
        value, ref = pick(values) * MS, pick(base_values) * MS
        return f"{value:8.3f} ms {value / ref:7.1f}x"

    print(f"\n{'case':<10} {'Next p50':>19} {'Next p99':>19} {'open p50':>19} {'open p99':>19} "
          f"{'waiting median':>19} {'counts p50':>19} {'counts p99':>19}")
    for case in cases:
        r = results[case.name]
        print(f"{case.name:<10} {cell(r.next, base.next, 0.5)} {cell(r.next, base.next, 0.99)} "
              f"{cell(r.open, base.open, 0.5)} {cell(r.open, base.open, 0.99)} "
              f"{cell(r.waiting, base.waiting, None)} {cell(r.counts, base.counts, 0.5)} "
              f"{cell(r.counts, base.counts, 0.99)}")
    print("(ratios against the ordinary case, measured in the same rounds)")
    worst_next = max(percentile(results[c.name].next, 0.99) for c in cases) * MS
    worst_open = max(percentile(results[c.name].open, 0.99) for c in cases) * MS
    met = worst_next < 16 and worst_open < 16
    print(f"target: Next and open p99 < 16 ms in every case (worst {worst_next:.2f} / {worst_open:.2f} ms): "
          f"{'met' if met else 'MISSED'}")


# --- the demo soak ------------------------------------------------------------------------------------


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the peak, where /proc is missing


def files_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6


async def soak(folder: Path, replies: int, block: int) -> None:
    clock = [NOW]
    demo = DemoConnector(folder, now=lambda: clock[0])
    queues = [q.name for q in await demo.list_queues()]
    active: list[str] = []
    page: int | None = 1
    while page is not None:
        listing = await demo.list_tickets(queues, updated_after=None, page=page)
        active += [t.remote_id for t in listing.tickets if t.status in (TicketStatus.NEW, TicketStatus.OPEN)]
        page = listing.next_page
    last_event = {t: (await demo.ticket_history(t)).last_event_id for t in active}
    rng = random.Random(17)
    mark = clock[0]
    blocks: list[tuple[float, float, float, float]] = []
    latencies: list[float] = []
    print(f"demo soak: {replies:,} replies over {len(active)} open tickets, each followed by a sync round")
    print(f"  {'replies':>8} {'p50':>10} {'p99':>10} {'RSS':>9} {'files':>9}")
    for n in range(1, replies + 1):
        clock[0] += timedelta(seconds=30)
        ticket = rng.choice(active)
        t0 = time.perf_counter()
        await demo.reply(ticket, f"Reply {n}: " + BODY[: 200 + n % 300], time_minutes=n % 7)
        changed: list[str] = []
        page = 1
        while page is not None:
            listing = await demo.list_tickets(queues, updated_after=mark, page=page)
            changed += [t.remote_id for t in listing.tickets]
            page = listing.next_page
            updates = await demo.thread_updates(list(listing.tickets), last_event)
            for history in updates:
                last_event[history.ticket.remote_id] = history.last_event_id
        mark = clock[0]
        latencies.append(time.perf_counter() - t0)
        assert changed == [ticket], changed
        if n % block == 0:
            p50, p99 = statistics.median(latencies) * MS, percentile(latencies, 0.99) * MS
            blocks.append((p50, p99, rss_mb(), files_size_mb(folder)))
            print(f"  {n:>8,} {p50:8.2f} ms {p99:7.2f} ms {blocks[-1][2]:6.1f} MB {blocks[-1][3]:6.1f} MB")
            latencies = []
    await demo.aclose()
    first, last = blocks[0], blocks[-1]
    print(f"  last {block} vs first {block}: p50 {last[0] / first[0]:.2f}x, p99 {last[1] / first[1]:.2f}x, "
          f"RSS {last[2] - first[2]:+.1f} MB\n")


# --- main ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--million", type=int, default=1_000_000, help="tickets of the waiting-counter case")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--samples", type=int, default=200, help="Next and open reads per case and round")
    parser.add_argument("--waits", type=int, default=3, help="waiting counts per case and round")
    parser.add_argument("--budget", type=float, default=2.0,
                        help="seconds of Next (and of open) reads per case and round, beyond 10 reads")
    parser.add_argument("--replies", type=int, default=3_000)
    parser.add_argument("--block", type=int, default=500)
    parser.add_argument("--skip-soak", action="store_true")
    parser.add_argument("--skip-replicas", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.skip_soak:  # first: its resident memory is then the demo's, not the replicas' caches
            (folder / "demo").mkdir()
            asyncio.run(soak(folder / "demo", args.replies, args.block))
        if not args.skip_replicas:
            run_replicas(folder, args)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


def run_replicas(folder: Path, args: argparse.Namespace) -> None:
    plans: list[tuple[str, Callable[[Builder], list[str] | None]]] = [
        ("ordinary", lambda b: None), ("overdue", overdue_backlog), ("customer", big_customer),
        ("thread", long_thread), ("million", million(args.million))]
    cases = []
    for seed, (name, extra) in enumerate(plans):
        case = build_case(folder, name, seed, extra)
        tickets = case.store.views.ticket_count(case.account_id)
        print(f"built {name:<9} {tickets:>9,} tickets in {case.built_in:5.1f} s")
        cases.append(case)
    results = {c.name: Samples([], [], [], []) for c in cases}
    rng = random.Random(5)
    for round_ in range(args.rounds):
        order = cases if round_ % 2 == 0 else cases[::-1]
        for case in order:
            measure(case, rng, args.samples, args.waits, args.budget, results[case.name])
    print(f"{args.rounds} alternating rounds of up to {args.samples} Next and open reads (at most "
          f"{args.budget:g} s of each) and {args.waits} waiting counts per case; reads per case: "
          + ", ".join(f"{c.name} {len(results[c.name].next)}/{len(results[c.name].open)}" for c in cases))
    report(cases, results)
    for case in cases:
        case.store.close()


if __name__ == "__main__":
    main()
