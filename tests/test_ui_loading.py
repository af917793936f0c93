"""Before the first sync has brought any ticket, the centre of the window says what is happening; when
the helpdesk cannot be reached, it says so there (not only in the status bar), with what to check,
when Monodesk tries again, and a "Try now"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from services.desk import Desk
from services.store import Store
from services.store.asyncstore import AsyncStore
from services.sync.status import EngineStatus, SyncState
from ui.main_window import MainWindow


def test_an_offline_first_sync_says_so_where_the_agent_looks(tmp_path: Path, qtbot: QtBot) -> None:
    store = Store(tmp_path / "replica.sqlite")
    account = store.accounts.add("acme", "rt", "http://127.0.0.1:9", "agent")
    writer = AsyncStore(store.path)
    try:
        window = MainWindow(Desk(store, writer, account.id, "agent"), demo=False)
        qtbot.addWidget(window)
        window.show()
        window.show_loading()
        page = window.loading
        assert page.headline.text() == "Getting your tickets…" and not page.retry.isVisible()
        asked: list[bool] = []
        window.sync_requested.connect(lambda: asked.append(True))

        window.engine_status(EngineStatus(SyncState.OFFLINE, retry_in=42,
                                          last_error="Could not connect to 127.0.0.1:9"))
        assert page.headline.text() == "You are offline"
        assert "Check your connection" in page.detail.text() and "42 s" in page.detail.text()
        assert "127.0.0.1:9" in page.detail.text()
        qtbot.mouseClick(page.retry, Qt.MouseButton.LeftButton)  # "Try now"
        assert asked == [True]

        window.engine_status(EngineStatus(SyncState.SYNCING))
        assert page.headline.text() == "Getting your tickets…" and not page.retry.isVisible()
        window.engine_status(EngineStatus(SyncState.SIGNED_OUT, retry_in=60))
        assert "Sign in again" in page.detail.text() and page.retry.isVisible()
    finally:
        writer.close()
        store.close()
