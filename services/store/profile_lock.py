"""Locks a process holds on a profile: one pusher per account, one window per profile, and the users of
the replica file.

Two processes pushing the same outbox would each send every change (both read it "pending" before
either marks it sent); two windows on one profile would do that and confuse the agent; a repair that
replaces the replica file under a process that still has it open would lose that process's writes.
Each lock is a `flock` on a file in the profile (`msvcrt.locking` on Windows, exclusive only). The
operating system drops it when its process ends, however it ends (kill -9, a crash, a power cut), so a
stale lock never blocks a profile.

The file also says who holds it (pid, role, since), so that another process can tell the agent that
"the window" or "monodesk sync" is syncing this profile. Telling who holds a lock only reads that note
(and whether its process is alive): it never takes the lock, even for an instant, so it cannot make the
real holder's attempt fail.
"""

from __future__ import annotations

import contextlib
import hashlib
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

    def __init__(self, path: Path, role: Role, *, shared: bool = False) -> None:
        """shared: many holders at once (the replica's users), none while an exclusive one holds it."""
        self.path = path
        self.role = role
        self.shared = shared
        self._handle: IO[str] | None = None

    @classmethod
    def pusher(cls, replica: Path, account: str, role: Role) -> ProfileLock:
        """The lock of the one process that pushes this account's outbox in this replica."""
        key = hashlib.sha256(account.encode()).hexdigest()[:12]
        return cls(replica.with_name(f"{replica.name}.sync-lock-{key}"), role)

    @classmethod
    def users(cls, replica: Path, role: Role, *, exclusive: bool = False) -> ProfileLock:
        """Held shared by every process that has the replica open; exclusive by a repair."""
        return cls(replica.with_name(replica.name + ".users-lock"), role, shared=not exclusive)

    @property
    def held(self) -> bool:
        return self._handle is not None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; True when this object holds it (again) afterwards."""
        if self._handle is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            handle = os.fdopen(fd, "r+", encoding="utf-8")
            if not _lock(handle, shared=self.shared):
                handle.close()
                return False
            if _same_file(handle, self.path):
                break
            # The file was replaced or removed between open and lock: that lock guards nothing.
            _unlock(handle)
            handle.close()
        else:
            return False
        self._handle = handle
        if not self.shared:
            with contextlib.suppress(OSError):  # the note only informs others; a full disk must not stop us
                handle.seek(0)
                handle.truncate()
                handle.write(json.dumps({"pid": os.getpid(), "role": self.role.value, "since": time.time()}))
                handle.flush()
        return True

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            if not self.shared:
                with contextlib.suppress(OSError):
                    handle.seek(0)
                    handle.truncate()
            _unlock(handle)
            with contextlib.suppress(OSError):
                handle.close()

    def holder(self) -> Holder | None:
        """Who holds this exclusive lock now (None: nobody)."""
        if self._handle is not None:
            return Holder(os.getpid(), self.role, time.time())
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            return None
        try:
            raw = json.loads(text)
            holder = Holder(int(raw["pid"]), Role(raw["role"]), float(raw["since"]))
        except (ValueError, TypeError, KeyError):
            return None  # no note: free (or taken a moment ago, its note not written yet)
        if not _alive(holder.pid):
            return None  # a note left by a process that died without releasing: the lock went with it
        return holder


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.fstat(handle.fileno()).st_ino == path.stat().st_ino
    except OSError:
        return False


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Windows locks byte ranges and refuses reads inside them: lock a byte far past the holder's note.
    _LOCK_OFFSET = 1 << 20

    def _lock(handle: IO[str], *, shared: bool) -> bool:
        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # no shared locks here: exclusive
        except OSError:
            return shared  # a user of the replica proceeds; only a repair needs it to itself
        finally:
            handle.seek(0)
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(_LOCK_OFFSET)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        handle.seek(0)

    def _alive(pid: int) -> bool:
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        process = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not process:
            return False
        kernel.CloseHandle(process)
        return True

else:
    import fcntl

    def _lock(handle: IO[str], *, shared: bool) -> bool:
        try:
            fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # alive, another user's
        return True
