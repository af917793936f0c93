"""What the sync engine tells its observers. Apart from the engine so that the window can show it
without loading the engine (and asyncio) before its first paint."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

LAST_SYNC_KEY = "last_sync"  # in the account's sync_state rows: when its last full cycle ended


class SyncState(StrEnum):
    IDLE = "idle"  # online, waiting for the next cycle
    SYNCING = "syncing"
    OFFLINE = "offline"  # unreachable or failing: retrying with backoff by itself
    SIGNED_OUT = "signed_out"  # credentials refused: retried on the interval (the token may be renewed)
    PROBLEM = "problem"  # something else failed (the disk, a bug): logged, retried with backoff
    ELSEWHERE = "elsewhere"  # another Monodesk process syncs this profile; this one waits its turn


@dataclass(frozen=True, slots=True)
class EngineStatus:
    state: SyncState = SyncState.IDLE
    last_sync: datetime | None = None
    last_error: str | None = None
    retry_in: float | None = None
    # Chosen queues the helpdesk does not list now (rights taken away?): kept chosen, not pulled.
    missing_queues: tuple[str, ...] = ()
    # Unsent changes put back from the outbox journal when this engine started (the replica lacked them).
    restored_changes: int = 0
