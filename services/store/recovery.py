"""Checking the replica, keeping a last good copy of it, and repairing it without losing unsent work.

The replica is a cache of the helpdesk plus the agent's own unsent work (the outbox, drafts). A damaged
file (a disk fault, a file overwritten or cut short by another program) must never cost that work:

- `check` runs SQLite's quick_check (about 0.7 s for 100,000 tickets, on its own connection, so the
  writer and the window go on meanwhile);
- `keep_good_copy` copies a sound replica to `<replica>.last-good` about once a day;
- `repair` puts the damaged file aside, restores the last good copy (or starts empty), and carries over
  every unsent change and draft that can still be read from the damaged file. Changes it can only take
  from the (older) copy may have been sent since: they are marked as maybe delivered, so the next push
  looks for them in the ticket's history before sending them (exactly once holds).
The helpdesk then brings the tickets back with the next sync.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from services.store.db import open_database, owner_only, quick_check, to_db_time, transaction, utc_now
from services.store.journal import Journaled, OutboxJournal
from services.store.outbox import OPEN_STATES_SQL

log = logging.getLogger(__name__)

COPY_EVERY_SECONDS = 24 * 3600
_SALVAGE_CHUNK = 200
_TICKET_COLUMNS = """t.remote_id AS t_remote_id, t.subject AS t_subject, t.queue AS t_queue,
                     t.status AS t_status, t.created AS t_created, t.updated AS t_updated"""


@dataclass(frozen=True, slots=True)
class Repair:
    damaged_kept: Path | None  # where the damaged file was put aside
    restored_copy_of: datetime | None  # when the restored copy was made; None: started empty
    changes_kept: int  # unsent changes carried over
    drafts_kept: int
    maybe_sent: int  # of those, taken from the copy only: checked against the history before sending
    # Unsent changes whose ticket could not be read back: their text, saved in a file beside.
    orphans_file: Path | None = None

    def summary(self) -> str:
        origin = (f"restored the copy of {self.restored_copy_of:%Y-%m-%d %H:%M} UTC"
                  if self.restored_copy_of else "started with empty local data")
        kept = f"kept {self.changes_kept} unsent change(s) and {self.drafts_kept} draft(s)"
        aside = f"; the damaged file is kept as {self.damaged_kept}" if self.damaged_kept else ""
        orphans = (f". Changes whose ticket could not be read back are saved in {self.orphans_file}"
                   if self.orphans_file else "")
        return f"Monodesk {origin} and {kept}{aside}{orphans}. The next sync brings the tickets back."


def copy_path(replica: Path) -> Path:
    return replica.with_name(replica.name + ".last-good")


def check(replica: Path) -> str | None:
    """None when the file is sound (or does not exist yet), else what SQLite found wrong."""
    if not replica.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{replica}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        return quick_check(conn)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def copy_due(replica: Path, every: float = COPY_EVERY_SECONDS) -> bool:
    try:
        return time.time() - copy_path(replica).stat().st_mtime >= every
    except FileNotFoundError:
        return True


def keep_good_copy(replica: Path, *, every: float = COPY_EVERY_SECONDS, force: bool = False) -> bool:
    """Copy the replica to its last-good copy if the copy is older than `every` (call after `check`
    passed). The copy is written beside, then renamed over the old one: never half a copy."""
    target = copy_path(replica)
    if not force and not copy_due(replica, every):
        return False
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    owner_only(partial, create=True)  # VACUUM INTO takes an empty file and keeps its mode
    source = sqlite3.connect(f"file:{replica}?mode=ro", uri=True, timeout=30)
    try:
        # One statement, one read transaction on its own connection: in WAL mode the writer goes on.
        source.execute("VACUUM INTO ?", (str(partial),))
    finally:
        source.close()
    partial.replace(target)
    return True


@dataclass
class _Salvage:
    outbox_read: bool = False  # the whole outbox could be read: it is the truth about unsent work
    accounts: list[dict[str, Any]] = field(default_factory=list)
    ops: list[dict[str, Any]] = field(default_factory=list)  # open changes, each with its ticket
    finished: set[str] = field(default_factory=set)  # op ids done or gone in the damaged file
    drafts: list[dict[str, Any]] = field(default_factory=list)
    drafts_read: bool = False  # the damaged file's drafts could be read: they are the truth
    chosen_queues: list[tuple[str, str]] = field(default_factory=list)  # (account name, queue)
    journaled: list[Journaled] = field(default_factory=list)  # unsent, by the outbox journal
    journaled_all: list[Journaled] = field(default_factory=list)  # unsent or ended
    discarded: set[str] = field(default_factory=set)  # op ids the agent took back (the journal says)
    # The time ledger, read whole from the damaged file (None: it could not be): it is newer than the
    # copy's and agrees with its own outbox (a change taken back took its logged time with it).
    ledger: list[dict[str, Any]] | None = None


def repair(replica: Path) -> Repair:
    """Put the damaged replica aside and start again from the last good copy (or empty), keeping the
    unsent work. The caller holds the replica's users lock exclusively: no other process has it open.

    The repaired replica is built beside and put in place last, so an interruption (a crash, a full
    disk) leaves the damaged file where it was, for the next repair to start over from."""
    salvage = _salvage(replica)
    journal = OutboxJournal.beside(replica).read()
    salvage.journaled, salvage.journaled_all = journal.unsent, journal.queued
    salvage.finished |= journal.ended.keys()
    salvage.discarded = {op_id for op_id, how in journal.ended.items() if how == "discarded"}
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    work = replica.with_name(replica.name + ".repairing")
    for suffix in ("", "-wal", "-shm"):
        work.with_name(work.name + suffix).unlink(missing_ok=True)  # a repair interrupted before
    copy = copy_path(replica)
    restored: datetime | None = None
    if copy.exists() and check(copy) is None:
        shutil.copyfile(copy, work)
        owner_only(work, create=False)
        restored = datetime.fromtimestamp(copy.stat().st_mtime, UTC)
    conn = open_database(work)
    orphans: list[dict[str, Any]] = []
    try:
        kept, maybe_sent = _merge_ops(conn, salvage, orphans)
        drafts = _merge_drafts(conn, salvage)
        _merge_ledger(conn, salvage)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    aside = _put_in_place(replica, work, stamp)
    orphans_file = _save_orphans(replica, stamp, orphans)
    result = Repair(aside, restored, kept, drafts, maybe_sent, orphans_file)
    log.warning("replica repaired: %s", result.summary())
    return result


def _put_in_place(replica: Path, work: Path, stamp: str) -> Path | None:
    """Keep the damaged file aside, then replace it by the repaired one in one rename. Its -wal and
    -shm go aside first: left beside the new file, SQLite would apply the old WAL to it."""
    aside = replica.with_name(f"{replica.stem}.damaged-{stamp}{replica.suffix}") if replica.exists() else None
    if aside is not None:
        try:
            os.link(replica, aside)
        except OSError:
            shutil.copyfile(replica, aside)
    for suffix in ("-wal", "-shm"):
        side = replica.with_name(replica.name + suffix)
        if side.exists():
            assert aside is not None
            side.replace(aside.with_name(aside.name + suffix))
    for suffix in ("-wal", "-shm"):
        work.with_name(work.name + suffix).unlink(missing_ok=True)  # checkpointed: empty
    work.replace(replica)
    return aside


# --- reading what can be read from a damaged file ------------------------------------------------------


def _salvage(replica: Path) -> _Salvage:
    found = _Salvage()
    if not replica.exists():
        return found
    try:
        conn = sqlite3.connect(f"file:{replica}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return found
    conn.row_factory = sqlite3.Row
    try:
        found.accounts = _rows(conn, "SELECT id, name, backend, url, username, active FROM accounts")
        names = {a["id"]: a["name"] for a in found.accounts}
        try:
            ops = conn.execute(f"""SELECT o.*, {_TICKET_COLUMNS} FROM outbox o
                                   LEFT JOIN tickets t ON t.id = o.ticket_id ORDER BY o.seq""").fetchall()
            found.outbox_read = True
        except sqlite3.DatabaseError:
            ops = _chunked_outbox(conn)
        for row in ops:
            op = dict(row)
            op["account_name"] = names.get(op["account_id"])
            if op["state"] != "done":
                found.ops.append(op)
            else:
                found.finished.add(op["op_id"])
        try:
            drafts = [dict(r) for r in conn.execute("SELECT * FROM drafts").fetchall()]
            found.drafts_read = bool(found.accounts)
        except sqlite3.DatabaseError:
            drafts = []
        for draft in drafts:
            draft["account_name"] = names.get(draft["account_id"])
            found.drafts.append(draft)
        try:
            found.ledger = [dict(r, account_name=names.get(r["account_id"]))
                            for r in conn.execute("SELECT * FROM tracked_time ORDER BY id").fetchall()]
        except sqlite3.DatabaseError:
            found.ledger = None  # the copy's ledger stays, with each restored change's time logged
        found.chosen_queues = [(names.get(q["account_id"], ""), q["name"])
                               for q in _rows(conn, "SELECT account_id, name FROM queues WHERE chosen = 1")]
    finally:
        conn.close()
    return found


def _rows(conn: sqlite3.Connection, sql: str) -> list[dict[str, Any]]:
    try:
        return [dict(r) for r in conn.execute(sql).fetchall()]
    except sqlite3.DatabaseError as exc:
        log.info("could not read from the damaged replica (%s): %s", sql.split(" FROM ")[-1].split()[0], exc)
        return []


def _chunked_outbox(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """The outbox rows that sit on readable pages, when reading the whole table fails; each with its
    ticket when that can still be read too."""
    try:
        last = int(conn.execute("SELECT MAX(seq) FROM outbox").fetchone()[0] or 0)
    except sqlite3.DatabaseError:
        return []
    seqs: list[int] = []
    for start in range(0, last + 1, _SALVAGE_CHUNK):
        with contextlib.suppress(sqlite3.DatabaseError):
            seqs += [r[0] for r in conn.execute("SELECT seq FROM outbox WHERE seq >= ? AND seq < ?",
                                                (start, start + _SALVAGE_CHUNK))]
    rows = [_outbox_row(conn, seq) for seq in seqs]
    return [row for row in rows if row is not None]


def _outbox_row(conn: sqlite3.Connection, seq: int) -> sqlite3.Row | None:
    """One outbox row, with its ticket when that row can still be read too."""
    with_ticket = f"""SELECT o.*, {_TICKET_COLUMNS} FROM outbox o
                      LEFT JOIN tickets t ON t.id = o.ticket_id WHERE o.seq = ?"""
    alone = """SELECT o.*, NULL AS t_remote_id, NULL AS t_subject, NULL AS t_queue, NULL AS t_status,
                      NULL AS t_created, NULL AS t_updated FROM outbox o WHERE o.seq = ?"""
    for query in (with_ticket, alone):
        with contextlib.suppress(sqlite3.DatabaseError):
            row: sqlite3.Row | None = conn.execute(query, (seq,)).fetchone()
            return row
    return None


# --- carrying it over into the restored replica ---------------------------------------------------------


def _merge_ops(conn: sqlite3.Connection, salvage: _Salvage,
               orphans: list[dict[str, Any]]) -> tuple[int, int]:
    """Unsent changes into the restored replica; returns (kept, taken from the copy only). Changes
    whose ticket is known nowhere any more go to `orphans`."""
    from services.store.timelog import unlog  # (the ledger, loaded only to repair)

    kept = maybe_sent = 0
    with transaction(conn) as c:
        accounts = {r["name"]: int(r["id"]) for r in c.execute("SELECT id, name FROM accounts")}
        for account in salvage.accounts:
            if account["name"] not in accounts:
                cursor = c.execute(
                    """INSERT INTO accounts (name, backend, url, username, active, created_at)
                       VALUES (?, ?, ?, ?, ?, ?)""",
                    (account["name"], account["backend"], account["url"], account["username"],
                     account["active"], to_db_time(utc_now())))
                accounts[account["name"]] = int(cursor.lastrowid or 0)
        for account_name, queue in salvage.chosen_queues:
            if account_name in accounts:
                c.execute("""INSERT INTO queues (account_id, remote_id, name, chosen) VALUES (?, '', ?, 1)
                             ON CONFLICT (account_id, name) DO UPDATE SET chosen = 1""",
                          (accounts[account_name], queue))
        salvaged = {op["op_id"] for op in salvage.ops}
        users = {int(r["id"]): str(r["username"]) for r in c.execute("SELECT id, username FROM accounts")}
        journaled = {change.op_id: change for change in salvage.journaled}
        for op in salvage.ops:
            if not op.get("t_remote_id") and op["op_id"] in journaled:  # its ticket row was unreadable
                op["t_remote_id"] = journaled[op["op_id"]].ticket_remote_id
            account_id = accounts.get(op["account_name"] or "")
            if account_id is not None and _restore_op(c, account_id, users.get(account_id, ""), op):
                kept += 1
            else:
                orphans.append(op)
        # The journal knows the changes queued since the copy was made (a damaged file can read
        # "fine" with rows missing): put back as maybe delivered (the history check finds them if
        # they were sent meanwhile).
        for change in salvage.journaled:
            if change.op_id in salvaged or change.op_id in salvage.finished:
                continue
            if c.execute("SELECT 1 FROM outbox WHERE op_id = ?", (change.op_id,)).fetchone():
                continue  # the copy has it: marked maybe delivered below
            account_id = accounts.get(change.account)
            if account_id is not None and _restore_op(c, account_id, users.get(account_id, ""),
                                                      _from_journal(change)):
                salvaged.add(change.op_id)
                kept += 1
                maybe_sent += 1
            else:
                orphans.append(_from_journal(change))
        # What the copy holds as unsent but is now known to be finished (sent, or taken back by the
        # agent) goes; what is not known either way is kept, as maybe delivered.
        for row in c.execute(f"SELECT op_id FROM outbox WHERE state IN {OPEN_STATES_SQL}").fetchall():
            if row["op_id"] in salvaged:
                continue
            if row["op_id"] in salvage.finished:
                if row["op_id"] in salvage.discarded:
                    unlog(c, row["op_id"])  # taken back: its time is the ticket's again
                c.execute("DELETE FROM outbox WHERE op_id = ?", (row["op_id"],))
                continue
            c.execute("""UPDATE outbox SET attempts = MAX(attempts, 1), pre_send_event = NULL,
                             state = CASE state WHEN 'sending' THEN 'pending' ELSE state END
                         WHERE op_id = ?""", (row["op_id"],))
            kept += 1
            maybe_sent += 1
    return kept, maybe_sent


def _restore_op(c: sqlite3.Connection, account_id: int, author: str, op: dict[str, Any]) -> bool:
    ticket_id: int | None = None
    if op.get("ticket_id") is not None:
        ticket_id = _ticket_for(c, account_id, op)
        if ticket_id is None:
            log.warning("unsent change %s lost its ticket in the damaged file", op["op_id"])
            return False
    exists = c.execute("SELECT 1 FROM outbox WHERE op_id = ?", (op["op_id"],)).fetchone()
    values = (op["state"], op["attempts"], op["pre_send_event"], op["based_on_event"], op["last_error"],
              op["conflict"], op["seen_up_to"], op["updated_at"])
    if exists:
        c.execute("""UPDATE outbox SET state = ?, attempts = ?, pre_send_event = ?, based_on_event = ?,
                         last_error = ?, conflict = ?, seen_up_to = ?, updated_at = ? WHERE op_id = ?""",
                  (*values, op["op_id"]))
        return True
    c.execute(
        """INSERT INTO outbox (op_id, account_id, ticket_id, kind, payload, state, attempts, pre_send_event,
                               based_on_event, last_error, conflict, seen_up_to, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (op["op_id"], account_id, ticket_id, op["kind"], op["payload"], values[0], op["attempts"],
         op["pre_send_event"], op["based_on_event"], op["last_error"], op["conflict"], op["seen_up_to"],
         op["created_at"], op["updated_at"]))
    _local_copy(c, ticket_id, author, op)
    _logged_again(c, account_id, author, op)
    return True


def _logged_again(c: sqlite3.Connection, account_id: int, author: str, op: dict[str, Any]) -> None:
    """A change put back that carries time: its minutes count as logged again (they go with it),
    or the ticket's next message would log them a second time."""
    from services.store.timelog import relog

    try:
        payload = json.loads(op["payload"])
    except ValueError:
        return
    minutes = payload.get("minutes" if op["kind"] == "time" else "time_minutes")
    ticket = op.get("t_remote_id")
    if isinstance(minutes, int) and minutes > 0 and ticket:
        relog(c, account_id, author, str(ticket), op["op_id"], minutes)


def _merge_ledger(conn: sqlite3.Connection, salvage: _Salvage) -> None:
    """The damaged file's ledger, when it could be read whole, replaces the copy's (older) one."""
    if salvage.ledger is None:
        return
    with transaction(conn) as c:
        accounts = {r["name"]: int(r["id"]) for r in c.execute("SELECT id, name FROM accounts")}
        c.execute("DELETE FROM tracked_time")
        c.executemany(
            """INSERT INTO tracked_time (account_id, agent, ticket_remote_id, kind, began, ended, seconds,
                                         reason, choice, back, op_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(accounts[row["account_name"]], row["agent"], row["ticket_remote_id"], row["kind"], row["began"],
              row["ended"], row["seconds"], row["reason"], row["choice"], row["back"], row["op_id"])
             for row in salvage.ledger if row["account_name"] in accounts])


def _from_journal(change: Journaled) -> dict[str, Any]:
    """A journal entry in the shape of a salvaged outbox row: unsent, and maybe delivered already."""
    return {"op_id": change.op_id, "account_name": change.account, "kind": change.kind,
            "payload": json.dumps(change.payload), "state": "pending", "attempts": 1,
            "pre_send_event": None, "based_on_event": change.based_on_event, "last_error": None,
            "conflict": None, "seen_up_to": None, "created_at": change.created_at,
            # No attempt of this process to wait for: the history check may run at once.
            "updated_at": "1970-01-01T00:00:00+00:00", "ticket_id": 0 if change.ticket_remote_id else None,
            "t_remote_id": change.ticket_remote_id, "t_subject": None, "t_queue": None, "t_status": None,
            "t_created": None, "t_updated": None}


def _ticket_for(c: sqlite3.Connection, account_id: int, op: dict[str, Any]) -> int | None:
    """The restored replica's row for the change's ticket; a placeholder when only the damaged file
    knew the ticket (the next pull fills it in)."""
    remote = op.get("t_remote_id")
    if not remote:
        return None
    row = c.execute("SELECT id FROM tickets WHERE account_id = ? AND remote_id = ?",
                    (account_id, remote)).fetchone()
    if row is not None:
        return int(row["id"])
    cursor = c.execute(
        """INSERT INTO tickets (account_id, remote_id, subject, queue, status, created, updated)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (account_id, remote, op.get("t_subject") or f"#{remote}", op.get("t_queue") or "",
         op.get("t_status") or "open", op.get("t_created") or op["created_at"],
         # An old update time: the next pull, whatever it brings for this ticket, wins.
         "1970-01-01T00:00:00+00:00"))
    return int(cursor.lastrowid or 0)


def _local_copy(c: sqlite3.Connection, ticket_id: int | None, author: str, op: dict[str, Any]) -> None:
    """The thread shows an unsent reply or note again, as it did before the damage."""
    if ticket_id is None or op["kind"] not in ("reply", "note"):
        return
    try:
        payload = json.loads(op["payload"])
    except ValueError:
        return
    c.execute(
        """INSERT INTO messages (ticket_id, remote_id, position, kind, author, created, text, time_taken,
                                 op_id)
           VALUES (?, NULL, 9000000000000000000, ?, ?, ?, ?, ?, ?)""",
        (ticket_id, "note" if op["kind"] == "note" else "agent", author, op["created_at"],
         str(payload.get("text", "")), int(payload.get("time_minutes") or 0), op["op_id"]))


def _merge_drafts(conn: sqlite3.Connection, salvage: _Salvage) -> int:
    """The damaged file's drafts when they can be read (the copy's may have been sent since);
    otherwise the copy's, minus those the journal shows became a message after they were saved."""
    kept = 0
    with transaction(conn) as c:
        accounts = {r["name"]: int(r["id"]) for r in c.execute("SELECT id, name FROM accounts")}
        if salvage.drafts_read:
            c.execute("DELETE FROM drafts")
        else:
            for change in salvage.journaled_all:
                account_id = accounts.get(change.account)
                if change.kind in ("reply", "note") and change.ticket_remote_id and account_id is not None:
                    c.execute("DELETE FROM drafts WHERE account_id = ? AND ticket_remote_id = ? "
                              "AND updated_at <= ?", (account_id, change.ticket_remote_id, change.created_at))
        for draft in salvage.drafts:
            account_id = accounts.get(draft["account_name"] or "")
            if account_id is None:
                continue
            c.execute(
                """INSERT INTO drafts (account_id, ticket_remote_id, note, body, time_minutes, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (account_id, ticket_remote_id) DO UPDATE SET note = excluded.note,
                       body = excluded.body, time_minutes = excluded.time_minutes,
                       updated_at = excluded.updated_at
                   WHERE excluded.updated_at >= drafts.updated_at""",
                (account_id, draft["ticket_remote_id"], draft["note"], draft["body"], draft["time_minutes"],
                 draft["updated_at"]))
            kept += 1
    return kept


def _save_orphans(replica: Path, stamp: str, orphans: list[dict[str, Any]]) -> Path | None:
    """Unsent changes that cannot be put back in the replica: their text in a file, not lost."""
    if not orphans:
        return None
    target = replica.with_name(f"unsent-changes-{stamp}.json")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump([{"op_id": o["op_id"], "kind": o["kind"], "ticket": o.get("t_remote_id"),
                    "account": o.get("account_name"), "payload": o["payload"], "created_at": o["created_at"]}
                   for o in orphans], handle, indent=2, ensure_ascii=False)
    return target


def reconcile(conn: sqlite3.Connection, journal: OutboxJournal | None) -> int:
    """Hold the outbox to what the journal knows, before the first push of a process: the replica
    may have been emptied, deleted or replaced by an older file (a backup put back, another program)
    without looking damaged. Unsent changes it lacks are put back (as maybe delivered); changes it
    holds as unsent that the journal knows were sent are marked sent, those the agent took back are
    dropped. Returns how many unsent changes were put back."""
    from services.store.timelog import unlog

    if journal is None:
        return 0
    contents = journal.read()
    if not contents.queued:
        return 0
    held = {str(r[0]): str(r[1]) for r in conn.execute("SELECT op_id, state FROM outbox")}
    missing = [c for c in contents.queued if c.op_id not in held and c.op_id not in contents.ended]
    settled = [c.op_id for c in contents.queued
               if held.get(c.op_id, "done") != "done" and c.op_id in contents.ended]
    if not missing and not settled:
        return 0
    put_back = 0
    with transaction(conn) as c:
        for op_id in settled:
            if contents.ended[op_id] == "done":
                c.execute("UPDATE outbox SET state = 'done', last_error = NULL WHERE op_id = ?", (op_id,))
            else:  # taken back by the agent: its time is the ticket's again
                unlog(c, op_id)
                c.execute("DELETE FROM outbox WHERE op_id = ?", (op_id,))
        accounts = {r["name"]: int(r["id"]) for r in c.execute("SELECT id, name FROM accounts")}
        users = {int(r["id"]): str(r["username"]) for r in c.execute("SELECT id, username FROM accounts")}
        for change in missing:
            account_id = accounts.get(change.account)
            if account_id is None:
                continue  # its account is not set up here (yet): put back when it is
            if _restore_op(c, account_id, users.get(account_id, ""), _from_journal(change)):
                put_back += 1
    log.warning("outbox held to its journal: %d unsent change(s) put back, %d finished ones settled",
                put_back, len(settled))
    return put_back
