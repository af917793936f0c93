"""Many processes on one profile, again and again: command-line syncs, a `monodesk sync` daemon and the
real window (offscreen) started together on the same queued replies. Each reply reaches the live RT
exactly once, whoever sends it; nobody refuses or parks one. Counted on the RT side."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.store.profile_lock import ProfileLock, Role
from tests.support.cli import monodesk
from tests.support.harness import wait_for_holder
from tests.support.rt_instance import RTInstance
from tests.test_exactly_once_rt import rt_profile

pytestmark = [pytest.mark.rt, pytest.mark.slow]

ROUNDS = 10
REPLIES_PER_ROUND = 6
ONE_OFF_SYNCS = 3


def open_changes(replica: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"file:{replica}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT op_id, state FROM outbox WHERE state != 'done'").fetchall()
    finally:
        conn.close()


def test_every_reply_reaches_rt_once_whatever_mix_of_processes_syncs_the_profile(
        rt: RTInstance, tmp_path: Path, secret_service: dict[str, str], rt_unique: str) -> None:
    env = {**secret_service, "QT_QPA_PLATFORM": "offscreen"}
    profile = rt_profile(rt, tmp_path, env)
    replica = profile / "data" / "replica.sqlite"
    tickets = [rt.create_ticket("Product Beta", f"{rt_unique} crowd {i}", f"{rt_unique}-{i}@example.com",
                                "Is anyone there?") for i in range(3)]
    monodesk(profile, "sync", "--once", env=env)
    command = [sys.executable, "-m", "desktop", "--data-dir", str(profile)]
    texts: dict[str, int] = {}
    mixes: list[str] = []
    for round_ in range(ROUNDS):
        window_round = round_ % 2 == 0
        mixes.append("window" if window_round else "daemon")
        long_lived = [*command] if window_round else [*command, "sync", "--interval", "1"]
        started = [subprocess.Popen(long_lived, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)]
        if window_round:  # the agent has the window open; a script queues and syncs beside it
            wait_for_holder(ProfileLock.pusher(replica, f"agent@{rt.url.split('://')[1]}", Role.ONCE),
                            Role.WINDOW)
        for i in range(REPLIES_PER_ROUND):
            ticket = tickets[(round_ + i) % len(tickets)]
            text = f"{rt_unique} round {round_} reply {i}"
            monodesk(profile, "reply", str(ticket), stdin=text, env=env)
            texts[text] = ticket
        started += [subprocess.Popen([*command, "sync", "--once"], env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True) for _ in range(ONE_OFF_SYNCS)]
        try:
            one_offs = [p.communicate(timeout=180) for p in started[1:]]
            assert [p.returncode for p in started[1:]] == [0] * ONE_OFF_SYNCS, one_offs
            for out, err in one_offs:  # each either synced, or left it to the process that does
                assert "pushed" in out or "is syncing this profile" in err, (out, err)
                if window_round:
                    assert "The Monodesk window" in err and "asked to send" in err, err
            deadline = time.monotonic() + 120
            while open_changes(replica) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert open_changes(replica) == [], f"round {round_} ({mixes[-1]}) left changes unsent"
        finally:
            started[0].terminate()
            started[0].wait(timeout=60)
    copies = {text: rt.count_transactions(ticket, "Correspond", text) for text, ticket in texts.items()}
    assert [t for t, n in copies.items() if n != 1] == [], copies
    assert len(copies) == ROUNDS * REPLIES_PER_ROUND and set(mixes) == {"window", "daemon"}
