"""One of the customer's other tickets, read-only, beside the current one (which stays open)."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from services.store import TicketView
from services.store.views import ThreadPage
from ui.models import local_date, status_text
from ui.thread_view import ThreadView


class SideSheet(QWidget):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideSheet")
        self.setAccessibleName(self.tr("Other ticket of this customer"))
        self.remote_id: str | None = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        close = QToolButton(self)
        close.setText("×")
        close.setToolTip(self.tr("Close (Esc)"))
        close.setAccessibleName(self.tr("Close the other ticket"))
        close.clicked.connect(self.close_sheet)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.note = QLabel(self.tr("Read only — your current ticket stays open."), self)
        self.note.setEnabled(False)
        self.conversation = ThreadView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.note)
        layout.addWidget(self.conversation, 1)

    def show_ticket(self, ticket: TicketView, page: ThreadPage,
                    read_before: Callable[[tuple[int, int]], ThreadPage]) -> None:
        self.remote_id = ticket.remote_id
        self.title.setText(f"<b>{html.escape(ticket.subject)}</b> &nbsp;#{html.escape(ticket.remote_id)}")
        created = local_date(ticket.created)
        updated = local_date(ticket.updated)
        self.details.setText(self.tr("%1 · %2 · opened %3 · updated %4")
                             .replace("%1", ticket.queue).replace("%2", status_text(ticket.status))
                             .replace("%3", created).replace("%4", updated))
        self.conversation.show_page(page, read_before)
        if not page.total:
            self.conversation.empty.setText(self.tr("Its conversation is not kept on this computer."))

    def close_sheet(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_sheet()
            return
        super().keyPressEvent(event)
