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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

COMPACT_ABOVE_BYTES = 256 * 1024


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
        self._append({how: op_id})

    def unsent(self) -> list[Journaled]:
        """The changes queued and not ended, oldest first."""
        return self.read()[0]

    def read(self) -> tuple[list[Journaled], set[str]]:
        """(the changes queued and not ended, oldest first; the ids of the ended ones)."""
        found: dict[str, Journaled] = {}
        ended: set[str] = set()
        for record in self._records():
            if "queued" in record:
                q = record["queued"]
                try:
                    found[str(q["op_id"])] = Journaled(
                        str(q["op_id"]), str(q["account"]), q.get("ticket"), str(q["kind"]),
                        dict(q["payload"]), str(q.get("based_on_event") or ""), str(q["created_at"]))
                except (KeyError, TypeError, ValueError):
                    continue
            for how in ("done", "discarded"):
                if how in record:
                    ended.add(str(record[how]))
                    found.pop(str(record[how]), None)
        return list(found.values()), ended

    def compact(self, still_open: set[str]) -> None:
        """Rewrite the journal with only the changes the replica still holds as unsent, once it has
        grown past COMPACT_ABOVE_BYTES."""
        try:
            if self.path.stat().st_size < COMPACT_ABOVE_BYTES:
                return
        except FileNotFoundError:
            return
        with self._locked() as handle:
            handle.seek(0)
            keep = []
            for line in handle.read().splitlines():
                record = _parse(line)
                if record is not None and "queued" in record and record["queued"].get("op_id") in still_open:
                    keep.append(line)
            fresh = self.path.with_name(self.path.name + ".new")
            fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write("".join(f"{line}\n" for line in keep))
                out.flush()
                os.fsync(out.fileno())
            fresh.replace(self.path)

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


def _parse(line: str) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None  # a line cut by a crash or a full disk: the rest is still good
    return record if isinstance(record, dict) else None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def _unlock(handle: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
