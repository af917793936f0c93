"""The conversation of the ticket on screen, newest at the bottom."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services.changes import Changes
from services.desk import DeskReads
from services.store import OpState, TicketView
from services.store.views import ThreadPage
from ui.panel import Panel, PanelHost
from ui.thread_view import ThreadView


class ThreadPanel(Panel[ThreadPage]):
    stretch = 1

    def __init__(self, host: PanelHost) -> None:
        super().__init__(host)
        self.view = ThreadView(host.host_widget())
        self.view.read_all_requested.connect(lambda m: host.read_all(host.current_ticket, m))
        self._key: tuple[int, str | None, OpState | None] | None = None

    @property
    def widget(self) -> QWidget:
        return self.view

    def read(self, reads: DeskReads, ticket: TicketView) -> ThreadPage:
        return reads.thread_tail(ticket)  # the last screenful; earlier pages when the agent asks

    def show(self, ticket: TicketView, data: ThreadPage, *, fresh: bool) -> None:
        last = data.messages[-1] if data.messages else None
        key = (data.total, last.remote_id if last else None, last.outbox_state if last else None)
        if fresh or key != self._key:  # keep the reader's scroll position when nothing changed
            reads = self.host.desk.reads
            self.view.show_page(data, lambda start: reads.thread_before(ticket, start))
            self._key = key

    def concerns(self, changes: Changes, ticket: TicketView) -> bool:
        return changes.thread(ticket.remote_id)
