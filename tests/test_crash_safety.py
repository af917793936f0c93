"""kill -9 of a running `monodesk sync` at random moments: the replica stays sound and no change is
lost or sent twice. The token comes from a real Secret Service, as on an agent's desktop."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.cli import monodesk
from tests.support.rt_instance import RTInstance

pytestmark = [pytest.mark.rt, pytest.mark.slow]

ROUNDS = 8
REPLIES_PER_ROUND = 4


def open_texts(replica: Path) -> dict[str, str]:
    """text -> outbox state, for every change not yet confirmed."""
    conn = sqlite3.connect(f"file:{replica}?mode=ro", uri=True, timeout=30)
    try:
        rows = conn.execute("SELECT payload, state FROM outbox WHERE state != 'done'").fetchall()
    finally:
        conn.close()
    import json

    return {json.loads(p)["text"]: s for p, s in rows}


def states(replica: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{replica}?mode=ro", uri=True, timeout=30)
    try:
        return [r[0] for r in conn.execute("SELECT state FROM outbox ORDER BY seq")]
    finally:
        conn.close()


def wait_for(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def test_kill_9_mid_sync_loses_nothing_and_sends_nothing_twice(
        rt: RTInstance, tmp_path: Path, secret_service: dict[str, str], rt_unique: str) -> None:
    env = secret_service
    profile = tmp_path / "profile"
    replica = profile / "data" / "replica.sqlite"
    # A change caught mid-send is looked for in the history at the next sync, not 30 s later: this
    # test's last sync runs right after the last kill.
    (profile / "config").mkdir(parents=True)
    (profile / "config" / "settings.json").write_text('{"settle_after_doubt_seconds": 0}')
    monodesk(profile, "account", "add", "--backend", "rt", "--url", rt.url, "--user", "agent",
             stdin=rt.agent_token + "\n", env=env)
    email = f"{rt_unique}@example.com"
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} crash test", email, "Please call me back.")
    monodesk(profile, "sync", "--once", env=env)
    monodesk(profile, "queues", "--choose", "Product Alpha", env=env)

    rng = random.Random(20261122)
    texts: list[str] = []
    kills = 0
    for round_ in range(ROUNDS):
        for i in range(REPLIES_PER_ROUND):
            text = f"{rt_unique} round {round_} reply {i}"
            monodesk(profile, "reply", str(ticket), stdin=text, env=env)
            texts.append(text)
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--data-dir", str(profile), "sync", "--interval", "0.2"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Random moments, chosen among the dangerous windows: right away, while a reply is in flight,
        # or after some replies went through.
        moment = rng.choice(["start", "sending", "some_done"])
        if moment == "sending":
            wait_for(lambda: "sending" in states(replica))
        elif moment == "some_done":
            goal = len(texts) - REPLIES_PER_ROUND + rng.randint(1, REPLIES_PER_ROUND - 1)
            wait_for(lambda goal=goal: states(replica).count("done") >= goal)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        kills += 1

        conn = sqlite3.connect(replica)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        waiting = open_texts(replica)
        for text in texts:
            sent = rt.count_transactions(ticket, "Correspond", text)
            assert sent <= 1, f"{text!r} was sent {sent} times"
            assert sent == 1 or text in waiting, f"{text!r} is neither sent nor in the outbox"

    # Let a last, uninterrupted sync finish the job: everything arrives exactly once.
    monodesk(profile, "sync", "--once", env=env)
    assert open_texts(replica) == {}
    for text in texts:
        assert rt.count_transactions(ticket, "Correspond", text) == 1, text
    assert kills == ROUNDS
