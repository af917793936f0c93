"""Storage faults told apart from bugs: a full disk, a read-only folder, a damaged file, a busy database.

SQLite reports all of them as sqlite3.OperationalError or DatabaseError with a terse text ("disk I/O
error", "file is not a database"). Each environment fault becomes a StoreError subclass whose message
says what is wrong, where, and what to do; anything else (a bug: bad SQL, a constraint) is left as it is.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# SQLite primary result codes (https://www.sqlite.org/rescode.html).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 3, 5, 6, 8, 10, 11, 13, 14, 26
# Below this much free space, an I/O error while writing is taken for a full disk: SQLite reports a
# failed write of its journal as "disk I/O error", not as "database or disk is full".
_NEARLY_FULL_BYTES = 4 * 1024 * 1024


class StoreError(Exception):
    """The replica cannot be used: a storage fault, or a file written by a newer Monodesk."""


class DiskFull(StoreError):
    pass


class ReadOnlyStorage(StoreError):
    pass


class DamagedStore(StoreError):
    pass


class StoreBusy(StoreError):
    pass


class StorageIOError(StoreError):
    pass


def classify(exc: BaseException, path: Path) -> StoreError | None:
    """The storage fault behind `exc` (raised while using the replica at `path`), or None for a bug."""
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, OSError):
        return _os_fault(exc, path)
    if not isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) or isinstance(
            exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return None
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    detail = str(exc)
    if code == _FULL or (code == _IOERR and _nearly_full(path)):
        return disk_full(path.parent)
    if code in (_READONLY, _PERM, _CANTOPEN):
        return read_only(path.parent, detail)
    if code in (_CORRUPT, _NOTADB):
        return damaged(path, detail)
    if code in (_BUSY, _LOCKED):
        return StoreBusy(
            f"Another program kept Monodesk's local data ({path}) locked for too long ({detail}). "
            "Close other programs that may have it open (a backup or sync tool) and try again.")
    if code == _IOERR:
        return StorageIOError(
            f"The disk reported an error while Monodesk used its local data ({path}: {detail}). Check the "
            "disk (it may be failing or disconnected); nothing queued was lost, Monodesk retries.")
    return None


@contextmanager
def named_faults(path: Path) -> Iterator[None]:
    """Inside: a storage fault of the replica at `path` comes out as the StoreError that says what to
    do (the original as its cause); a bug comes out as it was."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        fault = classify(exc, path)
        if fault is None:
            raise
        raise fault from exc


def disk_full(folder: Path) -> DiskFull:
    return DiskFull(
        f"The disk holding Monodesk's local data is full ({folder}). Free some space: nothing "
        "you queued was lost, and Monodesk goes on by itself once there is room.")


def read_only(folder: Path, detail: str) -> ReadOnlyStorage:
    return ReadOnlyStorage(
        f"Monodesk cannot write its local data in {folder} ({detail}). Check that the folder is "
        "yours and writable (and the disk not mounted read-only), or start Monodesk with --data-dir "
        "pointing to a writable folder.")


def damaged(path: Path, detail: str) -> DamagedStore:
    return DamagedStore(
        f"Monodesk's local data file {path} is damaged ({detail}). Run `monodesk repair` (or restart "
        "the window, which repairs it): it puts the file aside, restores the last good copy and keeps "
        "your unsent changes; the helpdesk then brings the rest back.")


def _os_fault(exc: OSError, path: Path) -> StoreError | None:
    where = Path(exc.filename) if exc.filename else path
    folder = where if where.is_dir() else where.parent
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return disk_full(folder)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return read_only(folder, exc.strerror or str(exc))
    if exc.errno == errno.EIO:
        return StorageIOError(f"The disk reported an error on {where} ({exc.strerror}). Check the disk.")
    return None


def _nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL_BYTES
    except OSError:
        return False
