"""Locks a process holds on a profile: one pusher per replica, one window per profile.

Two processes pushing the same outbox would each send every change (both read it "pending" before
either marks it sent); two windows on one profile would do that and confuse the agent. Each lock is an
exclusive, non-blocking lock on a file in the profile (`flock` on POSIX, `msvcrt.locking` on Windows).
The operating system drops it when its process ends, however it ends (kill -9, a crash, a power cut),
so a stale lock never blocks a profile.

The file also says who holds it (pid, role, since), so that another process can tell the agent that
"the window" or "monodesk sync" is syncing this profile.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO


class Role(StrEnum):
    WINDOW = "window"  # the desktop app; syncs for as long as it is open
    DAEMON = "daemon"  # `monodesk sync`; syncs until stopped
    ONCE = "once"  # `monodesk sync --once` and other short commands; done in seconds


@dataclass(frozen=True, slots=True)
class Holder:
    pid: int
    role: Role
    since: float  # time.time() when it took the lock

    def describe(self) -> str:
        if not self.pid:
            return "Another Monodesk process"
        who = {Role.WINDOW: "The Monodesk window", Role.DAEMON: "`monodesk sync`",
               Role.ONCE: "Another Monodesk command"}[self.role]
        return f"{who} (process {self.pid})"


class ProfileLock:
    """Not thread-safe and not reentrant across objects: one object per process and lock file."""

    def __init__(self, path: Path, role: Role) -> None:
        self.path = path
        self.role = role
        self._handle: IO[str] | None = None

    @classmethod
    def pusher(cls, replica: Path, role: Role) -> ProfileLock:
        """The lock of the one process that pushes this replica's outbox."""
        return cls(replica.with_name(replica.name + ".sync-lock"), role)

    @property
    def held(self) -> bool:
        return self._handle is not None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; True when this object holds it (again) afterwards."""
        if self._handle is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        handle = os.fdopen(fd, "r+", encoding="utf-8")
        if not _lock(handle):
            handle.close()
            return False
        self._handle = handle
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "role": self.role.value, "since": time.time()}))
        handle.flush()
        return True

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.seek(0)
                handle.truncate()
            _unlock(handle)
            handle.close()

    def holder(self) -> Holder | None:
        """Who holds the lock now (None: nobody, or it cannot be told)."""
        if self._handle is not None:
            return Holder(os.getpid(), self.role, time.time())
        if not self._taken():
            return None
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return Holder(int(raw["pid"]), Role(raw["role"]), float(raw["since"]))
        except (OSError, ValueError, TypeError, KeyError):
            return Holder(0, Role.ONCE, time.time())  # taken a moment ago: its note is not written yet

    def _taken(self) -> bool:
        """Whether some process holds the lock: probe it (and let go at once if we got it)."""
        try:
            fd = os.open(self.path, os.O_RDWR)
        except OSError:
            return False
        with os.fdopen(fd, "r+", encoding="utf-8") as handle:
            if _lock(handle):
                _unlock(handle)
                return False
        return True


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Windows locks byte ranges and refuses reads inside them: lock a byte far past the holder's note.
    _LOCK_OFFSET = 1 << 20

    def _lock(handle: IO[str]) -> bool:
        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            handle.seek(0)
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(_LOCK_OFFSET)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        handle.seek(0)

else:
    import fcntl

    def _lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
