"""The whole window on the demo workspace, driven as an agent would: the first sync brings the work,
the best ticket opens, the agent reads, replies with Send & resolve, moves on, skips one; drafts and
the command palette work; every change reaches the demo helpdesk exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.session import Session
from services.domain import TicketStatus
from services.store import Draft, OpState
from tests.support.session import session_in, start_demo


@pytest.fixture
def session(tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> Iterator[Session]:
    with session_in(tmp_path, qloop) as s:
        yield s


start = start_demo


def outbox_states(session: Session) -> list[str]:
    assert session.account is not None
    return [op.state.value for op in session.profile.store.outbox.open_ops(session.account.id)]


def test_first_start_syncs_the_demo_and_opens_the_most_urgent_ticket(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    assert session.account is not None
    account, me = session.account.id, session.account.username
    assert window.banner.isVisible()  # "demo workspace" is said, discreetly
    current = window.current_ticket
    assert current is not None
    # The ticket on screen is the one the rule ranks first.
    assert window.desk.reads.next_ticket() == current
    ticket = window.desk.reads.ticket(current)
    assert ticket is not None and ticket.status.is_active and window.desk.reads.thread(ticket)
    # The quiet counter of waiting tickets is counted off the GUI thread, and shown.
    waiting = window.desk.reads.waiting_count()
    assert waiting > 0
    reads = window.desk.reads
    qtbot.waitUntil(lambda: window.sync_indicator._waiting == reads.waiting_count(), timeout=10_000)
    # Opening took the ticket (the default), so colleagues are not offered it any more.
    qtbot.waitUntil(lambda: session.profile.store.views.ticket(account, current).owner == me,  # type: ignore[union-attr]
                    timeout=10_000)


def test_reply_send_and_resolve_then_next(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    first = window.current_ticket
    assert first is not None
    qtbot.keyClicks(window.composer.editor, "Hello, the fix is on its way.")
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    store = session.profile.store
    assert session.account is not None
    account = session.account.id

    def resolved_locally() -> bool:
        t = store.views.ticket(account, first)
        return t is not None and t.status is TicketStatus.RESOLVED

    qtbot.waitUntil(resolved_locally, timeout=10_000)
    thread = store.views.thread(store.views.ticket(account, first).id)  # type: ignore[union-attr]
    assert thread[-1].text == "Hello, the fix is on its way."
    # The sync engine sends it in the background; the screen never waited for it.
    session.controller.sync_now()
    qtbot.waitUntil(lambda: OpState.PENDING.value not in outbox_states(session)
                    and OpState.SENDING.value not in outbox_states(session), timeout=30_000)

    window.commands["next"].trigger()
    qtbot.waitUntil(lambda: window.current_ticket not in (None, first), timeout=10_000)


def test_a_draft_survives_reopening_the_ticket(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    first = window.current_ticket
    assert first is not None and session.account is not None
    qtbot.keyClicks(window.composer.editor, "Half-written answer")
    window.commands["next"].trigger()
    qtbot.waitUntil(lambda: session.profile.store.worklist.draft(session.account.id, first)  # type: ignore[union-attr]
                    == Draft("Half-written answer", False, 0), timeout=10_000)
    window.open_ticket(first)
    assert window.composer.current_draft().body == "Half-written answer"


def test_skip_asks_for_a_reason_and_the_ticket_is_not_offered_again(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    first = window.current_ticket
    assert first is not None and session.account is not None
    window.commands["skip"].trigger()
    assert window.skip_bar.isVisible()
    qtbot.keyClicks(window.skip_bar.reason, "Needs a specialist")
    qtbot.keyClick(window.skip_bar.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_ticket not in (None, first), timeout=10_000)
    assert session.profile.store.worklist.skip_reason(session.account.id, first) == "Needs a specialist"
    assert window.desk.reads.next_ticket(exclude=(window.current_ticket,)) != first  # type: ignore[arg-type]


def test_command_palette_lists_actions_and_runs_one(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    first = window.current_ticket
    window.commands["palette"].trigger()
    assert window.palette_panel.isVisible()
    qtbot.keyClicks(window.palette_panel._query, "next tick")
    qtbot.keyClick(window.palette_panel._query, Qt.Key.Key_Return)
    assert not window.palette_panel.isVisible()
    qtbot.waitUntil(lambda: window.current_ticket not in (None, first), timeout=10_000)


def test_every_action_has_a_tooltip_and_its_own_shortcut(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    for action in window.commands.all():
        assert action.toolTip(), action.objectName()
    shortcuts = [a.shortcut().toString() for a in window.commands.all() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), "no two actions share a shortcut"


def test_choosing_queues_limits_next_to_them(session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    assert session.account is not None
    account = session.account.id
    window.commands["queues"].trigger()
    picker = session.queue_picker
    assert picker is not None and picker.isVisible() and not picker.isModal()
    names = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert len(names) >= 2
    store = session.profile.store

    def queue_of(remote_id: str | None) -> str | None:
        ticket = store.views.ticket(account, remote_id) if remote_id else None
        return ticket.queue if ticket else None

    other = next(n for n in names if n != queue_of(window.current_ticket))
    # The filter narrows the list; ticking the queue that is not on screen, then Save.
    qtbot.keyClicks(picker.filter, other[:4])
    assert not picker.list.item(names.index(other)).isHidden()
    picker.list.item(names.index(other)).setCheckState(Qt.CheckState.Checked)
    assert picker.ticked() == [other]
    qtbot.mouseClick(picker.save_button, Qt.MouseButton.LeftButton)
    on_screen = window.current_ticket
    qtbot.waitUntil(lambda: store.accounts.working_queues(account) == [other], timeout=10_000)
    assert window.current_ticket == on_screen  # saving the choice does not move the agent
    window.commands["next"].trigger()  # Next offers the chosen queue from now on
    qtbot.waitUntil(lambda: queue_of(window.current_ticket) == other, timeout=10_000)
