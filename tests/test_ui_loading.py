"""Before the first sync has brought any ticket, the centre of the window says what is happening; when
the helpdesk cannot be reached, it says so there (not only in the status bar), with what to check,
when Monodesk tries again, and a "Try now"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from services.desk import Desk
from services.domain import Customer, Ticket, TicketStatus
from services.store import Store
from services.store.asyncstore import AsyncStore
from services.sync.status import EngineStatus, SyncState
from ui.main_window import MainWindow
from ui.panels import CustomerSidePanel


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


def test_nothing_of_the_ticket_before_stays_beside_the_loading_page(tmp_path: Path, qtbot: QtBot) -> None:
    """An account switch (or a first sync) shows the loading page: the customer panel says nothing, not
    the previous ticket's customer, nor "No customer for this ticket"."""
    store = Store(tmp_path / "replica.sqlite")
    account = store.accounts.add("acme", "rt", "http://127.0.0.1:9", "agent")
    store.conn.execute("INSERT INTO queues (account_id, remote_id, name) VALUES (?, '1', 'Alpha')",
                       (account.id,))
    store.conn.commit()
    store.replica.apply_summaries(account.id, [Ticket(
        remote_id="7", subject="Printer on fire", queue="Alpha", status=TicketStatus.OPEN,
        customer=Customer("ana@example.com", "Ana Lima"), owner=None, priority=1,
        created=datetime.now(UTC), updated=datetime.now(UTC), due=None)])
    writer = AsyncStore(store.path)
    try:
        window = MainWindow(Desk(store, writer, account.id, "agent"), demo=False, take_on_open=False)
        qtbot.addWidget(window)
        window.show()
        window.open_ticket("7")
        view = window.panel(CustomerSidePanel).view
        assert view.name.text() == "Ana Lima" and view.name.isVisible()
        window.show_loading()
        assert not view.name.isVisible() and not view.empty.isVisible() and view.model.rowCount() == 0
    finally:
        writer.close()
        store.close()
