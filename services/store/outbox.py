"""The outbox: every local change is written here and to the replica in ONE transaction.

The sync engine pushes entries in order per ticket. An entry's life:
pending -> sending (committed BEFORE the request goes out) -> done | pending (retry) | conflict | failed.
An entry with attempts > 0 may already have reached the helpdesk, so the engine looks for it in the
ticket's history before sending it again (see services.sync.push).

Only one process pushes an account's outbox (services.store.profile_lock). Marking an entry "sending" is
also a claim: it succeeds only if the entry is still as the pusher read it (same attempts, not discarded
or held meanwhile), so a change is never sent on stale information. The lock, not the claim, is what
keeps two pushers apart.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from services.domain import TicketStatus
from services.outgoing import MAX_ENTRY_MINUTES, NotSendable, check_message, check_minutes
from services.store.db import from_db_time, to_db_time, transaction, utc_now
from services.store.journal import Journaled, OutboxJournal
from services.store.worklist import Draft, record_skip, upsert_draft


class OpKind(StrEnum):
    REPLY = "reply"
    NOTE = "note"
    STATUS = "status"
    TAKE = "take"
    RELEASE = "release"  # give the ticket back to nobody
    TIME = "time"  # time worked, logged with no message the customer could see
    TASK = "task"  # a customer task's change (services.store.tasks): no ticket row, its key in the payload


class OpState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    CONFLICT = "conflict"
    FAILED = "failed"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class OutboxOp:
    seq: int
    op_id: str
    account_id: int
    ticket_id: int | None
    ticket_remote_id: str | None
    kind: OpKind
    payload: dict[str, Any]
    state: OpState
    based_on_event: str
    pre_send_event: str | None
    attempts: int
    last_error: str | None
    conflict: str | None
    seen_up_to: str | None
    updated_at: datetime | None = None  # when its state last changed (its last attempt, when sending)


class UnknownTicket(LookupError):
    pass


# Every state but 'done', spelled out: an IN list uses the (…, state) indexes, where `state != 'done'`
# would walk every finished change of the account.
OPEN_STATES_SQL = "('pending', 'sending', 'conflict', 'failed')"
ACTIVE_STATUSES_SQL = "(" + ", ".join(f"'{s.value}'" for s in TicketStatus if s.is_active) + ")"
# The audit trail of finished changes kept after the helpdesk's history has confirmed them.
KEEP_FINISHED = 500


class Outbox:
    def __init__(self, conn: sqlite3.Connection, journal: OutboxJournal | None = None) -> None:
        """journal: where every queued change is also recorded, outside the replica (see
        services.store.journal); None keeps none (tests of the replica alone)."""
        self._conn = conn
        self._journal = journal

    # --- local changes -----------------------------------------------------------------------------

    def queue_message(self, account_id: int, ticket_remote_id: str, text: str, *, author: str,
                      note: bool = False, time_minutes: int = 0,
                      status: TicketStatus | None = None, allow_long_time: bool = False) -> str:
        """A reply (or internal note) shown at once in the thread, and queued for sending. It carries
        the time the agent tracked on the ticket and has not logged yet (whole minutes; the rest is
        carried), plus `time_minutes` typed by hand.
        Raises NotSendable (a ValueError) for a text or a time the helpdesk would not keep as given."""
        from services.store.timelog import log_added, log_unlogged  # (loaded after the first paint)

        check_message(text)
        check_minutes(time_minutes, allow_long=allow_long_time)
        kind = OpKind.NOTE if note else OpKind.REPLY
        now = to_db_time(utc_now())
        with transaction(self._conn) as c:
            ticket_id, op_id = self._insert(c, account_id, ticket_remote_id, kind, {})
            log_added(c, account_id, author, ticket_remote_id, time_minutes, "", op_id)
            # Tracked time goes at most a day at a time (what a typed entry may be without confirming);
            # the rest stays carried for the next message or entry.
            minutes = time_minutes + log_unlogged(c, account_id, author, ticket_remote_id, op_id,
                                                  limit=max(0, MAX_ENTRY_MINUTES - time_minutes))
            payload = {"text": text, "time_minutes": minutes, "status": status.value if status else None}
            c.execute("UPDATE outbox SET payload = ? WHERE op_id = ?", (json.dumps(payload), op_id))
            # Local messages sort after every remote one until the helpdesk confirms them.
            c.execute(
                """INSERT INTO messages (ticket_id, remote_id, position, kind, author, created, text,
                                         time_taken, op_id)
                   VALUES (?, NULL, 9000000000000000000, ?, ?, ?, ?, ?, ?)""",
                (ticket_id, "note" if note else "agent", author, now, text, minutes, op_id),
            )
            if minutes:
                self._insert_time(c, ticket_id, author, minutes, "", op_id)
            if status:
                c.execute("UPDATE tickets SET status = ? WHERE id = ?", (status.value, ticket_id))
            # The draft becomes the message: both in this transaction, so a crash keeps one of them.
            c.execute("DELETE FROM drafts WHERE account_id = ? AND ticket_remote_id = ?",
                      (account_id, ticket_remote_id))
        self.journal_queued(op_id)
        return op_id

    def queue_time(self, account_id: int, ticket_remote_id: str, *, agent: str, minutes: float | None = None,
                   note: str = "", allow_long: bool = False) -> tuple[str, int] | None:
        """Time worked, logged on its own (no message to the customer; `note` for colleagues, may be
        empty): `minutes` typed by the agent (a fraction is kept in seconds and goes with the next
        entry), or None for the time tracked on the ticket and not logged yet. Returns the change's id
        and its whole minutes; None when there is no whole minute to log (nothing queued).
        Raises NotSendable for a time or a note the helpdesk would not keep as given."""
        from services.store.timelog import log_added, log_unlogged

        if minutes is not None:
            if not minutes > 0:  # (also refuses nan)
                raise NotSendable("Log a positive number of minutes.")
            check_minutes(math.ceil(minutes), allow_long=allow_long)
        if note.strip():
            check_message(note)
        with transaction(self._conn) as c:
            ticket_id, op_id = self._insert(c, account_id, ticket_remote_id, OpKind.TIME, {})
            if minutes is None:
                logged = log_unlogged(c, account_id, agent, ticket_remote_id, op_id, limit=MAX_ENTRY_MINUTES)
            else:
                logged = log_added(c, account_id, agent, ticket_remote_id, minutes, note.strip(), op_id)
            if not logged:
                c.execute("DELETE FROM outbox WHERE op_id = ?", (op_id,))
                return None
            payload = {"minutes": logged, "text": note.strip()}
            c.execute("UPDATE outbox SET payload = ? WHERE op_id = ?", (json.dumps(payload), op_id))
            self._insert_time(c, ticket_id, agent, logged, note.strip(), op_id)
        self.journal_queued(op_id)
        return op_id, logged

    def queue_status(self, account_id: int, ticket_remote_id: str, status: TicketStatus) -> str:
        with transaction(self._conn) as c:
            ticket_id, op_id = self._insert(c, account_id, ticket_remote_id, OpKind.STATUS,
                                            {"status": status.value})
            c.execute("UPDATE tickets SET status = ? WHERE id = ?", (status.value, ticket_id))
        self.journal_queued(op_id)
        return op_id

    def queue_take(self, account_id: int, ticket_remote_id: str, agent: str) -> str:
        with transaction(self._conn) as c:
            ticket_id, op_id = self._insert(c, account_id, ticket_remote_id, OpKind.TAKE, {"owner": agent})
            c.execute("UPDATE tickets SET owner = ? WHERE id = ?", (agent, ticket_id))
        self.journal_queued(op_id)
        return op_id

    def take_on_open(self, account_id: int, ticket_remote_id: str, agent: str) -> str | None:
        """The setting "take tickets when I open them": taken only if, in this transaction, nobody owns
        it and it is active (what the window read a moment ago may be out of date). Marked as such: a
        skip of this opening gives it back. Returns the take's id, None when nothing was taken."""
        with transaction(self._conn) as c:
            row = c.execute(
                f"""SELECT 1 FROM tickets WHERE account_id = ? AND remote_id = ? AND owner IS NULL
                    AND status IN {ACTIVE_STATUSES_SQL}""", (account_id, ticket_remote_id)).fetchone()
            if row is None:
                return None
            ticket_id, op_id = self._insert(c, account_id, ticket_remote_id, OpKind.TAKE,
                                            {"owner": agent, "on_open": True})
            c.execute("UPDATE tickets SET owner = ? WHERE id = ?", (agent, ticket_id))
        self.journal_queued(op_id)
        return op_id

    def skip(self, account_id: int, ticket_remote_id: str, reason: str, *, agent: str,
             taken_on_open: str | None = None) -> str | None:
        """The agent skips the ticket (see Worklist.skip). If this opening took it (`taken_on_open`,
        the take's id) and the agent did nothing else with it since (no later change, no draft), it
        also goes back to nobody, in the same transaction: a take not sent yet is dropped, one that may
        have reached the helpdesk is undone by a release. Returns "dropped", "released" or None (kept)."""
        outcome: str | None = None
        ended: str | None = None
        queued: str | None = None
        with transaction(self._conn) as c:
            record_skip(c, account_id, ticket_remote_id, reason)
            if taken_on_open is not None:
                outcome, ended, queued = self._give_back(c, account_id, ticket_remote_id, agent,
                                                         taken_on_open)
        if ended and self._journal is not None:
            self._journal.ended(ended, "discarded")
        if queued:
            self.journal_queued(queued)
        return outcome

    def _give_back(self, c: sqlite3.Connection, account_id: int, ticket_remote_id: str, agent: str,
                   take_id: str) -> tuple[str | None, str | None, str | None]:
        ticket = c.execute(
            "SELECT id, owner, last_event_id FROM tickets WHERE account_id = ? AND remote_id = ?",
            (account_id, ticket_remote_id)).fetchone()
        if ticket is None or ticket["owner"] != agent:
            return None, None, None
        last = c.execute(f"{_SELECT} WHERE o.ticket_id = ? ORDER BY o.seq DESC LIMIT 1",
                         (ticket["id"],)).fetchone()
        taken = _op(last) if last else None
        if taken is None or taken.op_id != take_id:  # another change since, or not this opening's take
            return None, None, None
        if taken.state in (OpState.CONFLICT, OpState.FAILED):
            return None, None, None  # the take itself is in question: the agent decides on it first
        if c.execute(
                "SELECT 1 FROM drafts WHERE account_id = ? AND ticket_remote_id = ? AND trim(body) != ''",
                (account_id, ticket_remote_id)).fetchone():
            return None, None, None
        c.execute("UPDATE tickets SET owner = NULL WHERE id = ?", (ticket["id"],))
        if taken.state is OpState.PENDING and taken.attempts == 0:
            # Never sent: the pusher's claim (same attempts, still pending) fails once it is gone.
            c.execute("DELETE FROM outbox WHERE op_id = ?", (taken.op_id,))
            return "dropped", taken.op_id, None
        op_id = self.insert_op(c, account_id, int(ticket["id"]), OpKind.RELEASE, {"owner": ""},
                                ticket["last_event_id"])
        return "released", None, op_id

    # --- what the sync engine reads and records ----------------------------------------------------

    def open_ops(self, account_id: int) -> list[OutboxOp]:
        """Everything not done yet, in push order."""
        rows = self._conn.execute(
            f"""{_SELECT} WHERE o.account_id = ? AND o.state IN {OPEN_STATES_SQL} ORDER BY o.seq""",
            (account_id,)
        ).fetchall()
        return [_op(r) for r in rows]

    def ticket_ops(self, ticket_id: int) -> list[OutboxOp]:
        """The ticket's changes not done yet (conflicts and failures among them), in push order."""
        rows = self._conn.execute(
            f"""{_SELECT} WHERE o.ticket_id = ? AND o.state IN {OPEN_STATES_SQL} ORDER BY o.seq""",
            (ticket_id,)
        ).fetchall()
        return [_op(r) for r in rows]

    def get(self, op_id: str) -> OutboxOp | None:
        row = self._conn.execute(f"{_SELECT} WHERE o.op_id = ?", (op_id,)).fetchone()
        return _op(row) if row else None

    def claim(self, op: OutboxOp, pre_send_event: str) -> bool:
        """Mark the entry "sending" (committed before its request leaves), if it is still the entry
        the pusher read: same attempts, same payload (a task's moves fold into the change still
        waiting), still pending or sending. False: leave it alone."""
        with transaction(self._conn) as c:
            row = c.execute("SELECT payload FROM outbox WHERE op_id = ?", (op.op_id,)).fetchone()
            if row is None or json.loads(row[0]) != op.payload:
                return False
            cursor = c.execute(
                """UPDATE outbox SET state = 'sending', attempts = attempts + 1, pre_send_event = ?,
                       updated_at = ?
                   WHERE op_id = ? AND attempts = ? AND state IN ('pending', 'sending')""",
                (pre_send_event, to_db_time(utc_now()), op.op_id, op.attempts))
            return cursor.rowcount == 1

    def unclaim(self, op_id: str, error: str) -> None:
        """The attempt failed before its request could reach the helpdesk (refused connection, a 429):
        it does not count, so the next one needs no history check and no time to settle."""
        self._update(op_id, "state = 'pending', attempts = MAX(attempts - 1, 0), last_error = ?", error)

    def mark_done(self, op_id: str) -> None:
        self._update(op_id, "state = 'done', last_error = NULL, conflict = NULL")
        if self._journal is not None:
            self._journal.ended(op_id, "done")

    def mark_retry(self, op_id: str, error: str) -> None:
        self._update(op_id, "state = 'pending', last_error = ?", error)

    def mark_failed(self, op_id: str, error: str) -> None:
        self._update(op_id, "state = 'failed', last_error = ?", error)

    def mark_conflict(self, op_id: str, detail: str, seen_up_to: str) -> None:
        self._update(op_id, "state = 'conflict', conflict = ?, seen_up_to = ?", detail, seen_up_to)

    def resolve(self, op_id: str, *, send: bool) -> OutboxOp:
        """The agent's decision on a conflict or a failure: send anyway, or discard the change.
        Read and decided in one transaction: another process cannot change it in between."""
        from services.store.timelog import unlog

        with transaction(self._conn) as c:
            row = c.execute(f"{_SELECT} WHERE o.op_id = ?", (op_id,)).fetchone()
            op = _op(row) if row else None
            if op is None or op.state not in (OpState.CONFLICT, OpState.FAILED):
                raise LookupError(f"No conflicting or failed change {op_id}.")
            if send:
                seen = op.seen_up_to or op.based_on_event
                # The agent has now seen everything up to `seen`; only newer changes can conflict again.
                c.execute("""UPDATE outbox SET state = 'pending', based_on_event = ?, conflict = NULL,
                                 last_error = NULL, updated_at = ? WHERE op_id = ?""",
                          (seen, to_db_time(utc_now()), op_id))
                return op
            # Its time is the ticket's again, to go with the next message or entry.
            minutes_back = -unlog(c, op_id) // 60
            if op.kind in (OpKind.REPLY, OpKind.NOTE) and op.ticket_remote_id:
                # Nothing typed is lost: a discarded message goes back to the composer's draft
                # (after any draft already there), for the agent to rework; with the minutes it
                # carried that the ledger does not hold (a change queued before it kept time).
                row = c.execute("SELECT body FROM drafts WHERE account_id = ? AND ticket_remote_id = ?",
                                (op.account_id, op.ticket_remote_id)).fetchone()
                text = str(op.payload.get("text", ""))
                body = f"{row[0]}\n\n{text}" if row and row[0].strip() else text
                minutes = max(0, int(op.payload.get("time_minutes") or 0) - int(minutes_back))
                upsert_draft(c, op.account_id, op.ticket_remote_id,
                             Draft(body, op.kind is OpKind.NOTE, minutes))
            c.execute("DELETE FROM outbox WHERE op_id = ?", (op_id,))  # cascades to the local copy
        if self._journal is not None:
            self._journal.ended(op_id, "discarded")
        return op

    def prune_done(self, account_id: int, keep: int = KEEP_FINISHED) -> int:
        """Forget finished changes the helpdesk's history has confirmed (their local copies in the
        thread were replaced by the pulled ones), keeping the newest `keep` as an audit trail.
        A finished change whose local copy is still shown is kept: deleting its row would cascade to
        that copy before the pull brought the real one. Returns how many were removed."""
        with transaction(self._conn) as c:
            cursor = c.execute(
                """DELETE FROM outbox WHERE seq IN (
                       SELECT o.seq FROM outbox o
                       WHERE o.account_id = ? AND o.state = 'done'
                         AND o.seq < COALESCE((SELECT seq FROM outbox WHERE account_id = ? AND state = 'done'
                                               ORDER BY seq DESC LIMIT 1 OFFSET ?), -1) + 1
                         AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.op_id = o.op_id)
                         AND NOT EXISTS (SELECT 1 FROM time_entries e WHERE e.op_id = o.op_id))""",
                (account_id, account_id, keep),
            )
            return cursor.rowcount

    @property
    def journal(self) -> OutboxJournal | None:
        return self._journal

    def compact_journal(self) -> None:
        """Drop the ended changes from the journal, once it has grown (read nothing before that)."""
        if self._journal is not None and self._journal.needs_compaction():
            rows = self._conn.execute("SELECT op_id, state FROM outbox").fetchall()
            self._journal.compact({str(r[0]) for r in rows}, {str(r[0]) for r in rows if r[1] != "done"})

    # --- internals ---------------------------------------------------------------------------------

    def journal_queued(self, op_id: str) -> None:
        """After the commit: the change is in the replica; now also in the journal beside it."""
        if self._journal is None:
            return
        row = self._conn.execute(
            """SELECT o.*, t.remote_id AS ticket_remote_id, a.name AS account_name FROM outbox o
               JOIN accounts a ON a.id = o.account_id LEFT JOIN tickets t ON t.id = o.ticket_id
               WHERE o.op_id = ?""", (op_id,)).fetchone()
        if row is not None:
            self._journal.queued(Journaled(
                op_id, row["account_name"], row["ticket_remote_id"], row["kind"], json.loads(row["payload"]),
                row["based_on_event"], row["created_at"]))

    def _insert(self, c: sqlite3.Connection, account_id: int, ticket_remote_id: str, kind: OpKind,
                payload: dict[str, Any]) -> tuple[int, str]:
        row = c.execute("SELECT id, last_event_id FROM tickets WHERE account_id = ? AND remote_id = ?",
                        (account_id, ticket_remote_id)).fetchone()
        if row is None:
            raise UnknownTicket(f"Ticket {ticket_remote_id} is not in the local data; run a sync first.")
        op_id = self.insert_op(c, account_id, int(row["id"]), kind, payload, row["last_event_id"])
        return int(row["id"]), op_id

    @staticmethod
    def insert_op(c: sqlite3.Connection, account_id: int, ticket_id: int | None, kind: OpKind,
                   payload: dict[str, Any], based_on: str) -> str:
        import uuid  # here, not at start-up: it imports `platform`, which costs the first paint

        op_id = str(uuid.uuid4())
        now = to_db_time(utc_now())
        c.execute(
            """INSERT INTO outbox (op_id, account_id, ticket_id, kind, payload, based_on_event,
                                   created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (op_id, account_id, ticket_id, kind.value, json.dumps(payload), based_on, now, now),
        )
        return op_id

    @staticmethod
    def _insert_time(c: sqlite3.Connection, ticket_id: int, agent: str, minutes: int, note: str,
                     op_id: str) -> None:
        c.execute(
            """INSERT INTO time_entries (ticket_id, agent, minutes, note, logged_at, op_id)
               VALUES (?, ?, ?, ?, ?, ?)""",
            (ticket_id, agent, minutes, note, to_db_time(utc_now()), op_id),
        )

    def _update(self, op_id: str, assignments: str, *values: object) -> None:
        with transaction(self._conn) as c:
            c.execute(f"UPDATE outbox SET {assignments}, updated_at = ? WHERE op_id = ?",
                      (*values, to_db_time(utc_now()), op_id))


_SELECT = """SELECT o.*, t.remote_id AS ticket_remote_id FROM outbox o
             LEFT JOIN tickets t ON t.id = o.ticket_id"""


def _op(row: sqlite3.Row) -> OutboxOp:
    return OutboxOp(
        seq=row["seq"], op_id=row["op_id"], account_id=row["account_id"], ticket_id=row["ticket_id"],
        ticket_remote_id=row["ticket_remote_id"], kind=OpKind(row["kind"]),
        payload=json.loads(row["payload"]), state=OpState(row["state"]),
        based_on_event=row["based_on_event"], pre_send_event=row["pre_send_event"],
        attempts=row["attempts"], last_error=row["last_error"], conflict=row["conflict"],
        seen_up_to=row["seen_up_to"], updated_at=from_db_time(row["updated_at"]),
    )


