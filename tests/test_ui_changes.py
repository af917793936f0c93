"""Typed changes through the window: a write or a sync says what it changed; one bridge brings it to the
GUI thread; only the panels it concerns read again, on the reader's thread, never the GUI's."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.session import Session
from services.changes import Changes
from services.domain import Queue, TicketStatus
from tests.support.rt_instance import RTInstance
from tests.support.session import add_rt_account, session_in, settled, start_demo
from ui.change_bridge import ChangeBridge
from ui.main_window import MainWindow
from ui.panels import ConflictsPanel, CustomerSidePanel, HeaderPanel, ThreadPanel


@pytest.fixture
def session(tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> Iterator[Session]:
    with session_in(tmp_path, qloop) as s:
        yield s


def ids(*remote_ids: str) -> frozenset[str]:
    return frozenset(remote_ids)


# --- the bridge -------------------------------------------------------------------------------------------

def test_changes_from_a_worker_thread_arrive_merged_on_the_gui_thread(qtbot: QtBot) -> None:
    bridge = ChangeBridge()
    got: list[tuple[Changes, str]] = []
    bridge.delivered.connect(lambda c: got.append((c, threading.current_thread().name)))

    def publish() -> None:
        bridge.publish(Changes(tickets=ids("1")))
        bridge.publish(Changes(threads=ids("2"), outbox=True))

    worker = threading.Thread(target=publish, name="some-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(got))
    changes, thread = got[0]
    assert thread == threading.main_thread().name
    assert changes == Changes(tickets=ids("1"), threads=ids("2"), outbox=True)  # one delivery for both


def test_a_failing_observer_never_reaches_the_publisher(qtbot: QtBot) -> None:
    bridge = ChangeBridge()
    later: list[Changes] = []

    def broken(_changes: Changes) -> None:
        raise RuntimeError("a panel with a bug")

    bridge.delivered.connect(broken)
    bridge.delivered.connect(later.append)
    with qtbot.captureExceptions() as raised:
        bridge.publish(Changes(outbox=True))  # returns: the observer runs later, on the GUI thread
        qtbot.waitUntil(lambda: bool(later))
        bridge.publish(Changes(worklist=True))  # and the bridge goes on
        qtbot.waitUntil(lambda: len(later) == 2)
    assert [str(e[1]) for e in raised] == ["a panel with a bug"] * 2


def test_changes_merge_and_say_whom_they_concern() -> None:
    a = Changes(tickets=ids("1"), customers=frozenset({"ana@example.com"}))
    b = Changes(threads=ids("2"))
    both = a | b
    assert both.ticket("1") and not both.ticket("2") and both.thread("2") and not both.thread("3")
    assert both.customer("Ana@Example.com") and not both.customer("bob@example.com")
    assert Changes(outbox=True).thread("9")  # a queued message moved on: any thread may show it
    assert not Changes() and Changes(everything=True).ticket("anything")


# --- the window -------------------------------------------------------------------------------------------

def spy_reads(window: MainWindow) -> list[tuple[str, str]]:
    """(panel, thread name) for every panel read from now on."""
    seen: list[tuple[str, str]] = []
    for panel in window.panels:
        def read(reads: Any, ticket: Any, _panel: Any = panel, _read: Any = panel.read) -> Any:
            seen.append((type(_panel).__name__, threading.current_thread().name))
            return _read(reads, ticket)
        panel.read = read  # type: ignore[method-assign]
    return seen


def test_only_the_panels_a_change_concerns_read_again_and_off_the_gui_thread(
        session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    current = window.current_ticket
    assert current is not None
    seen = spy_reads(window)

    window.apply_changes(Changes(tickets=ids("no-such-ticket"), customers=frozenset({"x@example.com"})))
    window.apply_changes(Changes(snippets=True))
    # The ticket on screen changes on the replica behind the window (as a sync would write it).
    ticket = window.desk.reads.ticket(current)
    assert ticket is not None
    session.profile.store.conn.execute("UPDATE tickets SET status = 'pending' WHERE id = ?", (ticket.id,))
    session.profile.store.conn.commit()
    window.apply_changes(Changes(tickets=ids(current)))
    header = window.panel(HeaderPanel).view
    qtbot.waitUntil(lambda: header.status.text() == "pending", timeout=10_000)

    # Only the header and the customer panel (the ticket is in the customer's list) read, and both
    # on the reader's thread; the thread and the conflicts were not asked.
    assert sorted(name for name, _ in seen) == ["CustomerSidePanel", "HeaderPanel"]
    assert {thread for _, thread in seen} == {thread for _, thread in seen if "replica-reader" in thread}
    assert window.commands["reopen"].isEnabled()  # the window's own state follows the ticket


def test_a_refresh_read_for_a_ticket_left_meanwhile_is_dropped(session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    first = window.current_ticket
    assert first is not None
    thread = window.panel(ThreadPanel)
    shown: list[str] = []
    real_show = thread.show
    thread.show = lambda t, data, *, fresh: (shown.append(t.remote_id), real_show(t, data, fresh=fresh))  # type: ignore[method-assign]

    window.apply_changes(Changes(threads=ids(first)))  # reads on the reader's thread...
    window.show_next()  # ...while the agent moves on
    second = window.current_ticket
    assert second is not None and second != first
    window.apply_changes(Changes(threads=ids(second)))
    qtbot.waitUntil(lambda: shown.count(second) >= 2, timeout=10_000)  # opened, then refreshed
    assert first not in shown  # the late read of the first ticket was not shown over the second


def test_sending_refreshes_the_thread_from_the_desks_own_changes(session: Session, qtbot: QtBot) -> None:
    window = start_demo(session, qtbot)
    settled(session, window, qtbot)
    current = window.current_ticket
    assert current is not None
    seen = spy_reads(window)
    qtbot.keyClicks(window.composer.editor, "Thanks, it is on its way.")
    window.commands["send_pending"].trigger()
    view = window.panel(ThreadPanel).view
    sent = "Thanks, it is on its way."
    qtbot.waitUntil(lambda: bool(view.cards()) and view.cards()[-1].message.text == sent, timeout=10_000)
    qtbot.waitUntil(lambda: window.panel(HeaderPanel).view.status.text() == "pending", timeout=10_000)
    names = {name for name, _ in seen}
    assert {"ThreadPanel", "HeaderPanel", "ConflictsPanel"} <= names
    assert all("replica-reader" in thread for _, thread in seen)
    ticket = window.desk.reads.ticket(current)
    assert ticket is not None and ticket.status is TicketStatus.PENDING
    assert isinstance(window.panel(ConflictsPanel), ConflictsPanel)
    assert isinstance(window.panel(CustomerSidePanel), CustomerSidePanel)


# --- against a live RT --------------------------------------------------------------------------------

@pytest.mark.rt
def test_what_a_sync_brings_is_shown_without_one_query_on_the_gui_thread(
        tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot, rt: RTInstance, rt_unique: str,
        secret_service: dict[str, str]) -> None:
    email = f"{rt_unique}@customer.example"
    long_ago = datetime.now(UTC) - timedelta(days=3)
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} gui", email, "The first message.",
                              priority=99, due=long_ago)
    try:
        shows_a_sync_without_gui_queries(tmp_path, qloop, qtbot, rt, ticket, email)
    finally:  # the most urgent ticket of the queue: leave it resolved, other tests pick from this queue
        rt.set_status(ticket, "resolved")


def shows_a_sync_without_gui_queries(tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot,
                                     rt: RTInstance, ticket: int, email: str) -> None:
    with session_in(tmp_path, qloop) as session:
        account = add_rt_account(session, rt)
        session.profile.store.accounts.save_queues(account.id, [Queue("1", "Product Alpha")])
        session.profile.store.accounts.choose_queues(account.id, ["Product Alpha"])
        window = session.start()
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.current_ticket == str(ticket), timeout=120_000)
        settled(session, window, qtbot)
        qtbot.waitUntil(lambda: rt.ticket(ticket)["owner"] == "agent", timeout=30_000)  # taken on open

        statements: list[str] = []
        session.profile.store.conn.set_trace_callback(statements.append)  # the GUI thread's connection
        try:
            rt.customer_reply(ticket, "The second message.", email)
            session.controller.sync_now()
            view = window.panel(ThreadPanel).view
            qtbot.waitUntil(lambda: view.cards()[-1].message.text.strip() == "The second message.",
                            timeout=60_000)
            qtbot.waitUntil(lambda: not window.refreshing, timeout=10_000)
        finally:
            session.profile.store.conn.set_trace_callback(None)
        assert statements == []  # the engine's news, the refresh and the counters: all read elsewhere
