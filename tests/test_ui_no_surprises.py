"""The window never moves the agent off their work without being asked, and work left elsewhere is
found again: a queue choice keeps the ticket (and its draft) on screen, a restart reopens the ticket
that was in focus, drafts on other tickets are listed in the palette, and any ticket can be reached by
its number (Ctrl+G, or "#123" in the palette), fetched from the helpdesk when it is not held here.
Driven on the demo workspace, by keyboard where an agent would use it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from services.store import Draft
from tests.support.session import session_in, settled, start_demo
from ui.main_window import MainWindow
from ui.panels import HeaderPanel

CTRL = Qt.KeyboardModifier.ControlModifier


def palette_lines(window: MainWindow) -> list[str]:
    model = window.palette_panel._list.model()
    return [str(model.data(model.index(row, 0))) for row in range(model.rowCount())]


def subject_on_screen(window: MainWindow) -> str:
    return window.panel(HeaderPanel).view.subject.text()


def test_choosing_queues_keeps_the_ticket_and_its_draft_on_screen(
        tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> None:
    with session_in(tmp_path, qloop) as session:
        window = start_demo(session, qtbot)
        settled(session, window, qtbot)
        ticket = window.current_ticket
        qtbot.keyClicks(window.composer.editor, "Half an answer")
        window.commands["queues"].trigger()
        picker = session.queue_picker
        assert picker is not None
        for row in range(picker.list.count()):  # a different choice: only the last queue
            last = row == picker.list.count() - 1
            picker.list.item(row).setCheckState(Qt.CheckState.Checked if last else Qt.CheckState.Unchecked)
        chosen = picker.ticked()
        qtbot.mouseClick(picker.save_button, Qt.MouseButton.LeftButton)
        assert session.account is not None
        account = session.account.id
        store = session.profile.store
        # Once the choice is saved and whatever the window does after it is done.
        qtbot.waitUntil(lambda: store.accounts.working_queues(account) == chosen and not window.tasks.busy
                        and not window.refreshing, timeout=10_000)
        assert window.current_ticket == ticket
        assert window.composer.editor.toPlainText() == "Half an answer"


def test_a_restart_reopens_the_ticket_in_focus(tmp_path: Path, qloop: asyncio.AbstractEventLoop,
                                               qtbot: QtBot) -> None:
    with session_in(tmp_path, qloop) as session:
        window = start_demo(session, qtbot)
        settled(session, window, qtbot)
        first = window.current_ticket
        window.commands["next"].trigger()
        qtbot.waitUntil(lambda: window.current_ticket not in (None, first), timeout=10_000)
        working_on = window.current_ticket
        assert working_on is not None
        qtbot.keyClicks(window.composer.editor, "Where I left it")
        assert window.desk.reads.next_ticket() != working_on  # so that a restart on Next would lose it
        qtbot.waitUntil(lambda: window.desk.reads.last_focus() == working_on, timeout=10_000)

    with session_in(tmp_path, qloop) as again:
        window = start_demo(again, qtbot)
        assert window.current_ticket == working_on
        assert window.composer.editor.toPlainText() == "Where I left it"


def test_drafts_left_on_other_tickets_are_in_the_palette(tmp_path: Path, qloop: asyncio.AbstractEventLoop,
                                                         qtbot: QtBot) -> None:
    with session_in(tmp_path, qloop) as session:
        window = start_demo(session, qtbot)
        settled(session, window, qtbot)
        left = window.current_ticket
        assert left is not None
        subject = subject_on_screen(window)
        qtbot.keyClicks(window.composer.editor, "To finish after lunch")
        window.commands["next"].trigger()  # asked: the draft is kept on its ticket
        qtbot.waitUntil(lambda: window.current_ticket not in (None, left), timeout=10_000)
        qtbot.waitUntil(lambda: window.desk.reads.draft(left) == Draft("To finish after lunch", False, 0),
                        timeout=10_000)

        qtbot.keyClick(window.composer.editor, Qt.Key.Key_K, CTRL)
        assert f"Draft: #{left} {subject}" in palette_lines(window)
        qtbot.keyClicks(window.palette_panel._query, "draft")
        assert palette_lines(window)[0] == f"Draft: #{left} {subject}"
        qtbot.keyClick(window.palette_panel._query, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.current_ticket == left, timeout=10_000)
        assert window.composer.editor.toPlainText() == "To finish after lunch"
        qtbot.keyClick(window.composer.editor, Qt.Key.Key_K, CTRL)  # the ticket on screen is not listed
        assert not any(line.startswith(f"Draft: #{left} ") for line in palette_lines(window))


def test_go_to_a_ticket_by_number(tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> None:
    with session_in(tmp_path, qloop) as session:
        window = start_demo(session, qtbot)
        settled(session, window, qtbot)
        reads = window.desk.reads
        store = session.profile.store
        assert session.account is not None
        held = next(r for r in store.worklist.offerable(window.desk.account_id, window.desk.me,
                                                        reads.working_queues(), window.desk.now())
                    if r != window.current_ticket)

        qtbot.keyClick(window.composer.editor, Qt.Key.Key_G, CTRL)  # the palette, ready for a number
        assert window.palette_panel.isVisible() and window.palette_panel._query.text() == "#"
        qtbot.keyClicks(window.palette_panel._query, held)
        assert palette_lines(window)[0].startswith(f"Go to ticket #{held}")
        qtbot.keyClick(window.palette_panel._query, Qt.Key.Key_Return)
        assert window.current_ticket == held  # from the replica, at once

        # A ticket this replica does not hold: read from the helpdesk, then shown.
        gone = next(r for r in store.worklist.offerable(window.desk.account_id, window.desk.me,
                                                        reads.working_queues(), window.desk.now())
                    if r != held)
        with store.conn:
            store.conn.execute("DELETE FROM tickets WHERE account_id = ? AND remote_id = ?",
                               (session.account.id, gone))
        window.commands["palette"].trigger()
        qtbot.keyClicks(window.palette_panel._query, gone)  # typed without the "#": a number is enough
        qtbot.keyClick(window.palette_panel._query, Qt.Key.Key_Return)
        assert window.notices.isVisible() and f"#{gone}" in window.notices.text.text()
        qtbot.waitUntil(lambda: window.current_ticket == gone, timeout=10_000)
        assert reads.ticket(gone) is not None and reads.thread(reads.ticket(gone))  # type: ignore[arg-type]

        # One that does not exist: said, and the agent stays where they are.
        window.commands["go_to"].trigger()
        qtbot.keyClicks(window.palette_panel._query, "999999")
        qtbot.keyClick(window.palette_panel._query, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "There is no ticket #999999" in window.notices.text.text(), timeout=10_000)
        assert window.current_ticket == gone


def test_a_skipped_ticket_is_not_reopened_on_start(tmp_path: Path, qloop: asyncio.AbstractEventLoop,
                                                   qtbot: QtBot) -> None:
    with session_in(tmp_path, qloop) as session:
        window = start_demo(session, qtbot)
        settled(session, window, qtbot)
        skipped = window.current_ticket
        window.commands["skip"].trigger()
        qtbot.keyClicks(window.skip_bar.reason, "Not my product")
        qtbot.keyClick(window.skip_bar.reason, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.current_ticket not in (None, skipped), timeout=10_000)
        now_on = window.current_ticket
        qtbot.waitUntil(lambda: window.desk.reads.last_focus() == now_on, timeout=10_000)

    with session_in(tmp_path, qloop) as again:
        window = start_demo(again, qtbot)
        assert window.current_ticket == now_on != skipped


def test_only_the_latest_go_to_opens_what_it_fetched(tmp_path: Path, qloop: asyncio.AbstractEventLoop,
                                                     qtbot: QtBot) -> None:
    with session_in(tmp_path, qloop) as session:
        window = start_demo(session, qtbot)
        settled(session, window, qtbot)
        desk, store = window.desk, session.profile.store
        offered = store.worklist.offerable(desk.account_id, desk.me, desk.reads.working_queues(), desk.now())
        first, second = [r for r in offered if r != window.current_ticket][:2]
        with store.conn:  # neither is held here any more
            store.conn.executemany("DELETE FROM tickets WHERE account_id = ? AND remote_id = ?",
                                   [(desk.account_id, first), (desk.account_id, second)])
        window.go_to_ticket(first)
        window.go_to_ticket(second)  # the agent corrected the number before the first one arrived
        qtbot.waitUntil(lambda: desk.reads.ticket(first) is not None and desk.reads.ticket(second) is not None
                        and not window.tasks.busy, timeout=10_000)
        assert window.current_ticket == second


def test_looking_up_a_ticket_of_another_queue_does_not_take_it(
        tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> None:
    with session_in(tmp_path, qloop) as session:
        window = start_demo(session, qtbot)
        settled(session, window, qtbot)
        desk, store = window.desk, session.profile.store
        on_screen = desk.reads.ticket(window.current_ticket or "")
        assert on_screen is not None
        with store.conn:
            store.accounts.choose_queues(desk.account_id, [on_screen.queue])
        row = store.conn.execute(
            """SELECT remote_id FROM tickets WHERE account_id = ? AND queue != ? AND owner IS NULL
               AND status IN ('new', 'open') LIMIT 1""", (desk.account_id, on_screen.queue)).fetchone()
        assert row is not None
        other = str(row[0])
        window.go_to_ticket(other)
        assert window.current_ticket == other
        qtbot.waitUntil(lambda: desk.reads.last_focus() == other and not window.tasks.busy, timeout=10_000)
        view = desk.reads.ticket(other)
        assert view is not None and view.owner is None  # looked at, not taken
