"""The agent's worklist in the replica: the next ticket, skips and drafts.

`next_ticket` orders in SQL exactly as services.focus.rank does (the tests compare both), so that
"Next" costs a few indexed queries however large the replica grows, whatever its overdue backlog and
however many tickets the agent's colleagues hold.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from services.focus import AT_RISK, WORKABLE
from services.store.db import to_db_time, transaction, utc_now

_WORKABLE_SQL = ", ".join(f"'{s.value}'" for s in WORKABLE)
# Up to this many overdue tickets, "Next" sorts them rather than walking the overdue order (see _offerable).
_FEW_OVERDUE = 500

_OWNER_IS_NONE_OR_ME = "(t.owner IS NULL OR t.owner = ?)"


def _offerable_where(queues: int, owner: str = _OWNER_IS_NONE_OR_ME, *, awaiting: int = 0) -> str:
    """Tickets "Next" may offer: workable, in the queues, unowned or mine, not skipped since they
    last changed; waiting on the customer (1) or not (0). Parameters: account id, the queue names, me
    (unless `owner` asks for none)."""
    return f"""t.account_id = ? AND t.awaiting = {int(awaiting)} AND t.status IN ({_WORKABLE_SQL})
               AND t.queue IN ({",".join("?" * queues)}) AND {owner}
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

    def preferred(self, account_id: int, me: str, queues: Sequence[str], now: datetime, email: str,
                  organization: str, *, exclude: Sequence[str] = ()) -> str | None:
        """The ticket Next offers during a time block: the customer's first, then their organisation's,
        each in Next's own order; None when neither has one to offer (Next goes on as usual). Not those
        waiting on the customer: the block is for what needs the agent."""
        if not queues:
            return None
        not_in = f"AND t.remote_id NOT IN ({','.join('?' * len(exclude))})" if exclude else ""
        due_now, soon = to_db_time(now), to_db_time(now + AT_RISK)
        for who, value in (("c.email = ?", email.lower()), ("c.organization = ?", organization)):
            if not value:
                continue
            row = self._conn.execute(
                f"""SELECT t.remote_id FROM customers c JOIN tickets t ON t.customer_id = c.id
                    WHERE c.account_id = ? AND {who} AND {_offerable_where(len(queues))} {not_in}
                    ORDER BY CASE WHEN t.due IS NULL OR t.due > ? THEN 2 WHEN t.due > ? THEN 1 ELSE 0 END,
                             t.priority DESC, t.created ASC, t.number ASC LIMIT 1""",
                (account_id, value, account_id, *queues, me, *exclude, soon, due_now)).fetchone()
            if row is not None:
                return str(row[0])
        return None

    def offerable(self, account_id: int, me: str, queues: Sequence[str], now: datetime,
                  *, limit: int = 1_000_000) -> list[str]:
        """Every ticket "Next" could offer, in the order it would offer them."""
        return self._offerable(account_id, me, queues, now, (), limit=limit)

    def waiting_count(self, account_id: int, me: str, queues: Sequence[str]) -> int:
        """How many tickets "Next" could offer (those of `offerable`, counted), whatever the time.

        Read from waiting_counts, which triggers keep exact on every write of a ticket or a skip
        (migration 6): per account, queue and owner (or none), the workable tickets and how many of them
        are skipped and unchanged since. The answer is the unowned and my own rows of the queues, so it
        costs a few primary-key reads however many tickets wait; counting the tickets themselves took
        231 ms at 1,000,000 tickets, on the writer's thread that a reply waits for. Counts kept per
        owner, rather than "unowned or mine", stay right for any agent and when a ticket changes hands;
        the skip's mark on its ticket lets a ticket's share follow from its own row."""
        names = list(dict.fromkeys(queues))  # a queue named twice counts once, as in `offerable`
        if not names:
            return 0
        row = self._conn.execute(
            f"""SELECT TOTAL(workable - skipped) FROM waiting_counts
                WHERE account_id = ? AND queue IN ({",".join("?" * len(names))}) AND owner_key IN ('', ?)""",
            (account_id, *names, f"@{me}"),
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
        """First the tickets not waiting on the customer, then (when more are asked for) those waiting,
        each class in three steps, each ranking every ticket of the next step behind all of its own, so that
        together they are in services.focus.rank order; each reads only what it needs (a 100,000-ticket
        replica may hold tens of thousands of workable tickets, and a team behind its SLA as many
        overdue ones), stopping once `limit` tickets are found:

        1. overdue tickets. A few (up to _FEW_OVERDUE): read by due time and sorted. More: walked in the
           order Next offers them, along tickets_overdue_order, passing over (on the index alone) the
           tickets not due yet; a backlog of 100,000 then costs what finding the first one costs,
           instead of sorting all 100,000. Sorting a few beats walking when tickets due later outrank
           them: those are passed over one by one.
        2. tickets due within AT_RISK: a short range of the due-time index, sorted.
        3. the rest, walked along tickets_next_order, passing over the due ones on the index.

        The walks go along two ranges of their index, merged in order: the unowned tickets and mine
        (the indexes lead with the owner), so that a colleague's tickets, however many, are never read.
        """
        if not queues:
            return []
        found: list[str] = []
        for awaiting in (0, 1):  # those waiting on the customer (migration 8) once nothing else is left
            if len(found) < limit:
                self._offer(found, awaiting, account_id, me, queues, now, exclude, limit)
        return found

    def _offer(self, found: list[str], awaiting: int, account_id: int, me: str, queues: Sequence[str],
               now: datetime, exclude: Sequence[str], limit: int) -> None:
        """The three steps above, for the tickets waiting on the customer or for the others: each class
        is a range of its own at the head of the indexes."""
        due_now, soon = to_db_time(now), to_db_time(now + AT_RISK)
        not_in = f"AND t.remote_id NOT IN ({','.join('?' * len(exclude))})" if exclude else ""
        common = (account_id, *queues)
        where = _offerable_where(len(queues), awaiting=awaiting)

        def sort(due: str, *values: object) -> None:
            found.extend(r[0] for r in self._conn.execute(
                f"""SELECT t.remote_id FROM tickets t INDEXED BY tickets_due_soon
                    WHERE {where} {not_in} AND {due}
                    ORDER BY t.priority DESC, t.created ASC, t.number ASC LIMIT ?""",
                (*common, me, *exclude, *values, limit - len(found))))

        def walk(index: str, due: str, *values: object) -> None:
            def arm(owner: str) -> str:
                arm_where = _offerable_where(len(queues), owner, awaiting=awaiting)
                return f"""SELECT t.remote_id, t.priority, t.created, t.number
                           FROM tickets t INDEXED BY {index} WHERE {arm_where} {not_in} AND {due}"""
            found.extend(r[0] for r in self._conn.execute(
                f"""SELECT remote_id FROM ({arm("t.owner IS NULL")} UNION ALL {arm("t.owner = ?")}
                                           ORDER BY 2 DESC, 3 ASC, 4 ASC LIMIT ?)""",
                (*common, *exclude, *values, *common, me, *exclude, *values, limit - len(found))))

        overdue = self._conn.execute(
            f"""SELECT COUNT(*) FROM (SELECT 1 FROM tickets INDEXED BY tickets_due_soon
                WHERE account_id = ? AND awaiting = {int(awaiting)} AND status IN ({_WORKABLE_SQL})
                  AND due IS NOT NULL AND due <= ? LIMIT ?)""",
            (account_id, due_now, _FEW_OVERDUE + 1)).fetchone()[0]
        if overdue > _FEW_OVERDUE:
            walk("tickets_overdue_order", "t.due IS NOT NULL AND t.due <= ?", due_now)
        elif overdue:
            sort("t.due IS NOT NULL AND t.due <= ?", due_now)
        if len(found) < limit:
            sort("t.due IS NOT NULL AND t.due > ? AND t.due <= ?", due_now, soon)
        if len(found) < limit:
            walk("tickets_next_order", "(t.due IS NULL OR t.due > ?)", soon)

    def waits_on_customer(self, account_id: int, remote_id: str) -> bool:
        """Whether the ticket's last public message is an agent's reply (and it has not come back since)."""
        row = self._conn.execute("SELECT awaiting FROM tickets WHERE account_id = ? AND remote_id = ?",
                                 (account_id, remote_id)).fetchone()
        return bool(row and row[0])

    # --- skips -------------------------------------------------------------------------------------

    def skip(self, account_id: int, remote_id: str, reason: str) -> None:
        """Not offered again until the ticket changes (its update time moves). (Outbox.skip also gives
        back a ticket that opening it took.)"""
        with transaction(self._conn) as c:
            record_skip(c, account_id, remote_id, reason)

    def skip_counts(self, account_id: int, since: datetime, *,
                    until: datetime | None = None) -> dict[str, int]:
        """How often each reason was given since then (skips stay local: for the agent's own day)."""
        rows = self._conn.execute(
            # "Not my product" and "not my product" are one reason, whatever the case it was typed in.
            """SELECT MIN(reason), COUNT(*) FROM skip_log WHERE account_id = ? AND skipped_at >= ?
                 AND skipped_at < COALESCE(?, '9999')
               GROUP BY reason COLLATE NOCASE ORDER BY COUNT(*) DESC, MIN(reason)""",
            (account_id, to_db_time(since), to_db_time(until))).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

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

    def drafts(self, account_id: int, limit: int = 20) -> list[DraftLine]:
        """The tickets with a draft, the latest written first: the agent finds the work they left."""
        rows = self._conn.execute(
            """SELECT d.ticket_remote_id, ifnull(t.subject, ''), d.body, d.note FROM drafts d
               LEFT JOIN tickets t ON t.account_id = d.account_id AND t.remote_id = d.ticket_remote_id
               WHERE d.account_id = ? AND trim(d.body) != '' ORDER BY d.updated_at DESC LIMIT ?""",
            (account_id, limit)).fetchall()
        return [DraftLine(str(r[0]), str(r[1]), str(r[2]), bool(r[3])) for r in rows]


@dataclass(frozen=True, slots=True)
class DraftLine:
    remote_id: str
    subject: str
    body: str
    note: bool


def record_skip(c: sqlite3.Connection, account_id: int, remote_id: str, reason: str) -> None:
    """Inside the caller's transaction: the skip (replacing an earlier one) and its line in the log."""
    now = to_db_time(utc_now())
    cursor = c.execute(
        """INSERT OR REPLACE INTO skips (ticket_id, reason, ticket_updated, skipped_at)
           SELECT id, ?, updated, ? FROM tickets WHERE account_id = ? AND remote_id = ?""",
        (reason.strip(), now, account_id, remote_id),
    )
    if cursor.rowcount:
        c.execute(
            "INSERT INTO skip_log (account_id, ticket_remote_id, reason, skipped_at) VALUES (?, ?, ?, ?)",
            (account_id, remote_id, reason.strip(), now))
