"""The desk follows the ticket on screen, as an agent expects: the due-time countdown runs only while the
customer waits, and every command is enabled only where it would change something. Driven on the demo
workspace through the window's own commands."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from desktop.session import Session
from services.domain import TicketStatus
from services.sync.status import SyncState
from tests.support.session import session_in, settled, start_demo, thread_of
from ui.command_palette import SHORTCUT_ROLE
from ui.main_window import MainWindow
from ui.models import status_text
from ui.panels import CustomerSidePanel, HeaderPanel, ThreadPanel
from ui.thread_view import MIN_READABLE_LINES


@pytest.fixture
def session(tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> Iterator[Session]:
    with session_in(tmp_path, qloop) as s:
        yield s


def enabled(window: MainWindow) -> dict[str, bool]:
    return {key: window.commands[key].isEnabled() for key in ("take", "resolve", "pending", "reopen")}


def status_on_screen(window: MainWindow, status: TicketStatus) -> bool:
    """The header shows the status (the change is queued, and the panels have read it again)."""
    return window.panel(HeaderPanel).view.status.text() == status_text(status) and not window.refreshing


def test_the_countdown_runs_only_while_the_customer_waits(session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    reads, desk = window.desk.reads, window.desk
    now = desk.now()
    offered = session.profile.store.worklist.offerable(desk.account_id, desk.me, reads.working_queues(), now)
    overdue = next(rid for rid in offered if (t := reads.ticket(rid)) and t.due and t.due < now)
    window.open_ticket(overdue)
    countdown = window.panel(HeaderPanel).view.countdown
    assert countdown.text().startswith("Overdue by") and countdown.isVisibleTo(window)

    window.commands["resolve"].trigger()
    qtbot.waitUntil(lambda: status_on_screen(window, TicketStatus.RESOLVED), timeout=10_000)
    assert countdown.is_empty()  # nobody waits for a resolved ticket: no countdown

    window.commands["pending"].trigger()
    qtbot.waitUntil(lambda: status_on_screen(window, TicketStatus.PENDING), timeout=10_000)
    assert countdown.text() == "Pending: back when the customer writes"

    window.commands["reopen"].trigger()
    qtbot.waitUntil(lambda: status_on_screen(window, TicketStatus.OPEN), timeout=10_000)
    assert countdown.text().startswith("Overdue by")


def test_commands_follow_the_ticket_shown(session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    me = window.desk.me
    header = window.panel(HeaderPanel).view
    for _ in range(3):  # from ticket to ticket, as Next moves on
        ticket = window.desk.reads.ticket(window.current_ticket or "")
        assert ticket is not None and ticket.status in (TicketStatus.NEW, TicketStatus.OPEN)
        # Opening takes it (the default): then Take has nothing left to do; a new or open ticket
        # cannot be reopened.
        qtbot.waitUntil(lambda: header.owner.text() == "Yours" and not window.refreshing, timeout=10_000)
        assert window.desk.reads.ticket(ticket.remote_id).owner == me  # type: ignore[union-attr]
        assert enabled(window) == {"take": False, "resolve": True, "pending": True, "reopen": False}
        window.commands["next"].trigger()
        qtbot.waitUntil(lambda t=ticket.remote_id: window.current_ticket != t, timeout=10_000)

    window.commands["resolve"].trigger()
    qtbot.waitUntil(lambda: status_on_screen(window, TicketStatus.RESOLVED), timeout=10_000)
    assert enabled(window) == {"take": False, "resolve": False, "pending": True, "reopen": True}


def test_next_does_not_bring_back_a_ticket_just_answered(session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    answered = window.current_ticket
    assert answered is not None
    qtbot.keyClicks(window.composer.editor, "The export is fixed: try it again, please.")
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)  # Send & next
    qtbot.waitUntil(lambda: window.current_ticket not in (None, answered), timeout=10_000)
    second = window.current_ticket
    window.commands["resolve"].trigger()
    qtbot.waitUntil(lambda: status_on_screen(window, TicketStatus.RESOLVED), timeout=10_000)
    shown = []
    for _ in range(4):  # Next, again and again: the answered ticket waits on the customer
        before = window.current_ticket
        window.commands["next"].trigger()
        qtbot.waitUntil(lambda b=before: window.current_ticket != b and not window.refreshing, timeout=10_000)
        shown.append(window.current_ticket)
    assert answered not in shown and second not in shown
    assert window.desk.reads.waits_on_customer(answered)
    assert not window.notices.isVisible() or "waiting on the customer" not in window.notices.text.text()
    # Once nothing else is left, Next offers it, and says why.
    store, desk = session.profile.store, window.desk
    queues = desk.reads.working_queues()
    for remote_id in store.worklist.offerable(desk.account_id, desk.me, queues, desk.now()):
        if remote_id != answered:
            store.worklist.skip(desk.account_id, remote_id, "later")
    window.commands["next"].trigger()
    assert window.current_ticket == answered
    assert window.notices.isVisible() and "waiting on the customer" in window.notices.text.text()


def test_the_customers_other_ticket_can_be_worked_on_and_closes_as_it_opened(session: Session,
                                                                             qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    reads = window.desk.reads
    first = window.current_ticket
    customer = reads.customer(reads.ticket(first or ""))  # type: ignore[arg-type]
    assert customer is not None
    others = [t.remote_id for t in customer.tickets if t.remote_id != first and t.status.is_active]
    assert others, "the demo's first customer has other active tickets"
    panel = window.panel(CustomerSidePanel).view
    sizes = window.splitter.sizes()

    # Enter on a row of the customer's history opens it beside; Escape (the focus in the composer) closes it.
    row = next(r for r in range(panel.model.rowCount()) if panel.model.ticket(r).remote_id == others[0])
    panel.tickets.setFocus()
    panel.tickets.setCurrentIndex(panel.model.index(row, 0))
    qtbot.keyClick(panel.tickets, Qt.Key.Key_Return)
    sheet = window.side_sheet
    assert sheet.isVisible() and sheet.remote_id == others[0] and window.current_ticket == first
    window.composer.focus_editor()
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Escape)
    assert not sheet.isVisible()
    assert window.splitter.sizes() == sizes  # no width jump
    assert not panel.tickets.selectionModel().hasSelection()  # no highlight left behind

    # "Work on this ticket" (Enter in the sheet) makes it the current one, taken as opening takes.
    window.show_other_ticket(others[0])
    sheet.setFocus()
    qtbot.keyClick(sheet, Qt.Key.Key_Return)
    assert window.current_ticket == others[0] and not sheet.isVisible()
    header = window.panel(HeaderPanel).view
    qtbot.waitUntil(lambda: header.owner.text() == "Yours", timeout=10_000)


def test_the_palette_lines_shortcuts_up_says_when_nothing_matches_and_escape_closes_it_first(
        session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    palette = window.palette_panel
    window.commands["palette"].trigger()
    model = palette._model
    rows = [(model.data(model.index(r, 0)), model.data(model.index(r, 0), SHORTCUT_ROLE))
            for r in range(model.rowCount())]
    assert ("Next ticket", "Ctrl+N") in rows
    assert all("\t" not in text for text, _ in rows)  # the shortcut is drawn in a column of its own
    qtbot.keyClicks(palette._query, "zzqxj")
    assert model.rowCount() == 0 and palette._none.isVisible()
    assert palette._none.text() == "No command matches"
    palette._query.clear()
    assert not palette._none.isVisible()

    # With the customer's other ticket open too, Escape closes the palette first, then the sheet.
    reads = window.desk.reads
    customer = reads.customer(reads.ticket(window.current_ticket or ""))  # type: ignore[arg-type]
    assert customer is not None
    other = next(t.remote_id for t in customer.tickets if t.remote_id != window.current_ticket)
    palette.hide()
    window.show_other_ticket(other)
    window.commands["palette"].trigger()
    qtbot.keyClick(palette._query, Qt.Key.Key_Escape)
    assert not palette.isVisible() and window.side_sheet.isVisible()
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Escape)
    assert not window.side_sheet.isVisible()


def test_the_help_menu_lists_the_shortcuts_and_says_where_the_data_is(session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    help_menu = menus["&Help"]
    assert help_menu is not None
    assert [a.text() for a in help_menu.actions()] == ["Keyboard shortcuts", "About Monodesk"]
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_F1)  # every command, with its shortcut
    assert window.palette_panel.isVisible()
    window.palette_panel.hide()
    window.commands["about"].trigger()
    box = session.about_box
    assert box is not None and box.isVisible()
    paths = session.profile.paths
    assert str(paths.data) in box.text() and str(paths.logs) in box.text()
    assert box.text().startswith("Monodesk ") and "development" not in box.text().split("\n")[0]
    box.close()


def test_the_compose_menu_shows_the_send_keys_and_the_reply_box_keeps_them(session: Session,
                                                                           qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    compose = menus["&Compose"]
    assert compose is not None
    shown = {a.text(): a.shortcut().toString() for a in compose.actions()}
    assert shown["Send"] == "Ctrl+Return"
    assert shown["Send and resolve"] == "Ctrl+Shift+Return"
    assert shown["Send and go to the next ticket"] == "Ctrl+Alt+Return"

    # Shown in the menu, the keys still belong to the reply box: one press sends once.
    ticket = window.current_ticket
    assert ticket is not None
    qtbot.keyClicks(window.composer.editor, "Sent with the keyboard.")
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.composer.editor.toPlainText() == "", timeout=10_000)
    assert [m.text for m in thread_of(window, ticket)].count("Sent with the keyboard.") == 1


def test_at_the_smallest_window_the_thread_shows_eight_lines_and_no_button_is_clipped(
        session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    smallest = window.minimumSizeHint()
    window.resize(smallest)
    qtbot.waitUntil(lambda: window.size() == smallest, timeout=5_000)
    view = window.panel(ThreadPanel).view
    assert view.viewport().height() >= MIN_READABLE_LINES * view.fontMetrics().lineSpacing()
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or not button.text():
            continue
        where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
        assert window.rect().contains(where), button.text()
        assert button.width() >= button.minimumSizeHint().width(), button.text()


def test_skipping_gives_back_what_opening_took_and_counts_the_reasons(session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    desk = window.desk
    start = desk.now()
    skipped: list[str] = []
    taken_by_opening: set[str] = set()
    for _ in range(10):  # by keyboard, as an agent clears tickets that are not theirs
        ticket = window.current_ticket
        assert ticket is not None
        qtbot.waitUntil(lambda t=ticket: (v := desk.reads.ticket(t)) is not None and v.owner == desk.me,
                        timeout=10_000)  # "take on open" made it the agent's, or it was already
        if session.profile.store.conn.execute(
                """SELECT 1 FROM outbox o JOIN tickets t ON t.id = o.ticket_id
                   WHERE t.remote_id = ? AND o.kind = 'take' AND json_extract(o.payload, '$.on_open')""",
                (ticket,)).fetchone():
            taken_by_opening.add(ticket)
        qtbot.keyClick(window.composer.editor, Qt.Key.Key_N,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(window.skip_bar.reason, "Not my product")
        qtbot.keyClick(window.skip_bar.reason, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda t=ticket: window.current_ticket not in (None, t), timeout=10_000)
        skipped.append(ticket)

    assert len(taken_by_opening) >= 5

    def owner(ticket: str) -> str | None:
        view = desk.reads.ticket(ticket)
        assert view is not None
        return view.owner

    # Given back, so that colleagues' Next offers them again; those the agent owned already stay theirs.
    # Through a whole sync: each give-back pushed, and the helpdesk's answer pulled back.
    expected = {t: None if t in taken_by_opening else desk.me for t in skipped}
    window.commands["sync"].trigger()
    qtbot.waitUntil(lambda: desk.reads.outbox_status().open == 0 and not window.refreshing
                    and {t: owner(t) for t in skipped} == expected, timeout=30_000)
    window.commands["sync"].trigger()  # and another: nothing takes them back
    qtbot.waitUntil(lambda: session.engine is not None and session.engine.status.state is SyncState.IDLE
                    and not window.refreshing, timeout=30_000)
    assert {t: owner(t) for t in skipped} == expected
    assert desk.reads.skip_counts(start) == {"Not my product": 10}
    assert window.desk.reads.next_ticket(exclude=(window.current_ticket or "",)) not in skipped
