"""The sync engine: push the outbox, then pull, on an interval and on demand; offline is a normal state.

It owns no UI: observers get an EngineStatus after every change of state, on the event loop's thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from dataclasses import replace

from services.backends.base import BackendError, Connector, RateLimited, SignedOut
from services.domain import SyncReport
from services.store.asyncstore import AsyncStore
from services.store.db import utc_now
from services.sync.pull import pull_queues, pull_tickets
from services.sync.push import push_outbox
from services.sync.status import LAST_SYNC_KEY, EngineStatus, SyncState

log = logging.getLogger(__name__)

# Queues and snippets change rarely: refresh them every this many cycles, not every time.
_SLOW_REFRESH_EVERY = 10


class SyncEngine:
    def __init__(self, connector: Connector, store: AsyncStore, account_id: int, me: str, *,
                 interval: float = 60.0, max_backoff: float = 300.0,
                 rng: random.Random | None = None) -> None:
        self._connector = connector
        self._store = store
        self._account_id = account_id
        self._me = me
        self._interval = interval
        self._max_backoff = max_backoff
        self._rng = rng or random.Random()
        self._wake = asyncio.Event()
        self._cycles = 0
        self._failures = 0
        self._lock = asyncio.Lock()
        self.status = EngineStatus()
        self._observers: list[Callable[[EngineStatus], None]] = []

    def observe(self, callback: Callable[[EngineStatus], None]) -> None:
        self._observers.append(callback)

    def request_sync(self) -> None:
        """Sync now (e.g. the agent pressed refresh, or queued a change)."""
        self._wake.set()

    async def sync_once(self) -> SyncReport:
        """One push + pull cycle. Raises BackendError when the helpdesk cannot be reached."""
        async with self._lock:
            self._set(state=SyncState.SYNCING)
            report = SyncReport()
            try:
                pushed = await push_outbox(self._connector, self._store, self._account_id, self._me)
                report.ops_pushed = pushed.pushed + pushed.already_delivered
                report.conflicts = pushed.conflicts
                if self._cycles % _SLOW_REFRESH_EVERY == 0 or not await self._has_queues():
                    await pull_queues(self._connector, self._store, self._account_id)
                    await self._pull_snippets()
                pulled = await pull_tickets(self._connector, self._store, self._account_id,
                                            extra_tickets=pushed.tickets_touched)
            except BackendError as exc:
                self._set(state=SyncState.SIGNED_OUT if isinstance(exc, SignedOut) else SyncState.OFFLINE,
                          last_error=str(exc))
                raise
            report.tickets_pulled = pulled.tickets
            report.messages_pulled = pulled.messages
            report.errors = pulled.errors
            self._cycles += 1
            now = utc_now()
            await self._store.call(
                lambda s: s.accounts.set_state(self._account_id, LAST_SYNC_KEY, now.isoformat()))
            self._set(state=SyncState.IDLE, last_sync=now, last_error=None, retry_in=None)
            return report

    async def run(self) -> None:
        """Sync forever: on the interval, on request, and after failures with capped, jittered backoff."""
        while True:
            self._wake.clear()
            try:
                await self.sync_once()
                self._failures = 0
                delay = self._interval
            except SignedOut:
                delay = None  # wait for new credentials or an explicit request
            except BackendError as exc:
                self._failures += 1
                delay = self._backoff(exc)
                self._set(retry_in=delay)
                log.info("sync failed (%s); retrying in %.0f s", exc, delay)
            await self._sleep(delay)

    def _backoff(self, exc: BackendError) -> float:
        if isinstance(exc, RateLimited) and exc.retry_after:
            return min(exc.retry_after, self._max_backoff)
        ceiling = min(self._max_backoff, 2.0 ** min(self._failures, 10))
        return self._rng.uniform(ceiling / 2, ceiling)

    async def _sleep(self, delay: float | None) -> None:
        with contextlib.suppress(TimeoutError):
            # Not wait_for: on Python 3.11 it can swallow a cancellation that arrives as the event
            # fires, and the engine would then outlive its shutdown.
            async with asyncio.timeout(delay):
                await self._wake.wait()

    async def _has_queues(self) -> bool:
        return bool(await self._store.call(lambda s: s.accounts.queues(self._account_id)))

    async def _pull_snippets(self) -> None:
        if not self._connector.capabilities.canned_replies:
            return
        snippets = await self._connector.snippets()
        await self._store.call(lambda s: s.replica.replace_snippets(self._account_id, snippets))

    def _set(self, **changes: object) -> None:
        self.status = replace(self.status, **changes)  # type: ignore[arg-type]
        for callback in self._observers:
            callback(self.status)
