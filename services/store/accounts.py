"""Accounts, their queues and the agent's queue choice, and sync state (watermarks)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from services.domain import Queue
from services.store.db import to_db_time, transaction, utc_now


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    name: str
    backend: str
    url: str
    username: str
    active: bool


TASKS_QUEUE_KEY = "tasks_queue"  # account state: the queue the helpdesk keeps customer tasks in
DEFAULT_TASKS_QUEUE = "Customer tasks"
TASKS_HOME_KEY = "tasks_home"  # account state: services.tasks.Home, as the last sync found it


@dataclass(frozen=True, slots=True)
class QueueChoice:
    name: str
    description: str
    chosen: bool
    visible: bool = True  # False: chosen, but the helpdesk's last answer did not list it
    tasks: bool = False  # the account's tasks queue: never worked, never offered by Next


class Accounts:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, name: str, backend: str, url: str, username: str) -> Account:
        """Add (or update) an account and make it the active one."""
        with transaction(self._conn) as c:
            c.execute("UPDATE accounts SET active = 0")
            c.execute(
                """INSERT INTO accounts (name, backend, url, username, active, created_at)
                   VALUES (?, ?, ?, ?, 1, ?)
                   ON CONFLICT (name) DO UPDATE SET backend = excluded.backend, url = excluded.url,
                       username = excluded.username, active = 1""",
                (name, backend, url, username, to_db_time(utc_now())),
            )
        account = self.by_name(name)
        assert account is not None
        return account

    def all(self) -> list[Account]:
        rows = self._conn.execute("SELECT * FROM accounts ORDER BY id").fetchall()
        return [_account(r) for r in rows]

    def by_name(self, name: str) -> Account | None:
        row = self._conn.execute("SELECT * FROM accounts WHERE name = ?", (name,)).fetchone()
        return _account(row) if row else None

    def active(self) -> Account | None:
        row = self._conn.execute("SELECT * FROM accounts WHERE active = 1").fetchone()
        return _account(row) if row else None

    def activate(self, account_id: int) -> None:
        with transaction(self._conn) as c:
            c.execute("UPDATE accounts SET active = (id = ?)", (account_id,))

    def remove(self, account_id: int) -> None:
        with transaction(self._conn) as c:
            c.execute("DELETE FROM accounts WHERE id = ?", (account_id,))

    # --- queues ------------------------------------------------------------------------------------

    def save_queues(self, account_id: int, queues: Iterable[Queue]) -> list[str]:
        """Record the queues the account can see, keeping the agent's choice.

        A queue the helpdesk stopped listing is forgotten, unless the agent chose it: rights can be
        taken away for a while (or the helpdesk answer nothing by mistake), and the choice must still
        be there when they come back. Such a queue is kept as not visible, and not pulled meanwhile.
        Returns the chosen queues that are not visible now."""
        queues = list(queues)
        with transaction(self._conn) as c:
            c.executemany(
                """INSERT INTO queues (account_id, remote_id, name, description, visible)
                   VALUES (?, ?, ?, ?, 1)
                   ON CONFLICT (account_id, name) DO UPDATE SET
                       remote_id = excluded.remote_id, description = excluded.description, visible = 1""",
                [(account_id, q.remote_id, q.name, q.description) for q in queues],
            )
            names = [q.name for q in queues]
            absent = f"account_id = ? AND name NOT IN ({','.join('?' * len(names))})"
            c.execute(f"DELETE FROM queues WHERE {absent} AND chosen = 0", (account_id, *names))
            c.execute(f"UPDATE queues SET visible = 0 WHERE {absent}", (account_id, *names))
            rows = c.execute("SELECT name FROM queues WHERE account_id = ? AND visible = 0 ORDER BY name",
                             (account_id,)).fetchall()
        return [str(r["name"]) for r in rows]

    def queues(self, account_id: int) -> list[QueueChoice]:
        rows = self._conn.execute(
            "SELECT name, description, chosen, visible FROM queues WHERE account_id = ? ORDER BY name",
            (account_id,),
        ).fetchall()
        tasks = self.tasks_queue_name(account_id)
        return [QueueChoice(r["name"], r["description"], bool(r["chosen"]) and r["name"] != tasks,
                            bool(r["visible"]), r["name"] == tasks) for r in rows]

    def tasks_queue_name(self, account_id: int) -> str:
        return self.get_state(account_id, TASKS_QUEUE_KEY) or DEFAULT_TASKS_QUEUE

    def tasks_queue(self, account_id: int) -> str | None:
        """The tasks queue, if the helpdesk lists it among the queues the agent sees."""
        name = self.tasks_queue_name(account_id)
        return name if any(q.name == name and q.visible for q in self.queues(account_id)) else None

    def set_tasks_queue(self, account_id: int, name: str) -> None:
        self.set_state(account_id, TASKS_QUEUE_KEY, name.strip() or DEFAULT_TASKS_QUEUE)

    def choose_queues(self, account_id: int, names: Iterable[str]) -> None:
        """Set the queues this agent works. An empty choice means: every visible queue."""
        chosen = set(names)
        known = {q.name for q in self.queues(account_id)}
        unknown = chosen - known
        if unknown:
            raise ValueError(
                "Unknown queue(s): " + ", ".join(sorted(unknown))
                + ". Visible queues: " + (", ".join(sorted(known)) or "none yet, run a sync first")
            )
        with transaction(self._conn) as c:
            c.execute("UPDATE queues SET chosen = 0 WHERE account_id = ?", (account_id,))
            c.executemany(
                "UPDATE queues SET chosen = 1 WHERE account_id = ? AND name = ?",
                [(account_id, n) for n in chosen],
            )

    def working_queues(self, account_id: int) -> list[str]:
        """The queues to sync: the agent's choice, or every visible queue until a choice is made.
        A chosen queue the helpdesk does not list now is left out (and stays chosen)."""
        queues = [q for q in self.queues(account_id) if not q.tasks]
        chosen = [q for q in queues if q.chosen]
        return [q.name for q in (chosen or queues) if q.visible]

    # --- sync state --------------------------------------------------------------------------------

    def get_state(self, account_id: int, key: str) -> str | None:
        row = self._conn.execute(
            "SELECT value FROM sync_state WHERE account_id = ? AND key = ?", (account_id, key)
        ).fetchone()
        return str(row["value"]) if row else None

    def delete_state(self, account_id: int, key: str) -> None:
        with transaction(self._conn) as c:
            c.execute("DELETE FROM sync_state WHERE account_id = ? AND key = ?", (account_id, key))

    def set_state(self, account_id: int, key: str, value: str) -> None:
        with transaction(self._conn) as c:
            c.execute(
                """INSERT INTO sync_state (account_id, key, value) VALUES (?, ?, ?)
                   ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value""",
                (account_id, key, value),
            )


def _account(row: sqlite3.Row) -> Account:
    return Account(row["id"], row["name"], row["backend"], row["url"], row["username"], bool(row["active"]))
