"""The ticket's changes that wait for the agent's decision (held back, or refused by the helpdesk)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services.changes import Changes
from services.desk import DeskReads
from services.pending import PendingChange
from services.store import TicketView
from ui.conflict_bar import ConflictBar
from ui.panel import Panel, PanelHost


class ConflictsPanel(Panel[list[PendingChange]]):
    def __init__(self, host: PanelHost) -> None:
        super().__init__(host)
        self.view = ConflictBar(host.host_widget())
        self.view.decide.connect(host.decide)

    @property
    def widget(self) -> QWidget:
        return self.view

    def read(self, reads: DeskReads, ticket: TicketView) -> list[PendingChange]:
        return reads.attention(ticket)

    def show(self, ticket: TicketView, data: list[PendingChange], *, fresh: bool) -> None:
        self.view.show_ops(data)

    def concerns(self, changes: Changes, ticket: TicketView) -> bool:
        return changes.everything or changes.outbox

    def clear(self) -> None:
        self.view.show_ops([])
