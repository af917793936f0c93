"""The reply box: the ticket's draft when it opens; sending goes through the window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from services.desk import DeskReads
from services.store import Draft, TicketView
from ui.composer import Composer
from ui.panel import Panel, PanelHost


class ComposerPanel(Panel[Draft | None]):
    def __init__(self, host: PanelHost) -> None:
        super().__init__(host)
        self.view = Composer(host.host_widget())
        self.view.send_requested.connect(host.send)
        self.view.draft_changed.connect(host.save_draft)

    @property
    def widget(self) -> QWidget:
        return self.view

    def read(self, reads: DeskReads, ticket: TicketView) -> Draft | None:
        return reads.draft(ticket.remote_id)

    def show(self, ticket: TicketView, data: Draft | None, *, fresh: bool) -> None:
        # Only when the ticket opens: afterwards the box holds what the agent types, and a change
        # that brings text back to the draft (a discarded reply) reloads it through the window.
        if fresh:
            self.view.load(ticket.remote_id, data)
