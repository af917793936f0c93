"""What the sync engine writes into the replica: tickets, threads, customers, snippets."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from services.domain import Customer, Snippet, Ticket, TicketHistory
from services.store.db import to_db_time, transaction


@dataclass(frozen=True, slots=True)
class ThreadVersion:
    updated: str  # the ticket's remote update time when its thread was stored
    last_event_id: str


class Replica:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def thread_versions(self, account_id: int, remote_ids: Sequence[str]) -> dict[str, ThreadVersion]:
        """What we hold of each ticket's thread, to skip unchanged tickets and fetch only what is new."""
        if not remote_ids:
            return {}
        marks = ",".join("?" * len(remote_ids))
        rows = self._conn.execute(
            f"""SELECT remote_id, thread_updated, last_event_id FROM tickets
                WHERE account_id = ? AND remote_id IN ({marks}) AND thread_updated IS NOT NULL""",
            (account_id, *remote_ids),
        ).fetchall()
        return {r["remote_id"]: ThreadVersion(r["thread_updated"], r["last_event_id"]) for r in rows}

    def apply_summaries(self, account_id: int, tickets: Iterable[Ticket]) -> None:
        """Ticket headers without threads (e.g. a customer's other tickets)."""
        with transaction(self._conn) as c:
            for ticket in tickets:
                self._upsert_ticket(c, account_id, ticket)

    def apply_histories(self, account_id: int, histories: Iterable[TicketHistory]) -> None:
        """Whole threads, in one transaction; local copies of sent changes give way to the real ones."""
        with transaction(self._conn) as c:
            row = c.execute("SELECT username FROM accounts WHERE id = ?", (account_id,)).fetchone()
            me = str(row[0]) if row else ""
            for history in histories:
                self._apply_history(c, account_id, history, me)

    def set_ticket_error(self, account_id: int, remote_id: str, error: str | None) -> None:
        with transaction(self._conn) as c:
            c.execute(
                "UPDATE tickets SET sync_error = ? WHERE account_id = ? AND remote_id = ?",
                (error, account_id, remote_id),
            )

    def replace_snippets(self, account_id: int, snippets: Iterable[Snippet]) -> None:
        with transaction(self._conn) as c:
            c.execute("DELETE FROM snippets WHERE account_id = ?", (account_id,))
            c.executemany(
                "INSERT OR REPLACE INTO snippets (account_id, remote_id, title, body, language) "
                "VALUES (?, ?, ?, ?, ?)",
                [(account_id, s.remote_id, s.title, s.body, s.language) for s in snippets],
            )

    def mark_customer_synced(self, account_id: int, email: str, when: str) -> None:
        with transaction(self._conn) as c:
            c.execute(
                "UPDATE customers SET history_synced_at = ? WHERE account_id = ? AND email = ?",
                (when, account_id, email.lower()),
            )

    def customers_synced_since(self, account_id: int, emails: Sequence[str], since: str) -> set[str]:
        """Which of these customers had their history pulled at or after `since`."""
        if not emails:
            return set()
        lowered = [e.lower() for e in emails]
        marks = ",".join("?" * len(lowered))
        rows = self._conn.execute(
            f"""SELECT email FROM customers WHERE account_id = ? AND email IN ({marks})
                AND history_synced_at >= ?""",
            (account_id, *lowered, since),
        ).fetchall()
        return {r["email"] for r in rows}

    # --- internals ---------------------------------------------------------------------------------

    @staticmethod
    def _upsert_customer(c: sqlite3.Connection, account_id: int, customer: Customer) -> int:
        row = c.execute(
            """INSERT INTO customers (account_id, email, name, organization) VALUES (?, ?, ?, ?)
               ON CONFLICT (account_id, email) DO UPDATE SET
                   name = CASE WHEN excluded.name != '' THEN excluded.name ELSE customers.name END,
                   organization = CASE WHEN excluded.organization != ''
                                       THEN excluded.organization ELSE customers.organization END
               RETURNING id""",
            (account_id, customer.email.lower(), customer.name, customer.organization),
        ).fetchone()
        return int(row[0])

    def _upsert_ticket(self, c: sqlite3.Connection, account_id: int, t: Ticket) -> int:
        customer_id = self._upsert_customer(c, account_id, t.customer) if t.customer else None
        row = c.execute(
            # The outbox is searched by ticket (outbox_by_ticket), then filtered: a constant IN list
            # here would make SQLite build a temporary table for every row of a pull (4x slower).
            """INSERT INTO tickets (account_id, remote_id, subject, queue, status, customer_id, owner,
                                    priority, created, updated, due, time_worked)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (account_id, remote_id) DO UPDATE SET
                   subject = excluded.subject, queue = excluded.queue,
                   -- a change still in the outbox wins over the remote value until it is sent
                   status = CASE WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = tickets.id
                                 AND o.state != 'done' AND o.kind IN ('status', 'reply', 'note')
                                 AND json_extract(o.payload, '$.status') IS NOT NULL)
                            THEN tickets.status ELSE excluded.status END,
                   customer_id = excluded.customer_id,
                   owner = CASE WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = tickets.id
                                AND o.state != 'done' AND o.kind IN ('take', 'release'))
                           THEN tickets.owner ELSE excluded.owner END,
                   priority = excluded.priority, created = excluded.created,
                   updated = excluded.updated, due = excluded.due, time_worked = excluded.time_worked
               WHERE excluded.updated >= tickets.updated
               RETURNING id""",
            (account_id, t.remote_id, t.subject, t.queue, t.status.value, customer_id, t.owner,
             t.priority, to_db_time(t.created), to_db_time(t.updated), to_db_time(t.due),
             t.time_worked_minutes),
        ).fetchone()
        if row is None:  # we already hold a newer version; keep it
            row = c.execute(
                "SELECT id FROM tickets WHERE account_id = ? AND remote_id = ?", (account_id, t.remote_id)
            ).fetchone()
        return int(row[0])

    def _apply_history(self, c: sqlite3.Connection, account_id: int, h: TicketHistory, me: str) -> None:
        # A skip holds until the ticket changes; the agent's own changes (taking it, giving it back)
        # are not that: when every new entry is theirs, the skip moves on with the update time.
        authors = [m.author for m in h.messages] + [e.author for e in h.events]
        own = bool(me) and bool(authors) and all(author == me for author in authors)
        skipped = c.execute(
            """SELECT t.id FROM tickets t JOIN skips s ON s.ticket_id = t.id
               WHERE t.account_id = ? AND t.remote_id = ? AND s.ticket_updated = t.updated""",
            (account_id, h.ticket.remote_id)).fetchone() if own else None
        ticket_id = self._upsert_ticket(c, account_id, h.ticket)
        if skipped is not None:
            c.execute("UPDATE skips SET ticket_updated = (SELECT updated FROM tickets WHERE id = ?) "
                      "WHERE ticket_id = ?", (ticket_id, ticket_id))
        c.execute(
            """UPDATE tickets SET thread_updated = :updated, sync_error = :error,
                   last_event_id = CASE WHEN :last != '' THEN :last ELSE last_event_id END
               WHERE id = :id""",
            {"updated": to_db_time(h.ticket.updated), "last": h.last_event_id, "id": ticket_id,
             "error": "; ".join(h.warnings) if h.warnings else None},
        )
        # The connector gives a thread oldest first, whole or as the entries after the last one we
        # hold: a message new to us goes after every remote one held (its ids are the helpdesk's own and
        # say nothing of order), and one we hold keeps its place. Row by row, so that each new message
        # follows the one inserted before it.
        c.executemany(
            """INSERT INTO messages (ticket_id, remote_id, position, kind, author, created, html, text,
                                     time_taken, attachments, truncated)
               VALUES (:ticket, :remote_id,
                       (SELECT COALESCE(MAX(position), -1) + 1 FROM messages
                        WHERE ticket_id = :ticket AND remote_id IS NOT NULL),
                       :kind, :author, :created, :html, :text, :time_taken, :attachments, :truncated)
               ON CONFLICT (ticket_id, remote_id) DO UPDATE SET
                   html = excluded.html, text = excluded.text, truncated = excluded.truncated""",
            [{"ticket": ticket_id, "remote_id": m.remote_id, "kind": m.kind.value, "author": m.author,
              "created": to_db_time(m.created), "html": m.html, "text": m.text,
              "time_taken": m.time_taken_minutes,
              "attachments": json.dumps([{"id": a.remote_id, "filename": a.filename,
                                          "content_type": a.content_type, "size": a.size}
                                         for a in m.attachments]),
              "truncated": int(m.truncated)}
             for m in h.messages],
        )
        c.executemany(
            """INSERT OR IGNORE INTO ticket_events (ticket_id, remote_id, author, created, field,
                                                     old_value, new_value)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [(ticket_id, e.remote_id, e.author, to_db_time(e.created), e.field, e.old_value, e.new_value)
             for e in h.events],
        )
        timed = [(m.remote_id, m.author, m.time_taken_minutes, m.created) for m in h.messages
                 if m.time_taken_minutes] + [(e.remote_id, e.author, e.time_taken_minutes, e.created)
                                             for e in h.events if e.time_taken_minutes]
        c.executemany(
            """INSERT OR IGNORE INTO time_entries (ticket_id, remote_id, agent, minutes, logged_at)
               VALUES (?, ?, ?, ?, ?)""",
            [(ticket_id, rid, author, minutes, to_db_time(when)) for rid, author, minutes, when in timed],
        )
        # Local copies of changes the helpdesk has confirmed are now in the history we just stored.
        for table in ("messages", "time_entries"):
            c.execute(
                f"""DELETE FROM {table} WHERE ticket_id = ? AND op_id IS NOT NULL AND EXISTS
                    (SELECT 1 FROM outbox o WHERE o.op_id = {table}.op_id AND o.state = 'done')""",
                (ticket_id,),
            )
