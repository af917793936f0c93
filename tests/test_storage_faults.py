"""Storage faults on a real small disk: full, read-only, damaged. Each gets a message that says what is
wrong and what to do, never a traceback; nothing queued is lost, and the work goes on once the disk is
fine again."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from services.backends.demo.connector import DemoConnector
from services.store import Store
from services.store.asyncstore import AsyncStore
from services.store.faults import DiskFull
from services.sync.status import SyncState
from tests.support.cli import monodesk
from tests.support.harness import Harness, wait_until
from tests.support.small_disk import SmallDisk


def outbox_texts(replica: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{replica}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT payload FROM outbox WHERE kind = 'reply' ORDER BY seq").fetchall()
    finally:
        conn.close()
    return [json.loads(r[0])["text"] for r in rows]


def active_ticket(replica: Path) -> str:
    conn = sqlite3.connect(f"file:{replica}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT remote_id FROM tickets WHERE status IN ('new', 'open') "
                           "AND thread_updated IS NOT NULL ORDER BY id LIMIT 1").fetchone()
    finally:
        conn.close()
    assert row is not None
    return str(row[0])


def assert_clear(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr and "cannot rollback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_a_full_disk_is_named_loses_nothing_and_the_next_reply_goes_in_once_there_is_room(
        disk: SmallDisk) -> None:
    profile = disk.root / "profile"
    replica = profile / "data" / "replica.sqlite"
    monodesk(profile, "sync", "--once")
    ticket = active_ticket(replica)
    monodesk(profile, "reply", ticket, stdin="First, before the disk filled up.")

    disk.fill()
    full = monodesk(profile, "reply", ticket, stdin="Second, while the disk is full.", check=False)
    assert_clear(full, "disk holding Monodesk's local data is full", str(profile / "data"), "Free some space")
    assert full.stderr.startswith("monodesk: Not queued.")  # this reply was not, whatever else was

    disk.free()
    assert outbox_texts(replica) == ["First, before the disk filled up."]  # kept; nothing half-written
    monodesk(profile, "reply", ticket, stdin="Second, once there is room.")
    assert outbox_texts(replica) == ["First, before the disk filled up.", "Second, once there is room."]
    conn = sqlite3.connect(replica)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


async def test_the_sync_engine_says_the_disk_is_full_and_goes_on_by_itself_after(disk: SmallDisk) -> None:
    path = disk.root / "replica.sqlite"
    h = Harness.create(path, DemoConnector(disk.root / "demo"), backend="demo", user="demo.agent",
                       interval=3600, max_backoff=0.5)
    writer = h.writer
    await h.engine.sync_once()
    ticket = active_ticket(path)
    seen: list[SyncState] = []
    h.engine.observe(lambda status: seen.append(status.state))
    runner = asyncio.get_running_loop().create_task(h.engine.run())
    try:
        disk.fill()
        with pytest.raises(DiskFull, match="is full"):  # the window's writes fail with the same words
            await writer.call(
                lambda s: s.outbox.queue_message(h.account_id, ticket, "While full", author="a"))
        h.engine.request_sync()
        await wait_until(lambda: h.engine.status.state is SyncState.PROBLEM, what="a sync problem")
        assert "is full" in (h.engine.status.last_error or "") and h.engine.status.retry_in
        failed_at = len(seen)

        disk.free()
        await wait_until(lambda: SyncState.IDLE in seen[failed_at:], what="the engine to sync again")
        await writer.call(lambda s: s.outbox.queue_message(h.account_id, ticket, "After", author="a"))
        assert outbox_texts(path) == ["After"]
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        await h.close()


def test_a_read_only_data_folder_is_named_by_every_command_and_the_window(disk: SmallDisk) -> None:
    profile = disk.root / "profile"
    monodesk(profile, "sync", "--once")
    disk.read_only()
    try:
        for args in (("status",), ("reply", "1"), ("sync", "--once")):
            assert_clear(monodesk(profile, *args, stdin="hello", check=False),
                         "Monodesk cannot write its local data in", "Read-only file system", "--data-dir")
        smoke = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(profile), "--smoke"],
                               capture_output=True, text=True, timeout=120,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert smoke.returncode == 1 and "Traceback" not in smoke.stderr, smoke.stderr
        assert "cannot write its local data" in json.loads(smoke.stdout.splitlines()[-1])["error"]
    finally:
        disk.read_only(False)
    assert monodesk(profile, "status").returncode == 0


def damage(replica: Path, how: str) -> None:
    if how == "overwritten":  # another program wrote over the start of the file
        with replica.open("r+b") as handle:
            handle.write(os.urandom(8192))
    else:  # cut short (a copy interrupted, a disk fault)
        size = replica.stat().st_size
        with replica.open("r+b") as handle:
            handle.truncate(size // 3)
    for side in ("-wal", "-shm"):
        Path(f"{replica}{side}").unlink(missing_ok=True)


@pytest.mark.parametrize("how", ["overwritten", "truncated"])
def test_a_damaged_replica_is_named_then_repaired_keeping_every_unsent_reply(
        tmp_path: Path, how: str) -> None:
    profile = tmp_path / "profile"
    replica = profile / "data" / "replica.sqlite"
    monodesk(profile, "sync", "--once")  # ends with the day's good copy
    ticket = active_ticket(replica)
    monodesk(profile, "reply", ticket, stdin=f"Queued before the damage ({how}).")
    damage(replica, how)

    broken = monodesk(profile, "status", check=False)
    assert_clear(broken, "is damaged", "monodesk repair", str(replica))
    repaired = monodesk(profile, "repair")
    assert "restored the copy of" in repaired.stdout and "kept 1 unsent change(s)" in repaired.stdout
    assert list(replica.parent.glob("replica.damaged-*.sqlite")), "the damaged file is kept aside"
    assert outbox_texts(replica) == [f"Queued before the damage ({how})."]

    monodesk(profile, "sync", "--once")
    thread = json.loads(monodesk(profile, "show", ticket, "--json").stdout)["thread"]
    sent = [m for m in thread if m["text"] == f"Queued before the damage ({how})."]
    assert len(sent) == 1 and sent[0]["remote_id"] and not sent[0]["outbox_state"]
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == 0
    monodesk(profile, "sync", "--once")  # and it stays sent once
    thread = json.loads(monodesk(profile, "show", ticket, "--json").stdout)["thread"]
    assert sum(m["text"] == f"Queued before the damage ({how})." for m in thread) == 1


def test_the_window_repairs_a_damaged_replica_at_start(
        tmp_path: Path, secret_service: dict[str, str]) -> None:
    profile = tmp_path / "profile"
    replica = profile / "data" / "replica.sqlite"
    monodesk(profile, "sync", "--once")
    ticket = active_ticket(replica)
    monodesk(profile, "reply", ticket, stdin="Written just before the file broke.")
    damage(replica, "overwritten")
    smoke = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(profile), "--smoke"],
                           capture_output=True, text=True, timeout=120,
                           env={**secret_service, "QT_QPA_PLATFORM": "offscreen"})
    assert smoke.returncode == 0, smoke.stderr
    assert json.loads(smoke.stdout.splitlines()[-1])["ticket"]
    assert outbox_texts(replica) == ["Written just before the file broke."]
    assert "replica repaired" in (profile / "logs" / "monodesk.log").read_text()


def test_the_journal_keeps_replies_queued_after_the_last_good_copy(tmp_path: Path) -> None:
    """The daily copy is older than the day's work: the outbox journal brings that back too."""
    path = tmp_path / "replica.sqlite"
    store = Store(path)
    account = store.accounts.add("demo", "demo", "", "agent")
    from services.domain import Customer, Ticket, TicketHistory, TicketStatus
    from tests.test_store import T0

    ticket = Ticket("7", "Thermostat", "Product Alpha", TicketStatus.OPEN, Customer("c@example.com"), None,
                    0, T0, T0)
    store.replica.apply_histories(account.id, [TicketHistory(ticket, (), (), last_event_id="70")])
    early = store.outbox.queue_message(account.id, "7", "Queued before the copy.", author="agent")
    store.close()
    from services.store import recovery

    assert recovery.keep_good_copy(path, force=True)
    store = Store(path)
    store.outbox.queue_message(account.id, "7", "Queued after the copy.", author="agent")
    store.outbox.mark_done(early)  # sent meanwhile: must not come back
    store.close()
    damage(path, "overwritten")

    result = recovery.repair(path)
    assert result.changes_kept == 1 and result.maybe_sent == 1 and result.restored_copy_of is not None
    with Store(path) as fresh:
        ops = fresh.outbox.open_ops(account.id)
        assert [op.payload["text"] for op in ops] == ["Queued after the copy."]
        assert ops[0].attempts >= 1  # maybe delivered: the history is read before it is sent
        shown = fresh.views.thread(fresh.views.ticket(account.id, "7").id)  # type: ignore[union-attr]
        assert [m.text for m in shown] == ["Queued after the copy."]


async def test_a_write_that_fails_on_a_full_disk_leaves_the_replica_as_it_was(disk: SmallDisk) -> None:
    path = disk.root / "replica.sqlite"
    writer = AsyncStore(path)
    try:
        account = await writer.call(lambda s: s.accounts.add("demo", "demo", "", "agent"))
        disk.fill()
        with pytest.raises(DiskFull):
            await writer.call(lambda s: s.accounts.set_state(account.id, "big", "x" * 1_000_000))
        disk.free()
        assert await writer.call(lambda s: s.accounts.get_state(account.id, "big")) is None
        await writer.call(lambda s: s.accounts.set_state(account.id, "big", "ok"))
        assert await writer.call(lambda s: s.accounts.get_state(account.id, "big")) == "ok"
    finally:
        writer.close()


def test_repair_waits_until_no_other_process_has_the_replica_open(tmp_path: Path) -> None:
    """A repair replaces the file: a process still writing to the old one would lose its writes."""
    profile = tmp_path / "profile"
    replica = profile / "data" / "replica.sqlite"
    monodesk(profile, "sync", "--once")
    daemon = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(profile), "sync",
                               "--interval", "3600"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        assert daemon.stdout is not None and "Syncing" in daemon.stdout.readline()
        damage(replica, "truncated")
        refused = monodesk(profile, "repair", check=False)
        assert_clear(refused, "has this profile's local data open", "stop it first")
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
    assert "kept" in monodesk(profile, "repair").stdout


def test_a_repair_interrupted_by_a_full_disk_leaves_everything_for_the_next_one(disk: SmallDisk) -> None:
    profile = disk.root / "profile"
    replica = profile / "data" / "replica.sqlite"
    monodesk(profile, "sync", "--once")
    ticket = active_ticket(replica)
    monodesk(profile, "reply", ticket, stdin="Queued before the damage and the full disk.")
    damage(replica, "overwritten")
    disk.fill()
    assert_clear(monodesk(profile, "repair", check=False), "is full")
    disk.free()
    assert not list(replica.parent.glob("replica.damaged-*")), "nothing was moved before the repair was built"
    assert "kept 1 unsent change(s)" in monodesk(profile, "repair").stdout
    assert outbox_texts(replica) == ["Queued before the damage and the full disk."]


@pytest.mark.parametrize("readable", [True, False])
def test_a_reply_sent_after_the_copy_does_not_come_back_as_a_draft(tmp_path: Path, readable: bool) -> None:
    profile = tmp_path / "profile"
    replica = profile / "data" / "replica.sqlite"
    monodesk(profile, "sync", "--once")
    ticket = active_ticket(replica)
    conn = sqlite3.connect(replica)
    with conn:  # a draft typed before the copy was made
        conn.execute("INSERT INTO drafts (account_id, ticket_remote_id, note, body, time_minutes, "
                     "updated_at) VALUES (1, ?, 0, 'Draft that became a reply', 0, "
                     "'2000-01-01T00:00:00+00:00')", (ticket,))
    conn.close()
    from services.store import recovery

    assert recovery.keep_good_copy(replica, force=True)
    monodesk(profile, "reply", ticket, stdin="Draft that became a reply")  # the draft is sent
    monodesk(profile, "sync", "--once")
    if not readable:
        damage(replica, "overwritten")
    # Readable: a damage in pages the drafts do not use (the repair itself does not care which).
    result = recovery.repair(replica)
    assert result.drafts_kept == 0
    conn = sqlite3.connect(replica)
    try:
        drafts = conn.execute("SELECT body FROM drafts").fetchall()
        sent = conn.execute("SELECT COUNT(*) FROM outbox WHERE state != 'done'").fetchone()[0]
    finally:
        conn.close()
    assert drafts == [], "a sent reply came back as a draft"
    assert sent == 0 or not readable  # known sent: not queued again


def test_journal_compaction_never_drops_a_change_queued_meanwhile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from services.domain import Customer, Ticket, TicketHistory, TicketStatus
    from services.store import journal as journal_module
    from tests.test_store import T0

    monkeypatch.setattr(journal_module, "COMPACT_ABOVE_BYTES", 0)  # compact at every call
    path = tmp_path / "replica.sqlite"
    with Store(path) as setup:
        account = setup.accounts.add("demo", "demo", "", "agent")
        ticket = Ticket("7", "Thermostat", "Product Alpha", TicketStatus.OPEN, Customer("c@example.com"),
                        None, 0, T0, T0)
        setup.replica.apply_histories(account.id, [TicketHistory(ticket, (), (), last_event_id="70")])
    queued: list[str] = []
    stop = threading.Event()

    def queue() -> None:
        with Store(path) as agent:
            for n in range(150):
                queued.append(agent.outbox.queue_message(account.id, "7", f"Reply {n}", author="agent"))
        stop.set()

    def compact() -> None:
        with Store(path) as engine:
            while not stop.is_set():
                engine.outbox.compact_journal()

    threads = [threading.Thread(target=queue), threading.Thread(target=compact)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    unsent = {change.op_id for change in journal_module.OutboxJournal.beside(path).unsent()}
    lost = set(queued) - unsent
    assert not lost, f"{len(lost)} of {len(queued)} unsent replies left the journal"


def demo_copies(profile: Path, ticket: str, text: str) -> int:
    """How many times the demo helpdesk holds this text on the ticket (its own record, not ours)."""
    from services.backends.demo.storage import STATE_FILE

    conn = sqlite3.connect(profile / "data" / "demo-helpdesk" / STATE_FILE)
    try:
        row = conn.execute("SELECT COUNT(*) FROM txns WHERE ticket_id = ? AND content = ?",
                           (int(ticket), text)).fetchone()
    finally:
        conn.close()
    return int(row[0])


def test_an_emptied_replica_gets_its_unsent_replies_back_from_the_journal(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    replica = profile / "data" / "replica.sqlite"
    monodesk(profile, "sync", "--once")
    ticket = active_ticket(replica)
    texts = ["First unsent reply.", "Second unsent reply."]
    for text in texts:
        monodesk(profile, "reply", ticket, stdin=text)
    replica.write_bytes(b"")  # another program (a sync tool, a careless cleanup) empties the file
    for side in ("-wal", "-shm"):
        Path(f"{replica}{side}").unlink(missing_ok=True)

    synced = monodesk(profile, "sync", "--once")
    assert "2 unsent change(s) missing from the local data" in synced.stderr
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == 0
    assert [demo_copies(profile, ticket, text) for text in texts] == [1, 1]


def test_a_backup_put_back_over_the_replica_does_not_send_a_reply_twice(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    replica = profile / "data" / "replica.sqlite"
    monodesk(profile, "sync", "--once")
    ticket = active_ticket(replica)
    monodesk(profile, "reply", ticket, stdin="Sent once, then the old backup came back.")
    backup = tmp_path / "backup.sqlite"
    source, target = sqlite3.connect(replica), sqlite3.connect(backup)
    source.backup(target)  # the agent's own backup, taken while the reply was still queued
    source.close()
    target.close()
    monodesk(profile, "sync", "--once")
    assert demo_copies(profile, ticket, "Sent once, then the old backup came back.") == 1

    backup.replace(replica)  # restored by hand
    for side in ("-wal", "-shm"):
        Path(f"{replica}{side}").unlink(missing_ok=True)
    monodesk(profile, "sync", "--once")
    monodesk(profile, "sync", "--once")
    assert demo_copies(profile, ticket, "Sent once, then the old backup came back.") == 1
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == 0
