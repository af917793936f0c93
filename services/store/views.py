"""What screens and commands read: one short, indexed query per view."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from services.domain import AttachmentMeta, MessageKind, TicketStatus
from services.store.db import from_db_time, to_db_time
from services.store.outbox import OPEN_STATES_SQL, OpState


@dataclass(frozen=True, slots=True)
class TicketView:
    id: int
    remote_id: str
    subject: str
    queue: str
    status: TicketStatus
    owner: str | None
    priority: int
    created: datetime
    updated: datetime
    due: datetime | None
    time_worked_minutes: int
    customer_id: int | None
    customer_email: str
    customer_name: str
    customer_organization: str
    thread_synced: bool
    last_event_id: str
    sync_error: str | None


@dataclass(frozen=True, slots=True)
class MessageView:
    id: int
    remote_id: str | None
    kind: MessageKind
    author: str
    created: datetime
    html: str
    text: str
    time_taken_minutes: int
    attachments: tuple[AttachmentMeta, ...]
    truncated: bool
    outbox_state: OpState | None  # set while the message exists only locally (pending, conflict, ...)


@dataclass(frozen=True, slots=True)
class ThreadPage:
    """Consecutive messages of a thread, oldest first."""

    messages: list[MessageView]
    total: int  # messages in the whole thread
    earlier: bool  # there are messages before these
    # (position, id) of the first message here: where `Views.thread_before` reads on from; None if empty
    start: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class TicketSummary:
    remote_id: str
    subject: str
    queue: str
    status: TicketStatus
    created: datetime
    updated: datetime


@dataclass(frozen=True, slots=True)
class CustomerCounts:
    all_time: int
    last_30_days: int
    open_now: int


@dataclass(frozen=True, slots=True)
class OutboxStatus:
    open: int
    sending: int
    conflicts: int
    failed: int


class Views:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def ticket(self, account_id: int, remote_id: str) -> TicketView | None:
        row = self._conn.execute(
            """SELECT t.*, c.email, c.name AS customer_name, c.organization
               FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id
               WHERE t.account_id = ? AND t.remote_id = ?""",
            (account_id, remote_id),
        ).fetchone()
        return _ticket(row) if row else None

    def thread(self, ticket_id: int) -> list[MessageView]:
        rows = self._conn.execute(
            """SELECT m.*, o.state AS outbox_state FROM messages m
               LEFT JOIN outbox o ON o.op_id = m.op_id
               WHERE m.ticket_id = ? ORDER BY m.position, m.id""",
            (ticket_id,),
        ).fetchall()
        return [_message(r) for r in rows]

    def thread_tail(self, ticket_id: int, limit: int = 50) -> ThreadPage:
        """The last `limit` messages of the thread (what a screen shows first) and how many there are:
        a 3,000-message thread costs its last screenful, where `thread` reads and decodes all of it."""
        return self._page(ticket_id, None, limit)

    def thread_before(self, ticket_id: int, before_position: int, before_id: int,
                      limit: int = 50) -> ThreadPage:
        """The `limit` messages just before the one at (before_position, before_id), e.g. a page's
        `start`: reading a thread backwards, page by page, gives every message once, in thread order."""
        return self._page(ticket_id, (before_position, before_id), limit)

    def _page(self, ticket_id: int, before: tuple[int, int] | None, limit: int) -> ThreadPage:
        if limit < 1:
            raise ValueError("A page holds at least one message.")
        # Walked backwards along messages_by_ticket (ticket_id, position, then the row id), one more
        # than asked to know whether there are earlier ones; the count is on the same index, in the same
        # statement (so from the same snapshot as the page).
        where = "m.ticket_id = :ticket"
        if before is not None:
            where += " AND m.position <= :position AND (m.position < :position OR m.id < :id)"
        rows = self._conn.execute(
            f"""SELECT m.*, o.state AS outbox_state,
                       (SELECT COUNT(*) FROM messages c WHERE c.ticket_id = :ticket) AS thread_total
                FROM messages m INDEXED BY messages_by_ticket LEFT JOIN outbox o ON o.op_id = m.op_id
                WHERE {where} ORDER BY m.position DESC, m.id DESC LIMIT :limit""",
            {"ticket": ticket_id, "position": before[0] if before else None,
             "id": before[1] if before else None, "limit": limit + 1},
        ).fetchall()
        earlier = len(rows) > limit
        rows = rows[:limit][::-1]
        if rows:
            total = int(rows[0]["thread_total"])
        else:
            total = int(self._conn.execute("SELECT COUNT(*) FROM messages WHERE ticket_id = ?",
                                           (ticket_id,)).fetchone()[0])
        start = (int(rows[0]["position"]), int(rows[0]["id"])) if rows else None
        return ThreadPage([_message(r) for r in rows], total, earlier, start)

    def customer_tickets(self, customer_id: int, limit: int = 200) -> list[TicketSummary]:
        rows = self._conn.execute(
            """SELECT remote_id, subject, queue, status, created, updated FROM tickets
               WHERE customer_id = ? ORDER BY created DESC LIMIT ?""",
            (customer_id, limit),
        ).fetchall()
        return [TicketSummary(r["remote_id"], r["subject"], r["queue"], TicketStatus(r["status"]),
                              _time(r["created"]), _time(r["updated"])) for r in rows]

    def customer_counts(self, customer_id: int, since: datetime) -> CustomerCounts:
        """All time and active now are kept on the customer by triggers (migration 7); the tickets
        since `since` (30 days for the panel) are counted on tickets_by_customer, a range as long as that
        month's tickets. A marketplace requester with 20,000 tickets then costs what an ordinary
        customer does, where reading all of them took 8.6 ms."""
        row = self._conn.execute(
            """SELECT c.tickets_all, c.tickets_active,
                      (SELECT COUNT(*) FROM tickets t INDEXED BY tickets_by_customer
                       WHERE t.customer_id = c.id AND t.created >= ?)
               FROM customers c WHERE c.id = ?""",
            (to_db_time(since), customer_id),
        ).fetchone()
        if row is None:
            return CustomerCounts(0, 0, 0)
        return CustomerCounts(all_time=int(row[0]), last_30_days=int(row[2]), open_now=int(row[1]))

    def outbox_status(self, account_id: int) -> OutboxStatus:
        row = self._conn.execute(
            f"""SELECT COUNT(*) AS open,
                      COALESCE(SUM(state = 'sending'), 0) AS sending,
                      COALESCE(SUM(state = 'conflict'), 0) AS conflicts,
                      COALESCE(SUM(state = 'failed'), 0) AS failed
               FROM outbox WHERE account_id = ? AND state IN {OPEN_STATES_SQL}""",
            (account_id,),
        ).fetchone()
        return OutboxStatus(row["open"], row["sending"], row["conflicts"], row["failed"])

    def ticket_count(self, account_id: int) -> int:
        row = self._conn.execute("SELECT COUNT(*) FROM tickets WHERE account_id = ?", (account_id,))
        return int(row.fetchone()[0])

    def has_tickets(self, account_id: int) -> bool:
        """Whether the replica holds any of the account's work: one index probe, where counting
        100,000 tickets takes 9 ms (asked at every start, on the GUI thread)."""
        row = self._conn.execute("SELECT EXISTS(SELECT 1 FROM tickets WHERE account_id = ?)", (account_id,))
        return bool(row.fetchone()[0])


def _time(value: str) -> datetime:
    parsed = from_db_time(value)
    assert parsed is not None
    return parsed


def _ticket(r: sqlite3.Row) -> TicketView:
    return TicketView(
        id=r["id"], remote_id=r["remote_id"], subject=r["subject"], queue=r["queue"],
        status=TicketStatus(r["status"]), owner=r["owner"], priority=r["priority"],
        created=_time(r["created"]), updated=_time(r["updated"]), due=from_db_time(r["due"]),
        time_worked_minutes=r["time_worked"], customer_id=r["customer_id"],
        customer_email=r["email"] or "", customer_name=r["customer_name"] or "",
        customer_organization=r["organization"] or "", thread_synced=r["thread_updated"] is not None,
        last_event_id=r["last_event_id"], sync_error=r["sync_error"],
    )


def _message(r: sqlite3.Row) -> MessageView:
    return MessageView(
        id=r["id"], remote_id=r["remote_id"], kind=MessageKind(r["kind"]), author=r["author"],
        created=_time(r["created"]), html=r["html"], text=r["text"],
        time_taken_minutes=r["time_taken"], attachments=_attachments(r["attachments"]),
        truncated=bool(r["truncated"]),
        outbox_state=OpState(r["outbox_state"]) if r["outbox_state"] else None,
    )


def _attachments(text: str) -> tuple[AttachmentMeta, ...]:
    """As the replica keeps them (a JSON list); an entry it cannot read is left out, not fatal."""
    try:
        items = json.loads(text or "[]")
    except ValueError:
        return ()
    out = []
    for a in items if isinstance(items, list) else []:
        if isinstance(a, dict):
            try:
                size = int(a.get("size") or 0)
            except (TypeError, ValueError):
                size = 0
            out.append(AttachmentMeta(str(a.get("id") or ""), str(a.get("filename") or ""),
                                      str(a.get("content_type") or ""), size))
    return tuple(out)
