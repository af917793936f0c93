"""Shared by the UI benchmarks: a data folder holding N tickets in the demo account, and the two
processes compared (Monodesk's smoke start, and a bare PySide6 window), each started fresh.

Both print one JSON line once their window is painted (a synchronous repaint()), with the wall-clock
time of that paint and their resident memory at that moment; start-up time is the paint time minus
the time just before Popen. Children may write bytecode caches, as any installed copy has them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench_replica_reads import build

from desktop.paths import AppPaths
from desktop.workspace import DEMO_ACCOUNT
from services.backends import registry

ROOT = Path(__file__).resolve().parent.parent

BARE_WINDOW = """
import json, os, sys, time
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Hello"))
window.resize(1200, 780)
window.show()
window.repaint()
painted = time.time()
statm = open("/proc/self/statm").read().split()
rss = int(statm[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
cpu = os.times().user + os.times().system
print(json.dumps({"painted_at": painted, "rss_mb": rss, "cpu_seconds": cpu}), flush=True)
"""


@dataclass(frozen=True, slots=True)
class Started:
    seconds: float  # process start to first paint
    rss_mb: float
    cpu_seconds: float  # the child's user + system time by its first paint
    ticket: str | None


def demo_data_dir(root: Path, tickets: int) -> Path:
    """A data folder whose demo account already holds `tickets` tickets (most of them offerable)."""
    started = time.perf_counter()
    sample = registry.sample()
    store = build(AppPaths.isolated(root).replica, tickets, account_name=DEMO_ACCOUNT, backend=sample.name,
                  user=sample.account_user)
    store.close()
    print(f"replica with {tickets:,} tickets built in {time.perf_counter() - started:.0f} s")
    return root


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(args: list[str]) -> tuple[float, dict[str, object]]:
    started = time.time()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env(),
                             cwd=ROOT)
    assert child.stdout is not None
    line = child.stdout.readline()
    child.stdout.close()
    if child.wait(timeout=120) != 0 and not line:
        raise RuntimeError(f"{args} exited with {child.returncode} before painting")
    report = json.loads(line)
    return float(report["painted_at"]) - started, report


def start_monodesk(data_dir: Path) -> Started:
    seconds, report = _run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "--smoke"])
    ticket = report.get("ticket")
    if not ticket:
        raise RuntimeError(f"Monodesk painted no ticket: {report}")
    return Started(seconds, float(report["rss_mb"]), float(report["cpu_seconds"]),  # type: ignore[arg-type]
                   str(ticket))


def start_bare_window() -> Started:
    seconds, report = _run([sys.executable, "-c", BARE_WINDOW])
    return Started(seconds, float(report["rss_mb"]), float(report["cpu_seconds"]), None)  # type: ignore[arg-type]


def alternate(tickets: int, rounds: int, *, warm: bool = False) -> tuple[list[Started], list[Started]]:
    """Monodesk (over a fresh data folder of `tickets`) and the bare window, started in turn `rounds`
    times each, so that a change in the machine's load touches both alike. `warm` starts each once
    first, unmeasured: the OS file cache then holds what any second start would find there."""
    with tempfile.TemporaryDirectory(prefix="monodesk-bench-") as tmp:
        data = demo_data_dir(Path(tmp), tickets)
        if warm:
            start_monodesk(data)
            start_bare_window()
        app: list[Started] = []
        bare: list[Started] = []
        for _ in range(rounds):
            app.append(start_monodesk(data))
            bare.append(start_bare_window())
    return app, bare
