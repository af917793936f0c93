"""The desktop app: QApplication + qasync loop, the window, and the objects behind it, wired once.

`Session` owns what belongs to one active account (connector, sync engine, writer, desk) and can be
rebuilt when the agent connects another helpdesk; nothing here is global.

The first ticket is painted before asyncio, qasync and the sync engine are loaded (about 40 ms on a
small machine): this module imports asyncio where it is used, and work started before the event loop
runs waits for it (ui.tasks).
"""

from __future__ import annotations

import base64
import json
import logging
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.credentials import CredentialError
from desktop.i18n import install_translators, ui_language
from desktop.instance import WindowServer, tell_window
from desktop.redact import Redactor
from desktop.settings import Settings
from desktop.workspace import Profile, WorkspaceError, is_sample, kind_of
from services.desk import Desk
from services.store import Account, Store
from services.store.asyncstore import AsyncStore
from services.store.faults import DamagedStore, StoreError, classify
from services.store.profile_lock import ProfileLock, Role
from services.sync.status import EngineStatus, SyncState
from ui.main_window import MainWindow
from ui.tasks import running_loop

if TYPE_CHECKING:  # loaded on first use: they are not needed to show the first ticket
    import asyncio

    from desktop.accounts import AccountSetup
    from services.store.recovery import Repair
    from services.sync.engine import SyncEngine
    from ui.queue_picker import QueuePicker
    from ui.sign_in import SignInDialog

log = logging.getLogger(__name__)
T = TypeVar("T")
_ENGINE_START_AT_THE_LATEST_MS = 1000
_FIRST_PAINT_WAIT_MS = 1000
# The replica's health check and daily copy run once the first sync is over (they read the whole file:
# beside an initial sync on a small machine they would take CPU from it and from the window), and at
# the latest this long after the start.
_HEALTH_CHECK_LATEST_MS = 10 * 60_000
_ENGINE_RESTART_SECONDS = 5.0
_RAISE_ATTEMPTS = 20  # x 0.1 s: a window that is just starting may not listen yet


class Session:
    """The active account's connector, engine and desk, shown in one window."""

    def __init__(self, profile: Profile, settings: Settings, settings_path: Path) -> None:
        self.profile = profile
        self.settings = settings
        self.settings_path = settings_path
        self.window: MainWindow | None = None
        self.account: Account | None = None
        self.engine: SyncEngine | None = None
        self._writer: AsyncStore | None = None
        self._connector: Any = None
        self._engine_task: asyncio.Task[None] | None = None
        self._awaiting_first_sync = False
        self._shutting_down = False
        self._closed: asyncio.Event | None = None
        self._setup: AccountSetup | None = None
        self._when_loop_runs: Callable[[], None] | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.queue_picker: QueuePicker | None = None
        self._picking: tuple[Account, bool]  # whose queues are being picked; switch to it afterwards?
        self._pusher: ProfileLock | None = None  # this process's claim to push the account's outbox
        self.repaired: Repair | None = None  # set when the replica was repaired at start
        self._health_checked = False

    @property
    def closed(self) -> asyncio.Event:
        """Set when the window closes (the app then shuts the session down)."""
        if self._closed is None:
            import asyncio

            self._closed = asyncio.Event()
        return self._closed

    @property
    def setup(self) -> AccountSetup:
        if self._setup is None:
            from desktop.accounts import AccountSetup

            self._setup = AccountSetup(self.profile.credentials, self._write)
        return self._setup

    def loop_running(self) -> None:
        """The event loop runs: start what waited for it (the window's tasks, the sync engine)."""
        if self.window is not None:
            self.window.tasks.release()
        start, self._when_loop_runs = self._when_loop_runs, None
        if start is not None:
            start()

    # --- account lifecycle ---------------------------------------------------------------------------

    def _build(self, demo: bool) -> Desk:
        """What the window needs to show work: the replica. The helpdesk side comes after the paint."""
        account = self.profile.account(demo=demo)
        writer = AsyncStore(self.profile.paths.replica)
        self.account, self._writer, self.engine = account, writer, None
        return Desk(self.profile.store, writer, account.id, account.username, wake_sync=self._sync_now)

    async def _run_engine(self, account: Account, token: str | None) -> None:
        """Connect and sync in the background; a missing token is said, and the replica stays usable."""
        import asyncio

        try:
            if kind_of(account).needs_token and token is None:
                # The keyring may block (D-Bus, an unlock prompt): never on the GUI thread.
                token = await asyncio.to_thread(self.profile.credentials.load, account.name)
            # Building the connector loads the HTTP stack (and RT's parsers): a thread does it.
            connector = await asyncio.to_thread(self._connect, account, token)
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
        # The engine survives its own cycles' failures; this catches what would still end it (a bug),
        # says so in the indicator, and starts it again.
        while not self._shutting_down:
            try:
                await engine.run()
                return
            except Exception as exc:
                log.error("the sync engine stopped; restarting it in %.0f s", _ENGINE_RESTART_SECONDS,
                          exc_info=exc)
                problem = f"{type(exc).__name__}: {exc}"[:300]
                self._engine_changed(EngineStatus(SyncState.PROBLEM, engine.status.last_sync, problem,
                                                  _ENGINE_RESTART_SECONDS))
                await asyncio.sleep(_ENGINE_RESTART_SECONDS)

    def _connect(self, account: Account, token: str | None) -> Any:
        return self.profile.connector(account, token)  # its kind's factory loads the HTTP stack too

    def start(self, *, demo: bool = False) -> MainWindow:
        desk = self._build(demo)
        assert self.account is not None
        window = MainWindow(desk, demo=is_sample(self.account),
                            take_on_open=self.settings.take_on_open, language=self.settings.language)
        self.window = window
        window.restore_layout(*(_b64(v) for v in (self.settings.window_geometry, self.settings.window_state,
                                                  self.settings.splitter_state)))
        if not self.settings.window_geometry:
            window.resize(1200, 780)
        window.sync_requested.connect(self._sync_now)
        window.language_requested.connect(self._set_language)
        window.take_on_open_changed.connect(self._set_take_on_open)
        window.closing.connect(self._window_closing)
        window.sign_in_requested.connect(self.open_sign_in)
        window.queues_requested.connect(self.open_queue_picker)
        window.account_chosen.connect(self._account_chosen)
        window.whole_text = self.whole_text
        self._begin(window)
        window.show()
        if self.repaired is not None:
            window.show_repaired(self.repaired)
        QTimer.singleShot(_HEALTH_CHECK_LATEST_MS, window, self._start_health_check)
        return window

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
        await self._write(lambda store: store.accounts.activate(account.id))
        await self._stop_engine()
        desk = self._build(demo=False)
        assert self.window is not None and self.account is not None
        self.window.bind(desk, demo=is_sample(self.account))
        self._begin(self.window, token)

    async def _write(self, fn: Callable[[Store], T]) -> T:
        """A change to the replica outside the desk (accounts, queues), on the writer's thread."""
        assert self._writer is not None
        return await self._writer.call(fn)

    def _account_chosen(self, account_id: int) -> None:
        account = next((a for a in self.profile.store.accounts.all() if a.id == account_id), None)
        if account is not None and (self.account is None or account.id != self.account.id):
            self.switch_to(account)

    def _refresh_accounts(self) -> None:
        if self.window is None:
            return
        demo = QCoreApplication.translate("App", "Demo workspace")
        self.window.set_accounts([(a.id, demo if is_sample(a) else a.name,
                                   self.account is not None and a.id == self.account.id)
                                  for a in self.profile.store.accounts.all()])

    # --- sign-in and queues --------------------------------------------------------------------------

    def open_sign_in(self) -> SignInDialog:
        assert self.window is not None
        if self.sign_in_dialog is None:
            from ui.sign_in import SignInDialog

            self.sign_in_dialog = SignInDialog(self.setup.sign_in, self.window)
            self.sign_in_dialog.signed_in.connect(self._signed_in)
        self.sign_in_dialog.open_form()
        return self.sign_in_dialog

    def _signed_in(self, account: Account) -> None:
        """A new helpdesk: the agent picks their queues first, so the first sync brings only their
        work; the window stays on the current workspace meanwhile. Closing the picker = every queue."""
        log.info("signed in as %s", account.name)
        self._open_queue_picker_for(account, switch_after=True)

    def open_queue_picker(self) -> QueuePicker | None:
        if self.account is None:
            return None
        return self._open_queue_picker_for(self.account, switch_after=False)

    def _open_queue_picker_for(self, account: Account, *, switch_after: bool) -> QueuePicker:
        assert self.window is not None
        if self.queue_picker is None:
            from ui.queue_picker import QueuePicker

            self.queue_picker = QueuePicker(self.window)
            self.queue_picker.chosen.connect(self._queues_chosen)
            self.queue_picker.rejected.connect(self._queue_pick_closed)
        self._picking = (account, switch_after)
        self.queue_picker.open_with(self.profile.store.accounts.queues(account.id))
        return self.queue_picker

    def _queues_chosen(self, names: list[str]) -> None:
        account, switch_after = self._picking
        self._picking = (account, False)
        assert self.window is not None
        self.window.tasks.start(self._save_queues(account, names, switch_after))

    def _queue_pick_closed(self) -> None:
        account, switch_after = self._picking
        if switch_after:
            self._picking = (account, False)
            self.switch_to(account)

    async def _save_queues(self, account: Account, names: list[str], switch_after: bool) -> None:
        try:
            await self._write(lambda store: store.accounts.choose_queues(account.id, names))
        except ValueError as exc:  # a queue vanished meanwhile
            if self.window is not None:
                self.window.show_error(str(exc))
        if switch_after:
            self.switch_to(account)
        elif self.account is not None and self.account.id == account.id and self.window is not None:
            if self.engine is not None:
                self.engine.request_sync()  # newly chosen queues bring their tickets
            if not self.window.is_loading:
                self.window.show_next()

    def _begin(self, window: MainWindow, token: str | None = None) -> None:
        account = self.account
        assert account is not None
        self._refresh_accounts()
        self._awaiting_first_sync = not self.profile.store.views.has_tickets(account.id)
        if self._awaiting_first_sync:
            window.show_loading()  # a first sync brings the work; then the first ticket is shown
        else:
            window.show_next()

        def start_engine() -> None:
            if self.account is not account or self._engine_task is not None or self._shutting_down:
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

    def _engine_changed(self, status: EngineStatus) -> None:
        window = self.window
        if window is None or self.account is None:
            return
        outbox = self.profile.store.views.outbox_status(self.account.id)
        window.engine_status(status, outbox.open, outbox.conflicts)
        if (status.state is SyncState.ELSEWHERE and self._awaiting_first_sync
                and self.profile.store.views.has_tickets(self.account.id)):
            self._awaiting_first_sync = False  # the other process brought the work in
            if window.is_loading:
                window.show_next()
        if status.state in (SyncState.IDLE, SyncState.ELSEWHERE) and status.last_sync is not None:
            QTimer.singleShot(0, self._start_health_check)  # once: the first sync is over
        if status.last_sync is not None and self._awaiting_first_sync:
            self._awaiting_first_sync = False
            if window.is_loading:
                window.show_next()

    def _sync_now(self) -> None:
        if self.engine is not None:
            self.engine.request_sync()

    async def whole_text(self, ticket: str, message_id: str) -> str:
        """A very long message's whole text, from the helpdesk (the replica keeps its beginning)."""
        if self.engine is None:
            raise WorkspaceError(QCoreApplication.translate("App", "Not connected to the helpdesk yet."))
        return await self.engine.connector.message_text(ticket, message_id)

    def command(self, command: str) -> None:
        """A line from another process on this profile (desktop.instance)."""
        if command == "raise" and self.window is not None:
            self.window.bring_to_front()
        elif command == "sync":
            self._sync_now()

    def _start_health_check(self) -> None:
        if self._health_checked or self._shutting_down or self.window is None or not self.window.isVisible():
            return
        self._health_checked = True
        self.window.tasks.start(self.check_health())

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

    # --- settings ------------------------------------------------------------------------------------

    def _set_language(self, code: str) -> None:
        self.settings.language = code
        self._save_settings()

    def _set_take_on_open(self, on: bool) -> None:
        self.settings.take_on_open = on
        self._save_settings()

    def _save_settings(self) -> None:
        try:
            self.settings.save(self.settings_path)
        except OSError as exc:
            log.warning("cannot save settings: %s", exc)

    def _window_closing(self) -> None:
        if self.window is None:
            return
        geometry, state, splitter = self.window.layout_state()
        self.settings.window_geometry = base64.b64encode(geometry).decode()
        self.settings.window_state = base64.b64encode(state).decode()
        self.settings.splitter_state = base64.b64encode(splitter).decode()
        self._save_settings()
        self.closed.set()

    # --- shutdown ------------------------------------------------------------------------------------

    async def _stop_engine(self) -> None:
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
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._pusher is not None:
            self._pusher.release()
            self._pusher = None

    async def shutdown(self) -> None:
        self._shutting_down = True
        if self.window is not None:
            # Drafts and queued changes still being written finish first: nothing typed is lost.
            await self.window.tasks.settle(10)
        await self._stop_engine()


def _b64(value: str) -> bytes:
    try:
        return base64.b64decode(value) if value else b""
    except ValueError:
        return b""


def _install_excepthook(session: Session) -> Callable[[], None]:
    """An unexpected exception is logged and shown as a notice; the app goes on."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        fault = classify(error, session.profile.paths.replica)
        if fault is not None:  # the disk, not a bug: say what to do
            log.error("storage fault: %s", fault)
            if session.window is not None:
                session.window.show_error(str(fault))
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if session.window is not None:
            text = QCoreApplication.translate("App", "Unexpected error (details are in the log): %1")
            session.window.show_error(text.replace("%1", session.profile.redactor(str(error))[:200]))

    sys.excepthook = hook
    return lambda: setattr(sys, "excepthook", previous)


def run_app(data_dir: Path | None, *, demo: bool = False, verbose: bool = False, smoke: bool = False) -> int:
    paths = Profile.paths_for(data_dir)
    window_lock = ProfileLock(paths.window_lock, Role.WINDOW)
    try:
        redactor = Profile.start_logging(paths, verbose=verbose)
        if not smoke and not window_lock.try_acquire():
            return _raise_open_window(paths.data, window_lock)
        profile, repaired = _open_profile(data_dir, verbose=verbose, redactor=redactor)
    except StoreError as exc:
        window_lock.release()
        return _storage_problem(str(exc), smoke=smoke)
    try:
        return _run_window(profile, repaired, demo=demo, smoke=smoke, data_dir=paths.data)
    finally:
        window_lock.release()


def _raise_open_window(data_folder: Path, lock: ProfileLock) -> int:
    """A window is open on this profile: bring it to the front instead of opening a second one."""
    holder = lock.holder()
    which = f" (process {holder.pid})" if holder and holder.pid else ""
    for _ in range(_RAISE_ATTEMPTS):
        if tell_window(data_folder, "raise"):
            print(f"Monodesk is already open on this profile{which}: brought it to the front.")
            return 0
        time.sleep(0.1)
    print(f"Monodesk is already open on this profile{which} but does not answer; close it first.",
          file=sys.stderr)
    return 1


def _open_profile(data_dir: Path | None, *, verbose: bool,
                  redactor: Redactor) -> tuple[Profile, Repair | None]:
    """The profile, its replica repaired first when it is damaged (a window is for the agent, who
    should not need a command line to get their work back)."""
    try:
        return Profile.open(data_dir, verbose=verbose, redactor=redactor), None
    except DamagedStore as damage:
        from services.store import recovery

        paths = Profile.paths_for(data_dir)
        users = ProfileLock.users(paths.replica, Role.WINDOW, exclusive=True)
        if not users.try_acquire():
            raise StoreError(f"{damage} Another Monodesk process (a `monodesk sync`?) still has it open: "
                             "stop it, then start Monodesk again.") from damage
        try:
            repaired = recovery.repair(paths.replica)
        except (OSError, sqlite3.Error) as exc:
            raise classify(exc, paths.replica) or StoreError(f"{damage} The repair failed: {exc}") from exc
        finally:
            users.release()
        return Profile.open(data_dir, verbose=verbose, redactor=redactor), repaired


def _storage_problem(message: str, *, smoke: bool) -> int:
    """The profile cannot be used: say why in a window of its own (or a line, for --smoke)."""
    log.error("cannot start: %s", message)
    if smoke:
        print(json.dumps({"error": message}), flush=True)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install = install_translators(app, ui_language("system"))
    from ui.storage_problem import StorageProblem

    problem = StorageProblem(message)
    problem.show()
    app.exec()
    del install
    return 1


def _run_window(profile: Profile, repaired: Repair | None, *, demo: bool, smoke: bool,
                data_dir: Path) -> int:
    settings_path = profile.settings_path
    settings = profile.settings
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Monodesk")
    app.setApplicationDisplayName("Monodesk")
    app.setDesktopFileName("monodesk")
    # The session ends the loop itself after its shutdown (drafts saved, engine stopped); Qt must
    # not stop it first when the window closes.
    app.setQuitOnLastWindowClosed(False)
    translators = install_translators(app, ui_language(settings.language))
    session = Session(profile, settings, settings_path)
    session.repaired = repaired
    restore_hook = _install_excepthook(session)
    server: WindowServer | None = None
    try:
        window = session.start(demo=demo or smoke)
        first_paint = _paint_first(window)
        # After the paint (QtNetwork costs start-up time): a second start meanwhile waits for it.
        server = None if smoke else WindowServer(data_dir, session.command)
        import asyncio

        import qasync

        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            return int(loop.run_until_complete(_main(session, window, first_paint, smoke=smoke)))
    finally:
        if server is not None:
            server.close()
        restore_hook()
        del translators
        profile.close()


@dataclass(frozen=True, slots=True)
class FirstPaint:
    at: float  # wall-clock time once the window's first paint was done
    ticket: str | None  # the ticket it showed, if any
    rss_mb: float | None


def _paint_first(window: MainWindow) -> FirstPaint:
    """Let Qt show and paint the window (a Qt event loop of its own, which asyncio does not need),
    at most a second: a window that is never painted, e.g. minimised, does not hold the app up."""
    painted: list[float] = []
    waiting = QEventLoop()

    def done() -> None:
        painted.append(time.time())
        waiting.quit()

    window.first_painted.connect(done, Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(_FIRST_PAINT_WAIT_MS, waiting.quit)
    if not window.has_painted:
        waiting.exec()
    return FirstPaint(painted[0] if painted else time.time(), window.current_ticket, resident_mb())


async def _main(session: Session, window: MainWindow, first_paint: FirstPaint, *, smoke: bool) -> int:
    session.loop_running()
    if smoke:
        return await _smoke(session, window, first_paint)
    await session.closed.wait()
    await session.shutdown()
    return 0


def resident_mb() -> float | None:
    """The process's resident memory now (Linux), or its peak elsewhere; None when unknown."""
    try:
        import os

        statm = Path("/proc/self/statm").read_text(encoding="ascii")
        return int(statm.split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
        return peak / (2**20 if sys.platform == "darwin" else 2**10)
    except (ImportError, OSError):
        return None


async def _smoke(session: Session, window: MainWindow, first_paint: FirstPaint) -> int:
    """Start on the demo workspace, wait for the first ticket on screen, check the keyring, exit.
    The start-up benchmark reads `painted_at`: when the first ticket was on screen."""
    import asyncio

    ticket, painted_at, rss = first_paint.ticket, first_paint.at, first_paint.rss_mb
    if not ticket:  # an empty replica: the first sync brings the work, then a ticket is shown
        painted: asyncio.Future[str] = asyncio.get_running_loop().create_future()

        def on_painted(remote_id: str) -> None:
            if remote_id and not painted.done():
                painted.set_result(remote_id)

        window.painted.connect(on_painted)
        if window.current_ticket:
            painted.set_result(window.current_ticket)
        ticket = await asyncio.wait_for(painted, timeout=120)
        window.repaint()  # on screen for real, not just chosen
        painted_at, rss = time.time(), resident_mb()
    import keyring  # as in the app, where the keyring is first needed after the paint

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    usable = "fail" not in type(backend).__module__
    print(json.dumps({"ticket": ticket, "keyring": name, "keyring_usable": usable, "rss_mb": rss,
                      "painted_at": painted_at}),
          flush=True)
    QTimer.singleShot(0, window.close)
    await session.shutdown()
    return 0 if usable and ticket else 1
