"""The whole loop against a live RT 5, driven as an agent would: start on the demo, connect the helpdesk
from the banner (token into a real Secret Service keyring), pick a queue, get the most urgent ticket,
reply with Send & resolve, Next; then lose the helpdesk mid-reply and see the reply delivered once
when it comes back."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.session import Session
from services.store import OpState
from services.sync.status import SyncState
from tests.support.rt_instance import RTInstance
from tests.support.session import session_in, thread_of

pytestmark = pytest.mark.rt

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def session(tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot,
            secret_service: dict[str, str]) -> Iterator[Session]:
    with session_in(tmp_path, qloop) as s:
        yield s


def open_tickets(session: Session) -> list[str]:
    assert session.account is not None
    return [op.state.value for op in session.profile.store.outbox.open_ops(session.account.id)
            if op.state in (OpState.PENDING, OpState.SENDING)]


def test_sign_in_pick_a_queue_reply_resolve_next_and_survive_going_offline(
        session: Session, qtbot: QtBot, rt: RTInstance, rt_unique: str) -> None:
    # Two overdue, high-priority tickets: the rule puts them ahead of everything else in the queue.
    long_ago = datetime.now(UTC) - timedelta(days=3)
    first = rt.create_ticket("Product Alpha", f"{rt_unique} first", f"{rt_unique}@customer.example",
                             "My invoice is wrong.", priority=99, due=long_ago)
    second = rt.create_ticket("Product Alpha", f"{rt_unique} second", f"{rt_unique}@customer.example",
                              "And the app crashes.", priority=98, due=long_ago)

    window = session.start()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.current_ticket is not None, timeout=60_000)
    assert window.banner.isVisible()

    # Connect the helpdesk from the demo banner.
    connect = next(b for b in window.banner.findChildren(QPushButton))
    qtbot.mouseClick(connect, Qt.MouseButton.LeftButton)
    dialog = session.sign_in_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    qtbot.keyClicks(dialog.url, rt.url)
    qtbot.keyClicks(dialog.user, "agent")
    qtbot.keyClicks(dialog.token, "1-14-wrongtoken")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem.isVisible(), timeout=30_000)
    assert "refused this token" in dialog.problem.text()
    assert dialog.token.hasFocus()  # the field to fix
    dialog.token.clear()
    qtbot.keyClicks(dialog.token, rt.agent_token)
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)

    # Then the queues: the window stays on the demo until the choice is made.
    qtbot.waitUntil(lambda: session.queue_picker is not None and session.queue_picker.isVisible(),
                    timeout=30_000)
    picker = session.queue_picker
    assert picker is not None and session.account is not None and session.account.backend == "demo"
    names = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert {"Product Alpha", "Product Beta"} <= set(names)
    picker.list.item(names.index("Product Alpha")).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(picker.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: session.account is not None and session.account.backend == "rt", timeout=30_000)
    assert not window.banner.isVisible() and not picker.isVisible()
    window.activateWindow()  # the agent is back in the main window (a window manager does this itself)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.current_ticket == str(first), timeout=120_000)
    assert session.profile.store.accounts.working_queues(session.account.id) == ["Product Alpha"]
    assert "My invoice is wrong." in [m.text.strip() for m in thread_of(window, str(first))]
    # Opening took it, on RT too.
    qtbot.waitUntil(lambda: rt.ticket(first)["owner"] == "agent", timeout=30_000)

    # Reply with Send & resolve (Ctrl+Shift+Return), then Next.
    reply = f"{rt_unique}: the invoice is corrected."
    qtbot.keyClicks(window.composer.editor, reply)
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return, CTRL | SHIFT)
    qtbot.waitUntil(lambda: rt.count_transactions(first, "Correspond", reply) == 1
                    and rt.ticket(first)["status"] == "resolved", timeout=60_000)
    window.commands["next"].trigger()
    qtbot.waitUntil(lambda: window.current_ticket == str(second), timeout=10_000)

    # The helpdesk goes away while the agent writes; the reply waits in the outbox.
    offline_reply = f"{rt_unique}: a fix for the crash is coming."
    rt.stop()
    try:
        qtbot.keyClicks(window.composer.editor, offline_reply)
        qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return, CTRL)
        engine = session.engine
        assert engine is not None
        qtbot.waitUntil(lambda: engine.status.state is SyncState.OFFLINE, timeout=60_000)
        assert window.sync_indicator.state() == "offline"
        assert open_tickets(session)  # still queued, not lost
        thread = thread_of(window, str(second))
        assert thread[-1].text == offline_reply  # shown at once, marked as not sent yet
    finally:
        rt.start()
    window.commands["sync"].trigger()
    qtbot.waitUntil(lambda: not open_tickets(session), timeout=60_000)
    qtbot.waitUntil(lambda: engine.status.state is SyncState.IDLE, timeout=60_000)
    assert rt.count_transactions(second, "Correspond", offline_reply) == 1
    # A further sync does not send it again.
    states: list[SyncState] = []
    engine.observe(lambda status: states.append(status.state))
    window.commands["sync"].trigger()
    qtbot.waitUntil(lambda: SyncState.SYNCING in states and states[-1] is SyncState.IDLE, timeout=60_000)
    assert rt.count_transactions(second, "Correspond", offline_reply) == 1

    # Both accounts are in the Account menu; going back to the demo is one click.
    labels = [a.text() for a in window.accounts_menu.actions()]
    assert window.accounts_menu.isEnabled() and len(labels) == 2
    demo = next(a for a in window.accounts_menu.actions() if not a.isChecked())
    demo.trigger()
    qtbot.waitUntil(lambda: session.account is not None and session.account.backend == "demo", timeout=30_000)
    qtbot.waitUntil(lambda: window.banner.isVisible() and window.current_ticket is not None, timeout=60_000)
