"""The timer under the header: this ticket's time, counting by itself, and today's total. What it shows
comes from the window's TimeDriver (every second); a change to the ticket's time in the ledger (a
message carried it, a change was taken back) has it read again."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services.changes import Changes
from services.desk import DeskReads
from services.store import TicketView
from ui.panel import Panel, PanelHost
from ui.timer_view import TimerView


class TimerPanel(Panel[None]):
    def __init__(self, host: PanelHost) -> None:
        super().__init__(host)
        self.view = TimerView(host.host_widget())

    @property
    def widget(self) -> QWidget:
        return self.view

    def read(self, reads: DeskReads, ticket: TicketView) -> None:
        return None  # the keeper reads on the writer's thread, in order with what it wrote

    def show(self, ticket: TicketView, data: None, *, fresh: bool) -> None:
        if not fresh:  # (an opening is told to the keeper by the window, which reads then)
            self.host.refresh_time()

    def concerns(self, changes: Changes, ticket: TicketView) -> bool:
        return changes.everything or ticket.remote_id in changes.time
