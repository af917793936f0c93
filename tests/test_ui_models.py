"""Every item model of the window through Qt's model tester (pytest-qt's qtmodeltester): rows, flags,
data and the reset signals stay consistent while the contents change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from services.domain import TicketStatus
from services.store.views import TicketSummary
from ui.actions import Actions
from ui.command_palette import Offers, PaletteEntry, PaletteModel, action_entry
from ui.models import CustomerTicketsModel

NOW = datetime(2025, 3, 12, 14, 0, tzinfo=UTC)


def summary(remote_id: str, days_ago: float, status: TicketStatus = TicketStatus.RESOLVED) -> TicketSummary:
    created = NOW - timedelta(days=days_ago)
    return TicketSummary(remote_id, f"Subject of {remote_id}", "Billing", status, created, created)


def test_customer_tickets_model(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    model = CustomerTicketsModel()
    model.set_tickets([summary("1", 3), summary("2", 1, TicketStatus.OPEN), summary("3", 40)], "2")
    qtmodeltester.check(model)  # now, and at every change below (it keeps watching)
    assert [model.ticket(r).remote_id for r in range(model.rowCount())] == ["2", "1", "3"]
    model.set_tickets([summary("9", 0)], "")  # another customer
    model.set_tickets([], "")
    assert model.rowCount() == 0
    model.set_tickets([summary("4", 2), summary("5", 2)], "5")
    assert model.rowCount() == 2


def test_palette_model(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    actions = Actions(owner)
    entries = [action_entry(action, "") for _spec, action in actions.items()]
    draft = PaletteEntry("Draft: #304 Le mode Éco", lambda: None)
    go_to = PaletteEntry("Go to ticket #12", lambda: None)
    model = PaletteModel(entries, Offers(lambda q: [go_to] if q.startswith("#") else [], lambda: [draft]))
    model.reload()  # as the palette opens
    qtmodeltester.check(model)  # now, and at every change below (it keeps watching)
    model.filter("send")
    assert 0 < model.rowCount() < len(entries)
    model.filter("no command is called this")
    assert model.rowCount() == 0
    model.filter("")
    assert model.rowCount() == len(entries) + 1
    model.filter("#12")  # offered first, whatever the ranking
    assert model.data(model.index(0, 0)) == "Go to ticket #12"
    model.filter("draft 304")
    assert model.data(model.index(0, 0)) == "Draft: #304 Le mode Éco"
