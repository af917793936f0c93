"""The demo workspace on disk: an SQLite file of its own in the demo's folder of the profile (beside the
replica's folder contents, never inside the replica), one row per ticket, transaction, customer, task.

A change writes what it changed, in one transaction: its ticket's row, the transactions it appended and
the id counters. Its cost does not grow with the workspace's history, where rewriting one JSON document
on every change did (a 3,000-reply shift made each change 2.5x slower). Every value read is checked, as
the file may have been edited or damaged; a damaged file, or one that cannot be read, is moved aside
(`.corrupt`, never deleted) and a fresh workspace is made. A workspace kept by an older Monodesk in
demo-workspace.json is brought over once, then that file is renamed `.imported`.

Blocking functions: the connector calls them through asyncio.to_thread. They also hold a lock of their
own: a save whose caller was cancelled goes on in its thread, and closing the file must wait for it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from services.backends.demo import jsonfile
from services.backends.demo.jsonfile import DECODE_ERRORS, typed, when
from services.backends.demo.workspace import Attachment, TaskRec, TicketRec, Txn, TxnType, Workspace
from services.domain import Customer, Queue, Snippet, TicketStatus
from services.store.db import transaction

log = logging.getLogger(__name__)

STATE_FILE = "demo-helpdesk.sqlite"
LEGACY_FILE = jsonfile.FILE
_FORMAT = "monodesk-demo"
_VERSION = 1
# Errors that say another connection holds the file for a moment: not damage, never a reason to move it.
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);  -- format, id counters, agents (JSON)
CREATE TABLE queues (position INTEGER PRIMARY KEY, remote_id TEXT NOT NULL, name TEXT NOT NULL,
                     description TEXT NOT NULL);
CREATE TABLE customers (position INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL,
                        organization TEXT NOT NULL);
CREATE TABLE snippets (position INTEGER PRIMARY KEY, remote_id TEXT NOT NULL, title TEXT NOT NULL,
                       body TEXT NOT NULL, language TEXT NOT NULL);
CREATE TABLE tasks (id TEXT NOT NULL UNIQUE, customer TEXT NOT NULL, title TEXT NOT NULL,
                    done INTEGER NOT NULL, updated TEXT NOT NULL);  -- in the order they were made
CREATE TABLE tickets (id INTEGER PRIMARY KEY, queue TEXT NOT NULL, subject TEXT NOT NULL,
                      status TEXT NOT NULL, requestor TEXT NOT NULL, owner TEXT, priority INTEGER NOT NULL,
                      created TEXT NOT NULL, due TEXT, lang TEXT NOT NULL, topic TEXT NOT NULL);
CREATE TABLE txns (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, type TEXT NOT NULL,
                   author TEXT NOT NULL, at TEXT NOT NULL, content TEXT NOT NULL, content_type TEXT NOT NULL,
                   old TEXT NOT NULL, new TEXT NOT NULL, minutes INTEGER NOT NULL,
                   files TEXT NOT NULL);  -- JSON: [[id, filename, content type, size], ...]
PRAGMA user_version = {_VERSION};
"""


class DemoStorage:
    """The workspace's file. `load_or_seed` once, then `save` after each change."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE_FILE
        self._conn: sqlite3.Connection | None = None
        self._stored = False  # False: the file does not hold the workspace yet; the next save writes it all
        self._legacy: Path | None = None  # an imported JSON file to rename once the workspace is stored
        self._saved: dict[int, int] = {}  # ticket id -> its last transaction in the file
        self._tickets: set[int] = set()  # changed, not saved yet (a save that failed is retried)
        self._tasks: set[str] = set()
        self._busy = threading.Lock()  # one call at a time, whatever thread it comes from

    # --- opening ----------------------------------------------------------------------------------

    def load_or_seed(self, make: Callable[[], Workspace]) -> Workspace:
        """Read the workspace; else bring over the older JSON file; else make (and save) a fresh one.
        A file that is damaged or cannot be read is moved aside first."""
        with self._busy:
            return self._load_or_seed(make)

    def _load_or_seed(self, make: Callable[[], Workspace]) -> Workspace:
        if os.path.lexists(self.path):
            try:
                return self._load()
            except sqlite3.Error as exc:
                self._close()
                if getattr(exc, "sqlite_errorname", "") in _BUSY:
                    raise
                self._set_aside(self.path, _problem(exc), sqlite=True)
            except (OSError, *DECODE_ERRORS) as exc:
                self._close()
                self._set_aside(self.path, _problem(exc), sqlite=True)
            return self._fresh(make)
        legacy = self.path.with_name(LEGACY_FILE)
        if os.path.lexists(legacy):
            return self._import(legacy, make)
        return self._fresh(make)

    def _load(self) -> Workspace:
        conn = self._connection()
        problem = conn.execute("PRAGMA quick_check(5)").fetchall()
        if [r[0] for r in problem] != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(str(r[0]) for r in problem)[:300])
        ws = _read(conn)
        self._stored = True
        self._saved = {t.id: _last_txn(t) for t in ws.tickets.values()}
        return ws

    def _import(self, legacy: Path, make: Callable[[], Workspace]) -> Workspace:
        try:
            raw = legacy.read_bytes()
        except OSError as exc:
            self._set_aside(legacy, f"cannot be read ({exc.strerror or exc})")
            return self._fresh(make)
        try:
            ws = jsonfile.decode(raw)
        except DECODE_ERRORS as exc:
            self._set_aside(legacy, f"is damaged ({type(exc).__name__}: {exc})")
            return self._fresh(make)
        self._legacy = legacy
        try:
            return self._store_new(ws)
        except (OSError, sqlite3.Error) as exc:
            log.warning("The demo workspace %s could not be brought over to %s (%s); it stays as it is, and "
                        "changes last until the app closes unless a later save succeeds.",
                        legacy, self.path.name, _detail(exc))
            return ws

    def _fresh(self, make: Callable[[], Workspace]) -> Workspace:
        ws = make()
        try:
            return self._store_new(ws)
        except (OSError, sqlite3.Error) as exc:
            log.warning("The demo workspace could not be saved to %s (%s); changes last until the app "
                        "closes.", self.path, _detail(exc))
            return ws

    def _set_aside(self, path: Path, problem: str, *, sqlite: bool = False) -> None:
        """Move a file that cannot be used out of the way, under a name no other file has."""
        aside = path.with_name(path.name + ".corrupt")
        n = 1
        while os.path.lexists(aside):
            n += 1
            aside = path.with_name(f"{path.name}.corrupt-{n}")
        try:
            path.replace(aside)
            if sqlite:  # its journal goes with it, under the names SQLite looks for beside it
                for side in ("-wal", "-shm", "-journal"):
                    with contextlib.suppress(FileNotFoundError):
                        Path(f"{path}{side}").replace(Path(f"{aside}{side}"))
            log.warning("The demo workspace %s %s; it was moved to %s and a fresh one was made.",
                        path, problem, aside.name)
        except OSError as exc:
            log.warning("The demo workspace %s %s and could not be moved aside (%s); a fresh one was made.",
                        path, problem, exc.strerror or exc)

    # --- saving -----------------------------------------------------------------------------------

    def save(self, ws: Workspace, *, tickets: Iterable[int] = (), tasks: Iterable[str] = ()) -> None:
        """Write what changed: these tickets (their row and the transactions not in the file yet),
        these tasks, the id counters and the agents. Raises OSError or sqlite3.Error when the file
        cannot be written; what was not written is written by the next save."""
        with self._busy:
            self._save(ws, tickets, tasks)

    def _save(self, ws: Workspace, tickets: Iterable[int], tasks: Iterable[str]) -> None:
        self._tickets.update(tickets)
        self._tasks.update(tasks)
        if not self._stored:
            self._store_new(ws)
            return
        conn = self._connection()
        saved: dict[int, int] = {}
        with transaction(conn):  # rolled back whole on any failure (a full disk)
            for ticket_id in sorted(self._tickets):
                ticket = ws.tickets[ticket_id]
                conn.execute("INSERT OR REPLACE INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             _ticket_row(ticket))
                # Up to the last one now: a change made meanwhile (by a caller that stopped waiting
                # for this save) is written by its own save.
                after, last = self._saved.get(ticket_id, 0), _last_txn(ticket)
                conn.executemany("INSERT INTO txns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 [_txn_row(ticket.id, x) for x in ticket.txns if after < x.id <= last])
                saved[ticket_id] = last
            conn.executemany(
                """INSERT INTO tasks (id, customer, title, done, updated) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, title = excluded.title,
                       done = excluded.done, updated = excluded.updated""",
                [_task_row(ws.tasks[task_id]) for task_id in sorted(self._tasks)])
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", _meta_rows(ws))
        self._saved.update(saved)
        self._tickets.clear()
        self._tasks.clear()

    def _store_new(self, ws: Workspace) -> Workspace:
        """Write the whole workspace to a new file beside the target, then put it in place: the target
        is never half written. Another connector that made the file first wins: its workspace is read."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{STATE_FILE}.", suffix=".new")
        os.close(fd)  # mkstemp makes it owner-only (SQLite gives its journal files the same mode)
        tmp = Path(name)
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA synchronous=FULL")
                for statement in _statements(_SCHEMA):
                    conn.execute(statement)
                conn.execute("BEGIN")
                _write_all(conn, ws)
                conn.execute("COMMIT")
            finally:
                conn.close()
            try:
                os.link(tmp, self.path)  # only if there is no file there yet
            except FileExistsError:
                return self._load()
            except OSError:  # a file system without hard links
                tmp.replace(self.path)
        finally:
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}-journal").unlink(missing_ok=True)
        self._connection()
        self._stored = True
        self._saved = {t.id: _last_txn(t) for t in ws.tickets.values()}
        self._tickets.clear()
        self._tasks.clear()
        if self._legacy is not None:
            self._retire(self._legacy)
            self._legacy = None
        return ws

    def _retire(self, legacy: Path) -> None:
        done = legacy.with_name(legacy.name + ".imported")
        try:
            legacy.replace(done)
            log.info("The demo workspace %s was brought over to %s; the old file is now %s.",
                     legacy, self.path.name, done.name)
        except OSError as exc:
            log.warning("The demo workspace %s was brought over to %s, but could not be renamed (%s); it "
                        "is not read again.", legacy, self.path.name, exc.strerror or exc)

    # --- the connection ---------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            try:
                conn.execute("PRAGMA journal_mode=WAL")  # one write (and fsync) a change
                conn.execute("PRAGMA synchronous=FULL")  # a reply the helpdesk took survives a power cut
                # A change writes a few pages: copy them into the file every 100 (not SQLite's 1,000),
                # so that the journal beside it stays under half a megabyte.
                conn.execute("PRAGMA wal_autocheckpoint=100")
                conn.execute("PRAGMA journal_size_limit=524288")
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def close(self) -> None:
        """Close the file, once a save under way has ended (the next save opens it again)."""
        with self._busy:
            self._close()

    def _close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.close()


# --- rows -------------------------------------------------------------------------------------------


def _last_txn(t: TicketRec) -> int:
    return t.txns[-1].id if t.txns else 0


def _meta_rows(ws: Workspace) -> list[tuple[str, str]]:
    return [("format", _FORMAT),
            ("next", json.dumps([ws.next_ticket_id, ws.next_txn_id, ws.next_attachment_id])),
            ("agents", json.dumps(ws.agents, ensure_ascii=False))]


def _ticket_row(t: TicketRec) -> tuple[object, ...]:
    return (t.id, t.queue, t.subject, t.status.value, t.requestor, t.owner, t.priority, t.created.isoformat(),
            t.due.isoformat() if t.due else None, t.lang, t.topic)


def _txn_row(ticket_id: int, x: Txn) -> tuple[object, ...]:
    files = json.dumps([[a.id, a.filename, a.content_type, a.size] for a in x.attachments],
                       ensure_ascii=False)
    return (x.id, ticket_id, x.type.value, x.author, x.created.isoformat(), x.content, x.content_type, x.old,
            x.new, x.minutes, files)


def _task_row(t: TaskRec) -> tuple[object, ...]:
    return (t.id, t.customer, t.title, int(t.done), t.updated.isoformat())


def _write_all(conn: sqlite3.Connection, ws: Workspace) -> None:
    conn.executemany("INSERT INTO meta VALUES (?, ?)", _meta_rows(ws))
    conn.executemany("INSERT INTO queues VALUES (?, ?, ?, ?)",
                     [(n, q.remote_id, q.name, q.description) for n, q in enumerate(ws.queues)])
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?)",
                     [(n, c.email, c.name, c.organization) for n, c in enumerate(ws.customers.values())])
    conn.executemany("INSERT INTO snippets VALUES (?, ?, ?, ?, ?)",
                     [(n, s.remote_id, s.title, s.body, s.language) for n, s in enumerate(ws.snippets)])
    conn.executemany("INSERT INTO tasks VALUES (?, ?, ?, ?, ?)", [_task_row(t) for t in ws.tasks.values()])
    conn.executemany("INSERT INTO tickets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [_ticket_row(t) for t in ws.tickets.values()])
    conn.executemany("INSERT INTO txns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [_txn_row(t.id, x) for t in ws.tickets.values() for x in t.txns])


def _read(conn: sqlite3.Connection) -> Workspace:
    """The workspace, every value checked (ValueError, TypeError or KeyError when one is wrong)."""
    meta = {typed(k, str): typed(v, str) for k, v in conn.execute("SELECT key, value FROM meta")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if meta.get("format") != _FORMAT or version != _VERSION:
        raise ValueError("not a demo workspace of a known version")
    counters = typed(json.loads(meta["next"]), list)
    if len(counters) != 3:
        raise ValueError("expected 3 id counters")
    next_ticket, next_txn, next_attachment = (typed(v, int) for v in counters)
    tickets: dict[int, TicketRec] = {}
    for r in conn.execute("SELECT * FROM tickets ORDER BY id"):
        due = r[8]
        tickets[typed(r[0], int)] = TicketRec(
            id=typed(r[0], int), queue=typed(r[1], str), subject=typed(r[2], str), status=TicketStatus(r[3]),
            requestor=typed(r[4], str), owner=None if r[5] is None else typed(r[5], str),
            priority=typed(r[6], int), created=when(r[7]), due=None if due is None else when(due),
            lang=typed(r[9], str), topic=typed(r[10], str))
    last = 0
    for r in conn.execute("SELECT * FROM txns ORDER BY id"):
        ticket = tickets.get(typed(r[1], int))
        if ticket is None:
            raise ValueError(f"transaction {r[0]} belongs to no ticket")
        files = tuple(Attachment(typed(i, int), typed(n, str), typed(ct, str), typed(size, int))
                      for i, n, ct, size in (_items(f, 4) for f in _items(json.loads(typed(r[10], str)))))
        last = typed(r[0], int)
        ticket.txns.append(Txn(
            id=last, type=TxnType(r[2]), author=typed(r[3], str), created=when(r[4]),
            content=typed(r[5], str), content_type=typed(r[6], str), old=typed(r[7], str),
            new=typed(r[8], str), minutes=typed(r[9], int), attachments=files))
    if next_ticket <= max(tickets, default=0) or next_txn <= last:
        raise ValueError("the id counters are behind the data")  # new ids would collide
    customers = [Customer(typed(r[0], str), typed(r[1], str), typed(r[2], str))
                 for r in conn.execute("SELECT email, name, organization FROM customers ORDER BY position")]
    tasks = [TaskRec(typed(r[0], str), typed(r[1], str), typed(r[2], str), bool(typed(r[3], int)), when(r[4]))
             for r in conn.execute("SELECT id, customer, title, done, updated FROM tasks ORDER BY rowid")]
    return Workspace(
        queues=[Queue(typed(r[0], str), typed(r[1], str), typed(r[2], str)) for r in conn.execute(
            "SELECT remote_id, name, description FROM queues ORDER BY position")],
        agents=[typed(a, str) for a in _items(json.loads(meta["agents"]))],
        customers={c.email.lower(): c for c in customers},
        tickets=tickets,
        snippets=[Snippet(*(typed(v, str) for v in r)) for r in conn.execute(
            "SELECT remote_id, title, body, language FROM snippets ORDER BY position")],
        tasks={t.id: t for t in tasks},
        next_ticket_id=next_ticket, next_txn_id=next_txn, next_attachment_id=next_attachment,
    )


def _items(value: object, size: int | None = None) -> list[object]:
    items = typed(value, list)
    if size is not None and len(items) != size:
        raise ValueError(f"expected {size} items, got {len(items)}")
    return items


def _statements(script: str) -> list[str]:
    parts, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            parts.append(buffer.strip())
            buffer = ""
    return [p for p in parts if p]


def _detail(exc: BaseException) -> str:
    return str(exc.strerror or exc) if isinstance(exc, OSError) else str(exc)


def _problem(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"cannot be read ({exc.strerror or exc})"
    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorname", "") not in (
            "SQLITE_CORRUPT", "SQLITE_NOTADB", ""):
        return f"cannot be read ({exc})"
    return f"is damaged ({type(exc).__name__}: {exc})"
