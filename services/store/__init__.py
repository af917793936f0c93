"""The local SQLite replica: the single source every screen and command reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from services.store.accounts import Account, Accounts, QueueChoice
from services.store.blocks import Blocks
from services.store.db import StoreError, open_database
from services.store.journal import OutboxJournal
from services.store.outbox import OpKind, OpState, Outbox, OutboxOp, UnknownTicket
from services.store.replica import Replica
from services.store.timelog import TimeLog
from services.store.views import MessageView, OutboxStatus, ThreadPage, TicketSummary, TicketView, Views
from services.store.worklist import Draft, Worklist


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
        self.timelog = TimeLog(self.conn)
        self.blocks = Blocks(self.conn)

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
