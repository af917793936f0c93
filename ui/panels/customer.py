"""The customer beside the ticket: who they are, how often they write, their tickets in every queue."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services.changes import Changes
from services.desk import CustomerPanel, DeskReads
from services.store import TicketView
from ui.customer_panel import CustomerPanelView
from ui.panel import Panel, PanelHost, Place


class CustomerSidePanel(Panel[CustomerPanel | None]):
    place = Place.SIDE
    stretch = 1

    def __init__(self, host: PanelHost) -> None:
        super().__init__(host)
        self.view = CustomerPanelView(host.host_widget())
        self.view.ticket_activated.connect(host.show_other_ticket)
        self.view.reserve_requested.connect(host.reserve_time)

    @property
    def widget(self) -> QWidget:
        return self.view

    def read(self, reads: DeskReads, ticket: TicketView) -> CustomerPanel | None:
        return reads.customer(ticket)

    def show(self, ticket: TicketView, data: CustomerPanel | None, *, fresh: bool) -> None:
        self.view.show_customer(data, ticket.remote_id)

    def concerns(self, changes: Changes, ticket: TicketView) -> bool:
        return changes.ticket(ticket.remote_id) or changes.customer(ticket.customer_email)

    def clear(self) -> None:
        self.view.clear()
