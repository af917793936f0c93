"""The agent's worklist in the replica: the next ticket, skips and drafts.

`next_ticket` orders in SQL exactly as services.focus.rank does (the tests compare both), so that
"Next" costs one indexed query however large the replica grows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from services.focus import AT_RISK, WORKABLE
from services.store.db import to_db_time, transaction, utc_now

_WORKABLE_SQL = ", ".join(f"'{s.value}'" for s in WORKABLE)


def _offerable_where(queues: int) -> str:
    """Tickets "Next" may offer: workable, in the queues, unowned or mine, not skipped since they
    last changed. Parameters: account id, the queue names, me."""
    return f"""t.account_id = ? AND t.status IN ({_WORKABLE_SQL}) AND t.queue IN ({",".join("?" * queues)})
               AND (t.owner IS NULL OR t.owner = ?)
               AND NOT EXISTS (SELECT 1 FROM skips s
                               WHERE s.ticket_id = t.id AND s.ticket_updated = t.updated)"""


def upsert_draft(c: sqlite3.Connection, account_id: int, remote_id: str, draft: Draft) -> None:
    """Inside the caller's transaction (sending, or taking a message back, also writes drafts)."""
    c.execute(
        """INSERT OR REPLACE INTO drafts (account_id, ticket_remote_id, note, body, time_minutes,
                                          updated_at) VALUES (?, ?, ?, ?, ?, ?)""",
        (account_id, remote_id, int(draft.note), draft.body, draft.time_minutes, to_db_time(utc_now())),
    )


@dataclass(frozen=True, slots=True)
class Draft:
    body: str
    note: bool = False
    time_minutes: int = 0


class Worklist:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # --- next ticket -------------------------------------------------------------------------------

    def next_ticket(self, account_id: int, me: str, queues: Sequence[str], now: datetime, *,
                    exclude: Sequence[str] = ()) -> str | None:
        rows = self._offerable(account_id, me, queues, now, exclude, limit=1)
        return rows[0] if rows else None

    def offerable(self, account_id: int, me: str, queues: Sequence[str], now: datetime,
                  *, limit: int = 1_000_000) -> list[str]:
        """Every ticket "Next" could offer, in the order it would offer them."""
        return self._offerable(account_id, me, queues, now, (), limit=limit)

    def waiting_count(self, account_id: int, me: str, queues: Sequence[str]) -> int:
        if not queues:
            return 0
        row = self._conn.execute(
            f"SELECT COUNT(*) FROM tickets t WHERE {_offerable_where(len(queues))}",
            (account_id, *queues, me),
        ).fetchone()
        return int(row[0])

    def skipped_count(self, account_id: int, queues: Sequence[str]) -> int:
        """Workable tickets the agent skipped and that have not changed since."""
        if not queues:
            return 0
        marks = ",".join("?" * len(queues))
        row = self._conn.execute(
            f"""SELECT COUNT(*) FROM tickets t JOIN skips s ON s.ticket_id = t.id
                WHERE t.account_id = ? AND t.status IN ({_WORKABLE_SQL}) AND t.queue IN ({marks})
                  AND s.ticket_updated = t.updated""",
            (account_id, *queues),
        ).fetchone()
        return int(row[0])

    def _offerable(self, account_id: int, me: str, queues: Sequence[str], now: datetime,
                   exclude: Sequence[str], *, limit: int) -> list[str]:
        """In two steps that each read only what they need (a 100,000-ticket replica may hold tens of
        thousands of workable tickets): first the tickets due within AT_RISK (overdue included), a
        short range of the due-time index; then the others in the order Next offers them, along an
        index in that order, stopping at `limit`. Every ticket of the first step ranks before every
        ticket of the second, so together they are in services.focus.rank order."""
        if not queues:
            return []
        soon = to_db_time(now + AT_RISK)
        offerable = _offerable_where(len(queues))
        not_in = f"AND t.remote_id NOT IN ({','.join('?' * len(exclude))})" if exclude else ""
        params = (account_id, *queues, me, *exclude)
        urgent = [r[0] for r in self._conn.execute(
            f"""SELECT t.remote_id FROM tickets t INDEXED BY tickets_due_soon
                WHERE {offerable} {not_in} AND t.due IS NOT NULL AND t.due <= ?
                ORDER BY t.due > ?, t.priority DESC, t.created ASC, CAST(t.remote_id AS INTEGER) ASC
                LIMIT ?""",
            (*params, soon, to_db_time(now), limit),
        )]
        if len(urgent) >= limit:
            return urgent
        rest = [r[0] for r in self._conn.execute(
            f"""SELECT t.remote_id FROM tickets t INDEXED BY tickets_next_order
                WHERE {offerable} {not_in} AND (t.due IS NULL OR t.due > ?)
                ORDER BY t.priority DESC, t.created ASC, CAST(t.remote_id AS INTEGER) ASC
                LIMIT ?""",
            (*params, soon, limit - len(urgent)),
        )]
        return urgent + rest

    # --- skips -------------------------------------------------------------------------------------

    def skip(self, account_id: int, remote_id: str, reason: str) -> None:
        """Not offered again until the ticket changes (its update time moves)."""
        with transaction(self._conn) as c:
            c.execute(
                """INSERT OR REPLACE INTO skips (ticket_id, reason, ticket_updated, skipped_at)
                   SELECT id, ?, updated, ? FROM tickets WHERE account_id = ? AND remote_id = ?""",
                (reason.strip(), to_db_time(utc_now()), account_id, remote_id),
            )

    def skip_reason(self, account_id: int, remote_id: str) -> str | None:
        row = self._conn.execute(
            """SELECT s.reason FROM skips s JOIN tickets t ON t.id = s.ticket_id
               WHERE t.account_id = ? AND t.remote_id = ? AND s.ticket_updated = t.updated""",
            (account_id, remote_id),
        ).fetchone()
        return str(row[0]) if row else None

    # --- drafts ------------------------------------------------------------------------------------

    def save_draft(self, account_id: int, remote_id: str, draft: Draft) -> None:
        with transaction(self._conn) as c:
            if not draft.body.strip():
                c.execute("DELETE FROM drafts WHERE account_id = ? AND ticket_remote_id = ?",
                          (account_id, remote_id))
                return
            upsert_draft(c, account_id, remote_id, draft)

    def draft(self, account_id: int, remote_id: str) -> Draft | None:
        row = self._conn.execute(
            "SELECT body, note, time_minutes FROM drafts WHERE account_id = ? AND ticket_remote_id = ?",
            (account_id, remote_id),
        ).fetchone()
        return Draft(row[0], bool(row[1]), int(row[2])) if row else None
