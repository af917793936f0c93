"""The ticket's header: subject, number, queue, status, owner, the customer, and the SLA countdown."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from services.changes import Changes
from services.desk import DeskReads
from services.focus import SlaState
from services.store import TicketView
from ui.panel import Panel, PanelHost
from ui.ticket_header import TicketHeader

if TYPE_CHECKING:
    from services.tasks import TaskCounts


class HeaderPanel(Panel[tuple[SlaState, "TaskCounts | None"]]):
    def __init__(self, host: PanelHost) -> None:
        super().__init__(host)
        self.view = TicketHeader(host.host_widget())
        self.view.set_me(host.desk.me)

    @property
    def widget(self) -> QWidget:
        return self.view

    def read(self, reads: DeskReads, ticket: TicketView) -> tuple[SlaState, TaskCounts | None]:
        counts = reads.task_counts(ticket.customer_email) if ticket.customer_email else None
        return reads.sla(ticket), counts

    def show(self, ticket: TicketView, data: tuple[SlaState, TaskCounts | None], *, fresh: bool) -> None:
        self.view.set_me(self.host.desk.me)
        self.view.show_ticket(ticket, data[0], self.host.now())
        self.view.show_task_counts(data[1])

    def concerns(self, changes: Changes, ticket: TicketView) -> bool:
        return changes.ticket(ticket.remote_id) or (
            bool(ticket.customer_email) and changes.tasks_of(ticket.customer_email))

    def tick(self, now: datetime) -> None:
        self.view.tick(now)
