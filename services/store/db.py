"""Opening the replica: pragmas, migrations, transactions."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import overload

from services.store.faults import StoreError, named_faults
from services.store.schema import MIGRATIONS

__all__ = ["StoreError", "from_db_time", "open_database", "quick_check", "to_db_time", "transaction",
           "utc_now"]

# The replica holds customers' messages: readable by its owner only (SQLite gives its -wal and -shm
# files the database file's mode).
FILE_MODE = 0o600


def open_database(path: Path) -> sqlite3.Connection:
    """Open (creating or upgrading) the replica. Storage faults raise a StoreError that says what to do."""
    with named_faults(path):
        return _open(path)


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    owner_only(path, create=True)
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        owner_only(side, create=False)
    # isolation_level=None: we issue BEGIN ourselves, so a transaction spans exactly what we say.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed reply survives a power cut, not just a crash. Writes are batched, so cheap.
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=30000")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def owner_only(path: Path, *, create: bool) -> None:
    """Give a profile file the owner-only mode, creating it empty first when asked (so it is never,
    even briefly, readable by others)."""
    if create and not path.exists():
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE))
    with contextlib.suppress(FileNotFoundError):
        if path.stat().st_mode & 0o077:
            path.chmod(FILE_MODE)


def quick_check(conn: sqlite3.Connection) -> str | None:
    """None when SQLite finds the file sound (PRAGMA quick_check: the b-trees, not the indexes'
    contents, so a fraction of integrity_check's time), else its first complaint."""
    rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    found = [str(r[0]) for r in rows]
    return None if found == ["ok"] else "; ".join(found)[:500]


def migrate(conn: sqlite3.Connection) -> None:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreError(
            f"The local data was written by a newer Monodesk (schema {version}, this one knows "
            f"{len(MIGRATIONS)}). Update Monodesk, or start it with another --data-dir."
        )
    for number in range(version, len(MIGRATIONS)):
        with transaction(conn):
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")


def _statements(script: str) -> list[str]:
    # executescript() would COMMIT our transaction; split instead so a failed migration rolls back.
    parts: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            parts.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        parts.append(buffer.strip())
    return [p for p in parts if p]


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception. Not reentrant on purpose.

    On a full disk SQLite may already have rolled the transaction back itself; a ROLLBACK then fails
    with "cannot rollback - no transaction is active", which must not hide the real cause."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


@overload
def to_db_time(value: datetime) -> str: ...
@overload
def to_db_time(value: None) -> None: ...
@overload
def to_db_time(value: datetime | None) -> str | None: ...
def to_db_time(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds")


def from_db_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
