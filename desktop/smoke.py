"""`monodesk --smoke`: start on the demo workspace, wait for the first ticket on screen, check the
keyring, print one JSON line and exit (the packaging test runs it frozen; the start-up benchmark reads
when the first ticket was painted). And the process's memory, which the benchmarks report."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from ui.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.session import Session


@dataclass(frozen=True, slots=True)
class FirstPaint:
    at: float  # wall-clock time once the window's first paint was done
    ticket: str | None  # the ticket it showed, if any
    rss_mb: float | None
    cpu_seconds: float  # user + system time of this process by then (a busy machine disturbs it less)


def cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def resident_mb() -> float | None:
    """The process's resident memory now (Linux), or its peak elsewhere; None when unknown."""
    try:
        statm = Path("/proc/self/statm").read_text(encoding="ascii")
        return int(statm.split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
        return peak / (2**20 if sys.platform == "darwin" else 2**10)
    except (ImportError, OSError):
        return None


async def smoke_test(session: Session, window: MainWindow, first_paint: FirstPaint) -> int:
    """Start on the demo workspace, wait for the first ticket on screen, check the keyring, exit.
    The start-up benchmark reads `painted_at`: when the first ticket was on screen."""
    import asyncio

    ticket, painted_at, rss = first_paint.ticket, first_paint.at, first_paint.rss_mb
    cpu = first_paint.cpu_seconds
    if not ticket:  # an empty replica: the first sync brings the work, then a ticket is shown
        painted: asyncio.Future[str] = asyncio.get_running_loop().create_future()

        def on_painted(remote_id: str) -> None:
            if remote_id and not painted.done():
                painted.set_result(remote_id)

        window.painted.connect(on_painted)
        if window.current_ticket:
            painted.set_result(window.current_ticket)
        ticket = await asyncio.wait_for(painted, timeout=120)
        window.repaint()  # on screen for real, not just chosen
        painted_at, rss, cpu = time.time(), resident_mb(), cpu_seconds()
    import keyring  # as in the app, where the keyring is first needed after the paint

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    usable = "fail" not in type(backend).__module__
    print(json.dumps({"ticket": ticket, "keyring": name, "keyring_usable": usable, "rss_mb": rss,
                      "painted_at": painted_at, "cpu_seconds": cpu}),
          flush=True)
    QTimer.singleShot(0, window.close)
    await session.shutdown()
    return 0 if usable and ticket else 1
