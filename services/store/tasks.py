"""Customer tasks in the replica, and the outbox changes that carry them to the helpdesk.

Every change of a task is written to `tasks` and queued in the outbox in ONE transaction, as a ticket's
changes are (kind "task", no ticket row: the task's key is in the payload). The payloads:
- create: the whole task (customer, text, due, position, ticket);
- set: {field: [from, to]} for text, due, done and position. `from` is what the agent saw: the pusher
  compares it with the helpdesk's copy, so an edit made meanwhile on another machine is flagged as a
  conflict instead of being overwritten (position is the exception: the last move wins);
- delete, restore.
A pulled task never overwrites a field that a queued change of this profile is about to set.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from services.store.accounts import TASKS_HOME_KEY
from services.store.db import from_db_time, to_db_time, transaction
from services.store.outbox import OPEN_STATES_SQL, OpKind, Outbox
from services.tasks import (
    RECENTLY_DONE,
    Home,
    RemoteTask,
    Task,
    TaskCounts,
    TaskProblem,
    check_text,
    field_value,
    moved_position,
    position_below,
    renumber,
    shown_order,
)

FIELDS = ("text", "due", "done", "position")
_UNSET: Any = object()


class Tasks:
    def __init__(self, conn: sqlite3.Connection, outbox: Outbox) -> None:
        self._conn = conn
        self._outbox = outbox
        self._queued: list[str] = []  # changes queued (or rewritten) by the transaction under way
        self._dropped: list[str] = []  # changes it took back
        # Tasks as last read, by key with the row they were made from: a list read again after one
        # change (a thousand tasks, one done) makes one Task, not a thousand. Per connection, so per thread.
        self._made_from: dict[str, tuple[tuple[object, ...], Task]] = {}

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; the changes it queued go to the outbox's journal once it is committed."""
        self._queued, self._dropped = [], []
        with transaction(self._conn) as c:
            yield c
        (queued, self._queued), (dropped, self._dropped) = (self._queued, []), (self._dropped, [])
        for op_id in queued:
            self._outbox.journal_queued(op_id)
        journal = self._outbox.journal
        if journal is not None:
            for op_id in dropped:
                journal.ended(op_id, "discarded")

    # --- reads ---------------------------------------------------------------------------------------

    def for_customer(self, account_id: int, customer: str, now: datetime,
                     recent: timedelta = RECENTLY_DONE, *, first: int | None = None) -> list[Task]:
        """The customer's open tasks, then those done within `recent`, in the order shown (that of
        services.tasks.shown_order); only the `first` ones when given (what a screen shows at once)."""
        since = to_db_time(now - recent)
        limit = -1 if first is None else first
        rows = self._conn.execute(
            """SELECT * FROM tasks WHERE account_id = ? AND customer = ? AND deleted_at IS NULL
                 AND done_at IS NULL ORDER BY position DESC, created, key LIMIT ?""",
            (account_id, customer, limit)).fetchall()
        if first is None or len(rows) < first:
            rows += self._conn.execute(
                """SELECT * FROM tasks WHERE account_id = ? AND customer = ? AND deleted_at IS NULL
                     AND done_at >= ? ORDER BY done_at DESC, key DESC LIMIT ?""",
                (account_id, customer, since, -1 if first is None else first - len(rows))).fetchall()
        return self._with_conflicts(account_id, [self._made(r) for r in rows])

    def all(self, account_id: int, *, customer: str | None = None, done: bool | None = None) -> list[Task]:
        """Every task (of one customer), open first; `done` True or False keeps only those."""
        sql = "SELECT * FROM tasks WHERE account_id = ? AND deleted_at IS NULL"
        args: list[object] = [account_id]
        if customer:
            sql += " AND customer = ?"
            args.append(customer)
        if done is not None:
            sql += " AND done_at IS NOT NULL" if done else " AND done_at IS NULL"
        tasks = [_task(r) for r in self._conn.execute(sql, args)]
        tasks.sort(key=lambda t: (t.done, t.customer, -t.position if not t.done else 0,
                                  -(t.done_at.timestamp() if t.done_at else 0), t.created))
        return self._with_conflicts(account_id, tasks)

    def due_counts(self, account_id: int, customer: str, today: date) -> TaskCounts:
        """Open, overdue and due-today tasks of the customer, by the agent's day (one indexed query:
        the ticket header's chip is painted with the ticket)."""
        row = self._conn.execute(
            """SELECT count(*), sum(due < ?), sum(due = ?) FROM tasks
               WHERE account_id = ? AND customer = ? AND done_at IS NULL AND deleted_at IS NULL""",
            (today.isoformat(), today.isoformat(), account_id, customer)).fetchone()
        return TaskCounts(open=int(row[0] or 0), overdue=int(row[1] or 0), today=int(row[2] or 0))

    def get(self, account_id: int, key: str) -> Task | None:
        row = self._conn.execute("SELECT * FROM tasks WHERE account_id = ? AND key = ?",
                                 (account_id, key)).fetchone()
        return self._with_conflicts(account_id, [_task(row)])[0] if row else None

    def find(self, account_id: int, ident: str) -> list[Task]:
        """Tasks an agent may mean by `ident`: the key, the start of one (4 characters or more), or the
        helpdesk's id ("412", "#412")."""
        ident = ident.strip().removeprefix("#")
        if not ident:
            return []
        rows = self._conn.execute(
            "SELECT * FROM tasks WHERE account_id = ? AND deleted_at IS NULL AND (key = ? OR remote_id = ?)",
            (account_id, ident.lower(), ident)).fetchall()
        if not rows and len(ident) >= 4:  # the start of a key (what `tasks list` shows)
            rows = self._conn.execute(
                "SELECT * FROM tasks WHERE account_id = ? AND deleted_at IS NULL AND substr(key, 1, ?) = ?",
                (account_id, len(ident), ident.lower())).fetchall()
        return [_task(r) for r in rows]

    def known(self, account_id: int, key: str) -> bool:
        return self._conn.execute("SELECT 1 FROM tasks WHERE account_id = ? AND key = ?",
                                  (account_id, key)).fetchone() is not None

    def remote_id(self, account_id: int, key: str) -> str | None:
        row = self._conn.execute("SELECT remote_id FROM tasks WHERE account_id = ? AND key = ?",
                                 (account_id, key)).fetchone()
        return str(row[0]) if row and row[0] else None

    def _with_conflicts(self, account_id: int, tasks: list[Task]) -> list[Task]:
        held = {str(r[0]): (str(r[1] or "") if r[3] == "conflict" else json.dumps({"refused": r[4] or ""}),
                            str(r[2])) for r in self._conn.execute(
            """SELECT json_extract(payload, '$.task'), conflict, op_id, state, last_error FROM outbox
               WHERE account_id = ? AND kind = 'task' AND state IN ('conflict', 'failed')""", (account_id,))}
        if not held:
            return tasks
        return [replace(t, conflict=held[t.key][0], held=held[t.key][1]) if t.key in held else t
                for t in tasks]

    # --- the agent's changes (one transaction each: the task and its outbox change) --------------------

    def add(self, account_id: int, customer: str, text: str, *, agent: str, now: datetime,
            due: date | None = None, ticket: str | None = None) -> Task:
        import uuid  # (not at start-up: see Outbox.insert_op)

        line = check_text(text)
        email = customer.strip().lower()
        if "@" not in email:
            raise TaskProblem(f"'{customer[:60]}' is not a customer's e-mail address.")
        key = uuid.uuid4().hex
        with self._write() as c:
            lowest = c.execute("SELECT min(position) FROM tasks WHERE account_id = ? AND customer = ? "
                               "AND done_at IS NULL AND deleted_at IS NULL",
                               (account_id, email)).fetchone()[0]
            position = position_below(int(lowest) if lowest is not None else None)
            c.execute(
                """INSERT INTO tasks (account_id, key, customer, text, due, position, ticket, created,
                                      created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (account_id, key, email, line, due.isoformat() if due else None, position, ticket,
                 to_db_time(now), agent))
            self._queue(c, account_id, key, {"action": "create", "customer": email, "text": line,
                                             "due": due.isoformat() if due else None, "position": position,
                                             "ticket": ticket, "queued_at": to_db_time(now)})
        task = self.get(account_id, key)
        assert task is not None
        return task

    def edit(self, account_id: int, key: str, *, text: str | None = None, due: date | None = _UNSET) -> Task:
        """A new text and/or due day (None: no due day)."""
        changes: dict[str, object] = {}
        if text is not None:
            changes["text"] = check_text(text)
        if due is not _UNSET:
            changes["due"] = due.isoformat() if due else None
        return self._set(account_id, key, changes)

    def set_done(self, account_id: int, key: str, done: bool, *, agent: str, now: datetime) -> Task:
        return self._set(account_id, key, {"done": done}, agent=agent, now=now)

    def move(self, account_id: int, key: str, offset: int, now: datetime) -> bool:
        """Up (-1) or down (+1) among the customer's open tasks; False when it cannot go further."""
        with self._write() as c:
            row = self._row(c, account_id, key)
            if row["done_at"] is not None:
                return False
            open_tasks = _open_of(c, account_id, str(row["customer"]), now)
            index = _index(open_tasks, key)
            if not 0 <= index + offset < len(open_tasks) or offset == 0:
                return False
            position = moved_position(open_tasks, key, offset)
            if position is None:
                # No gap left between its new neighbours: space the list out again, then move.
                for other, fresh in renumber(open_tasks).items():
                    self._set_in(c, account_id, other, {"position": fresh})
                open_tasks = _open_of(c, account_id, str(row["customer"]), now)
                position = moved_position(open_tasks, key, offset)
            if position is None:
                return False
            self._set_in(c, account_id, key, {"position": position})
            return True

    def delete(self, account_id: int, key: str, now: datetime) -> Task:
        """Gone from the list at once; undelete() brings it back (see the panel's undo)."""
        with self._write() as c:
            row = self._row(c, account_id, key)
            c.execute("UPDATE tasks SET deleted_at = ? WHERE id = ?", (to_db_time(now), row["id"]))
            ops = _open_ops(c, account_id, key)
            unsent = all(o["state"] == "pending" and o["attempts"] == 0 for o in ops)
            if row["remote_id"] is None and unsent:
                # The helpdesk never saw it: nothing to tell it, now or on undo.
                for o in ops:
                    c.execute("DELETE FROM outbox WHERE op_id = ?", (o["op_id"],))
                    self._ended(o["op_id"])
            else:
                self._queue(c, account_id, key, {"action": "delete"})
        return _task(row)

    def undelete(self, account_id: int, key: str) -> Task:
        with self._write() as c:
            row = self._row(c, account_id, key, deleted=True)
            c.execute("UPDATE tasks SET deleted_at = NULL WHERE id = ?", (row["id"],))
            ops = _open_ops(c, account_id, key)
            last = ops[-1] if ops else None
            if last is not None and json.loads(last["payload"]).get("action") == "delete" \
                    and last["state"] == "pending" and last["attempts"] == 0:
                c.execute("DELETE FROM outbox WHERE op_id = ?", (last["op_id"],))
                self._ended(last["op_id"])
            elif row["remote_id"] is None and not ops:  # dropped unsent by delete(): queued again
                was = _task(row)
                self._queue(c, account_id, key, {
                    "action": "create", "customer": was.customer, "text": was.text,
                    "due": was.due.isoformat() if was.due else None, "position": was.position,
                    "ticket": was.ticket})
            else:
                self._queue(c, account_id, key, {"action": "restore", "done": row["done_at"] is not None})
        task = self.get(account_id, key)
        assert task is not None
        return task

    def _set(self, account_id: int, key: str, values: dict[str, object], *, agent: str = "",
             now: datetime | None = None) -> Task:
        with self._write() as c:
            self._set_in(c, account_id, key, values, agent=agent, now=now)
            return self._with_conflicts(account_id, [_task(self._row(c, account_id, key))])[0]

    def _set_in(self, c: sqlite3.Connection, account_id: int, key: str, values: dict[str, object], *,
                agent: str = "", now: datetime | None = None) -> None:
        row = self._row(c, account_id, key)
        before = _task(row)
        changes = {f: [field_value(before, f), v] for f, v in values.items() if field_value(before, f) != v}
        if not changes:
            return
        for field, (_old, new) in changes.items():
            if field == "done":
                c.execute("UPDATE tasks SET done_at = ?, done_by = ? WHERE id = ?",
                          (to_db_time(now) if new else None, agent if new else "", row["id"]))
            else:
                c.execute(f"UPDATE tasks SET {field} = ? WHERE id = ?", (new, row["id"]))
        ops = _open_ops(c, account_id, key)
        last = ops[-1] if ops else None
        if last is not None and last["state"] == "pending" and last["attempts"] == 0 \
                and set(changes) == {"position"}:
            payload = json.loads(last["payload"])
            if payload.get("action") == "set" and set(payload["changes"]) == {"position"}:
                # Alt+Down pressed five times is one move for the helpdesk.
                payload["changes"]["position"][1] = changes["position"][1]
            elif payload.get("action") == "create":  # not sent yet: created where it stands now
                payload["position"] = changes["position"][1]
            else:
                payload = None
            if payload is not None:
                c.execute("UPDATE outbox SET payload = ? WHERE op_id = ?",
                          (json.dumps(payload), last["op_id"]))
                self._queued.append(last["op_id"])  # the journal keeps the latest payload
                return
        self._queue(c, account_id, key, {"action": "set", "changes": changes})

    # --- what the sync engine records ----------------------------------------------------------------

    def created(self, account_id: int, key: str, remote_id: str) -> None:
        """The helpdesk holds the task now, as `remote_id`. A copy of it a pull brought meanwhile (an
        attempt whose answer was lost) is the same task: merged into this one."""
        with self._write() as c:
            c.execute("""DELETE FROM tasks WHERE account_id = ? AND remote_id = ? AND key != ?""",
                      (account_id, remote_id, key))
            c.execute("UPDATE tasks SET remote_id = ? WHERE account_id = ? AND key = ?",
                      (remote_id, account_id, key))

    def merge_candidates(self, account_id: int, remote_ids: Iterable[str]) -> set[str]:
        """Of these helpdesk ids, those free to be a creation's result: unknown here, or known only as
        a pulled copy nobody changed here (no change of it waits)."""
        pending = _pending_fields(self._conn, account_id)
        free: set[str] = set()
        for remote_id in remote_ids:
            row = self._conn.execute("SELECT key FROM tasks WHERE account_id = ? AND remote_id = ?",
                                     (account_id, remote_id)).fetchone()
            if row is None or str(row["key"]) not in pending:
                free.add(remote_id)
        return free

    def apply_remote(self, account_id: int, remote: Iterable[RemoteTask], now: datetime, *,
                     complete: bool = False) -> set[str]:
        """Tasks as the helpdesk holds them. A field that a queued change of this profile sets keeps
        its local value. complete: `remote` is every task the helpdesk holds (open or recently done),
        so a task known here by its remote id and missing there was deleted there. Returns the
        customers whose tasks changed."""
        import uuid

        touched: set[str] = set()
        with self._write() as c:
            pending = _pending_fields(c, account_id)
            seen: set[str] = set()
            for task in remote:
                seen.add(task.remote_id)
                row = c.execute("SELECT * FROM tasks WHERE account_id = ? AND remote_id = ?",
                                (account_id, task.remote_id)).fetchone()
                if task.deleted:
                    if row is not None and row["key"] not in pending:
                        c.execute("DELETE FROM tasks WHERE id = ?", (row["id"],))
                        touched.add(str(row["customer"]).lower())
                    continue
                if row is None:
                    c.execute(
                        """INSERT INTO tasks (account_id, key, remote_id, customer, text, due, done_at,
                                              done_by, position, ticket, created, created_by)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        (account_id, uuid.uuid4().hex, task.remote_id, task.customer.lower(), task.text,
                         task.due.isoformat() if task.due else None,
                         to_db_time(task.done_at or task.updated) if task.done else None, task.done_by,
                         task.position, task.ticket, to_db_time(task.created), task.created_by))
                    touched.add(task.customer.lower())
                    continue
                held = pending.get(str(row["key"]), set())
                if "*" in held:
                    continue  # deleted or restored here, not sent yet
                before = _task(row)
                values: dict[str, object] = {"customer": task.customer.lower(),
                                             # (unknown when not read: what is known stays)
                                             "ticket": before.ticket if task.ticket is None else task.ticket,
                                             "created_by": task.created_by or before.created_by}
                if "text" not in held:
                    values["text"] = task.text
                if "due" not in held:
                    values["due"] = task.due.isoformat() if task.due else None
                if "position" not in held:
                    values["position"] = task.position
                if "done" not in held and task.done != before.done:
                    values["done_at"] = to_db_time(task.done_at or task.updated) if task.done else None
                    values["done_by"] = task.done_by if task.done else ""
                current = {k: row[k] for k in values}
                if current != values:
                    sets = ", ".join(f"{k} = ?" for k in values)
                    c.execute(f"UPDATE tasks SET {sets} WHERE id = ?", (*values.values(), row["id"]))
                    touched.update({str(row["customer"]).lower(), task.customer.lower()})
            if complete:
                known = c.execute("SELECT id, key, remote_id, customer FROM tasks WHERE account_id = ? "
                                  "AND remote_id IS NOT NULL AND done_at IS NULL", (account_id,)).fetchall()
                for row in known:
                    if row["remote_id"] not in seen and row["key"] not in pending:
                        c.execute("DELETE FROM tasks WHERE id = ?", (row["id"],))
                        touched.add(str(row["customer"]).lower())
            # Deleted here and confirmed there (no change left to send): forgotten after a day.
            c.execute(f"""DELETE FROM tasks WHERE account_id = ? AND deleted_at IS NOT NULL AND deleted_at < ?
                          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.account_id = tasks.account_id
                              AND o.kind = 'task' AND o.state IN {OPEN_STATES_SQL}
                              AND json_extract(o.payload, '$.task') = tasks.key)""",
                      (account_id, to_db_time(now - timedelta(days=1))))
        return touched

    def start_with(self, account_id: int, samples: Iterable[RemoteTask], now: datetime) -> set[str]:
        """Sample tasks for a workspace with no home for them (kept here only): added once."""
        import uuid

        touched: set[str] = set()
        with self._write() as c:
            for t in samples:
                c.execute(
                    """INSERT INTO tasks (account_id, key, customer, text, due, done_at, done_by, position,
                                          ticket, created, created_by)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (account_id, uuid.uuid4().hex, t.customer.lower(), check_text(t.text),
                     t.due.isoformat() if t.due else None, to_db_time(t.done_at) if t.done_at else None,
                     t.done_by, t.position, t.ticket, to_db_time(t.created), t.created_by))
                touched.add(t.customer.lower())
        return touched

    def decide(self, account_id: int, op_id: str, *, keep_mine: bool) -> str:
        """The agent's word on a task's change that is held (the helpdesk's copy changed meanwhile; the
        detail is a JSON object: "field" and "theirs", or "deleted") or refused: send mine (try it
        again), or take theirs (drop mine). A task the helpdesk never had, or has no longer, goes
        with all its changes when dropped. Returns the task's customer."""
        with self._write() as c:
            op = c.execute("SELECT payload, conflict, state FROM outbox WHERE op_id = ? AND account_id = ? "
                           "AND state IN ('conflict', 'failed')", (op_id, account_id)).fetchone()
            if op is None:
                raise LookupError(f"No held or refused task change {op_id}.")
            payload = json.loads(op["payload"])
            try:
                detail = json.loads(op["conflict"] or "{}") if op["state"] == "conflict" else {}
            except ValueError:
                detail = {}
            key = str(payload.get("task"))
            row = c.execute("SELECT * FROM tasks WHERE account_id = ? AND key = ?",
                            (account_id, key)).fetchone()
            customer = str(row["customer"]) if row is not None else str(payload.get("customer", ""))
            if keep_mine:
                if row is None:
                    raise LookupError("This task is no longer in the local data: its change can only be "
                                      "dropped.")
                if op["state"] == "failed":
                    c.execute("UPDATE outbox SET state = 'pending', last_error = NULL WHERE op_id = ?",
                              (op_id,))
                    return customer
                if detail.get("deleted"):  # deleted there: made again from what is here
                    was = _task(row)
                    c.execute("UPDATE tasks SET remote_id = NULL WHERE id = ?", (row["id"],))
                    payload = {"task": was.key, "action": "create", "customer": was.customer,
                               "text": was.text, "due": was.due.isoformat() if was.due else None,
                               "position": was.position, "ticket": was.ticket,
                               "queued_at": to_db_time(datetime.now(UTC))}
                else:  # theirs is now what mine replaces
                    payload["changes"][detail["field"]][0] = detail.get("theirs")
                c.execute("""UPDATE outbox SET state = 'pending', payload = ?, conflict = NULL, attempts = 0,
                                 last_error = NULL WHERE op_id = ?""", (json.dumps(payload), op_id))
                self._queued.append(op_id)
                return customer
            gone = row is None or detail.get("deleted") or payload.get("action") == "create"
            if gone:  # never reached the helpdesk, or not there any more: nothing of it is left to send
                for other in _open_ops(c, account_id, key):
                    c.execute("DELETE FROM outbox WHERE op_id = ?", (other["op_id"],))
                    self._ended(other["op_id"])
                c.execute("DELETE FROM tasks WHERE account_id = ? AND key = ?", (account_id, key))
                return customer
            c.execute("DELETE FROM outbox WHERE op_id = ?", (op_id,))
            self._ended(op_id)
            if detail.get("field") == "text":
                c.execute("UPDATE tasks SET text = ? WHERE id = ?", (str(detail.get("theirs")), row["id"]))
            elif detail.get("field") == "due":
                c.execute("UPDATE tasks SET due = ? WHERE id = ?", (detail.get("theirs"), row["id"]))
        return customer

    # --- internals -----------------------------------------------------------------------------------

    def _made(self, row: sqlite3.Row) -> Task:
        values = tuple(row)
        known = self._made_from.get(row["key"])
        if known is not None and known[0] == values:
            return known[1]
        if len(self._made_from) > 20_000:  # (a long day of many customers' lists)
            self._made_from.clear()
        task = _task(row)
        self._made_from[task.key] = (values, task)
        return task

    def _queue(self, c: sqlite3.Connection, account_id: int, key: str, payload: dict[str, Any]) -> str | None:
        home = c.execute("SELECT value FROM sync_state WHERE account_id = ? AND key = ?",
                         (account_id, TASKS_HOME_KEY)).fetchone()
        if home is not None and home[0] == Home.HERE.value:
            return None  # the replica is their only home: nothing to send, nothing "waiting"
        row = c.execute("SELECT customer, remote_id FROM tasks WHERE key = ?", (key,)).fetchone()
        # Whose list it is, and the helpdesk's id when known: a change put back from the journal into a
        # replica that lost the task still finds it.
        payload = {"task": key, "customer": str(row[0]) if row else "",
                   **({"remote_id": row[1]} if row and row[1] else {}), **payload}
        op_id = self._outbox.insert_op(c, account_id, None, OpKind.TASK, payload, "")
        self._queued.append(op_id)
        return op_id

    def _ended(self, op_id: str) -> None:
        """A change taken back: said to the journal once the transaction is committed."""
        self._dropped.append(op_id)

    @staticmethod
    def _row(c: sqlite3.Connection, account_id: int, key: str, *,
             deleted: bool | None = False) -> sqlite3.Row:
        row: sqlite3.Row | None = c.execute("SELECT * FROM tasks WHERE account_id = ? AND key = ?",
                                            (account_id, key)).fetchone()
        if row is None or (deleted is not None and (row["deleted_at"] is not None) != deleted):
            raise LookupError(f"No task {key} here.")
        return row


def _index(tasks: Sequence[Task], key: str) -> int:
    return next((i for i, t in enumerate(tasks) if t.key == key), -1)


def _open_of(c: sqlite3.Connection, account_id: int, customer: str, now: datetime) -> list[Task]:
    rows = c.execute("SELECT * FROM tasks WHERE account_id = ? AND customer = ? AND done_at IS NULL "
                     "AND deleted_at IS NULL", (account_id, customer)).fetchall()
    return shown_order([_task(r) for r in rows], now)


def _open_ops(c: sqlite3.Connection, account_id: int, key: str) -> list[sqlite3.Row]:
    return list(c.execute(
        f"""SELECT * FROM outbox WHERE account_id = ? AND kind = 'task' AND state IN {OPEN_STATES_SQL}
              AND json_extract(payload, '$.task') = ? ORDER BY seq""", (account_id, key)))


def _pending_fields(c: sqlite3.Connection, account_id: int) -> dict[str, set[str]]:
    """task key -> the fields its queued changes set ("*": all of them: a create, delete or restore)."""
    held: dict[str, set[str]] = {}
    for row in c.execute(f"""SELECT payload FROM outbox WHERE account_id = ? AND kind = 'task'
                             AND state IN {OPEN_STATES_SQL}""", (account_id,)):
        payload = json.loads(row[0])
        fields = set(payload.get("changes", {})) if payload.get("action") == "set" else {"*"}
        held.setdefault(str(payload.get("task")), set()).update(fields)
    return held


def _task(row: sqlite3.Row) -> Task:
    done_at = from_db_time(row["done_at"])
    created = from_db_time(row["created"])
    assert created is not None
    return Task(
        key=str(row["key"]), remote_id=row["remote_id"], customer=str(row["customer"]), text=str(row["text"]),
        due=date.fromisoformat(row["due"]) if row["due"] else None, done_at=done_at,
        done_by=str(row["done_by"] or ""), position=int(row["position"]), ticket=row["ticket"],
        created=created, created_by=str(row["created_by"] or ""))
