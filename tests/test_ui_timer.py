"""The timer in the window on the demo workspace, by keyboard, with the desk's clock in the test's hands:
it counts by itself on the ticket on screen and writes what it counted every half minute; pausing,
adjusting with a reason and logging time with no message go through the Time menu's shortcuts; a long
idle stretch is taken back and asked about without a dialog; a reply carries the tracked minutes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.session import Session
from services.store import OpKind
from services.tracker import Stop
from tests.support.session import session_in, settled
from ui.main_window import MainWindow
from ui.panels import TimerPanel
from ui.presence import Presence
from ui.timer_view import TimerView


class Clock:
    def __init__(self) -> None:
        # Close to the real time (the demo seeds around it), but clear of local midnight and of the week's
        # turn, so "today" and "this week" hold everything a test counts, whenever it runs.
        local = datetime.now().astimezone().replace(microsecond=0)
        if not 4 <= local.hour < 20:
            local = (local - timedelta(hours=5 if local.hour < 4 else 0)).replace(hour=15)
        self.now = local.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class FakePresence(Presence):
    """Stands for the desktop's idle source: the test says how long the agent has been idle."""

    @property
    def source(self) -> str:
        return "the test"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def session(tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot,
            clock: Clock) -> Iterator[Session]:
    with session_in(tmp_path, qloop) as s:
        s.controller.clock = clock
        yield s


def start(session: Session, qtbot: QtBot) -> MainWindow:
    window = session.start(demo=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.current_ticket is not None, timeout=60_000)
    settled(session, window, qtbot)
    window.activateWindow()
    return window


def timer(window: MainWindow) -> TimerView:
    return window.panel(TimerPanel).view


def ledger(session: Session, window: MainWindow, ticket: str) -> float:
    assert session.account is not None
    return session.profile.store.timelog.ticket_time(session.account.id, window.desk.me, ticket).seconds


def press(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    from PySide6.QtGui import QKeySequence

    sequence = QKeySequence(keys)[0]
    widget = QApplication.focusWidget() or window
    qtbot.keyClick(widget, sequence.key(), sequence.keyboardModifiers())


def test_it_counts_by_itself_writes_every_half_minute_and_a_switch_writes_the_rest(
        session: Session, qtbot: QtBot, clock: Clock) -> None:
    window = start(session, qtbot)
    first = window.current_ticket
    assert first is not None
    qtbot.waitUntil(lambda: window.time.keeper.shown().known, timeout=10_000)
    clock.advance(45)
    qtbot.waitUntil(lambda: timer(window).clock.text() == "0:45", timeout=5_000)
    assert "Today" in timer(window).details.text()
    # Written by itself after half a minute: a crash now would lose at most what came since.
    qtbot.waitUntil(lambda: ledger(session, window, first) == 45, timeout=5_000)
    clock.advance(20)
    window.show_next()
    qtbot.waitUntil(lambda: window.current_ticket != first, timeout=10_000)
    qtbot.waitUntil(lambda: ledger(session, window, first) == 65, timeout=5_000)
    second = window.current_ticket
    assert second is not None
    qtbot.waitUntil(lambda: window.time.keeper.shown().known, timeout=10_000)
    assert timer(window).clock.text() == "0:00"  # the new ticket's own time
    qtbot.waitUntil(lambda: timer(window).details.text().endswith("Today 1 min"), timeout=5_000)


def test_pause_adjust_and_log_by_keyboard(session: Session, qtbot: QtBot, clock: Clock) -> None:
    window = start(session, qtbot)
    ticket = window.current_ticket
    assert ticket is not None and session.account is not None
    qtbot.waitUntil(lambda: window.time.keeper.shown().known, timeout=10_000)
    clock.advance(100)
    press(qtbot, window, "Ctrl+Alt+P")
    assert Stop.PAUSED in window.time.keeper.tracker.stops and window.commands["pause_timer"].isChecked()
    assert timer(window).pause_button.text() == "Resume"
    clock.advance(600)  # paused: not counted
    qtbot.waitUntil(lambda: ledger(session, window, ticket) == 100, timeout=5_000)
    qtbot.waitUntil(lambda: timer(window).clock.text() == "1:40", timeout=5_000)
    assert timer(window).details.text().startswith("Paused")
    press(qtbot, window, "Ctrl+Alt+P")
    assert window.time.keeper.tracker.counting

    # Adjust: ten minutes more, for a phone call.
    press(qtbot, window, "Ctrl+Alt+A")
    view = timer(window)
    assert QApplication.focusWidget() is view.adjust_minutes
    view.adjust_minutes.selectAll()
    qtbot.keyClicks(view.adjust_minutes, "10")
    qtbot.keyClick(view.adjust_minutes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.adjust_reason
    qtbot.keyClicks(view.adjust_reason, "phone call with the customer")
    qtbot.keyClick(view.adjust_reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ledger(session, window, ticket) == 700, timeout=5_000)
    reasons = [r[0] for r in session.profile.store.conn.execute(
        "SELECT reason FROM tracked_time WHERE kind = 'adjusted'")]
    assert reasons == ["phone call with the customer"]
    qtbot.waitUntil(lambda: view.clock.text() == "11:40", timeout=5_000)

    # Log it with no message: 11 minutes go, 40 s are carried.
    press(qtbot, window, "Ctrl+Alt+L")
    assert QApplication.focusWidget() is view.log_note
    assert view.log_apply.text() == "Log 11 min"
    qtbot.keyClicks(view.log_note, "Checked the VIES status page")
    qtbot.keyClick(view.log_note, Qt.Key.Key_Return)
    store = session.profile.store
    qtbot.waitUntil(lambda: any(op.kind is OpKind.TIME for op in store.outbox.open_ops(session.account.id))
                    or store.timelog.ticket_time(session.account.id, window.desk.me, ticket).unlogged < 60,
                    timeout=5_000)
    qtbot.waitUntil(lambda: "min logged" in window.notices.text.text(), timeout=5_000)
    time_ops = [r[0] for r in store.conn.execute("SELECT payload FROM outbox WHERE kind = 'time'")]
    assert time_ops and '"minutes": 11' in time_ops[0] and "VIES" in time_ops[0]
    assert store.timelog.ticket_time(session.account.id, window.desk.me, ticket).unlogged == 40


def test_a_long_idle_stretch_is_taken_back_and_asked_about_without_a_dialog(
        session: Session, qtbot: QtBot, clock: Clock) -> None:
    window = start(session, qtbot)
    ticket = window.current_ticket
    assert ticket is not None
    presence = FakePresence(window)
    window.time.set_presence(presence)
    assert "the test" in timer(window).clock.toolTip()
    qtbot.waitUntil(lambda: window.time.keeper.shown().known, timeout=10_000)
    window.composer.focus_editor()
    clock.advance(60)
    presence.idle.emit(0.0)
    clock.advance(420)  # away since second 60: seven minutes without input
    presence.idle.emit(420.0)
    qtbot.waitUntil(lambda: ledger(session, window, ticket) == 60, timeout=5_000)  # the 7 min taken back
    clock.advance(600)
    presence.idle.emit(3.0)  # back, three seconds ago
    view = timer(window)
    qtbot.waitUntil(lambda: view._idle_row is not None and view._idle_row.isVisible(), timeout=5_000)
    assert "You were away" in view.idle_text.text() and f"#{ticket}" in view.idle_text.text()
    assert QApplication.focusWidget() is window.composer.editor  # asked without taking the focus
    press(qtbot, window, "Ctrl+Alt+I")
    assert QApplication.focusWidget() is view.keep_button
    qtbot.keyClick(view.keep_button, Qt.Key.Key_Space)  # it was a phone call: kept
    qtbot.waitUntil(lambda: not view._idle_row.isVisible(), timeout=5_000)  # type: ignore[union-attr]
    # 60 s before, the 17 min away kept, and the 3 s since the return.
    qtbot.waitUntil(lambda: ledger(session, window, ticket) == 60 + 1017 + 3, timeout=5_000)


def test_idle_time_given_to_another_ticket(session: Session, qtbot: QtBot, clock: Clock) -> None:
    window = start(session, qtbot)
    ticket = window.current_ticket
    assert ticket is not None
    other = next(t for t in ("1", "2", "3", "4") if t != ticket)
    presence = FakePresence(window)
    window.time.set_presence(presence)
    qtbot.waitUntil(lambda: window.time.keeper.shown().known, timeout=10_000)
    presence.idle.emit(0.0)
    clock.advance(400)
    presence.idle.emit(400.0)
    clock.advance(10)
    presence.idle.emit(0.0)
    view = timer(window)
    qtbot.waitUntil(lambda: view._idle_row is not None and view._idle_row.isVisible(), timeout=5_000)
    qtbot.mouseClick(view.give_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is view.give_ticket
    qtbot.keyClicks(view.give_ticket, "not a number")
    qtbot.keyClick(view.give_ticket, Qt.Key.Key_Return)
    assert view._idle_row.isVisible()  # type: ignore[union-attr]  # refused, nothing lost
    view.give_ticket.clear()
    qtbot.keyClicks(view.give_ticket, "#99999999")  # no such ticket here: the time would be stranded
    qtbot.keyClick(view.give_ticket, Qt.Key.Key_Return)
    assert "not in this workspace" in window.notices.text.text() and view._idle_row.isVisible()  # type: ignore[union-attr]
    assert window.time.keeper.tracker.pending
    view.give_ticket.clear()
    qtbot.keyClicks(view.give_ticket, f"#{other}")
    qtbot.keyClick(view.give_ticket, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ledger(session, window, other) == 410, timeout=5_000)
    assert ledger(session, window, ticket) == 0


def test_a_reply_carries_the_tracked_minutes(session: Session, qtbot: QtBot, clock: Clock) -> None:
    window = start(session, qtbot)
    ticket = window.current_ticket
    assert ticket is not None and session.account is not None
    qtbot.waitUntil(lambda: window.time.keeper.shown().known, timeout=10_000)
    clock.advance(200)  # 3 min 20 s
    qtbot.keyClicks(window.composer.editor, "Thanks, it is fixed.")
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    store = session.profile.store
    qtbot.waitUntil(lambda: any(op.kind is OpKind.REPLY for op in store.outbox.open_ops(session.account.id)),
                    timeout=5_000)
    reply = next(op for op in store.outbox.open_ops(session.account.id) if op.kind is OpKind.REPLY)
    assert reply.payload["time_minutes"] == 3
    qtbot.waitUntil(lambda: "min to log" not in timer(window).details.text(), timeout=5_000)
    assert store.timelog.ticket_time(session.account.id, window.desk.me, ticket).unlogged == 20


def test_a_time_block_from_start_to_end_by_keyboard(session: Session, qtbot: QtBot, clock: Clock) -> None:
    window = start(session, qtbot)
    ticket = window.desk.reads.ticket(window.current_ticket or "")
    assert ticket is not None and session.account is not None
    view = timer(window)
    press(qtbot, window, "Ctrl+Alt+B")
    assert QApplication.focusWidget() is view.reserve_minutes
    assert ticket.customer_name in view.reserve_caption.text()
    view.reserve_minutes.selectAll()
    qtbot.keyClicks(view.reserve_minutes, "30")
    qtbot.keyClick(view.reserve_minutes, Qt.Key.Key_Return)
    store = session.profile.store
    qtbot.waitUntil(lambda: store.blocks.current(session.account.id, window.desk.me) is not None,
                    timeout=5_000)
    qtbot.waitUntil(lambda: view._block_row is not None and view._block_row.isVisible(), timeout=5_000)
    assert view.block_text.text() == f"Reserved for {ticket.customer_name}: 30 min left"
    # Next offers the customer's tickets first while the block runs.
    preferred = window.desk.reads.next_ticket(exclude=(ticket.remote_id,))
    theirs = {t.remote_id for t in window.desk.reads.customer(ticket).tickets}  # type: ignore[union-attr]
    usual = store.worklist.next_ticket(session.account.id, window.desk.me, window.desk.reads.working_queues(),
                                       clock(), exclude=(ticket.remote_id,))
    assert preferred in theirs or preferred == usual
    clock.advance(30 * 60)
    qtbot.waitUntil(lambda: view.block_text.text().startswith("Your 30 min for"), timeout=5_000)
    assert view.block_end.text() == "Done"
    assert window.desk.reads.next_ticket(exclude=(ticket.remote_id,)) == usual  # over: the usual order
    view.block_end.setFocus()
    qtbot.keyClick(view.block_end, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: store.blocks.current(session.account.id, window.desk.me) is None, timeout=5_000)
    qtbot.waitUntil(lambda: not view._block_row.isVisible(), timeout=5_000)  # type: ignore[union-attr]
    [kept] = store.blocks.between(session.account.id, window.desk.me, clock() - timedelta(hours=2), clock(),
                                  clock())
    assert kept.block.planned_seconds == 30 * 60 and kept.actual_seconds == 30 * 60


def test_the_day_view_by_keyboard(session: Session, qtbot: QtBot, clock: Clock) -> None:
    window = start(session, qtbot)
    ticket = window.current_ticket
    assert ticket is not None
    qtbot.waitUntil(lambda: window.time.keeper.shown().known, timeout=10_000)
    clock.advance(20 * 60)
    press(qtbot, window, "Ctrl+Alt+D")
    day = window.day_view
    qtbot.waitUntil(lambda: day.total.text() == "Today: 20 min worked", timeout=5_000)
    assert day.isVisible() and day.tickets._labels[0].text().startswith(f"#{ticket}")
    qtbot.keyClick(day, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: day.total.text() == "This week: 20 min worked", timeout=5_000)
    qtbot.keyClick(day, Qt.Key.Key_Escape)
    assert not day.isVisible()


def test_a_gentle_word_after_a_long_stretch(tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot,
                                           clock: Clock) -> None:
    with session_in(tmp_path, qloop) as session:
        session.controller.clock = clock
        session.settings.break_nudge_minutes = 50
        window = start(session, qtbot)
        qtbot.waitUntil(lambda: window.time.keeper.shown().known, timeout=10_000)
        qtbot.waitUntil(lambda: window.time.keeper.breaks.started is not None, timeout=5_000)  # work seen
        clock.advance(51 * 60)
        qtbot.waitUntil(lambda: "without a break" in window.notices.text.text(), timeout=5_000)
        assert window.notices.kind() == "info" and "51 min" in window.notices.text.text()


def test_a_night_with_the_lid_closed_is_not_counted(session: Session, qtbot: QtBot, clock: Clock) -> None:
    window = start(session, qtbot)
    ticket = window.current_ticket
    assert ticket is not None
    qtbot.waitUntil(lambda: window.time.keeper.shown().known, timeout=10_000)
    wall, steady = [1_000_000.0], [500.0]
    window.time.clocks = (lambda: wall[0], lambda: steady[0])
    qtbot.waitUntil(lambda: window.time._last_beat == (wall[0], steady[0]), timeout=5_000)
    clock.advance(60)
    wall[0] += 60
    steady[0] += 60
    qtbot.waitUntil(lambda: timer(window).clock.text() == "1:00", timeout=5_000)
    qtbot.waitUntil(lambda: ledger(session, window, ticket) == 60, timeout=5_000)  # its write has landed
    clock.advance(9 * 3600)  # suspended: no sleep signal came; the wall clock jumped, the steady one not
    wall[0] += 9 * 3600
    steady[0] += 1
    beat = (wall[0], steady[0])
    qtbot.waitUntil(lambda: window.time._last_beat == beat and ledger(session, window, ticket) >= 60,
                    timeout=5_000)
    assert 60 <= ledger(session, window, ticket) <= 62  # the minute before, not the night
    assert timer(window).clock.text() in ("1:00", "1:01", "1:02")
