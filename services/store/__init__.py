"""The local SQLite replica: the single source every screen and command reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from services.store.accounts import Account, Accounts, QueueChoice
from services.store.db import StoreError, open_database
from services.store.journal import OutboxJournal
from services.store.outbox import OpKind, OpState, Outbox, OutboxOp, UnknownTicket
from services.store.replica import Replica
from services.store.views import MessageView, OutboxStatus, ThreadPage, TicketSummary, TicketView, Views
from services.store.worklist import Draft, Worklist

if TYPE_CHECKING:
    from services.store.blocks import Blocks
    from services.store.tasks import Tasks
    from services.store.timelog import TimeLog


class Store:
    """One connection to the replica file and the repositories that share it.

    A connection belongs to one thread: the GUI reads through its own Store, the sync engine writes
    through another (WAL lets both work at once).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn: sqlite3.Connection = open_database(path)
        self.accounts = Accounts(self.conn)
        self.replica = Replica(self.conn)
        self.outbox = Outbox(self.conn, OutboxJournal.beside(path))
        self.views = Views(self.conn)
        self.worklist = Worklist(self.conn)
        self._timelog: TimeLog | None = None
        self._blocks: Blocks | None = None
        self._tasks: Tasks | None = None

    @property
    def timelog(self) -> TimeLog:
        """The time ledger (made on first use: the timer starts after the window's first paint)."""
        if self._timelog is None:
            from services.store.timelog import TimeLog

            self._timelog = TimeLog(self.conn)
        return self._timelog

    @property
    def blocks(self) -> Blocks:
        if self._blocks is None:
            from services.store.blocks import Blocks

            self._blocks = Blocks(self.conn)
        return self._blocks

    @property
    def tasks(self) -> Tasks:
        """Customer tasks (made on first use, after the window's first paint)."""
        if self._tasks is None:
            from services.store.tasks import Tasks

            self._tasks = Tasks(self.conn, self.outbox)
        return self._tasks

    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = [
    "Account", "Draft", "MessageView", "OpKind", "OpState", "OutboxOp", "OutboxStatus", "QueueChoice",
    "Store", "StoreError", "ThreadPage", "TicketSummary", "TicketView", "UnknownTicket", "Worklist",
]
