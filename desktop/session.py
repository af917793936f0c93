"""The composition root of the window: builds the objects of one running window and wires them, once.

What belongs to the active account lives in desktop.account_controller, the sign-in and queue windows
in desktop.account_dialogs, the kept layout and choices in desktop.window_settings. Nothing is global.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt

from desktop.account_controller import AccountController
from desktop.account_dialogs import AccountDialogs
from desktop.resources import app_version
from desktop.settings import Settings
from desktop.window_settings import WindowSettings
from desktop.workspace import Profile
from services.store import Account
from ui.change_bridge import ChangeBridge
from ui.main_window import MainWindow
from ui.presence import Presence

if TYPE_CHECKING:
    import asyncio

    from PySide6.QtWidgets import QMessageBox

    from services.store.recovery import Repair
    from services.sync.engine import SyncEngine
    from ui.queue_picker import QueuePicker
    from ui.sign_in import SignInDialog


class Session:
    """One window on a profile, and the active account's work behind it."""

    def __init__(self, profile: Profile, settings: Settings, settings_path: Path) -> None:
        self.profile = profile
        self.settings = settings
        self.settings_path = settings_path
        self.bridge = ChangeBridge()
        self.controller = AccountController(profile, settings, self.bridge)
        self.dialogs = AccountDialogs(self.controller)
        self.window_settings = WindowSettings(settings, settings_path)
        self.window: MainWindow | None = None
        self.about_box: QMessageBox | None = None  # Help › About, once opened
        self.repaired: Repair | None = None  # set when the replica was repaired at start
        self._closed: asyncio.Event | None = None
        # Where the timer learns the agent is away, made once the loop runs (tests give a quiet one).
        self.presence: Callable[[QObject], Presence] = _platform_presence

    # --- what tests, tools and the app ask of it -------------------------------------------------------

    @property
    def account(self) -> Account | None:
        return self.controller.account

    @property
    def engine(self) -> SyncEngine | None:
        return self.controller.engine

    @property
    def sign_in_dialog(self) -> SignInDialog | None:
        return self.dialogs.sign_in_dialog

    @property
    def queue_picker(self) -> QueuePicker | None:
        return self.dialogs.queue_picker

    def open_sign_in(self) -> SignInDialog:
        return self.dialogs.open_sign_in()

    def open_queue_picker(self) -> QueuePicker | None:
        return self.dialogs.open_queue_picker()

    @property
    def closed(self) -> asyncio.Event:
        """Set when the window closes (the app then shuts the session down)."""
        if self._closed is None:
            import asyncio

            self._closed = asyncio.Event()
        return self._closed

    # --- wiring --------------------------------------------------------------------------------------

    def start(self, *, demo: bool = False) -> MainWindow:
        c = self.controller
        desk = c.build(demo=demo)
        window = MainWindow(desk, demo=c.is_demo, take_on_open=self.settings.take_on_open,
                            language=self.settings.language,
                            timer_grace=timedelta(minutes=self.settings.timer_grace_minutes),
                            idle_after=timedelta(minutes=self.settings.idle_minutes),
                            break_after=timedelta(minutes=self.settings.break_nudge_minutes or 90),
                            breaks=bool(self.settings.break_nudge_minutes))
        self.window = window
        self.window_settings.attach(window)
        c.attach(window)
        window.sync_requested.connect(c.sync_now)
        window.sign_in_requested.connect(self.dialogs.open_sign_in)
        window.queues_requested.connect(self.dialogs.open_queue_picker)
        window.account_chosen.connect(self.dialogs.account_chosen)
        window.closing.connect(self._window_closed)
        window.about_requested.connect(self.show_about)
        window.whole_text = c.whole_text
        window.fetch_ticket = c.fetch_ticket
        c.began = self.dialogs.refresh_accounts  # at the start, and after each switch
        c.first_synced = self.dialogs.offer_queue_choice
        c.begin()
        window.show()
        if self.repaired is not None:
            window.show_repaired(self.repaired)
        return window

    def switch_to(self, account: Account) -> None:
        self.controller.switch_to(account)

    def show_about(self) -> QMessageBox:
        """Help › About: the version, and where this profile keeps its data and its logs."""
        from PySide6.QtWidgets import QMessageBox  # built on first use

        paths = self.profile.paths
        box = self.about_box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate(
            "About", "About Monodesk"), QCoreApplication.translate(
            "About", "Monodesk %1\nOne ticket at a time, for support agents.\n\nYour data: %2\nLogs: %3")
            .replace("%1", app_version()).replace("%2", str(paths.data)).replace("%3", str(paths.logs)),
            QMessageBox.StandardButton.Close, self.window)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths can be copied
        box.open()
        return box

    def _window_closed(self) -> None:
        self.closed.set()  # asyncio runs by now: the event is made here, not before the first paint

    def loop_running(self) -> None:
        """The event loop runs: start what waited for it (the window's tasks, the sync engine)."""
        if self.window is not None:
            self.window.tasks.release()
            self.window.time.set_presence(self.presence(self.window))
        self.controller.loop_running()

    def command(self, command: str) -> None:
        """A line from another process on this profile (desktop.instance)."""
        if command == "raise" and self.window is not None:
            self.window.bring_to_front()
        elif command == "sync":
            self.controller.sync_now()

    async def shutdown(self) -> None:
        self.controller.shutting_down = True
        if self.window is not None:
            # Drafts and queued changes still being written finish first: nothing typed is lost.
            await self.window.tasks.settle(10)
        await self.controller.stop()


def _platform_presence(parent: QObject) -> Presence:
    from desktop.presence import platform_presence  # after the first paint: D-Bus, ctypes

    return platform_presence(parent)
