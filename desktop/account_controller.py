"""The active account behind the window: its replica threads, its desk, its connector and sync engine;
switching to another account; stopping it all without blocking the GUI thread.

The window shows work from the replica at once; the helpdesk side (keyring, connector, engine) starts
after the first paint. Nothing here reads the replica on the GUI thread while the engine runs: the
engine's news reach the window through the change bridge and the window reads off the GUI thread.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer

from desktop.credentials import CredentialError
from desktop.settings import Settings
from desktop.workspace import Profile, WorkspaceError, is_sample, kind_of
from services.backends.base import Connector
from services.changes import Changes
from services.desk import Desk, DeskReads
from services.store import Account, Store
from services.store.asyncstore import AsyncStore
from services.store.db import utc_now
from services.store.profile_lock import ProfileLock, Role
from services.sync.status import EngineStatus, SyncState
from ui.change_bridge import ChangeBridge
from ui.main_window import MainWindow
from ui.tasks import running_loop

if TYPE_CHECKING:  # loaded on first use: they are not needed to show the first ticket
    import asyncio

    from services.sync.engine import SyncEngine

log = logging.getLogger(__name__)
T = TypeVar("T")
_ENGINE_START_AT_THE_LATEST_MS = 1000
# The replica's health check and daily copy run once the first sync is over (they read the whole file:
# beside an initial sync on a small machine they would take CPU from it and from the window), and at
# the latest this long after the start.
_HEALTH_CHECK_LATEST_MS = 10 * 60_000
ENGINE_RESTART_SECONDS = 5.0


class AccountController:
    def __init__(self, profile: Profile, settings: Settings, bridge: ChangeBridge) -> None:
        self.profile = profile
        self.settings = settings
        self.bridge = bridge
        self.window: MainWindow | None = None
        self.account: Account | None = None
        self.engine: SyncEngine | None = None
        # Told when an account's first sync has brought its queues (the session offers the choice).
        # (True: the first ticket waits for the agent's answer.)
        self.first_synced: Callable[[Account], bool] = lambda _account: False
        self.desk: Desk | None = None
        self._writer: AsyncStore | None = None
        self._reader: AsyncStore | None = None
        self._connector: Connector | None = None
        self._engine_task: asyncio.Task[None] | None = None
        self._pusher: ProfileLock | None = None  # this process's claim to push the account's outbox
        self._awaiting_first_sync = False
        self._when_loop_runs: Callable[[], None] | None = None
        self._health_checked = False
        self.shutting_down = False
        self.began: Callable[[], None] = lambda: None  # told when an account's work is shown
        self.clock: Callable[[], datetime] = utc_now  # the desk's (and the timer's) clock
        bridge.delivered.connect(self._changes_delivered)

    # --- building ------------------------------------------------------------------------------------

    def build(self, *, demo: bool = False) -> Desk:
        """What the window needs to show work: the replica. The helpdesk side comes after the paint."""
        account = self.profile.account(demo=demo)
        path = self.profile.paths.replica
        self._writer = AsyncStore(path)
        self._reader = AsyncStore(path, name="replica-reader")
        self.account, self.engine = account, None
        self.desk = Desk(self.profile.store, self._writer, account.id, account.username,
                         wake_sync=self.sync_now, publish=self.bridge.publish, background=self._reader,
                         clock=self.clock)
        return self.desk

    @property
    def is_demo(self) -> bool:
        return self.account is not None and is_sample(self.account)

    def attach(self, window: MainWindow) -> None:
        self.window = window
        QTimer.singleShot(_HEALTH_CHECK_LATEST_MS, window, self._start_health_check)

    def begin(self, token: str | None = None) -> None:
        """Show the account's work, then connect and sync once the window has painted."""
        window, account = self.window, self.account
        assert window is not None and account is not None
        self.began()
        self._awaiting_first_sync = not self.profile.store.views.has_tickets(account.id)
        if self._awaiting_first_sync:
            window.show_loading()  # a first sync brings the work; then the first ticket is shown
        else:
            window.resume()  # the ticket the agent was working on, if any

        def start_engine() -> None:
            if self.account is not account or self._engine_task is not None or self.shutting_down:
                return
            loop = running_loop()
            if loop is None:  # painted before the event loop runs: the engine starts with it
                self._when_loop_runs = start_engine
                return
            self._engine_task = loop.create_task(self._run_engine(account, token))

        # After Qt has painted the window: the connector, the HTTP stack and the keyring are not needed
        # to show work, and loading them (even in a thread, which holds the GIL) would delay the paint.
        # A window that is never painted (minimised at start) still syncs, a moment later.
        if window.has_painted:
            QTimer.singleShot(0, start_engine)
        else:
            window.first_painted.connect(start_engine, Qt.ConnectionType.SingleShotConnection)
            QTimer.singleShot(_ENGINE_START_AT_THE_LATEST_MS, window, start_engine)

    def loop_running(self) -> None:
        """The event loop runs: start what waited for it."""
        start, self._when_loop_runs = self._when_loop_runs, None
        if start is not None:
            start()

    async def write(self, fn: Callable[[Store], T]) -> T:
        """A change to the replica outside the desk (accounts, queues), on the writer's thread."""
        assert self._writer is not None
        return await self._writer.call(fn)

    # --- the engine ----------------------------------------------------------------------------------

    async def _run_engine(self, account: Account, token: str | None) -> None:
        """Connect and sync in the background; a missing token is said, and the replica stays usable."""
        import asyncio

        try:
            if kind_of(account).needs_token and token is None:
                # The keyring may block (D-Bus, an unlock prompt): never on the GUI thread.
                token = await asyncio.to_thread(self.profile.credentials.load, account.name)
            # Building the connector loads the HTTP stack (and RT's parsers): a thread does it.
            connector = await asyncio.to_thread(self.profile.connector, account, token)
        except (CredentialError, WorkspaceError) as exc:
            log.warning("cannot sync account %s: %s", account.name, exc)
            if self.window is not None:
                self.window.show_error(str(exc))
            return
        assert self._writer is not None
        self._pusher = ProfileLock.pusher(self.profile.paths.replica, account.name, Role.WINDOW)
        engine, _ = self.profile.engine(account, connector, self._writer,
                                        interval=self.settings.sync_interval_seconds, lock=self._pusher,
                                        token=token)
        self.engine, self._connector = engine, connector
        engine.observe(self._engine_changed)
        engine.observe_changes(self.bridge.publish)
        # The engine survives its own cycles' failures; this catches what would still end it (a bug),
        # says so in the indicator, and starts it again.
        while not self.shutting_down:
            try:
                await engine.run()
                return
            except Exception as exc:
                log.error("the sync engine stopped; restarting it in %.0f s", ENGINE_RESTART_SECONDS,
                          exc_info=exc)
                problem = f"{type(exc).__name__}: {exc}"[:300]
                self._engine_changed(EngineStatus(SyncState.PROBLEM, engine.status.last_sync, problem,
                                                  ENGINE_RESTART_SECONDS))
                await asyncio.sleep(ENGINE_RESTART_SECONDS)

    def _engine_changed(self, status: EngineStatus) -> None:
        """On the engine's coroutine: no replica read here, only what the status itself says."""
        window = self.window
        if window is None or self.account is None:
            return
        window.engine_status(status)
        if status.state in (SyncState.IDLE, SyncState.ELSEWHERE) and status.last_sync is not None:
            QTimer.singleShot(0, self._start_health_check)  # once: the first sync is over
        if self._awaiting_first_sync and status.state is SyncState.ELSEWHERE:
            # The other process may have brought the work in: asked off the GUI thread.
            desk = self.desk
            if desk is not None:
                window.tasks.start(desk.read(DeskReads.has_tickets),
                                   then=lambda has: self._first_work_arrived() if has else None)
        elif status.last_sync is not None and self._awaiting_first_sync:
            self._first_work_arrived()

    def _first_work_arrived(self) -> None:
        if not self._awaiting_first_sync:
            return
        self._awaiting_first_sync = False
        if self.account is not None and self.first_synced(self.account):
            return  # the queue choice comes first; the first ticket follows the answer
        if self.window is not None and self.window.is_loading:
            self.window.show_next()

    def _changes_delivered(self, changes: Changes) -> None:
        if self.window is not None:
            self.window.apply_changes(changes)

    def sync_now(self) -> None:
        if self.engine is not None:
            self.engine.request_sync()

    async def whole_text(self, ticket: str, message_id: str) -> str:
        """A very long message's whole text, from the helpdesk (the replica keeps its beginning)."""
        return await self._connected().connector.message_text(ticket, message_id)

    async def fetch_ticket(self, remote_id: str) -> None:
        """A ticket the replica does not hold, from the helpdesk (see SyncEngine.fetch_ticket)."""
        await self._connected().fetch_ticket(remote_id)

    def _connected(self) -> SyncEngine:
        if self.engine is None:
            raise WorkspaceError(QCoreApplication.translate("App", "Not connected to the helpdesk yet."))
        return self.engine

    # --- switching -----------------------------------------------------------------------------------

    def switch_to(self, account: Account) -> None:
        """Another account became active (e.g. after signing in): rebuild behind the same window."""
        assert self.window is not None
        self.window.tasks.start(self._switch(account))

    async def _switch(self, account: Account) -> None:
        import asyncio

        token: str | None = None
        if kind_of(account).needs_token:
            try:  # the keyring may block (D-Bus, a password prompt): not on the GUI thread
                token = await asyncio.to_thread(self.profile.credentials.load, account.name)
            except CredentialError as exc:
                if self.window is not None:
                    self.window.show_error(str(exc))
                return
        await self.write(lambda store: store.accounts.activate(account.id))
        if self.window is not None:
            await self.window.time.stop()  # this account's time is written before its threads stop
        await self.stop()
        desk = self.build()
        assert self.window is not None
        self.window.bind(desk, demo=self.is_demo)
        self.begin(token)

    # --- health --------------------------------------------------------------------------------------

    def _start_health_check(self) -> None:
        window = self.window
        if self._health_checked or self.shutting_down or window is None or not window.isVisible():
            return
        self._health_checked = True
        window.tasks.start(self.check_health())

    async def check_health(self) -> None:
        """Once per start, after the first sync: is the replica sound? Then keep a copy of it (daily).
        Both read on their own connection in a thread: the window and the writer go on meanwhile."""
        import asyncio

        from services.store import recovery

        replica = self.profile.paths.replica
        problem = await asyncio.to_thread(recovery.check, replica)
        if problem is not None:
            log.error("the replica is damaged: %s", problem)
            if self.window is not None:
                self.window.show_damaged(problem)
            return
        try:
            if await asyncio.to_thread(recovery.keep_good_copy, replica):
                log.info("kept a good copy of the replica")
        except (OSError, sqlite3.Error) as exc:  # a full disk: the copy waits for another day
            log.warning("no copy of the replica today: %s", exc)

    # --- stopping ------------------------------------------------------------------------------------

    async def stop(self) -> None:
        """End the engine, then the connector and the replica threads, never blocking the GUI."""
        if self._engine_task is not None:
            import asyncio

            self._engine_task.cancel()
            await asyncio.gather(self._engine_task, return_exceptions=True)
            self._engine_task = None
        if self.engine is not None:
            self._connector = self.engine.connector  # renewed after a refused token, maybe
        if self._connector is not None:
            await self._connector.aclose()
            self._connector = None
        for store in (self._writer, self._reader):
            if store is not None:
                await store.aclose()
        self._writer = self._reader = None
        if self._pusher is not None:
            self._pusher.release()
            self._pusher = None

