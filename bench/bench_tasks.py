"""A customer with 1,000 tasks (900 open, some due, 100 done lately) in a replica of 20,000 tickets.

One process, the real window (offscreen, 1200x780) on a Desk over the replica, its writes published
back to the window as the app does. Each sample is one thing the agent does, then a synchronous paint:
- opening one of the customer's tickets (from another customer's: the task panel reads all 1,000);
- completing a task (Space), moving one (Alt+Down), deleting one (Delete), bringing it back (Ctrl+Z)
  and adding one (Enter): each shows at once; the write and the re-read that follow are waited for
  before the next sample.
Timed: the step and the paint of what it changes (the task panel; the whole window for a ticket
opened). Baselines, same run: repaint() of the same panel, and of the window, with nothing changed.
Target: p99 under 16 ms. Then, with nothing forced, a 5 ms heartbeat on the event loop records its
longest gap while the step and all it sets off (the write, the re-read, Qt's paints) run, against the
same heartbeat with the window idle. Target: no gap over 16 ms.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

import qasync
from bench_replica_reads import build, percentile
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from services.desk import Desk
from services.store import Store
from services.store.asyncstore import AsyncStore
from ui.main_window import MainWindow
from ui.panels import TasksPanel


def with_tasks(store: Store, account_id: int, customer: str, count: int) -> None:
    rng = random.Random(5)
    now = datetime.now(UTC)
    today = now.astimezone().date()
    rows = []
    for n in range(count):
        done = n >= count * 9 // 10
        due = today + timedelta(days=rng.randrange(-10, 30)) if rng.random() < 0.4 else None
        rows.append((account_id, f"bench{n:06d}", str(50_000 + n), customer, f"Task number {n} for them",
                     due.isoformat() if due else None,
                     (now - timedelta(hours=rng.randrange(1, 300))).isoformat() if done else None,
                     "agent" if done else "", (1 << 20) - n * 1024, None, now.isoformat(), "agent"))
    with store.conn:
        store.conn.executemany(
            """INSERT INTO tasks (account_id, key, remote_id, customer, text, due, done_at, done_by, position,
                                  ticket, created, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows)
        store.conn.execute("INSERT INTO sync_state (account_id, key, value) VALUES (?, 'tasks_home', 'here')",
                           (account_id,))


class Heartbeat:
    """A 5 ms timer on the event loop; the longest gap between two beats since reset()."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._beat)
        self.last = time.perf_counter()
        self.longest = 0.0

    def _beat(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--tasks", type=int, default=1_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app, already_running=True)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory(prefix="monodesk-bench-") as tmp:
        path = Path(tmp) / "replica.sqlite"
        store = build(path, args.tickets)
        account = store.accounts.active()
        assert account is not None
        ticket_ids = [str(n) for n in range(1, 200)]
        views = [store.views.ticket(account.id, t) for t in ticket_ids]
        customer = next(v.customer_email for v in views if v is not None and v.customer_email)
        theirs = [v.remote_id for v in views if v is not None and v.customer_email == customer]
        other = next(v.remote_id for v in views if v is not None and v.customer_email != customer)
        with_tasks(store, account.id, customer.lower(), args.tasks)
        writer = AsyncStore(path)
        window: MainWindow | None = None

        def publish(changes: object) -> None:
            if window is not None:
                window.apply_changes(changes)  # type: ignore[arg-type]

        desk = Desk(store, writer, account.id, account.username, wake_sync=lambda: None, publish=publish)
        window = MainWindow(desk, demo=False, take_on_open=False)
        window.resize(1200, 780)
        window.show()
        window.open_ticket(theirs[0])
        view = window.panel(TasksPanel).view

        def settle(until: Callable[[], bool] = lambda: True) -> None:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                app.processEvents()
                if until() and not window.refreshing and not window.tasks.busy:
                    return
            raise SystemExit("the window did not settle")

        settle(lambda: view.model.rowCount() > 0)
        assert view.model.rowCount() >= args.tasks * 9 // 10, view.model.rowCount()

        def timed(step: Callable[[], None], samples: int) -> list[float]:
            out = []
            for _ in range(samples):
                t0 = time.perf_counter()
                step()
                window.repaint()
                out.append(time.perf_counter() - t0)
                settle()
            return out

        def key(k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
            QApplication.sendEvent(view.list, QKeyEvent(QKeyEvent.Type.KeyPress, k, mods))

        rng = random.Random(9)

        def pick() -> None:
            view.list.setFocus()
            view.list.setCurrentIndex(view.model.index(rng.randrange(0, args.tasks // 2)))

        opened = iter(range(10**9))

        def open_theirs() -> None:
            window.open_ticket(other)  # (not timed: another customer first, so all 1,000 are read again)
            settle()

        def open_step() -> None:
            window.open_ticket(theirs[next(opened) % len(theirs)])

        def toggle() -> None:
            key(Qt.Key.Key_Space)

        def move() -> None:
            key(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)

        def delete_and_undo() -> None:
            key(Qt.Key.Key_Delete)

        def undo() -> None:
            key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

        added = iter(range(10**9))

        def add() -> None:
            view.add_text.setText(f"Added task {next(added)}")
            before = view.model.rowCount()
            view.add_text.returnPressed.emit()
            assert view.model.rowCount() == before + 1  # shown at once; the replica's copy follows

        beat = Heartbeat()
        beat.timer.start()
        settle()
        bare = timed(window.repaint, args.samples)
        bare_panel = timed(view.repaint, args.samples)
        beat.reset()
        idle_gaps = []
        for _ in range(args.samples // 4):
            beat.reset()
            t_end = time.perf_counter() + 0.05
            while time.perf_counter() < t_end:
                app.processEvents()
            idle_gaps.append(beat.longest)

        results: dict[str, list[float]] = {}
        gaps: list[float] = []
        series_gaps: dict[str, list[float]] = {}
        series_gaps: dict[str, list[float]] = {}

        def series(name: str, step: Callable[[], None], before: Callable[[], None] | None = None,
                   painted: Callable[[], None] = view.repaint) -> None:
            """The step and the paint of what it changes (the panel; the window for a ticket opened),
            timed; then, separately, the event loop's longest gap while the step runs and everything
            it set off (the write, the re-read, Qt's own paints) is done, with nothing forced."""
            samples = []
            for _ in range(args.samples):
                if before is not None:
                    before()
                settle()
                t0 = time.perf_counter()
                step()
                painted()
                samples.append(time.perf_counter() - t0)
                settle()
                if before is not None:
                    before()
                settle()
                beat.reset()
                step()
                settle()
                gaps.append(beat.longest)
                series_gaps.setdefault(name, []).append(beat.longest)
            results[name] = samples

        series("open their ticket", open_step, open_theirs, painted=window.repaint)
        series("complete (Space)", toggle, pick)
        series("move (Alt+Down)", move, pick)
        series("delete (Delete)", delete_and_undo, pick)
        series("bring back (Ctrl+Z)", undo, lambda: (pick(), key(Qt.Key.Key_Delete), settle()))
        series("add (Enter)", add)
        beat.timer.stop()
        window.close()
        writer.close()
        store.close()
    print(f"Task panel, {args.tasks:,} tasks for one customer, {args.tickets:,} tickets, "
          f"{args.samples} samples each (target p99 < 16 ms):")
    for name, samples in results.items():
        base = bare if name.startswith("open") else bare_panel
        b50 = statistics.median(base) * 1000
        p50, p99 = statistics.median(samples) * 1000, percentile(samples, 0.99) * 1000
        stall = percentile(series_gaps[name], 0.99) * 1000
        print(f"  {name:24} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  ({p50 / b50:.1f}x a bare repaint of the "
              f"{'window' if base is bare else 'panel'}: {'met' if p99 < 16 else 'MISSED'}); "
              f"longest loop gap p99 {stall:.1f} ms")
    for label, base in (("window", bare), ("panel", bare_panel)):
        print(f"  {'bare repaint, ' + label:24} p50 {statistics.median(base) * 1000:6.2f} ms  "
              f"p99 {percentile(base, 0.99) * 1000:6.2f} ms")
    idle_p99 = percentile(idle_gaps, 0.99) * 1000
    busy_p99 = percentile(gaps, 0.99) * 1000
    print(f"  event loop: longest gap of a 5 ms heartbeat, p99 {busy_p99:.1f} ms during the actions, "
          f"{idle_p99:.1f} ms idle (target: no stall over 16 ms: "
          f"{'met' if busy_p99 - idle_p99 < 16 else 'MISSED'}); "
          f"median {statistics.median(gaps) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
