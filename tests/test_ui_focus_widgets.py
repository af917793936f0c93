"""The focus desk's leaf widgets, offscreen, driven like an agent would: keys, clicks, and what shows.

Qt warnings fail these tests (qt_log_level_fail). Nothing sleeps: timers are awaited through signals or
conditions."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QEnterEvent, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from services.desk import AfterSend, CustomerPanel
from services.domain import TicketStatus
from services.focus import SlaLevel, sla
from services.pending import Conflict, PendingChange, Reason, pending_change
from services.store.outbox import OpKind, OpState, OutboxOp
from services.store.views import CustomerCounts, TicketSummary, TicketView
from services.store.worklist import Draft
from ui import composer as composer_module
from ui import notices as notices_module
from ui.chip import Chip
from ui.composer import Composer
from ui.conflict_bar import ConflictBar, excerpt
from ui.customer_panel import CustomerPanelView
from ui.empty_state import EmptyState
from ui.models import CustomerTicketsModel, Tone, contrast, local_datetime, quiet_text, tone_text
from ui.notices import NoticeBar
from ui.skip_bar import SkipBar
from ui.sync_indicator import SyncIndicator
from ui.ticket_header import TicketHeader

# The offscreen platform cannot resize real windows and says so whenever a top-level window's size
# limits change; that message says nothing about the widgets. Every other Qt warning still fails a test.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

NOW = datetime(2025, 3, 12, 14, 0, tzinfo=UTC)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


# --- helpers -------------------------------------------------------------------------------------------

def dark_palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2e", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f22", QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#3a3a3e", QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d7fd6", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a8a8e",
    }
    for role, value in colours.items():
        pal.setColor(role, QColor(value))
    return pal


def light_palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#efefef", QPalette.ColorRole.WindowText: "#000000",
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.Text: "#000000",
        QPalette.ColorRole.Button: "#efefef", QPalette.ColorRole.ButtonText: "#000000",
        QPalette.ColorRole.Highlight: "#308cc6", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#7f7f7f",
    }
    for role, value in colours.items():
        pal.setColor(role, QColor(value))
    return pal


PALETTES = pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])


def style_colours(widget: QWidget) -> tuple[QColor, QColor]:
    """(text, background) of a chip, as it paints them."""
    assert isinstance(widget, Chip)
    return widget.colours()


def hue(colour: QColor) -> float:
    return colour.hslHueF() * 360


def ticket(**changes: Any) -> TicketView:
    fields: dict[str, Any] = dict(
        id=1, remote_id="4182", subject="Invoice charged twice", queue="Billing", status=TicketStatus.OPEN,
        owner="marie", priority=80, created=NOW - timedelta(days=3, hours=2), updated=NOW,
        due=NOW + timedelta(hours=3, minutes=20), time_worked_minutes=0, customer_id=7,
        customer_email="j.okafor@brightlane.io", customer_name="Jonas Okafor",
        customer_organization="Brightlane Logistics", thread_synced=True, last_event_id="9", sync_error=None)
    fields.update(changes)
    return TicketView(**fields)


def summary(remote_id: str, days_ago: float, status: TicketStatus = TicketStatus.RESOLVED) -> TicketSummary:
    created = NOW - timedelta(days=days_ago)
    return TicketSummary(remote_id, f"Subject of {remote_id}", "Billing", status, created, created)


def outbox_op(kind: OpKind = OpKind.REPLY, state: OpState = OpState.CONFLICT, *, op_id: str = "op-1",
              conflict: str | None = Conflict(Reason.CUSTOMER_WROTE, at=NOW).encode(),
              error: str | None = None, **payload: Any) -> PendingChange:
    """A change waiting for a decision, as the window gets it from the outbox."""
    return pending_change(OutboxOp(
        seq=1, op_id=op_id, account_id=1, ticket_id=1, ticket_remote_id="4182", kind=kind, payload=payload,
        state=state, based_on_event="9", pre_send_event=None, attempts=1, last_error=error,
        conflict=conflict, seen_up_to=None))


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Shortcuts need the widget's window to be the active one."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())


# --- palette helpers ------------------------------------------------------------------------------------

@PALETTES
@pytest.mark.parametrize("tone", [Tone.ACCENT, Tone.GOOD, Tone.WARN, Tone.BAD, Tone.WAIT])
def test_tones_are_readable_in_light_and_dark(palette: QPalette, tone: Tone) -> None:
    background = palette.color(QPalette.ColorRole.Window)
    assert contrast(tone_text(palette, tone), background) >= 4.5
    assert contrast(quiet_text(palette), background) >= 4.5


# --- ticket header --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("remaining", "text", "level"), [
    (timedelta(hours=6), "Due in 6 h", SlaLevel.OK),
    (timedelta(hours=3, minutes=20), "Due in 3 h 20 min", SlaLevel.WARN),
    (timedelta(minutes=42), "Due in 42 min", SlaLevel.CRITICAL),
    (-timedelta(minutes=45), "Overdue by 45 min", SlaLevel.CRITICAL),
    (timedelta(days=2, hours=4), "Due in 2 d 4 h", SlaLevel.OK),
])
def test_header_countdown_text_and_level(qtbot: QtBot, remaining: timedelta, text: str,
                                         level: SlaLevel) -> None:
    header = TicketHeader()
    qtbot.addWidget(header)
    t = ticket(due=NOW + remaining)
    header.show_ticket(t, sla(t.due, NOW), NOW)
    assert header.countdown.text() == text
    assert header.sla_level() is level
    assert header.countdown.isVisibleTo(header) and header.countdown.width() > 0


@PALETTES
def test_header_countdown_colours_amber_and_red_readable(qtbot: QtBot, palette: QPalette) -> None:
    header = TicketHeader()
    qtbot.addWidget(header)
    header.setPalette(palette)
    colours = {}
    for remaining in (timedelta(hours=6), timedelta(hours=2), timedelta(minutes=30)):
        t = ticket(due=NOW + remaining)
        header.show_ticket(t, sla(t.due, NOW), NOW)
        colours[header.sla_level()] = style_colours(header.countdown)
    ok_text, _ = colours[SlaLevel.OK]
    warn_text, warn_fill = colours[SlaLevel.WARN]
    red_text, red_fill = colours[SlaLevel.CRITICAL]
    assert ok_text == palette.color(QPalette.ColorRole.WindowText)  # normal: the ordinary text colour
    assert 25 <= hue(warn_text) <= 50  # amber
    assert hue(red_text) <= 15 or hue(red_text) >= 345  # red
    assert contrast(warn_text, warn_fill) >= 4.5
    assert contrast(red_text, red_fill) >= 4.5


def test_header_hides_countdown_without_due_time(qtbot: QtBot) -> None:
    header = TicketHeader()
    qtbot.addWidget(header)
    t = ticket(due=None)
    header.show_ticket(t, sla(None, NOW), NOW)
    assert header.countdown.text() == ""
    assert header.countdown.is_empty() and header.countdown.sizeHint().isEmpty()  # takes no room
    assert header.sla_level() is SlaLevel.NONE


def test_header_tick_counts_down_into_red_then_overdue(qtbot: QtBot) -> None:
    header = TicketHeader()
    qtbot.addWidget(header)
    t = ticket(due=NOW + timedelta(hours=1, minutes=30))
    header.show_ticket(t, sla(t.due, NOW), NOW)
    assert (header.countdown.text(), header.sla_level()) == ("Due in 1 h 30 min", SlaLevel.WARN)
    header.tick(NOW + timedelta(minutes=40))
    assert (header.countdown.text(), header.sla_level()) == ("Due in 50 min", SlaLevel.CRITICAL)
    header.tick(NOW + timedelta(hours=2))
    assert header.countdown.text() == "Overdue by 30 min"
    assert header.age.text() == "opened 3 days ago"


def test_header_shows_who_what_and_whose(qtbot: QtBot) -> None:
    header = TicketHeader()
    qtbot.addWidget(header)
    header.set_me("marie")
    t = ticket(subject="<b>Refund</b> please", priority=97, status=TicketStatus.NEW)
    header.show_ticket(t, sla(t.due, NOW), NOW)
    assert header.subject.text() == "<b>Refund</b> please"
    assert header.subject.textFormat() == Qt.TextFormat.PlainText  # a subject is never markup
    assert header.subject.wordWrap()
    assert header.subject.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert header.number.text() == "#4182"
    assert header.customer.text() == "Jonas Okafor · Brightlane Logistics"
    assert header.queue.text() == "Billing"
    assert header.priority.text() == "Priority 97"
    assert header.status.text() == "new"
    assert header.owner.text() == "Yours"
    header.show_ticket(ticket(owner=None), sla(None, NOW), NOW)
    assert header.owner.text() == "Unassigned"
    header.show_ticket(ticket(owner="lucas", customer_name="", customer_organization=""), sla(None, NOW), NOW)
    assert header.owner.text() == "Owned by lucas"
    assert header.customer.text() == "j.okafor@brightlane.io"


def test_header_sync_error_is_a_discreet_elided_line(qtbot: QtBot) -> None:
    header = TicketHeader()
    qtbot.addWidget(header)
    problem = "Transaction 5521: the server refused to return an attachment. " * 5
    header.show_ticket(ticket(sync_error=problem), sla(None, NOW), NOW)
    header.resize(500, 200)
    header.show()
    qtbot.waitExposed(header)
    line = header.sync_warning
    assert line.isVisible()
    assert "Some of this ticket could not be read:" in line.text()
    assert line.toolTip() == problem
    assert line.fontMetrics().horizontalAdvance(line.text()) > line.width()  # elided on screen
    header.show_ticket(ticket(), sla(None, NOW), NOW)
    assert not line.isVisible()


# --- composer -------------------------------------------------------------------------------------------

@pytest.fixture
def composer(qtbot: QtBot) -> Composer:
    widget = Composer()
    qtbot.addWidget(widget)
    widget.load("4182", None)
    return widget


def test_composer_debounce_emits_once_after_typing_stops(qtbot: QtBot, composer: Composer) -> None:
    drafts: list[Draft] = []
    composer.draft_changed.connect(drafts.append)
    qtbot.keyClicks(composer.editor, "Hello Jonas")
    assert drafts == []  # nothing while typing
    assert composer.draft_pending
    with qtbot.waitSignal(composer.draft_changed, timeout=2000):
        pass
    assert drafts == [Draft("Hello Jonas", False, 0)]
    assert not composer.draft_pending  # nothing else is queued: exactly one emission


def test_composer_debounce_restarts_on_each_keystroke(qtbot: QtBot, composer: Composer) -> None:
    drafts: list[Draft] = []
    composer.draft_changed.connect(drafts.append)
    qtbot.keyClicks(composer.editor, "Hel")
    with qtbot.waitSignal(composer.draft_changed, timeout=2000):
        qtbot.keyClicks(composer.editor, "lo")
    assert [d.body for d in drafts] == ["Hello"]
    assert composer_module.DEBOUNCE_MS == 400


def test_composer_flush_emits_at_once_and_only_when_something_changed(qtbot: QtBot,
                                                                    composer: Composer) -> None:
    drafts: list[Draft] = []
    composer.draft_changed.connect(drafts.append)
    composer.flush_draft()
    assert drafts == []
    qtbot.keyClicks(composer.editor, "Refund sent")
    composer.flush_draft()
    assert drafts == [Draft("Refund sent", False, 0)]
    assert not composer.draft_pending
    composer.flush_draft()
    assert len(drafts) == 1


def test_composer_load_fills_without_emitting(qtbot: QtBot, composer: Composer) -> None:
    drafts: list[Draft] = []
    composer.draft_changed.connect(drafts.append)
    qtbot.keyClicks(composer.editor, "typed for another ticket")
    composer.load("77", Draft("Saved note", note=True, time_minutes=12))
    assert composer.editor.toPlainText() == "Saved note"
    assert composer.is_note_mode()
    assert composer.current_draft() == Draft("Saved note", True, 12)  # an older draft's minutes go on
    assert not composer.draft_pending  # the other ticket's pending text is not emitted into this one
    assert drafts == []


def test_send_buttons_disabled_while_blank(qtbot: QtBot, composer: Composer) -> None:
    buttons = (composer.send_button, composer.resolve_button, composer.pending_button, composer.next_button)
    assert not any(b.isEnabled() for b in buttons)
    qtbot.keyClicks(composer.editor, "   ")
    composer.editor.appendPlainText("\n\t")
    assert not any(b.isEnabled() for b in buttons)
    qtbot.keyClicks(composer.editor, "ok")
    assert all(b.isEnabled() for b in buttons)
    composer.clear()
    assert not any(b.isEnabled() for b in buttons)


@pytest.mark.parametrize(("button", "then"), [
    ("send_button", ""), ("resolve_button", "resolve"), ("pending_button", "pending"),
    ("next_button", "next"),
])
def test_each_send_button_says_what_comes_next(qtbot: QtBot, composer: Composer, button: str,
                                              then: str) -> None:
    composer.load("4182", Draft("Refund done", note=True))
    with qtbot.waitSignal(composer.send_requested) as signal:
        qtbot.mouseClick(getattr(composer, button), Qt.MouseButton.LeftButton)
    assert signal.args == ["Refund done", True, 0, then]


@pytest.mark.parametrize(("modifiers", "then"), [
    (CTRL, ""), (CTRL | SHIFT, "resolve"), (CTRL | ALT, "next"),
])
def test_each_shortcut_says_what_comes_next(qtbot: QtBot, composer: Composer,
                                           modifiers: Qt.KeyboardModifier, then: str) -> None:
    activate(qtbot, composer)
    composer.focus_editor()
    qtbot.keyClicks(composer.editor, "Thanks!")
    with qtbot.waitSignal(composer.send_requested) as signal:
        qtbot.keyClick(composer.editor, Qt.Key.Key_Return, modifiers)
    assert signal.args == ["Thanks!", False, 0, then]
    assert composer.editor.toPlainText() == "Thanks!"  # the shortcut did not type a line break


def test_shortcut_on_blank_text_sends_nothing(qtbot: QtBot, composer: Composer) -> None:
    activate(qtbot, composer)
    composer.focus_editor()
    sent: list[object] = []
    composer.send_requested.connect(lambda *args: sent.append(args))
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, CTRL)
    assert sent == []


def test_send_tooltips_show_shortcuts(composer: Composer) -> None:
    assert "Ctrl+Return" in composer.send_button.toolTip()
    assert "Ctrl+Shift+Return" in composer.resolve_button.toolTip()
    assert "Ctrl+Alt+Return" in composer.next_button.toolTip()
    assert composer.resolve_button.text() == "Send && resolve"  # shows as "Send & resolve"
    assert composer.resolve_button.accessibleName() == "Send & resolve"


def test_note_mode_is_visibly_flagged(qtbot: QtBot, composer: Composer) -> None:
    composer.show()
    qtbot.waitExposed(composer)
    reply_background = composer.palette().color(QPalette.ColorRole.Window)
    reply_editor = composer.editor.palette().color(QPalette.ColorRole.Base)
    assert not composer.note_banner.isVisible()
    qtbot.mouseClick(composer.note_button, Qt.MouseButton.LeftButton)
    assert composer.is_note_mode()
    assert composer.note_banner.isVisible()
    assert composer.note_banner.text() == "Internal note — the customer will not see this"
    note_background = composer.palette().color(QPalette.ColorRole.Window)
    assert note_background != reply_background
    assert composer.editor.palette().color(QPalette.ColorRole.Base) != reply_editor
    assert note_background.redF() > note_background.blueF()  # warm
    assert "internal note" in composer.editor.placeholderText()
    assert composer.current_draft().note
    composer.set_note_mode(False)
    assert not composer.note_banner.isVisible()
    assert composer.palette().color(QPalette.ColorRole.Window) == reply_background


@PALETTES
def test_note_banner_readable_in_both_palettes(qtbot: QtBot, palette: QPalette) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.setPalette(palette)
    composer = Composer(host)
    composer.set_note_mode(True)
    background = composer.palette().color(QPalette.ColorRole.Window)
    assert contrast(composer.note_banner.palette().color(QPalette.ColorRole.WindowText), background) >= 4.5
    assert contrast(composer.palette().color(QPalette.ColorRole.WindowText), background) >= 4.5


def test_an_older_drafts_minutes_go_with_its_message_once(qtbot: QtBot, composer: Composer) -> None:
    sent: list[tuple[str, bool, int, object]] = []
    composer.send_requested.connect(lambda *args: sent.append(args))
    composer.load("4182", Draft("half written", time_minutes=12))
    composer._send(AfterSend.NOTHING)
    composer.clear()
    qtbot.keyClicks(composer.editor, "and one more")
    composer._send(AfterSend.NOTHING)
    assert [(text, minutes) for text, _note, minutes, _then in sent] == [("half written", 12),
                                                                         ("and one more", 0)]


def test_editor_grows_with_text_up_to_forty_percent(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.addStretch(1)
    composer = Composer(window)
    layout.addWidget(composer)
    window.resize(800, 800)
    window.show()
    qtbot.waitExposed(window)
    empty = composer.editor.height()
    composer.editor.setPlainText("\n".join(f"line {i}" for i in range(8)))
    qtbot.waitUntil(lambda: composer.editor.height() > empty)
    composer.editor.setPlainText("\n".join(f"line {i}" for i in range(200)))
    qtbot.waitUntil(lambda: composer.editor.height() == int(800 * 0.4))


# --- customer panel -------------------------------------------------------------------------------------

def panel(tickets: list[TicketSummary]) -> CustomerPanel:
    return CustomerPanel("j.okafor@brightlane.io", "Jonas Okafor", "Brightlane Logistics",
                         CustomerCounts(14, 3, 2), tickets)


@pytest.fixture
def customer_view(qtbot: QtBot) -> CustomerPanelView:
    view = CustomerPanelView()
    qtbot.addWidget(view)
    tickets = [summary("4011", 40), summary("4190", 0.2, TicketStatus.NEW),
               summary("4182", 3, TicketStatus.OPEN), summary("3870", 120),
               summary("4150", 9, TicketStatus.PENDING)]
    random.Random(4).shuffle(tickets)
    view.show_customer(panel(tickets), "4182")
    view.resize(320, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def rows(view: CustomerPanelView) -> list[str]:
    model = view.model
    return [model.data(model.index(r, 0), CustomerTicketsModel.RemoteIdRole) for r in range(model.rowCount())]


def test_customer_panel_shows_who_and_counts(customer_view: CustomerPanelView) -> None:
    v = customer_view
    assert v.name.text() == "Jonas Okafor"
    assert v.organization.text() == "Brightlane Logistics"
    assert v.email.text() == "j.okafor@brightlane.io"
    assert v.email.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert (v.all_time.value.text(), v.recent.value.text(), v.open_now.value.text()) == ("14", "3", "2")
    assert not v.empty.isVisible()


def test_customer_tickets_newest_first_with_details(customer_view: CustomerPanelView) -> None:
    assert rows(customer_view) == ["4190", "4182", "4150", "4011", "3870"]
    model = customer_view.model
    detail = model.data(model.index(2, 0), CustomerTicketsModel.DetailRole)
    assert detail.startswith("#4150 · Billing · pending · ")
    assert model.data(model.index(2, 0), Qt.ItemDataRole.DisplayRole) == "Subject of 4150"


def test_painted_row_follows_a_refreshed_ticket(customer_view: CustomerPanelView) -> None:
    model = customer_view.model
    subject, detail, current = model.data(model.index(2, 0), CustomerTicketsModel.PaintRole)
    assert (subject, current) == ("Subject of 4150", False) and detail.startswith("#4150 · Billing · pending")
    assert model.data(model.index(1, 0), CustomerTicketsModel.PaintRole)[2] is True  # 4182, on screen
    customer_view.grab()  # paints every row: the detail lines are made and kept
    tickets = [model.ticket(r) for r in range(model.rowCount())]
    tickets[2] = replace(tickets[2], status=TicketStatus.RESOLVED)
    customer_view.show_customer(panel(tickets), "4182")
    row = model.index(2, 0)
    assert model.data(row, CustomerTicketsModel.PaintRole)[1].startswith("#4150 · Billing · resolved")
    assert model.data(row, CustomerTicketsModel.DetailRole).startswith("#4150 · Billing · resolved")


def test_current_ticket_marked_and_not_activatable(qtbot: QtBot, customer_view: CustomerPanelView) -> None:
    view, model = customer_view.tickets, customer_view.model
    current = model.index(1, 0)
    assert model.data(current, CustomerTicketsModel.IsCurrentRole) is True
    assert "this ticket" in model.data(current, Qt.ItemDataRole.AccessibleTextRole)
    assert not model.flags(current) & Qt.ItemFlag.ItemIsSelectable
    activated: list[str] = []
    customer_view.ticket_activated.connect(activated.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(current).center())
    view.setCurrentIndex(current)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated == []


def test_click_on_another_ticket_activates_it(qtbot: QtBot, customer_view: CustomerPanelView) -> None:
    view, model = customer_view.tickets, customer_view.model
    other = model.index(3, 0)
    with qtbot.waitSignal(customer_view.ticket_activated) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(other).center())
    assert signal.args == ["4011"]


def test_enter_on_another_ticket_activates_it(qtbot: QtBot, customer_view: CustomerPanelView) -> None:
    view = customer_view.tickets
    view.setFocus()
    view.setCurrentIndex(customer_view.model.index(0, 0))
    with qtbot.waitSignal(customer_view.ticket_activated) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert signal.args == ["4190"]


def test_refresh_with_same_tickets_keeps_the_selection(customer_view: CustomerPanelView) -> None:
    view, model = customer_view.tickets, customer_view.model
    view.setCurrentIndex(model.index(3, 0))
    same = [model.ticket(r) for r in range(model.rowCount())]
    customer_view.show_customer(panel(same), "4182")
    assert view.currentIndex().row() == 3


def test_customer_panel_empty_state(qtbot: QtBot, customer_view: CustomerPanelView) -> None:
    customer_view.show_customer(None, "")
    assert customer_view.empty.isVisible()
    assert customer_view.empty.text() == "No customer for this ticket."
    assert customer_view.model.rowCount() == 0
    assert not customer_view.tickets.isVisible()


def test_customer_model_ignores_bad_index() -> None:
    model = CustomerTicketsModel()
    assert model.data(QModelIndex()) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


# --- empty state ----------------------------------------------------------------------------------------

def test_empty_state_is_honest_about_queues_and_skips(qtbot: QtBot) -> None:
    empty = EmptyState()
    qtbot.addWidget(empty)
    empty.set_details(3, ["Billing", "Factura"])
    empty.show()
    assert empty.heading.text() == "Queue clear"
    assert "Billing" in empty.details.text() and "Factura" in empty.details.text()
    assert empty.skipped.isVisible()
    assert empty.skipped.text().startswith("3 tickets you skipped")
    empty.set_details(1, ["Billing"])
    assert empty.details.text() == "Nothing is waiting in Billing."
    assert empty.skipped.text() == "1 ticket you skipped is set aside until it changes."
    empty.set_details(0, [])
    assert not empty.skipped.isVisible()
    assert "not chosen any queues" in empty.details.text()


def test_empty_state_check_again(qtbot: QtBot) -> None:
    empty = EmptyState()
    qtbot.addWidget(empty)
    with qtbot.waitSignal(empty.refresh_requested):
        qtbot.mouseClick(empty.check_again, Qt.MouseButton.LeftButton)
    assert empty.check_again.accessibleName()


# --- sync indicator -------------------------------------------------------------------------------------

class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.mark.parametrize(("state", "args", "text"), [
    ("idle", (0, 0, NOW - timedelta(minutes=2), None), "Online · synced 2 min ago"),
    ("idle", (0, 0, NOW - timedelta(seconds=10), None), "Online · synced just now"),
    ("idle", (0, 0, None, None), "Online"),
    ("syncing", (0, 0, NOW, None), "Syncing…"),
    ("offline", (3, 0, NOW - timedelta(hours=1), 40.0), "Offline · 3 changes waiting · retrying in 40 s"),
    ("offline", (1, 0, None, None), "Offline · 1 change waiting"),
    ("signed_out", (0, 0, NOW, None), "Signed out"),
])
def test_sync_indicator_text(qtbot: QtBot, state: str, args: tuple[Any, ...], text: str) -> None:
    indicator = SyncIndicator(clock=Clock())
    qtbot.addWidget(indicator)
    indicator.update_status(state, *args)
    assert indicator.text.text() == text
    assert indicator.toolTip()  # details on hover


@PALETTES
def test_sync_indicator_conflicts_in_amber(qtbot: QtBot, palette: QPalette) -> None:
    indicator = SyncIndicator(clock=Clock())
    qtbot.addWidget(indicator)
    indicator.setPalette(palette)
    indicator.update_status("idle", 1, 1, NOW, None)
    indicator.show()
    assert indicator.conflicts.isVisible()
    assert indicator.conflicts.text() == "1 conflict"
    amber = indicator.conflicts.palette().color(QPalette.ColorRole.WindowText)
    assert 25 <= hue(amber) <= 50
    assert contrast(amber, palette.color(QPalette.ColorRole.Window)) >= 4.5
    assert "need your decision: 1" in indicator.toolTip()
    indicator.update_status("idle", 0, 0, NOW, None)
    assert not indicator.conflicts.isVisible()


def test_sync_indicator_retry_counts_down(qtbot: QtBot) -> None:
    clock = Clock()
    indicator = SyncIndicator(clock=clock)
    qtbot.addWidget(indicator)
    indicator.update_status("offline", 0, 0, None, 40.0)
    assert indicator.text.text().endswith("retrying in 40 s")
    clock.now = NOW + timedelta(seconds=25)
    qtbot.waitUntil(lambda: indicator.text.text().endswith("retrying in 15 s"), timeout=3000)
    clock.now = NOW + timedelta(seconds=45)
    qtbot.waitUntil(lambda: indicator.text.text() == "Offline", timeout=3000)


def test_waiting_counter_is_quiet(qtbot: QtBot) -> None:
    indicator = SyncIndicator(clock=Clock())
    qtbot.addWidget(indicator)
    indicator.set_waiting(12)
    assert indicator.waiting.text() == "12 waiting"
    assert indicator.waiting.parent() is indicator  # in the status bar, not a pop-up
    indicator.set_waiting(0)
    assert indicator.waiting.text() == "Nothing waiting"


# --- notices --------------------------------------------------------------------------------------------

@pytest.fixture
def window_with_notice(qtbot: QtBot) -> tuple[QWidget, NoticeBar, QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    bar = NoticeBar(window)
    other = QLineEdit(window)
    layout.addWidget(bar)
    layout.addWidget(other)
    window.show()
    qtbot.waitExposed(window)
    return window, bar, other


def test_info_notice_hides_by_itself(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    assert notices_module.INFO_MS == 8000
    monkeypatch.setattr(notices_module, "INFO_MS", 50)  # the real 8 s are not worth waiting for
    window = QWidget()
    qtbot.addWidget(window)
    bar = NoticeBar(window)
    window.move(400, 400)  # away from the pointer: a notice under the mouse waits until it leaves
    QCursor.setPos(5, 5)
    window.show()
    bar.show_notice("The new language applies the next time Monodesk starts.", "info")
    assert bar.isVisible()
    assert bar.auto_hides()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=2000)


def test_info_notice_waits_while_the_mouse_is_on_it(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    bar = NoticeBar(window)
    window.show()
    bar.show_notice("Synced", "info")
    QApplication.sendEvent(bar, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    assert bar.isVisible() and not bar.auto_hides()
    QApplication.sendEvent(bar, QEvent(QEvent.Type.Leave))
    assert bar.auto_hides()


def test_error_notice_stays_until_dismissed(qtbot: QtBot,
                                            window_with_notice: tuple[QWidget, NoticeBar, QLineEdit]) -> None:
    _window, bar, other = window_with_notice
    bar.show_notice("Something went wrong: timeout")
    assert bar.kind() == "error"
    assert bar.isVisible()
    assert not bar.auto_hides()
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    bar.show_notice("Something went wrong again")
    other.setFocus()
    qtbot.keyClick(other, Qt.Key.Key_Escape)  # Escape nobody else wanted reaches the window
    assert not bar.isVisible()


def test_notices_replace_each_other(window_with_notice: tuple[QWidget, NoticeBar, QLineEdit]) -> None:
    window, bar, _other = window_with_notice
    bar.show_notice("first", "info")
    bar.show_notice("second")
    assert bar.text.text() == "second"
    assert not bar.auto_hides()  # the error replaced the info: it stays
    assert len(window.findChildren(NoticeBar)) == 1


def test_notice_action_runs_and_dismisses(qtbot: QtBot,
                                          window_with_notice: tuple[QWidget, NoticeBar, QLineEdit]) -> None:
    _window, bar, _other = window_with_notice
    ran: list[bool] = []
    bar.show_notice("Ticket #4100 was merged into #4098.", "warning", "Open #4098", lambda: ran.append(True))
    assert bar.action_button.isVisible()
    assert bar.action_button.text() == "Open #4098"
    qtbot.mouseClick(bar.action_button, Qt.MouseButton.LeftButton)
    assert ran == [True]
    assert not bar.isVisible()
    bar.show_notice("plain")
    assert not bar.action_button.isVisible()


def test_escape_used_by_the_skip_bar_leaves_the_notice(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    bar, skip = NoticeBar(window), SkipBar(window)
    layout.addWidget(bar)
    layout.addWidget(skip)
    window.show()
    qtbot.waitExposed(window)
    bar.show_notice("Could not save the draft")
    skip.start()
    qtbot.keyClick(skip.reason, Qt.Key.Key_Escape)
    assert not skip.isVisible()
    assert bar.isVisible()


# --- conflict bar ---------------------------------------------------------------------------------------

def test_conflict_bar_hidden_without_ops(qtbot: QtBot) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    bar.show_ops([])
    assert not bar.isVisible()


def test_conflict_bar_says_what_happened_and_what_the_change_was(qtbot: QtBot) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    text = ("Hi Jonas,\n\nThanks for the screenshots. I can see the second charge on 3 March and asked"
            " for a refund.")
    bar.show_ops([outbox_op(text=text, status="resolved"), outbox_op(op_id="op-2", text="later")])
    bar.show()
    assert bar.title.text() == "Your reply was held back"
    when = local_datetime(NOW)
    assert bar.reason.text() == f"The customer wrote again ({when}) since you opened the ticket."
    quote = excerpt(text)
    assert bar.change.text().startswith(f"Your reply: «{quote}»")
    assert quote.endswith("…") and len(quote) <= 81
    assert quote.startswith("Hi Jonas, Thanks for the screenshots.")
    assert "resolved" in bar.change.text()
    assert bar.more.isVisible()
    assert bar.send_button.text() == "Send anyway"
    assert bar.discard_button.text() == "Discard — back to the draft"


@pytest.mark.parametrize(("button", "send"), [("send_button", True), ("discard_button", False)])
def test_conflict_bar_decide(qtbot: QtBot, button: str, send: bool) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    bar.show_ops([outbox_op(op_id="op-42", text="Refund sent")])
    with qtbot.waitSignal(bar.decide) as signal:
        qtbot.mouseClick(getattr(bar, button), Qt.MouseButton.LeftButton)
    assert signal.args == ["op-42", send]


def test_conflict_bar_words_a_refused_time_entry(qtbot: QtBot) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    bar.show_ops([outbox_op(OpKind.TIME, OpState.FAILED, conflict=None, error="HTTP 403: not allowed",
                            minutes=12, text="Reproduced it on staging")])
    assert bar.title.text() == "Your time entry could not be logged"
    assert bar.change.text().splitlines() == [
        "Your change: log 12 min worked, with no message.", "Your note: «Reproduced it on staging»",
        "Discarded, the time goes back to the ticket, to log later."]
    assert bar.discard_button.text() == "Discard this change"


def test_conflict_bar_failed_and_non_message_changes(qtbot: QtBot) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    bar.show_ops([outbox_op(OpKind.NOTE, OpState.FAILED, conflict=None, error="HTTP 403: not allowed",
                            text="internal")])
    assert bar.title.text() == "Your internal note could not be sent"
    assert bar.reason.text() == "The helpdesk refused this change: HTTP 403: not allowed"
    assert bar.change.text() == "Your internal note: «internal»"
    bar.show_ops([outbox_op(OpKind.STATUS, status="pending")])
    assert bar.change.text() == "Your change: set the status to pending."
    assert bar.send_button.text() == "Apply anyway"


@pytest.mark.parametrize(("conflict", "reason"), [
    (Conflict(Reason.TAKEN, who="marta"), "marta took this ticket since you opened it."),
    (Conflict(Reason.STATUS_SET, who="marta", value="resolved"),
     "marta set the status to resolved since you opened the ticket."),
    # A reason an older version kept as a sentence is shown as it was written.
    (None, "The customer wrote again since you opened the ticket."),
])
def test_conflict_bar_words_each_reason(qtbot: QtBot, conflict: Conflict | None, reason: str) -> None:
    bar = ConflictBar()
    qtbot.addWidget(bar)
    bar.show_ops([outbox_op(conflict=conflict.encode() if conflict else reason, text="x")])
    assert bar.reason.text() == reason


# --- skip bar -------------------------------------------------------------------------------------------

@pytest.fixture
def skip_bar(qtbot: QtBot) -> SkipBar:
    bar = SkipBar()
    qtbot.addWidget(bar)
    bar.hide()
    activate(qtbot, bar)
    bar.start()
    return bar


def test_skip_bar_start_focuses_the_reason(qtbot: QtBot, skip_bar: SkipBar) -> None:
    assert skip_bar.isVisible()
    qtbot.waitUntil(skip_bar.reason.hasFocus)
    assert skip_bar.reason.placeholderText() == "Why skip? (e.g. waiting for billing)"
    assert not skip_bar.skip_button.isEnabled()


def test_skip_bar_enter_confirms_a_reason(qtbot: QtBot, skip_bar: SkipBar) -> None:
    confirmed: list[str] = []
    skip_bar.skip_confirmed.connect(confirmed.append)
    qtbot.keyClicks(skip_bar.reason, "   ")
    assert not skip_bar.skip_button.isEnabled()
    qtbot.keyClick(skip_bar.reason, Qt.Key.Key_Return)
    assert confirmed == []  # blank: nothing to confirm
    qtbot.keyClicks(skip_bar.reason, "waiting for billing ")
    assert skip_bar.skip_button.isEnabled()
    with qtbot.waitSignal(skip_bar.skip_confirmed) as signal:
        qtbot.keyClick(skip_bar.reason, Qt.Key.Key_Return)
    assert signal.args == ["waiting for billing"]


def test_skip_bar_escape_cancels(qtbot: QtBot, skip_bar: SkipBar) -> None:
    qtbot.keyClicks(skip_bar.reason, "not sure")
    with qtbot.waitSignal(skip_bar.cancelled):
        qtbot.keyClick(skip_bar.reason, Qt.Key.Key_Escape)
    assert not skip_bar.isVisible()


def test_skip_bar_quick_reasons(qtbot: QtBot, skip_bar: SkipBar) -> None:
    labels = [b.text() for b in skip_bar.quick_buttons]
    assert labels == ["Needs a specialist", "Waiting for a colleague", "Not my product"]
    qtbot.mouseClick(skip_bar.quick_buttons[1], Qt.MouseButton.LeftButton)
    assert skip_bar.reason.text() == "Waiting for a colleague"
    with qtbot.waitSignal(skip_bar.skip_confirmed) as signal:
        qtbot.mouseClick(skip_bar.skip_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["Waiting for a colleague"]


# --- accessibility --------------------------------------------------------------------------------------

def test_interactive_widgets_have_accessible_names(qtbot: QtBot) -> None:
    widgets: list[QWidget] = [Composer(), CustomerPanelView(), EmptyState(), NoticeBar(), ConflictBar(),
                              SkipBar()]
    conflict = widgets[4]
    assert isinstance(conflict, ConflictBar)
    conflict.show_ops([outbox_op(text="x")])
    interactive = ("QPushButton", "QToolButton", "QLineEdit", "QPlainTextEdit", "QSpinBox", "QListView")
    for widget in widgets:
        qtbot.addWidget(widget)
        for child in widget.findChildren(QWidget):
            if child.objectName().startswith("qt_"):
                continue  # Qt's own parts (a spin box's line edit): the spin box carries the name
            if child.metaObject().className() in interactive and child.isVisibleTo(widget):
                assert child.accessibleName(), f"{type(widget).__name__}: {child.objectName() or child}"
