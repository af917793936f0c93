"""The desktop app: QApplication + qasync loop and the window (desktop.session), started once.

The first ticket is painted before asyncio, qasync and the sync engine are loaded (about 40 ms on a
small machine): this module imports asyncio where it is used, and work started before the event loop
runs waits for it (ui.tasks).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.i18n import install_translators, ui_language
from desktop.redact import Redactor
from desktop.session import Session
from desktop.smoke import FirstPaint, cpu_seconds, resident_mb, smoke_test
from desktop.workspace import Profile
from services.store.faults import DamagedStore, StoreError, classify
from services.store.profile_lock import ProfileLock, Role
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.instance import WindowServer
    from services.store.recovery import Repair

log = logging.getLogger(__name__)
_FIRST_PAINT_WAIT_MS = 1000
_RAISE_ATTEMPTS = 20  # x 0.1 s: a window that is just starting may not listen yet


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
    from desktop.instance import tell_window

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
        if not smoke:
            from desktop.instance import WindowServer

            server = WindowServer(data_dir, session.command)
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


def _close_on_terminate(window: MainWindow) -> None:
    """SIGTERM (a logout, a shutdown, `kill`) closes the window as the agent would: the draft, the
    time counted and the changes being written are kept before the app stops."""
    import asyncio
    import signal

    with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):  # (not on Windows)
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, window.close)


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
    return FirstPaint(painted[0] if painted else time.time(), window.current_ticket, resident_mb(),
                      cpu_seconds())


async def _main(session: Session, window: MainWindow, first_paint: FirstPaint, *, smoke: bool) -> int:
    session.loop_running()
    _close_on_terminate(window)
    if smoke:
        return await smoke_test(session, window, first_paint)
    await session.closed.wait()
    await session.shutdown()
    return 0
