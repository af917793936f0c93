"""The time ledger: what the tracker counted, written down as it accrues, and what was logged.

One row per stretch of work (a stretch grows while it goes on, so a day is a few dozen rows), each
saying what it adds to a ticket's time in seconds: time counted (`worked`), time taken back as idle
(`idle`, negative, waiting for the agent's word until `choice` is set), idle time kept or given
(`kept`, `given`), adjustments with their reason, entries typed as minutes (`added`), and what was
logged to the helpdesk (`logged`, negative, with the change that carries it). The sum of a ticket's
rows is the time still to be logged: seconds are kept, whole minutes go out, the rest is carried.

Logging happens in the transaction that queues the change carrying the time (services.store.outbox),
so the minutes cannot be logged twice, nor lost: the change is pushed exactly once, and a change the
agent takes back removes its `logged` row, which gives the time back to the ticket.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from services.store.db import from_db_time, to_db_time, transaction, utc_now
from services.tracker import Accrual, IdleChoice, IdleSpan, TimeEvent, Withdrawal, whole_minutes

# A summary looks this far back for stretches that began before its start and ran into it.
_LONGEST_STRETCH = timedelta(days=2)


class EntryKind(StrEnum):
    WORKED = "worked"  # counted by the tracker
    IDLE = "idle"  # counted, then found to be idle: taken back
    KEPT = "kept"  # an idle span the agent kept as work
    GIVEN = "given"  # an idle span the agent gave to this ticket
    ADJUSTED = "adjusted"  # added or removed by hand, with a reason
    ADDED = "added"  # an entry typed as minutes (`monodesk time add`, a message's own time)
    LOGGED = "logged"  # sent to the helpdesk (negative): the change that carries it is `op_id`


@dataclass(frozen=True, slots=True)
class TicketTime:
    seconds: float  # the agent's time on the ticket, all of it
    unlogged: float  # what is not logged to the helpdesk yet (negative after removing logged time)


@dataclass(frozen=True, slots=True)
class TimeLine:
    """A line of a summary: a ticket, a customer or a queue, and the time spent on it."""

    key: str  # the ticket's id, the customer's e-mail, the queue's name ('' when unknown here)
    label: str  # its subject, the customer's name, the queue
    seconds: float


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the ledger, as the agent's day lists it."""

    ticket: str
    kind: EntryKind
    began: datetime
    ended: datetime
    seconds: float
    reason: str
    choice: str | None  # an idle span's: keep, discard, give; None while it waits


@dataclass(frozen=True, slots=True)
class TimeSummary:
    start: datetime
    end: datetime
    seconds: float
    tickets: list[TimeLine]
    customers: list[TimeLine]
    queues: list[TimeLine]


class TimeLog:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    # --- writes ----------------------------------------------------------------------------------

    def record(self, account_id: int, agent: str, events: Iterable[TimeEvent]) -> frozenset[str]:
        """What the tracker handed out, in one transaction. Returns the tickets whose time changed."""
        touched: set[str] = set()
        with transaction(self._conn) as c:
            for event in events:
                touched.add(event.ticket)
                if isinstance(event, Accrual):
                    _add_worked(c, account_id, agent, event)
                elif isinstance(event, Withdrawal):
                    _insert(c, account_id, agent, event.ticket, EntryKind.IDLE, event.start, event.end,
                            -event.seconds)
                else:
                    _idle_returned(c, account_id, agent, event)
        return frozenset(touched)

    def settle(self, account_id: int, agent: str, span: IdleSpan, choice: IdleChoice,
               accruals: Iterable[Accrual]) -> frozenset[str]:
        """The agent's word on an idle span, and the time it adds (Tracker.settle says which)."""
        touched = {span.ticket}
        with transaction(self._conn) as c:
            c.execute(
                """UPDATE tracked_time SET choice = ?, back = COALESCE(back, ?)
                   WHERE account_id = ? AND agent = ? AND ticket_remote_id = ? AND kind = 'idle'
                     AND choice IS NULL AND began = ?""",
                (choice.value, to_db_time(span.end), account_id, agent, span.ticket, to_db_time(span.start)))
            for accrual in accruals:
                kind = EntryKind.KEPT if accrual.ticket == span.ticket else EntryKind.GIVEN
                _insert(c, account_id, agent, accrual.ticket, kind, accrual.start, accrual.end,
                        accrual.seconds)
                touched.add(accrual.ticket)
        return frozenset(touched)

    def adjust(self, account_id: int, agent: str, ticket: str, seconds: float, reason: str,
               at: datetime | None = None) -> None:
        """Time added (positive) or removed (negative) by hand; the reason stays in the history."""
        if not reason.strip():
            raise ValueError("An adjustment needs a reason.")
        if seconds == 0:
            return
        moment = at or utc_now()
        with transaction(self._conn) as c:
            _insert(c, account_id, agent, ticket, EntryKind.ADJUSTED, moment, moment, seconds,
                    reason.strip())

    # --- reads -----------------------------------------------------------------------------------

    def pending_idle(self, account_id: int, agent: str) -> list[IdleSpan]:
        """Idle spans still waiting for the agent's word, oldest first (they survive a restart)."""
        rows = self._conn.execute(
            """SELECT ticket_remote_id, began, COALESCE(back, ended) FROM tracked_time
               WHERE account_id = ? AND agent = ? AND kind = 'idle' AND choice IS NULL
               ORDER BY began""", (account_id, agent)).fetchall()
        return [IdleSpan(str(r[0]), _time(r[1]), _time(r[2])) for r in rows]

    def ticket_time(self, account_id: int, agent: str, ticket: str) -> TicketTime:
        row = self._conn.execute(
            """SELECT COALESCE(SUM(CASE WHEN kind = 'logged' THEN 0 ELSE seconds END), 0),
                      COALESCE(SUM(seconds), 0)
               FROM tracked_time WHERE account_id = ? AND ticket_remote_id = ? AND agent = ?""",
            (account_id, ticket, agent)).fetchone()
        return TicketTime(float(row[0]), float(row[1]))

    def seconds_between(self, account_id: int, agent: str, start: datetime, end: datetime) -> float:
        """The agent's time worked between the two moments (today's total, say), on every ticket."""
        row = self._conn.execute(
            f"SELECT COALESCE(SUM({_CLIPPED}), 0) FROM tracked_time WHERE {_in_range()}",
            _range(account_id, agent, start, end)).fetchone()
        return float(row[0])

    def entries(self, account_id: int, agent: str, start: datetime, end: datetime) -> list[Entry]:
        """The ledger's rows between the two moments, in order (what was logged to the helpdesk aside)."""
        rows = self._conn.execute(
            f"""SELECT ticket_remote_id, kind, began, ended, seconds, reason, choice FROM tracked_time
                WHERE {_in_range()} ORDER BY began, id""", _range(account_id, agent, start, end)).fetchall()
        return [Entry(str(r[0]), EntryKind(r[1]), _time(r[2]), _time(r[3]), float(r[4]), str(r[5]),
                      r[6]) for r in rows]

    def summary(self, account_id: int, agent: str, start: datetime, end: datetime) -> TimeSummary:
        """Time by ticket, customer and queue between the two moments, most first."""
        rows = self._conn.execute(
            f"""SELECT r.ticket_remote_id, SUM({_CLIPPED}) AS seconds, t.subject, t.queue,
                       c.email, c.name
                FROM tracked_time r
                LEFT JOIN tickets t ON t.account_id = r.account_id AND t.remote_id = r.ticket_remote_id
                LEFT JOIN customers c ON c.id = t.customer_id
                WHERE {_in_range("r.")}
                GROUP BY r.ticket_remote_id""",
            _range(account_id, agent, start, end)).fetchall()
        tickets: list[TimeLine] = []
        customer_time: dict[str, float] = {}
        customer_name: dict[str, str] = {}
        queues: dict[str, float] = {}
        for r in rows:
            seconds = float(r["seconds"])
            tickets.append(TimeLine(str(r[0]), str(r["subject"] or ""), seconds))
            email = str(r["email"] or "").lower()
            customer_time[email] = customer_time.get(email, 0.0) + seconds
            customer_name.setdefault(email, str(r["name"] or r["email"] or ""))
            queue = str(r["queue"] or "")
            queues[queue] = queues.get(queue, 0.0) + seconds
        return TimeSummary(
            start, end, sum(t.seconds for t in tickets), _most_first(tickets),
            _most_first(TimeLine(k, customer_name[k], v) for k, v in customer_time.items()),
            _most_first(TimeLine(k, k, v) for k, v in queues.items()))


# --- inside a caller's transaction (the outbox queues the change that carries the time) -------------

def log_unlogged(c: sqlite3.Connection, account_id: int, agent: str, ticket: str, op_id: str,
                 *, limit: int) -> int:
    """Log the ticket's whole unlogged minutes (at most `limit`) with the change `op_id`; the seconds
    left over stay, carried to the next. Returns the minutes."""
    row = c.execute(
        "SELECT COALESCE(SUM(seconds), 0) FROM tracked_time WHERE account_id = ? AND ticket_remote_id = ? "
        "AND agent = ?", (account_id, ticket, agent)).fetchone()
    minutes = min(whole_minutes(float(row[0]))[0], limit)
    if minutes:
        now = utc_now()
        _insert(c, account_id, agent, ticket, EntryKind.LOGGED, now, now, -60.0 * minutes, op_id=op_id)
    return minutes


def log_added(c: sqlite3.Connection, account_id: int, agent: str, ticket: str, minutes: float, note: str,
              op_id: str) -> int:
    """Minutes typed by the agent: their whole minutes logged at once with the change `op_id`, a
    fraction kept in seconds for the next. Returns the whole minutes."""
    if minutes <= 0:
        return 0
    now = utc_now()
    whole = int(minutes)
    _insert(c, account_id, agent, ticket, EntryKind.ADDED, now, now, 60.0 * minutes, note)
    if whole:
        _insert(c, account_id, agent, ticket, EntryKind.LOGGED, now, now, -60.0 * whole, op_id=op_id)
    return whole


def relog(c: sqlite3.Connection, account_id: int, agent: str, ticket: str, op_id: str, minutes: int) -> None:
    """A change put back by a repair carries `minutes`: logged with it (once), whatever the ledger held."""
    if c.execute("SELECT 1 FROM tracked_time WHERE op_id = ? AND kind = 'logged'", (op_id,)).fetchone():
        return
    now = utc_now()
    _insert(c, account_id, agent, ticket, EntryKind.LOGGED, now, now, -60.0 * minutes, op_id=op_id)


def unlog(c: sqlite3.Connection, op_id: str) -> float:
    """The change carrying the time is taken back: the time is the ticket's to log again. Returns
    the seconds it had logged (negative)."""
    row = c.execute("SELECT COALESCE(SUM(seconds), 0) FROM tracked_time WHERE op_id = ? AND kind = 'logged'",
                    (op_id,)).fetchone()
    c.execute("DELETE FROM tracked_time WHERE op_id = ? AND kind = 'logged'", (op_id,))
    return float(row[0])


def customer_seconds(c: sqlite3.Connection, account_id: int, agent: str, email: str, start: datetime,
                     end: datetime) -> float:
    """The agent's time on the customer's tickets between the two moments (a time block's actual)."""
    row = c.execute(
        f"""SELECT COALESCE(SUM({_CLIPPED}), 0) FROM tracked_time r
            JOIN tickets t ON t.account_id = r.account_id AND t.remote_id = r.ticket_remote_id
            JOIN customers cu ON cu.id = t.customer_id
            WHERE {_in_range("r.")} AND cu.email = :email""",
        {**_range(account_id, agent, start, end), "email": email.lower()}).fetchone()
    return float(row[0])


# --- internals -------------------------------------------------------------------------------------

# A stretch counts for the part of it inside the range (a day's total cuts the one running at midnight).
_CLIPPED = """CASE WHEN ended > began THEN seconds
                   * (MIN(julianday(ended), julianday(:end)) - MAX(julianday(began), julianday(:start)))
                   / (julianday(ended) - julianday(began))
              ELSE seconds END"""
def _in_range(row: str = "") -> str:
    """The ledger's rows of the agent between :start and :end (what was logged aside); `row`: the
    table's alias in a join ("r."). A row began at most _LONGEST_STRETCH before :start."""
    return f"""{row}account_id = :account AND {row}agent = :agent AND {row}kind != 'logged'
               AND {row}began >= :lookback AND {row}began < :end
               AND ({row}ended > :start OR ({row}ended = {row}began AND {row}began >= :start))"""


def _range(account_id: int, agent: str, start: datetime, end: datetime) -> dict[str, object]:
    return {"account": account_id, "agent": agent, "start": to_db_time(start), "end": to_db_time(end),
            "lookback": to_db_time(start - _LONGEST_STRETCH)}


def _most_first(lines: Iterable[TimeLine]) -> list[TimeLine]:
    return sorted((line for line in lines if abs(line.seconds) >= 0.5),
                  key=lambda line: (-line.seconds, line.key))


def _time(value: str) -> datetime:
    moment = from_db_time(value)
    assert moment is not None
    return moment


def _insert(c: sqlite3.Connection, account_id: int, agent: str, ticket: str, kind: EntryKind,
            start: datetime, end: datetime, seconds: float, reason: str = "", *,
            op_id: str | None = None) -> None:
    c.execute(
        """INSERT INTO tracked_time (account_id, agent, ticket_remote_id, kind, began, ended, seconds,
                                     reason, op_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (account_id, agent, ticket, kind.value, to_db_time(start), to_db_time(end), seconds, reason, op_id))


def _add_worked(c: sqlite3.Connection, account_id: int, agent: str, accrual: Accrual) -> None:
    """The stretch under way grows (one row per stretch, not one per write), else a new one begins."""
    cursor = c.execute(
        """UPDATE tracked_time SET ended = ?, seconds = seconds + ?
           WHERE id = (SELECT id FROM tracked_time WHERE account_id = ? AND agent = ?
                       ORDER BY began DESC, id DESC LIMIT 1)
             AND kind = 'worked' AND ticket_remote_id = ? AND ended = ?""",
        (to_db_time(accrual.end), accrual.seconds, account_id, agent, accrual.ticket,
         to_db_time(accrual.start)))
    if cursor.rowcount == 0:
        _insert(c, account_id, agent, accrual.ticket, EntryKind.WORKED, accrual.start, accrual.end,
                accrual.seconds)


def _idle_returned(c: sqlite3.Connection, account_id: int, agent: str, span: IdleSpan) -> None:
    cursor = c.execute(
        """UPDATE tracked_time SET back = ?
           WHERE account_id = ? AND agent = ? AND ticket_remote_id = ? AND kind = 'idle' AND choice IS NULL
             AND began = ?""",
        (to_db_time(span.end), account_id, agent, span.ticket, to_db_time(span.start)))
    if cursor.rowcount == 0:  # idle from the moment it began counting: nothing was taken back
        _insert(c, account_id, agent, span.ticket, EntryKind.IDLE, span.start, span.start, 0.0)
        c.execute("UPDATE tracked_time SET back = ? WHERE id = last_insert_rowid()", (to_db_time(span.end),))
