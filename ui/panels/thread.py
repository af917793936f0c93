"""The conversation of the ticket on screen, newest at the bottom."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services.changes import Changes
from services.desk import DeskReads
from services.store import MessageView, TicketView
from ui.panel import Panel, PanelHost
from ui.thread_view import ThreadView


class ThreadPanel(Panel[list[MessageView]]):
    stretch = 1

    def __init__(self, host: PanelHost) -> None:
        super().__init__(host)
        self.view = ThreadView(host.host_widget())
        self.view.read_all_requested.connect(lambda m: host.read_all(host.current_ticket, m))
        self._key: tuple[int, str | None, str | None] | None = None

    @property
    def widget(self) -> QWidget:
        return self.view

    def read(self, reads: DeskReads, ticket: TicketView) -> list[MessageView]:
        return reads.thread(ticket)

    def show(self, ticket: TicketView, data: list[MessageView], *, fresh: bool) -> None:
        last = data[-1] if data else None
        key = (len(data), last.remote_id if last else None, last.outbox_state if last else None)
        if fresh or key != self._key:  # keep the reader's scroll position when nothing changed
            self.view.set_messages(data)
            self._key = key

    def concerns(self, changes: Changes, ticket: TicketView) -> bool:
        return changes.thread(ticket.remote_id)
