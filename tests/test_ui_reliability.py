"""The window when things go wrong: a send that cannot be written, a full disk, a sync engine that
dies, another process syncing the profile, a second start, a profile that cannot be used at all."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.session import Session
from desktop.workspace import DEMO_ACCOUNT
from services.store.profile_lock import ProfileLock, Role
from services.sync.engine import SyncEngine
from services.sync.status import SyncState
from tests.support.cli import monodesk
from tests.support.harness import wait_for_holder
from tests.support.session import session_in, start_demo
from tests.support.small_disk import SmallDisk
from ui.panels import ThreadPanel
from ui.storage_problem import StorageProblem


@pytest.fixture
def session(tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> Iterator[Session]:
    with session_in(tmp_path, qloop) as s:
        yield s


start = start_demo


def draft_body(session: Session, ticket: str) -> str | None:
    assert session.account is not None
    draft = session.profile.store.worklist.draft(session.account.id, ticket)
    return draft.body if draft else None


def test_a_reply_that_cannot_be_sent_as_written_stays_in_the_composer_and_its_draft(
        session: Session, qtbot: QtBot) -> None:
    window = start(session, qtbot)
    ticket = window.current_ticket
    assert ticket is not None
    QGuiApplication.clipboard().setText("Here is what the device printed: \x00\x07\x00 end")
    window.composer.editor.setFocus()
    qtbot.keyClicks(window.composer.editor, "Thanks! ")
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # a paste
    typed = window.composer.editor.toPlainText()
    assert "\x00" in typed
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: window.notices.isVisible() and "NUL" in window.notices.text.text(),
                    timeout=10_000)
    assert window.notices.text.text().startswith("Not sent:")
    assert window.composer.editor.toPlainText() == typed  # nothing typed is lost
    assert not window.composer.editor.isReadOnly() and window.composer.send_button.isEnabled()
    qtbot.waitUntil(lambda: draft_body(session, ticket) == typed, timeout=10_000)
    assert session.account is not None
    assert [op for op in session.profile.store.outbox.open_ops(session.account.id)
            if op.kind.value in ("reply", "note")] == []

    # The agent removes the pasted bytes: the same text goes out, the box and the draft empty.
    window.composer.editor.setPlainText(typed.replace("\x00", "").replace("\x07", ""))
    qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.composer.editor.toPlainText() == "", timeout=10_000)
    qtbot.waitUntil(lambda: draft_body(session, ticket) is None, timeout=10_000)
    assert [op.kind.value for op in session.profile.store.outbox.open_ops(session.account.id)
            if op.ticket_remote_id == ticket][-1:] == ["reply"]


def test_on_a_full_disk_the_reply_is_kept_on_screen_and_goes_out_once_there_is_room(
        disk: SmallDisk, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> None:
    with session_in(disk.root, qloop) as session:
        window = start(session, qtbot)
        ticket = window.current_ticket
        assert ticket is not None and session.account is not None
        disk.fill()
        qtbot.keyClicks(window.composer.editor, "Your replacement ships today.")
        qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        # The send's own notice (taking the ticket on open may have met the full disk first).
        qtbot.waitUntil(lambda: window.notices.text.text().startswith("Not sent:")
                        and "is full" in window.notices.text.text() and not window.composer.busy,
                        timeout=10_000)
        assert window.composer.editor.toPlainText() == "Your replacement ships today."
        assert "Traceback" not in window.notices.text.text()

        disk.free()
        qtbot.keyClick(window.composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.composer.editor.toPlainText() == "", timeout=10_000)
        sent = [m.text for m in session.profile.store.views.thread(
            session.profile.store.views.ticket(session.account.id, ticket).id)]  # type: ignore[union-attr]
        assert sent.count("Your replacement ships today.") == 1


def test_a_sync_engine_that_dies_is_shown_and_started_again(
        session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    real_run = SyncEngine.run
    deaths: list[int] = []

    async def dies_once(engine: SyncEngine) -> None:
        if not deaths:
            deaths.append(1)
            raise RuntimeError("a bug in a sync cycle")
        await real_run(engine)

    monkeypatch.setattr(SyncEngine, "run", dies_once)
    monkeypatch.setattr("desktop.account_controller.ENGINE_RESTART_SECONDS", 0.2)
    shown: list[tuple[str, str | None]] = []
    window = session.start(demo=True)
    qtbot.addWidget(window)
    real_update = window.sync_indicator.update_status

    def update(state: str, *args: object) -> None:
        shown.append((state, args[-1] if args else None))  # type: ignore[arg-type]
        real_update(state, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(window.sync_indicator, "update_status", update)
    qtbot.waitUntil(lambda: bool(deaths), timeout=30_000)
    qtbot.waitUntil(lambda: ("problem", "RuntimeError: a bug in a sync cycle") in shown, timeout=30_000)
    # Started again: it syncs, and says so.
    qtbot.waitUntil(lambda: window.current_ticket is not None, timeout=60_000)
    assert session.engine is not None
    session.controller.sync_now()
    qtbot.waitUntil(lambda: session.engine is not None and session.engine.status.state is SyncState.IDLE
                    and window.sync_indicator.state() == "idle", timeout=30_000)


def test_while_another_process_syncs_the_profile_the_window_says_so_and_takes_over_after(
        session: Session, qtbot: QtBot) -> None:
    # `monodesk sync` holds the profile's pusher lock (here: this test, as that other process would).
    other = ProfileLock.pusher(session.profile.paths.replica, DEMO_ACCOUNT, Role.DAEMON)
    # The demo's first sync (as another process would have done it) so the window opens on work.
    monodesk(session.profile.paths.data.parent, "--demo", "sync", "--once")
    assert other.try_acquire()
    try:
        window = start(session, qtbot)
        qtbot.waitUntil(lambda: window.sync_indicator.state() == "elsewhere", timeout=30_000)
        assert "Synced by another Monodesk" in window.sync_indicator.text.text()
        assert f"process {os.getpid()}" in window.sync_indicator.toolTip()
    finally:
        other.release()
    qtbot.waitUntil(lambda: window.sync_indicator.state() == "idle", timeout=30_000)


def test_a_second_start_on_the_same_profile_raises_the_first_window(
        tmp_path: Path, secret_service: dict[str, str]) -> None:
    env = {**secret_service, "QT_QPA_PLATFORM": "offscreen"}
    profile = tmp_path / "profile"
    first = subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(profile)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_holder(ProfileLock(profile / "data" / "window.lock", Role.ONCE), Role.WINDOW)
        second = subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(profile)], env=env,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "already open on this profile" in second.stdout and "brought it to the front" in second.stdout
        log = profile / "logs" / "monodesk.log"
        deadline = time.monotonic() + 30
        while "brought to the front by a second start" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "brought to the front by a second start" in log.read_text()
        assert first.poll() is None  # the first window is still the one open
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_the_storage_problem_window_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    message = ("Monodesk cannot write its local data in /home/agent/.local/share/Monodesk (Read-only file "
               "system). Check that the folder is yours and writable (and the disk not mounted read-only), "
               "or start Monodesk with --data-dir pointing to a writable folder.")
    problem = StorageProblem(message)
    qtbot.addWidget(problem)
    problem.show()
    qtbot.waitExposed(problem)
    assert problem.message.text() == message
    assert problem.quit_button.hasFocus() or problem.quit_button.isDefault()
    problem.grab().save(str(tmp_path / "storage-problem.png"))
    qtbot.mouseClick(problem.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == message
    qtbot.keyClick(problem.quit_button, Qt.Key.Key_Space)
    assert not problem.isVisible()


def test_a_long_message_shows_its_beginning_and_reads_in_full_on_demand(
        tmp_path: Path, qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> None:
    """A pasted log of 200 KB and one of 9 MB (kept as its head only): the thread shows their
    beginning (laying out megabytes would freeze the window), and "Read all of it" shows every
    character, fetched from the helpdesk when only the head is kept here."""
    profile = tmp_path / "profile"
    monodesk(profile, "sync", "--once")
    replica = profile / "data" / "replica.sqlite"
    from tests.test_storage_faults import active_ticket

    ticket = active_ticket(replica)
    from services.backends.demo.storage import DemoStorage

    storage = DemoStorage(profile / "data" / "demo-helpdesk")
    workspace = storage.load_or_seed(lambda: pytest.fail("the demo workspace was not kept"))
    long_log = "".join(f"{n:06d} sensor 7 lost its schedule\n" for n in range(200_000 // 34))
    huge_log = "".join(f"{n:07d} heating curve recomputed, retrying\n" for n in range(9 * 1024 * 1024 // 44))
    pasted = workspace.tickets[int(ticket)]
    for log in (long_log, huge_log):
        workspace.correspond(pasted, pasted.requestor, log, datetime.now(UTC))
    storage.save(workspace, tickets=[pasted.id])
    storage.close()
    monodesk(profile, "sync", "--once")

    with session_in(tmp_path, qloop) as session:
        window = start(session, qtbot)
        qtbot.waitUntil(lambda: session.engine is not None, timeout=30_000)
        window.open_ticket(ticket)
        long_card, huge_card = window.panel(ThreadPanel).view.cards()[-2:]
        for card in (long_card, huge_card):
            assert card.truncated is not None and card.truncated.isVisible()
            assert "Read all of it" in card.truncated.text()
            assert len(card.body.text()) < 4_000  # a screenful, not megabytes
        assert huge_card.message.truncated and not long_card.message.truncated

        long_card.truncated.linkActivated.emit("#read-all")
        reader = window._reader
        assert reader is not None and reader.isVisible()
        qtbot.waitUntil(lambda: not reader.loading and reader.text.toPlainText() == long_log.strip("\n"),
                        timeout=10_000)

        huge_card.truncated.linkActivated.emit("#read-all")
        qtbot.waitUntil(lambda: not reader.loading and len(reader.text.toPlainText()) > 9_000_000,
                        timeout=60_000)
        assert reader.text.toPlainText() == huge_log.strip("\n")


def test_while_a_send_is_written_nothing_the_agent_does_saves_a_draft_behind_it(qtbot: QtBot) -> None:
    from ui.composer import Composer

    composer = Composer()
    qtbot.addWidget(composer)
    drafts: list[object] = []
    composer.draft_changed.connect(drafts.append)
    composer.load("42", None)
    qtbot.keyClicks(composer.editor, "The fix ships tonight.")
    composer.flush_draft()
    drafts.clear()
    composer.set_busy(True)  # the send is being written
    assert composer.editor.isReadOnly() and not composer.reply_button.isEnabled()
    assert not composer.send_button.isEnabled() and not composer.note_button.isEnabled()
    composer.set_note_mode(True)  # a shortcut still fires: it must not schedule a draft
    assert not composer._debounce.isActive() and not composer.draft_pending
    composer.flush_draft()
    assert drafts == []
    composer.load("43", None)  # the agent moved on: the next ticket is not stuck read-only
    assert not composer.busy and not composer.editor.isReadOnly() and composer.reply_button.isEnabled()
