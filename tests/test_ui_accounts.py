"""Accounts as an agent meets them in the window: the Account menu always leads back to the demo
workspace, and an account added from the command line without a check (so without a queue choice)
gets the queue picker once its first sync has listed the queues, against a live RT 5."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.workspace import is_sample
from tests.support.rt_instance import RTInstance
from tests.support.session import add_rt_account, session_in


def test_switch_account_leads_back_to_the_demo(tmp_path: Path, qloop: asyncio.AbstractEventLoop,
                                               qtbot: QtBot, secret_service: dict[str, str]) -> None:
    with session_in(tmp_path, qloop) as session:
        # An account added from the command line, never the demo: its helpdesk is not even there.
        name = "agent@127.0.0.1:9"
        session.profile.credentials.store(name, "1-2-3")
        session.profile.store.accounts.add(name, "rt", "http://127.0.0.1:9", "agent")
        window = session.start()
        qtbot.addWidget(window)
        menu = window.accounts_menu
        qtbot.waitUntil(lambda: menu.isEnabled(), timeout=10_000)
        entries = {a.text(): a for a in menu.actions()}
        assert set(entries) == {name, "Demo workspace"} and entries[name].isChecked()

        entries["Demo workspace"].trigger()
        qtbot.waitUntil(lambda: session.account is not None and is_sample(session.account)
                        and window.current_ticket is not None, timeout=60_000)
        assert window.banner.isVisible()
        qtbot.waitUntil(lambda: {a.text(): a.isChecked() for a in menu.actions()}
                        == {name: False, "Demo workspace": True}, timeout=10_000)


@pytest.mark.rt
def test_an_account_added_without_a_check_gets_the_queue_picker_after_its_first_sync(
        tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot, rt: RTInstance,
        secret_service: dict[str, str]) -> None:
    with session_in(tmp_path, qloop) as session:
        add_rt_account(session, rt)  # as `monodesk account add --no-check`
        window = session.start()
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: session.queue_picker is not None and session.queue_picker.isVisible(),
                        timeout=180_000)
        picker = session.queue_picker
        assert picker is not None
        # Nothing is opened (and taken) before the agent has said which queues are theirs.
        assert window.is_loading and window.current_ticket is None
        names = [picker.list.item(i).text() for i in range(picker.list.count())]
        assert {"Product Alpha", "Product Beta"} <= set(names)
        # The tasks queue is shown for what it is, and cannot be ticked: Next never offers its tickets.
        [tasks] = [picker.list.item(i) for i, n in enumerate(names) if n.startswith("Customer tasks")]
        assert "tasks are kept" in tasks.text() and not tasks.flags() & Qt.ItemFlag.ItemIsUserCheckable
        picker.list.item(names.index("Product Alpha")).setCheckState(Qt.CheckState.Checked)
        picker.save_button.click()
        assert session.account is not None
        account = session.account
        store = session.profile.store
        qtbot.waitUntil(lambda: store.accounts.working_queues(account.id) == ["Product Alpha"],
                        timeout=10_000)
        qtbot.waitUntil(lambda: not window.is_loading, timeout=30_000)  # then the first ticket, if any
        shown = window.current_ticket
        view = window.desk.reads.ticket(shown) if shown else None
        assert view is None or view.queue == "Product Alpha"
        assert not session.dialogs.offer_queue_choice(account)  # asked once: not again
        assert not picker.isVisible()


@pytest.mark.rt
def test_closing_the_offered_queue_picker_is_an_answer(
        tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot, rt: RTInstance,
        secret_service: dict[str, str]) -> None:
    with session_in(tmp_path, qloop) as session:
        account = add_rt_account(session, rt)
        window = session.start()
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: session.queue_picker is not None and session.queue_picker.isVisible(),
                        timeout=180_000)
        picker = session.queue_picker
        assert picker is not None
        picker.reject()  # Escape: every queue, as before any choice
        qtbot.waitUntil(lambda: not window.is_loading, timeout=30_000)
        qtbot.waitUntil(lambda: session.profile.store.accounts.get_state(account.id, "queues_offered") == "1",
                        timeout=10_000)
        assert not session.dialogs.offer_queue_choice(account) and not picker.isVisible()
