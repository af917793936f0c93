"""A Session on a throwaway profile, as the UI tests drive it, shut down the way the app does."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from desktop.session import Session
from desktop.settings import Settings
from desktop.workspace import Profile
from services.store import Account, MessageView
from ui.main_window import MainWindow
from ui.presence import Presence

if TYPE_CHECKING:
    from tests.support.rt_instance import RTInstance


@contextmanager
def session_in(root: Path, loop: asyncio.AbstractEventLoop) -> Iterator[Session]:
    """Syncs only when asked (a one-hour interval): tests wait on what they trigger."""
    profile = Profile.open(root / "profile")
    session = Session(profile, Settings(sync_interval_seconds=3600), root / "settings.json")
    session.presence = Presence  # hermetic: the machine's own idle time never reaches the timer
    try:
        yield session
    finally:
        if session.window is not None:
            session.window.close()
        task = loop.create_task(session.shutdown())
        while not task.done():
            loop._QEventLoop__app.processEvents()  # type: ignore[attr-defined]
        profile.close()


def add_rt_account(session: Session, rt: RTInstance) -> Account:
    """The agent's RT account, kept as `monodesk account add --no-check` keeps it (token in the keyring,
    no queue choice yet) and active: the next start opens it."""
    name = f"agent@{rt.url.split('://')[1]}"
    session.profile.credentials.store(name, rt.agent_token)
    return session.profile.store.accounts.add(name, "rt", rt.url, "agent")


def start_demo(session: Session, qtbot: QtBot) -> MainWindow:
    """The window on the demo workspace, once its first ticket is on screen."""
    window = session.start(demo=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.current_ticket is not None, timeout=60_000)
    return window


def thread_of(window: MainWindow, remote_id: str) -> list[MessageView]:
    """The ticket's thread as the window's desk reads it (empty for a ticket not held)."""
    ticket = window.desk.reads.ticket(remote_id)
    return window.desk.reads.thread(ticket) if ticket is not None else []


def settled(session: Session, window: MainWindow, qtbot: QtBot) -> None:
    """Once the first sync is over and what it changed is on screen: nothing left to read."""
    qtbot.waitUntil(lambda: session.engine is not None and session.engine.status.last_sync is not None
                    and not session.bridge.pending and not window.refreshing, timeout=60_000)
