""""Next ticket" to painted, with 100,000 tickets in the replica.

One process, the real window (offscreen, 1200x780) on a Desk over the replica. Each sample triggers
the Next action (the rule's query, the ticket, its thread and the customer panel) and then paints the
window synchronously (repaint()). Next skips the ticket on screen, so it alternates between the top
tickets; a second series opens random tickets (varied threads and histories) the same way.
Baseline, same run: repaint() of the same window with nothing changed. Target: p99 under 16 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import qasync
from bench_replica_reads import build, percentile
from PySide6.QtWidgets import QApplication

from services.desk import Desk
from services.store.asyncstore import AsyncStore
from ui.main_window import MainWindow


def timed(samples: int, step: Callable[[], None], app: QApplication) -> list[float]:
    result: list[float] = []
    for _ in range(samples):
        t0 = time.perf_counter()
        step()
        result.append(time.perf_counter() - t0)
        app.processEvents()  # what the loop does between two key presses
    return result


def report(name: str, samples: list[float], base: list[float]) -> None:
    p50, p99 = statistics.median(samples) * 1000, percentile(samples, 0.99) * 1000
    b50 = statistics.median(base) * 1000
    print(f"  {name:28} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  ({p50 / b50:.1f}x the bare repaint's p50; "
          f"target p99 < 16 ms: {'met' if p99 < 16 else 'MISSED'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=400)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory(prefix="monodesk-bench-") as tmp:
        path = Path(tmp) / "replica.sqlite"
        started = time.perf_counter()
        store = build(path, args.tickets)
        print(f"replica with {args.tickets:,} tickets built in {time.perf_counter() - started:.0f} s")
        account = store.accounts.active()
        assert account is not None
        writer = AsyncStore(path)
        desk = Desk(store, writer, account.id, account.username, wake_sync=lambda: None)
        window = MainWindow(desk, demo=False, take_on_open=False)
        window.resize(1200, 780)
        window.show()
        window.show_next()
        assert window.current_ticket is not None
        app.processEvents()
        rng = random.Random(3)
        ids = [str(rng.randrange(1, args.tickets + 1)) for _ in range(args.samples)]
        picks = iter(ids * 2)

        def next_ticket() -> None:
            window.commands["next"].trigger()
            window.repaint()

        def open_random() -> None:
            window.open_ticket(next(picks))
            window.repaint()

        timed(30, next_ticket, app)  # warm-up: caches, first layouts
        bare = timed(args.samples, window.repaint, app)
        nexts = timed(args.samples, next_ticket, app)
        opens = timed(args.samples, open_random, app)
        bare += timed(args.samples, window.repaint, app)
        window.close()
        writer.close()
        store.close()
    print(f"Next ticket to painted, {args.tickets:,} tickets, {args.samples} samples each:")
    report("Next (top of the queue)", nexts, bare)
    report("open a random ticket", opens, bare)
    print(f"  {'bare repaint':28} p50 {statistics.median(bare) * 1000:6.2f} ms  "
          f"p99 {percentile(bare, 0.99) * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
