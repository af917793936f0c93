"""Time blocks: time reserved for one customer ("45 min for Garage Perrin"), the practice of remote
teams. One runs at a time; while it runs, Next offers that customer's tickets first, then their
organisation's. It is over at its planned end (the timer says so, gently); the agent may extend it or
end it early. Kept with what was planned, the time actually spent on the customer's tickets meanwhile
and how many of them the agent wrote on, for the agent's day."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.store.db import from_db_time, to_db_time, transaction
from services.store.timelog import customer_seconds

MAX_BLOCK = timedelta(hours=8)


@dataclass(frozen=True, slots=True)
class Block:
    id: int
    customer_email: str
    customer_name: str
    organization: str
    planned_seconds: float
    started: datetime
    ends: datetime
    ended: datetime | None

    def over(self, now: datetime) -> bool:
        """Past its planned end (and not ended by the agent yet: the timer says so)."""
        return self.ended is None and now >= self.ends

    def running(self, now: datetime) -> bool:
        return self.ended is None and now < self.ends

    def end_at(self, now: datetime) -> datetime:
        """When it ended (or ends, as far as what it counts goes)."""
        return self.ended or min(now, self.ends)


@dataclass(frozen=True, slots=True)
class BlockOutcome:
    block: Block
    actual_seconds: float  # tracked on the customer's tickets during the block
    handled: int  # the customer's tickets the agent wrote on during the block


class Blocks:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def start(self, account_id: int, agent: str, email: str, name: str, organization: str,
              minutes: float, now: datetime) -> Block:
        """A new block (the one under way, if any, ends now)."""
        length = _length(minutes)
        with transaction(self._conn) as c:
            self._end_open(c, account_id, agent, now)
            cursor = c.execute(
                """INSERT INTO time_blocks (account_id, agent, customer_email, customer_name, organization,
                                            planned_seconds, started, ends)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (account_id, agent, email.strip().lower(), name, organization, length.total_seconds(),
                 to_db_time(now), to_db_time(now + length)))
            block_id = int(cursor.lastrowid or 0)
        block = self.get(block_id)
        assert block is not None
        return block

    def extend(self, account_id: int, agent: str, minutes: float, now: datetime) -> Block | None:
        """More time for the block under way (or just over: it goes on from now)."""
        length = _length(minutes)
        block = self.current(account_id, agent)
        if block is None:
            return None
        ends = max(block.ends, now) + length
        with transaction(self._conn) as c:
            c.execute("UPDATE time_blocks SET ends = ?, planned_seconds = planned_seconds + ? WHERE id = ?",
                      (to_db_time(ends), (ends - block.ends).total_seconds(), block.id))
        return self.get(block.id)

    def end(self, account_id: int, agent: str, now: datetime) -> Block | None:
        """The agent ends the block: early, or (once over) at its planned end."""
        with transaction(self._conn) as c:
            ended = self._end_open(c, account_id, agent, now)
        return self.get(ended) if ended is not None else None

    def current(self, account_id: int, agent: str) -> Block | None:
        """The block not ended yet (under way, or over and not acknowledged)."""
        row = self._conn.execute(
            f"{_SELECT} WHERE account_id = ? AND agent = ? AND ended IS NULL ORDER BY started DESC LIMIT 1",
            (account_id, agent)).fetchone()
        return _block(row) if row else None

    def get(self, block_id: int) -> Block | None:
        row = self._conn.execute(f"{_SELECT} WHERE id = ?", (block_id,)).fetchone()
        return _block(row) if row else None

    def between(self, account_id: int, agent: str, start: datetime, end: datetime,
                now: datetime) -> list[BlockOutcome]:
        """Blocks begun in the range, each with its actual time and outcome, oldest first."""
        rows = self._conn.execute(
            f"{_SELECT} WHERE account_id = ? AND agent = ? AND started >= ? AND started < ? ORDER BY started",
            (account_id, agent, to_db_time(start), to_db_time(end))).fetchall()
        return [self.outcome(account_id, agent, _block(r), now) for r in rows]

    def outcome(self, account_id: int, agent: str, block: Block, now: datetime) -> BlockOutcome:
        until = block.end_at(now)
        return BlockOutcome(block, customer_seconds(self._conn, account_id, agent, block.customer_email,
                                                    block.started, until),
                            self._handled(account_id, agent, block.customer_email, block.started, until))

    # --- internals -------------------------------------------------------------------------------

    def _end_open(self, c: sqlite3.Connection, account_id: int, agent: str, now: datetime) -> int | None:
        row = c.execute(f"{_SELECT} WHERE account_id = ? AND agent = ? AND ended IS NULL",
                        (account_id, agent)).fetchone()
        if row is None:
            return None
        block = _block(row)
        ended = block.end_at(now)
        handled = self._handled(account_id, agent, block.customer_email, block.started, ended)
        c.execute("UPDATE time_blocks SET ended = ?, handled = ? WHERE id = ?",
                  (to_db_time(ended), handled, block.id))
        return block.id

    def _handled(self, account_id: int, agent: str, email: str, start: datetime, end: datetime) -> int:
        row = self._conn.execute(
            """SELECT COUNT(DISTINCT m.ticket_id) FROM customers c
               JOIN tickets t ON t.customer_id = c.id
               JOIN messages m ON m.ticket_id = t.id
               WHERE c.account_id = ? AND c.email = ? AND m.author = ?
                 AND m.kind IN ('agent', 'note') AND m.created >= ? AND m.created <= ?""",
            (account_id, email.lower(), agent, to_db_time(start), to_db_time(end))).fetchone()
        return int(row[0])


_SELECT = """SELECT id, customer_email, customer_name, organization, planned_seconds, started, ends, ended
             FROM time_blocks"""


def _block(row: sqlite3.Row) -> Block:
    started, ends = from_db_time(row["started"]), from_db_time(row["ends"])
    assert started is not None and ends is not None
    return Block(int(row["id"]), str(row["customer_email"]), str(row["customer_name"]),
                 str(row["organization"]), float(row["planned_seconds"]), started, ends,
                 from_db_time(row["ended"]))


def _length(minutes: float) -> timedelta:
    if not 0 < minutes <= MAX_BLOCK.total_seconds() / 60:  # (also refuses nan)
        hours = int(MAX_BLOCK.total_seconds() // 3600)
        raise ValueError(f"A block lasts between 1 minute and {hours} hours.")
    return timedelta(minutes=minutes)
