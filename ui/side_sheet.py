"""One of the customer's other tickets, read-only, beside the current one (which stays open)."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from services.store import TicketView
from services.store.views import ThreadPage
from ui.models import local_date, status_text
from ui.thread_view import ThreadView


class SideSheet(QWidget):
    closed = Signal()
    work_requested = Signal(str)  # make this ticket the current one (Enter, or the button)

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
        self.work = QPushButton(self.tr("Work on this ticket"), self)
        self.work.setObjectName("workOnThisTicket")
        self.work.setToolTip(self.tr("Make it your current ticket (Enter)"))
        self.work.clicked.connect(self._work)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.work)
        self.conversation = ThreadView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 8, 0)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addLayout(note_row)
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

    def _work(self) -> None:
        if self.remote_id is not None:
            self.work_requested.emit(self.remote_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_sheet()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._work()
            return
        super().keyPressEvent(event)
