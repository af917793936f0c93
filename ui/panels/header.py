"""The ticket's header: subject, number, queue, status, owner, the customer, and the SLA countdown."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QWidget

from services.changes import Changes
from services.desk import DeskReads
from services.focus import SlaState
from services.store import TicketView
from ui.panel import Panel, PanelHost
from ui.ticket_header import TicketHeader


class HeaderPanel(Panel[SlaState]):
    def __init__(self, host: PanelHost) -> None:
        super().__init__(host)
        self.view = TicketHeader(host.host_widget())
        self.view.set_me(host.desk.me)

    @property
    def widget(self) -> QWidget:
        return self.view

    def read(self, reads: DeskReads, ticket: TicketView) -> SlaState:
        return reads.sla(ticket)

    def show(self, ticket: TicketView, data: SlaState, *, fresh: bool) -> None:
        self.view.set_me(self.host.desk.me)
        self.view.show_ticket(ticket, data, self.host.now())

    def concerns(self, changes: Changes, ticket: TicketView) -> bool:
        return changes.ticket(ticket.remote_id)

    def tick(self, now: datetime) -> None:
        self.view.tick(now)
