"""The sync engine: push the outbox, then pull, on an interval and on demand; offline is a normal state.

It owns no UI: observers get an EngineStatus after every change of state, and the replica's Changes
after every cycle that wrote something, on the event loop's thread (they must return quickly: the
window only notes them and reads later, off this coroutine).
Nothing stops it but its cancellation: an unreachable helpdesk, refused credentials, a full disk or a
bug in one cycle are logged, shown to observers and retried (with backoff), and an observer that
raises is logged and skipped. With a pusher lock (services.store.profile_lock), it only pushes while
this process holds the account's lock; meanwhile it says who syncs instead, and tries again shortly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from services.backends.base import (
    BackendError,
    BadPayload,
    CannedReplies,
    Connector,
    Forbidden,
    NotFound,
    RateLimited,
    Rejected,
    SignedOut,
)
from services.changes import NOTHING, Changes
from services.domain import SyncReport
from services.store import Store
from services.store.asyncstore import AsyncStore
from services.store.db import utc_now
from services.store.faults import StoreError
from services.store.profile_lock import Holder, ProfileLock
from services.store.recovery import reconcile
from services.sync.pull import pull_queues, pull_tickets
from services.sync.pull_tasks import pull_tasks
from services.sync.push import push_outbox
from services.sync.status import LAST_SYNC_KEY, EngineStatus, SyncState

log = logging.getLogger(__name__)

# Queues and snippets change rarely: refresh them every this many cycles, not every time.
_SLOW_REFRESH_EVERY = 10
_MAX_ERROR_TEXT = 300

Renew = Callable[[], Awaitable[Connector | None]]


class SyncedElsewhere(Exception):
    """Another process holds the profile's pusher lock: it syncs, this one must not push."""

    def __init__(self, holder: Holder | None) -> None:
        self.holder = holder
        who = holder.describe() if holder else "Another Monodesk process"
        super().__init__(f"{who} is syncing this profile; changes queued here are sent by it.")


class SyncEngine:
    def __init__(self, connector: Connector, store: AsyncStore, account_id: int, me: str, *,
                 interval: float = 60.0, max_backoff: float = 300.0,
                 rng: random.Random | None = None, lock: ProfileLock | None = None,
                 renew: Renew | None = None, lock_poll: float = 5.0, settle_after_doubt: float = 30.0,
                 clock: Callable[[], datetime] = utc_now) -> None:
        """lock: the account's pusher lock (None: the caller guarantees a single pusher, as tests do).
        renew: after the helpdesk refused the credentials, a fresh connector when they changed (a
        token renewed by another process or window), else None.
        settle_after_doubt: after an attempt that may have reached the helpdesk, how long to wait
        before looking for it in the history (services.sync.push)."""
        self._connector = connector
        self._store = store
        self._account_id = account_id
        self._me = me
        self._interval = interval
        self._max_backoff = max_backoff
        self._rng = rng or random.Random()
        self._pusher = lock
        self._renew = renew
        self._lock_poll = lock_poll
        self._settle = settle_after_doubt
        self._clock = clock
        self._renew_due = False
        self._told_signed_out = False
        self._missing_queues: tuple[str, ...] = ()
        self._settle_in: float | None = None  # a change left to settle: sync again then, not later
        self._wake = asyncio.Event()
        self._cycles = 0
        self._failures = 0
        self._lock = asyncio.Lock()
        self.status = EngineStatus()
        self._observers: list[Callable[[EngineStatus], None]] = []
        self._change_observers: list[Callable[[Changes], None]] = []

    @property
    def connector(self) -> Connector:
        return self._connector

    def observe(self, callback: Callable[[EngineStatus], None]) -> None:
        self._observers.append(callback)

    def observe_changes(self, callback: Callable[[Changes], None]) -> None:
        """callback gets what each cycle changed in the replica (not called when nothing changed)."""
        self._change_observers.append(callback)

    def request_sync(self) -> None:
        """Sync now (e.g. the agent pressed refresh, or queued a change)."""
        self._wake.set()

    async def fetch_ticket(self, remote_id: str) -> None:
        """One ticket the agent asked for by number and the replica does not hold (or holds without
        its thread), read from the helpdesk now and kept. Raises NotFound when it does not exist or is
        not visible to the agent, another BackendError when the helpdesk cannot be reached."""
        history = await self._connector.ticket_history(remote_id)
        account = self._account_id
        await self._store.call(lambda s: s.replica.apply_histories(account, [history]))
        ids = frozenset((history.ticket.remote_id,))
        self._publish(Changes(tickets=ids, threads=ids, customers=frozenset(
            (history.ticket.customer.email.lower(),) if history.ticket.customer else ())))

    async def sync_once(self) -> SyncReport:
        """One push + pull cycle. Raises BackendError when the helpdesk cannot be reached,
        SyncedElsewhere when another process syncs this profile, StoreError on a storage fault."""
        async with self._lock:
            if self._pusher is not None and not self._pusher.try_acquire():
                busy = SyncedElsewhere(self._pusher.holder())
                # When the other process last synced: the window shows whether it is keeping up.
                mark = await self._store.call(lambda s: s.accounts.get_state(self._account_id, LAST_SYNC_KEY))
                self._set(state=SyncState.ELSEWHERE, last_error=str(busy), retry_in=None,
                          last_sync=_parse_time(mark) or self.status.last_sync)
                raise busy
            await self._renew_connector()
            self._set(state=SyncState.SYNCING)
            try:
                report = await self._cycle()
            except BackendError as exc:
                self._set(state=SyncState.SIGNED_OUT if isinstance(exc, SignedOut) else SyncState.OFFLINE,
                          last_error=str(exc))
                raise
            except Exception as exc:
                self._set(state=SyncState.PROBLEM, last_error=_describe(exc))
                raise
            now = utc_now()
            self._set(state=SyncState.IDLE, last_sync=now, last_error=None, retry_in=None,
                      missing_queues=self._missing_queues)
            return report

    async def _cycle(self) -> SyncReport:
        report = SyncReport()
        account = self._account_id
        changed = NOTHING
        if self._cycles == 0:  # before this process pushes anything: the outbox agrees with its journal
            restored = await self._store.call(lambda s: reconcile(s.conn, s.outbox.journal))
            if restored:
                changed |= Changes(everything=True)
                self._set(restored_changes=restored)
                report.warnings.append(
                    f"{restored} unsent change(s) missing from the local data (replaced or emptied?) were "
                    "put back from the outbox journal; each is looked for in the helpdesk before it is sent.")
        pushed = await push_outbox(self._connector, self._store, account, self._me, settle=self._settle,
                                   now=self._clock)
        self._settle_in = pushed.settle_in
        if pushed.tickets_touched or pushed.pushed or pushed.already_delivered or pushed.conflicts \
                or pushed.failed:
            touched = frozenset(pushed.tickets_touched)
            changed |= Changes(tickets=touched, threads=touched, outbox=True,
                               tasks=frozenset(pushed.tasks_touched))
        report.ops_pushed = pushed.pushed + pushed.already_delivered
        report.conflicts = pushed.conflicts
        report.warnings.extend(pushed.errors)
        slow_refresh = self._cycles % _SLOW_REFRESH_EVERY == 0
        if slow_refresh or not await self._has_queues():
            self._missing_queues = tuple(await pull_queues(self._connector, self._store, account))
            changed |= Changes(queues=True, snippets=await self._pull_snippets())
        report.warnings.extend(
            f"The queue {name} is not visible to you in the helpdesk any more: it stays among your "
            "queues and is synced again when it comes back." for name in self._missing_queues)
        pulled = await pull_tickets(self._connector, self._store, account,
                                    extra_tickets=pushed.tickets_touched)
        report.tickets_pulled = pulled.tickets
        report.messages_pulled = pulled.messages
        report.errors = pulled.errors
        touched = frozenset(pulled.touched)
        changed |= Changes(tickets=touched, threads=touched, customers=frozenset(pulled.emails))
        try:
            customers = await pull_tasks(self._connector, self._store, account, self._clock,
                                         complete=slow_refresh)
        except (BadPayload, Forbidden, NotFound, Rejected) as exc:  # the tickets still sync
            log.warning("customer tasks not read: %s", exc)
            report.warnings.append(f"Customer tasks could not be read this time: {exc}")
            customers = set()
        changed |= Changes(tasks=frozenset(customers))
        self._cycles += 1
        now = utc_now()

        def record(s: Store) -> None:
            s.accounts.set_state(account, LAST_SYNC_KEY, now.isoformat())
            # Changes the history has confirmed were just replaced by their pulled copies.
            s.outbox.prune_done(account)
            s.outbox.compact_journal()

        await self._store.call(record)
        self._publish(changed)
        return report

    async def run(self) -> None:
        """Sync until cancelled: on the interval, on request, and after failures with capped,
        jittered backoff. Lets go of the account's lock when it ends."""
        try:
            while True:
                self._wake.clear()
                await self._sleep(await self._attempt())
        finally:
            if self._pusher is not None:
                self._pusher.release()

    async def _attempt(self) -> float:
        """One cycle, whatever happens in it; returns the delay until the next one."""
        try:
            await self.sync_once()
        except SyncedElsewhere:
            return self._lock_poll
        except SignedOut as exc:
            # The token may be renewed meanwhile (another window, `monodesk account add`): read it
            # again and retry on the interval, without hammering the helpdesk. Said once.
            if not self._told_signed_out:
                log.warning("signed out (%s); retrying every %.0f s", exc, self._interval)
                self._told_signed_out = True
            self._renew_due = True
            self._set(retry_in=self._interval)
            return self._interval
        except BackendError as exc:
            self._failures += 1
            delay = self._backoff(exc)
            self._set(retry_in=delay)
            log.info("sync failed (%s); retrying in %.0f s", exc, delay)
            return delay
        except Exception as exc:
            # A full disk, a damaged file, a bug: the engine must not die with it (the status would
            # say "syncing" forever). The traceback goes to the log once per streak.
            self._failures += 1
            delay = self._backoff(None)
            if self._failures == 1 and not isinstance(exc, StoreError):
                log.error("sync cycle failed; retrying in %.0f s", delay, exc_info=exc)
            else:
                log.warning("sync cycle failed (%s); retrying in %.0f s", _describe(exc), delay)
            self._set(state=SyncState.PROBLEM, last_error=_describe(exc), retry_in=delay)
            return delay
        self._failures = 0
        self._told_signed_out = False
        if self._settle_in is not None:
            return min(self._interval, self._settle_in + 0.5)
        return self._interval

    async def _renew_connector(self) -> None:
        if not self._renew_due or self._renew is None:
            return
        self._renew_due = False
        fresh = await self._renew()
        if fresh is not None and fresh is not self._connector:
            old, self._connector = self._connector, fresh
            with contextlib.suppress(Exception):
                await old.aclose()
            log.info("credentials changed: using the new ones")

    def _backoff(self, exc: BackendError | None) -> float:
        if isinstance(exc, RateLimited) and exc.retry_after:
            return min(exc.retry_after, self._max_backoff)
        ceiling = min(self._max_backoff, 2.0 ** min(max(self._failures, 1), 10))
        return self._rng.uniform(ceiling / 2, ceiling)

    async def _sleep(self, delay: float | None) -> None:
        with contextlib.suppress(TimeoutError):
            # Not wait_for: on Python 3.11 it can swallow a cancellation that arrives as the event
            # fires, and the engine would then outlive its shutdown.
            async with asyncio.timeout(delay):
                await self._wake.wait()

    async def _has_queues(self) -> bool:
        return bool(await self._store.call(lambda s: s.accounts.queues(self._account_id)))

    async def _pull_snippets(self) -> bool:
        connector = self._connector
        if not isinstance(connector, CannedReplies):  # the helpdesk keeps none: the composer offers none
            return False
        snippets = await connector.snippets()
        await self._store.call(lambda s: s.replica.replace_snippets(self._account_id, snippets))
        return True

    def _publish(self, changes: Changes) -> None:
        if not changes:
            return
        for callback in list(self._change_observers):
            try:
                callback(changes)
            except Exception:
                log.exception("a change observer failed")

    def _set(self, **changes: object) -> None:
        self.status = replace(self.status, **changes)  # type: ignore[arg-type]
        for callback in list(self._observers):
            try:
                callback(self.status)
            except Exception:
                # An observer's failure (a window being closed, a bug in a view) never stops sync.
                log.exception("a sync observer failed")


def _parse_time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _describe(exc: BaseException) -> str:
    """A line for the agent: storage faults already speak for themselves; anything else is named."""
    text = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {exc}"
    return " ".join(text.split())[:_MAX_ERROR_TEXT]
