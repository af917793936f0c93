"""The task panel beside a ticket, by keyboard only, on the demo workspace: add with a due day, edit in
place, complete with Space, reorder with Alt+Up/Down, delete and undo; what it shows is what the
replica keeps. The header's chip says when the customer has overdue or due-today tasks."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.session import Session
from services.tasks import Task
from tests.support.session import session_in, settled, start_demo
from tests.support.small_disk import SmallDisk
from ui.main_window import MainWindow
from ui.panels import HeaderPanel, TasksPanel
from ui.task_view import TaskPanelView


@pytest.fixture
def session(tmp_path: Path, qloop: asyncio.AbstractEventLoop) -> Iterator[Session]:
    with session_in(tmp_path, qloop) as s:
        yield s


def panel(window: MainWindow) -> TaskPanelView:
    return window.panel(TasksPanel).view


def kept(session: Session, window: MainWindow) -> list[Task]:
    """The customer's list as the replica keeps it (open ones first)."""
    assert session.account is not None
    ticket = window.desk.reads.ticket(window.current_ticket or "")
    assert ticket is not None
    return session.profile.store.tasks.for_customer(session.account.id, ticket.customer_email.lower(),
                                                     window.desk.now())


def shown(window: MainWindow) -> list[str]:
    return [t.text for t in panel(window).model.tasks]


def press(qtbot: QtBot, keys: str) -> None:
    from PySide6.QtGui import QKeySequence

    sequence = QKeySequence(keys)[0]
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, sequence.key(), sequence.keyboardModifiers())


def start(session: Session, qtbot: QtBot) -> MainWindow:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    window.activateWindow()
    return window


def test_the_whole_list_by_keyboard(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    view = panel(window)
    before = len(kept(session, window))
    press(qtbot, "Ctrl+Shift+A")  # "Add a task for this customer"
    assert QApplication.focusWidget() is view.add_text
    qtbot.keyClicks(view.add_text, "Send the signed contract")
    qtbot.keyClick(view.add_text, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.add_due
    qtbot.keyClicks(view.add_due, "tomorrow")
    qtbot.keyClick(view.add_due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(kept(session, window)) == before + 1, timeout=5_000)
    added = next(t for t in kept(session, window) if t.text == "Send the signed contract")
    assert added.due == window.desk.now().astimezone().date() + timedelta(days=1)
    assert added.ticket == window.current_ticket and added.created_by == window.desk.me
    qtbot.waitUntil(lambda: "Send the signed contract" in shown(window), timeout=5_000)
    assert QApplication.focusWidget() is view.add_text and not view.add_text.text()  # ready for the next
    qtbot.keyClicks(view.add_text, "Call back on Friday")
    qtbot.keyClick(view.add_text, Qt.Key.Key_Return)
    assert "Call back on Friday" in shown(window)  # at once, before the replica has it
    qtbot.waitUntil(lambda: any(t.text == "Call back on Friday" for t in kept(session, window))
                    and not window.refreshing and not window.tasks.busy, timeout=5_000)
    open_ones = [t.text for t in kept(session, window) if not t.done]
    assert open_ones[-2:] == ["Send the signed contract", "Call back on Friday"]  # new ones go below
    assert shown(window)[:len(open_ones)] == open_ones

    # Into the list (Ctrl+T), to the last added; Alt+Up moves it above the one before.
    press(qtbot, "Ctrl+T")
    assert QApplication.focusWidget() is view.list
    view.list.setCurrentIndex(view.model.index(shown(window).index("Call back on Friday")))
    press(qtbot, "Alt+Up")
    qtbot.waitUntil(lambda: [t.text for t in kept(session, window) if not t.done].index("Call back on Friday")
                    < [t.text for t in kept(session, window) if not t.done].index("Send the signed contract"),
                    timeout=5_000)
    assert shown(window).index("Call back on Friday") < shown(window).index("Send the signed contract")

    # Enter edits in place: the text and, after Tab, the due day.
    press(qtbot, "Return")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Call back on Friday"
    editor.selectAll()
    qtbot.keyClicks(editor, "Call back on Thursday")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    due = QApplication.focusWidget()
    assert isinstance(due, QLineEdit) and due is not editor
    qtbot.keyClicks(due, "+2")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(t.text == "Call back on Thursday" for t in kept(session, window)),
                    timeout=5_000)
    edited = next(t for t in kept(session, window) if t.text == "Call back on Thursday")
    assert edited.due == window.desk.now().astimezone().date() + timedelta(days=2)

    # Space completes: it goes below the open ones at once, and is kept done.
    view.list.setFocus()
    view.list.setCurrentIndex(view.model.index(shown(window).index("Call back on Thursday")))
    press(qtbot, "Space")
    assert view.model.tasks[view.list.currentIndex().row()].done  # shown at once, still selected
    qtbot.waitUntil(lambda: next(t for t in kept(session, window) if t.key == edited.key).done, timeout=5_000)
    qtbot.waitUntil(lambda: not window.refreshing, timeout=5_000)
    open_count = sum(1 for t in kept(session, window) if not t.done)
    assert shown(window).index("Call back on Thursday") >= open_count

    # Delete removes it at once; Ctrl+Z brings it back, done as it was.
    view.list.setCurrentIndex(view.model.index(shown(window).index("Send the signed contract")))
    press(qtbot, "Delete")
    assert "Send the signed contract" not in shown(window) and view.undo_bar.isVisible()
    qtbot.waitUntil(lambda: all(t.key != added.key for t in kept(session, window)), timeout=5_000)
    press(qtbot, "Ctrl+Z")
    assert "Send the signed contract" in shown(window) and not view.undo_bar.isVisible()
    qtbot.waitUntil(lambda: any(t.key == added.key for t in kept(session, window)), timeout=5_000)


def test_a_bad_due_day_is_said_and_nothing_is_added(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    view = panel(window)
    before = len(kept(session, window))
    view.focus_add()
    qtbot.keyClicks(view.add_text, "Ring them")
    qtbot.keyClick(view.add_text, Qt.Key.Key_Tab)
    qtbot.keyClicks(view.add_due, "next blursday")
    qtbot.keyClick(view.add_due, Qt.Key.Key_Return)
    assert view.problem.isVisible() and "blursday" in view.problem.text()
    assert view.add_text.text() == "Ring them"  # nothing typed is lost
    assert QApplication.focusWidget() is view.add_due
    assert len(kept(session, window)) == before


def test_the_header_chip_says_overdue_and_due_today_tasks(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    header = window.panel(HeaderPanel).view
    view = panel(window)
    today = window.desk.now().astimezone().date()
    assert session.account is not None
    ticket = window.desk.reads.ticket(window.current_ticket or "")
    assert ticket is not None
    for task in kept(session, window):  # a clean slate: no task of theirs due
        session.profile.store.tasks.delete(session.account.id, task.key, window.desk.now())
    window.apply_changes(__import__("services.changes", fromlist=["Changes"]).Changes(
        tasks=frozenset((ticket.customer_email.lower(),))))
    qtbot.waitUntil(lambda: not header.tasks_chip.text() and not view.model.rowCount(), timeout=5_000)
    view.focus_add()
    qtbot.keyClicks(view.add_text, "Due today")
    qtbot.keyClick(view.add_text, Qt.Key.Key_Tab)
    qtbot.keyClicks(view.add_due, "today")
    qtbot.keyClick(view.add_due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: header.tasks_chip.text() == "1 due today", timeout=5_000)
    qtbot.keyClicks(view.add_text, "Late already")
    qtbot.keyClick(view.add_text, Qt.Key.Key_Tab)
    qtbot.keyClicks(view.add_due, (today - timedelta(days=2)).isoformat())
    qtbot.keyClick(view.add_due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: header.tasks_chip.text() == "1 task overdue · 1 due today", timeout=5_000)
    qtbot.mouseClick(header.tasks_chip, Qt.MouseButton.LeftButton)  # shows them
    assert QApplication.focusWidget() is view.list
    # Completing both empties the chip.
    for _ in range(2):
        view.list.setCurrentIndex(view.model.index(0))
        press(qtbot, "Space")
    qtbot.waitUntil(lambda: not header.tasks_chip.text(), timeout=5_000)


def test_a_long_list_opens_with_a_screenful_then_shows_every_task(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    view = panel(window)
    assert session.account is not None
    ticket = window.desk.reads.ticket(window.current_ticket or "")
    assert ticket is not None
    store, acc, now = session.profile.store, session.account.id, window.desk.now()
    for n in range(120):
        store.tasks.add(acc, ticket.customer_email, f"Long list task {n}", agent="agent", now=now)
    other = window.desk.reads.next_ticket(exclude=(ticket.remote_id,))
    assert other is not None
    window.open_ticket(other)
    qtbot.waitUntil(lambda: window.current_ticket == other and not window.refreshing, timeout=5_000)
    window.open_ticket(ticket.remote_id)
    first = view.model.rowCount()  # what the ticket's first frame shows, read on the GUI thread
    assert 0 < first <= 40 < 120
    qtbot.waitUntil(lambda: view.model.rowCount() >= 120, timeout=5_000)
    assert shown(window)[:first] == [t.text for t in kept(session, window)][:first]  # the same order


def test_an_edit_with_a_bad_day_keeps_the_editor_and_what_was_typed(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    view = panel(window)
    view.focus_add()
    qtbot.keyClicks(view.add_text, "Ring them")
    qtbot.keyClick(view.add_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(t.text == "Ring them" for t in kept(session, window))
                    and not window.refreshing and not window.tasks.busy, timeout=5_000)
    view.focus_list()
    view.list.setCurrentIndex(view.model.index(shown(window).index("Ring them")))
    press(qtbot, "Return")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Ring them at noon")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "someday")  # type: ignore[arg-type]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # type: ignore[arg-type]
    assert view.list.state() == view.list.State.EditingState and view.problem.isVisible()
    assert editor.text() == "Ring them at noon"  # nothing typed is lost
    assert all(t.text != "Ring them at noon" for t in kept(session, window))
    # A new day typed: kept, and the refresh held while typing comes after.
    due = QApplication.focusWidget()
    assert isinstance(due, QLineEdit)
    due.selectAll()
    qtbot.keyClicks(due, "tomorrow")
    qtbot.keyClick(due, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(t.text == "Ring them at noon" for t in kept(session, window)), timeout=5_000)
    assert view.list.state() != view.list.State.EditingState and "Ring them at noon" in shown(window)


def test_the_palette_adds_a_task_and_shows_the_tasks(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    view = panel(window)
    for query, lands_on in (("Add a task for this customer", view.add_text), ("Show tasks", view.list)):
        press(qtbot, "Ctrl+K")
        field = QApplication.focusWidget()
        assert isinstance(field, QLineEdit)
        qtbot.keyClicks(field, query)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda lands_on=lands_on: QApplication.focusWidget() is lands_on, timeout=5_000)


def test_on_a_full_disk_a_new_task_comes_back_to_the_field_and_is_kept_once_there_is_room(
        disk: SmallDisk, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> None:
    with session_in(disk.root, qloop) as session:
        window = start(session, qtbot)
        view = panel(window)
        before = len(kept(session, window))
        disk.fill()
        view.focus_add()
        qtbot.keyClicks(view.add_text, "Post the spare part")
        qtbot.keyClick(view.add_text, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.problem.isVisible() and view.add_text.text() == "Post the spare part"
                        and not window.tasks.busy, timeout=10_000)
        assert "Traceback" not in view.problem.text()
        qtbot.waitUntil(lambda: "Post the spare part" not in shown(window), timeout=5_000)  # not kept
        disk.free()
        qtbot.keyClick(view.add_text, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(kept(session, window)) == before + 1, timeout=10_000)
        assert [t.text for t in kept(session, window)].count("Post the spare part") == 1
