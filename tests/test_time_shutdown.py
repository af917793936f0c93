"""A logout or a shutdown (SIGTERM) closes the window as the agent would: the time the timer counted
is written before the app stops, not lost with the last half minute."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.desk import FOCUS_KEY


def focused_ticket(replica: Path) -> str | None:
    if not replica.exists():
        return None
    try:
        with sqlite3.connect(replica, timeout=5) as conn:
            row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (FOCUS_KEY,)).fetchone()
    except sqlite3.OperationalError:  # not made yet
        return None
    return str(row[0]) if row else None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is a POSIX signal")
def test_sigterm_writes_the_time_counted_before_the_app_stops(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    replica = profile / "data" / "replica.sqlite"
    app = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(profile)],
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while (ticket := focused_ticket(replica)) is None:
            assert app.poll() is None, app.stderr.read() if app.stderr else ""
            assert time.monotonic() < deadline, "no ticket opened within two minutes"
            time.sleep(0.1)
        counted_from = time.monotonic()
        while time.monotonic() - counted_from < 3:  # the timer counts real seconds: let it count some
            time.sleep(0.1)
        app.send_signal(signal.SIGTERM)
        assert app.wait(60) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
    with sqlite3.connect(replica) as conn:
        seconds = conn.execute("SELECT TOTAL(seconds) FROM tracked_time WHERE ticket_remote_id = ?",
                               (ticket,)).fetchone()[0]
    assert seconds >= 2  # written on the way out (the next half-minute write never came)
