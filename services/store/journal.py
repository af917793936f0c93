"""A second record of the agent's unsent changes, outside the replica: the outbox journal.

The replica's last good copy is at most a day old; a replica overwritten or cut short by another
program (or a failing disk) would take the day's unsent replies with it. So every change queued is
also appended, after its transaction committed, to a small JSON-lines file beside the replica, and so
is its end (sent, or discarded by the agent). `services.store.recovery.repair` puts back what the
journal holds as unsent and the restored replica does not, as maybe delivered (checked against the
ticket's history before it is sent, so a change sent after all is not sent twice).

The journal is compacted to the changes still unsent once it grows. Several processes may append:
each append and the compaction hold an exclusive lock on the file, and an appender that finds the file
replaced meanwhile appends to the new one.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

COMPACT_ABOVE_BYTES = 256 * 1024
# A discarded change's end is remembered this long after compaction: longer than the last good copy is
# old, so a repair from that copy never brings back (and sends) what the agent took back.
KEEP_DISCARDS_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Journaled:
    """A change the journal holds as queued and not ended."""

    op_id: str
    account: str  # the account's name (ids differ between a replica and its restored copy)
    ticket_remote_id: str | None
    kind: str
    payload: dict[str, Any]
    based_on_event: str
    created_at: str


@dataclass(frozen=True, slots=True)
class JournalContents:
    queued: list[Journaled]  # every change the journal still holds, ended or not, oldest first
    ended: dict[str, str]  # op id -> "done" (the helpdesk has it) or "discarded" (the agent took it back)

    @property
    def unsent(self) -> list[Journaled]:
        return [change for change in self.queued if change.op_id not in self.ended]


class OutboxJournal:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def beside(cls, replica: Path) -> OutboxJournal:
        return cls(replica.with_name(replica.name + ".outbox-journal"))

    def queued(self, change: Journaled) -> None:
        self._append({"queued": {
            "op_id": change.op_id, "account": change.account, "ticket": change.ticket_remote_id,
            "kind": change.kind, "payload": change.payload, "based_on_event": change.based_on_event,
            "created_at": change.created_at}})

    def ended(self, op_id: str, how: str) -> None:
        """how: "done" (the helpdesk has it) or "discarded" (the agent took it back)."""
        self._append({how: op_id, "at": time.time()})

    def unsent(self) -> list[Journaled]:
        """The changes queued and not ended, oldest first."""
        return self.read().unsent

    def read(self) -> JournalContents:
        queued: dict[str, Journaled] = {}
        ended: dict[str, str] = {}
        for record in self._records():
            if "queued" in record:
                q = record["queued"]
                try:
                    queued[str(q["op_id"])] = Journaled(
                        str(q["op_id"]), str(q["account"]), q.get("ticket"), str(q["kind"]),
                        dict(q["payload"]), str(q.get("based_on_event") or ""), str(q["created_at"]))
                except (KeyError, TypeError, ValueError):
                    continue
            for how in ("done", "discarded"):
                if how in record:
                    ended[str(record[how])] = how
        return JournalContents(list(queued.values()), ended)

    def needs_compaction(self) -> bool:
        try:
            return self.path.stat().st_size >= COMPACT_ABOVE_BYTES
        except OSError:
            return False

    def compact(self, known: set[str], still_open: set[str]) -> None:
        """Once the journal has grown past COMPACT_ABOVE_BYTES, drop what it no longer needs: changes
        the replica holds as finished (or that ended, by the journal). Kept: changes the replica holds
        as unsent, changes it does not know (queued by another process after `known` was read: the
        lock below orders the appends, not the replica's reads) and recent discards.
        Best effort: a journal that cannot be compacted now is compacted another time."""
        if not self.needs_compaction():
            return
        try:
            with self._locked() as handle:
                handle.seek(0)
                lines = handle.read().splitlines()
                ended = {str(r.get("done") or r.get("discarded")) for r in map(_parse, lines)
                         if r is not None and ("done" in r or "discarded" in r)}
                recent = time.time() - KEEP_DISCARDS_SECONDS
                keep = []
                for line in lines:
                    record = _parse(line)
                    if record is None:
                        continue
                    if "queued" in record:
                        op_id = str(record["queued"].get("op_id"))
                        if op_id in still_open or (op_id not in known and op_id not in ended):
                            keep.append(line)
                    elif "discarded" in record and float(record.get("at") or 0) >= recent:
                        keep.append(line)
                _rewrite(self.path, handle, keep)
        except OSError as exc:
            log.warning("outbox journal not compacted (%s); it is tried again later", exc)

    # --- internals ---------------------------------------------------------------------------------

    def _append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        try:
            with self._locked() as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            # The replica committed the change: the journal is the spare copy, and a full disk must
            # not turn a queued reply into a failed one.
            log.warning("outbox journal not written (%s): the replica alone holds this change", exc)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[IO[str]]:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            handle = os.fdopen(fd, "r+", encoding="utf-8")
            try:
                _lock(handle)
                try:
                    current: int | None = self.path.stat().st_ino
                except FileNotFoundError:
                    current = None
                if os.fstat(handle.fileno()).st_ino == current:
                    yield handle
                    return
                # Compacted (replaced) while we waited for the lock: use the new file.
            finally:
                _unlock(handle)
                handle.close()

    def _records(self) -> Iterator[dict[str, Any]]:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        for line in text.splitlines():
            record = _parse(line)
            if record is not None:
                yield record


def _rewrite(path: Path, handle: IO[str], lines: list[str]) -> None:
    """The journal's new content, all or nothing where the platform allows."""
    text = "".join(f"{line}\n" for line in lines)
    if sys.platform == "win32":  # pragma: no cover - a file open here cannot be replaced on Windows
        handle.seek(0)
        handle.truncate()
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
        return
    fresh = path.with_name(path.name + ".new")
    fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    fresh.replace(path)


def _parse(line: str) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None  # a line cut by a crash or a full disk: the rest is still good
    return record if isinstance(record, dict) else None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # A byte far past any journal's end: the lock stays at one place while appends move the end.
    _LOCK_OFFSET = 1 << 40

    def _lock(handle: IO[str]) -> None:
        handle.seek(_LOCK_OFFSET)
        try:
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises
                    return
                except OSError:
                    continue
        finally:
            handle.seek(0, os.SEEK_END)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(_LOCK_OFFSET)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        handle.seek(0, os.SEEK_END)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
