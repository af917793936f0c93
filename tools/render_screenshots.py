"""Render the main states of the window to PNG under docs/screenshots/ (offscreen, demo workspace).

    uv run python tools/render_screenshots.py [--out docs/screenshots] [--language en|fr] [--dark]

States: the focus view, the customer's other ticket in the side sheet, the composer with a draft,
going to a ticket by number (with the draft listed), the window at its smallest, the empty queue,
offline with changes waiting, a first sync that cannot reach the helpdesk, a full disk (a send kept in
the reply box), a long message shown by its beginning, the window shown when the profile cannot be
used, the sign-in dialog (also on a machine without a keyring), and the timer: asking about time away,
a time block under way, and the agent's day; the customer's tasks.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop.i18n import install_translators
from desktop.session import Session
from desktop.settings import Settings
from desktop.workspace import Profile
from services.signin import Code, Field, SignInProblem
from services.store import Store
from services.sync.status import EngineStatus, SyncState
from ui.main_window import MainWindow
from ui.panels import ThreadPanel


def dark_palette() -> QPalette:
    p = QPalette()
    for role, color in [
        (QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#17181a"), (QPalette.ColorRole.AlternateBase, "#2a2b2e"),
        (QPalette.ColorRole.Text, "#e8eaed"), (QPalette.ColorRole.Button, "#2a2b2e"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"), (QPalette.ColorRole.Highlight, "#8ab4f8"),
        (QPalette.ColorRole.HighlightedText, "#202124"), (QPalette.ColorRole.Link, "#8ab4f8"),
        (QPalette.ColorRole.ToolTipBase, "#2a2b2e"), (QPalette.ColorRole.ToolTipText, "#e8eaed"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"), (QPalette.ColorRole.Mid, "#5f6368"),
    ]:
        p.setColor(role, QColor(color))
    return p


def settle(app: QApplication, loop: asyncio.AbstractEventLoop, until: Callable[[], bool],
           rounds: int = 0, timeout: float = 90.0) -> None:
    """Run Qt (and the asyncio tasks on it) until `until()` holds, at least `rounds` times."""
    deadline = time.monotonic() + timeout
    done = 0
    while time.monotonic() < deadline:
        app.processEvents()
        done += 1
        if done >= rounds and until():
            return
    raise RuntimeError("the window did not reach the expected state")


def grab(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"wrote {path}")


_SAMPLE_TASKS = ("Send the corrected invoice for March", "Call back to confirm the export works",
                 "Offer the annual plan at renewal", "Reset their second user's password",
                 "Check the VAT number on their account")
_SAMPLE_TASKS_FR = ("Envoyer la facture corrigée de mars", "Rappeler pour confirmer que l'export fonctionne",
                    "Proposer la formule annuelle au renouvellement",
                    "Réinitialiser le mot de passe du 2e compte", "Vérifier le numéro de TVA du compte")


def _shoot_tasks(app: QApplication, loop: asyncio.AbstractEventLoop, window: MainWindow, store: Store,
                 path: Path, *, french: bool) -> None:
    """The customer's task list beside their ticket: an overdue task (and the header's chip), one due
    today, one later, two done (one by a colleague), the one in focus selected."""
    from services.changes import Changes
    from ui.panels import TasksPanel

    desk = window.desk
    ticket = desk.reads.ticket(window.current_ticket or "")
    if ticket is None or not ticket.customer_email:
        return
    acc, me, now, email = desk.account_id, desk.me, desk.now(), ticket.customer_email
    today = now.astimezone().date()
    # Sample data, in the language of the picture (not text of the app's: nothing to translate).
    texts = _SAMPLE_TASKS_FR if french else _SAMPLE_TASKS
    store.tasks.add(acc, email, texts[0], agent=me, now=now, due=today - timedelta(days=1),
                    ticket=ticket.remote_id)
    store.tasks.add(acc, email, texts[1], agent="c.martin", now=now, due=today)
    store.tasks.add(acc, email, texts[2], agent=me, now=now, due=today + timedelta(days=9))
    for text, by in ((texts[3], me), (texts[4], "c.martin")):
        done = store.tasks.add(acc, email, text, agent=by, now=now - timedelta(hours=3))
        store.tasks.set_done(acc, done.key, True, agent=by, now=now - timedelta(hours=2))
    window.apply_changes(Changes(tasks=frozenset((email.lower(),))))
    view = window.panel(TasksPanel).view
    settle(app, loop, lambda: view.model.rowCount() >= 5 and not window.refreshing, rounds=100)
    view.focus_list()
    settle(app, loop, lambda: True, rounds=50)
    grab(window, path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--language", default="en", choices=["en", "fr"])
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = ("-" + args.language if args.language != "en" else "") + ("-dark" if args.dark else "")

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    fonts = Path(__file__).resolve().parent.parent / "resources" / "fonts"
    for font in fonts.glob("*.ttf"):
        QFontDatabase.addApplicationFont(str(font))
    if args.dark:
        app.setPalette(dark_palette())
    translators = install_translators(app, args.language)
    import qasync

    loop = qasync.QEventLoop(app, already_running=True)  # driven by processEvents() below
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as tmp:
        profile = Profile.open(Path(tmp))
        session = Session(profile, Settings(sync_interval_seconds=3600), Path(tmp) / "settings.json")
        window = session.start(demo=True)
        window.resize(1280, 820)
        settle(app, loop, lambda: window.current_ticket is not None)
        # A ticket with a long customer history makes the best picture of the panel.
        desk = window.desk
        reads = desk.reads
        candidates = _candidates(desk, profile.store) if desk.reads.working_queues() else []
        best = max(candidates, key=lambda r: r[1], default=None)
        if best:
            _seed_day(profile.store, desk, [c[0] for c in candidates], best[0])
            window.open_ticket(best[0])
        settle(app, loop, lambda: window.time.keeper.shown().known, rounds=200)
        settle(app, loop, lambda: True, rounds=50)
        grab(window, args.out / f"focus{suffix}.png")
        _shoot_tasks(app, loop, window, profile.store, args.out / f"tasks{suffix}.png",
                     french=args.language == "fr")

        # The timer: back from 17 minutes away, asked what it was (inline, the focus stays in the box).
        from services.tracker import IdleSpan

        now = desk.now()
        span = IdleSpan(window.current_ticket or "", now - timedelta(minutes=19), now - timedelta(minutes=2))
        window.time.keeper.tracker.restore([span])
        window.time.show()
        settle(app, loop, lambda: True, rounds=50)
        grab(window, args.out / f"timer-idle{suffix}.png")
        window.time.keeper.tracker.pending.clear()
        # A time block for this customer under way (12 of 30 minutes gone).
        on_screen = reads.ticket(window.current_ticket or "")
        if on_screen is not None:
            profile.store.blocks.start(desk.account_id, desk.me, on_screen.customer_email,
                                       on_screen.customer_name, on_screen.customer_organization, 30,
                                       now - timedelta(minutes=12))
            loop.create_task(window.time.keeper.refresh())
            settle(app, loop, lambda: window.time.keeper.shown().block is not None, rounds=200)
            window.time.show()
            settle(app, loop, lambda: True, rounds=50)
            grab(window, args.out / f"timer-block{suffix}.png")
        window.commands["my_day"].trigger()
        day = window.day_view
        settle(app, loop, lambda: day.total.text() != "", rounds=300)
        settle(app, loop, lambda: True, rounds=50)
        grab(day, args.out / f"day-view{suffix}.png")
        day.close()
        profile.store.blocks.end(desk.account_id, desk.me, desk.now())
        loop.create_task(window.time.keeper.refresh())
        settle(app, loop, lambda: window.time.keeper.shown().block is None, rounds=200)

        on_screen = reads.ticket(window.current_ticket or "")
        customer = reads.customer(on_screen) if on_screen else None
        others = [t for t in (customer.tickets if customer else []) if t.remote_id != window.current_ticket]
        if others:
            window.show_other_ticket(others[0].remote_id)
            settle(app, loop, lambda: True, rounds=50)
            grab(window, args.out / f"customer-history{suffix}.png")
            window.side_sheet.closed.emit()

        window.composer.set_note_mode(False)
        window.composer.editor.setPlainText(
            QCoreApplication.translate("Screenshots", "Hello,\n\nThank you for the details. I have reset "
                                       "the schedule on your thermostat; it should keep it from now on.\n\n"
                                       "Could you confirm it still shows 21 °C tomorrow morning?"))
        settle(app, loop, lambda: True, rounds=50)
        grab(window, args.out / f"composer-draft{suffix}.png")
        # A draft left on that ticket, then Ctrl+G on the next one: the palette offers a ticket by its
        # number, and lists the draft.
        window.composer.flush_draft()
        drafted = window.current_ticket
        settle(app, loop, lambda: drafted is not None and desk.reads.draft(drafted) is not None)
        window.show_next()
        settle(app, loop, lambda: window.current_ticket not in (None, drafted), rounds=30)
        window.commands["go_to"].trigger()
        held = next((t for t in _candidates(desk, profile.store) if t[0] != window.current_ticket), None)
        if held is not None:
            window.palette_panel._query.setText("#" + held[0][:2])
        settle(app, loop, lambda: True, rounds=50)
        grab(window, args.out / f"go-to-ticket{suffix}.png")
        window.palette_panel.hide()
        if drafted:
            window.open_ticket(drafted)
        window.composer.clear()

        smallest = window.size()  # the window at its smallest: the thread keeps eight lines
        window.resize(window.minimumSizeHint())
        settle(app, loop, lambda: True, rounds=50)
        grab(window, args.out / f"smallest{suffix}.png")
        window.resize(smallest)
        settle(app, loop, lambda: True, rounds=30)

        window.sync_indicator.update_status(SyncState.OFFLINE, 2, 0, None, 40.0,
                                            "The helpdesk cannot be reached.")
        settle(app, loop, lambda: True, rounds=50)
        grab(window, args.out / f"offline{suffix}.png")
        window.engine_status(EngineStatus(state=SyncState.IDLE))

        # The first sync of a new account, while the helpdesk cannot be reached: said in the centre.
        on_screen_before = window.current_ticket
        window.show_loading()
        window.engine_status(EngineStatus(state=SyncState.OFFLINE, retry_in=40.0,
                                          last_error="Could not connect to helpdesk.example.com"))
        settle(app, loop, lambda: True, rounds=50)
        grab(window, args.out / f"first-sync-offline{suffix}.png")
        window.engine_status(EngineStatus(state=SyncState.IDLE))
        if on_screen_before:
            window.open_ticket(on_screen_before)

        disk_full = QCoreApplication.translate(
            "Screenshots", "The disk holding Monodesk's local data is full (/home/ana/.local/share/"
            "Monodesk). Free some space: nothing you queued was lost, and Monodesk goes on by itself once "
            "there is room.")
        window.composer.editor.setPlainText(QCoreApplication.translate(
            "Screenshots", "Hello,\n\nThe replacement unit ships today; you will get the tracking number "
            "by e-mail."))
        not_sent = QCoreApplication.translate("MainWindow",
                                              "Not sent: %1 Your text is still in the reply box.")
        window.show_error(not_sent.replace("%1", disk_full))
        window.sync_indicator.update_status(SyncState.PROBLEM, 1, 0, None, 25.0, disk_full)
        settle(app, loop, lambda: True, rounds=50)
        grab(window, args.out / f"disk-full{suffix}.png")
        window.notices.dismiss()
        window.composer.clear()
        window.engine_status(EngineStatus(state=SyncState.IDLE))

        current = reads.ticket(window.current_ticket or "")
        thread = reads.thread(current) if current is not None else []
        if thread:
            log = "".join(f"2026-11-30 08:{n // 60 % 60:02d}:{n % 60:02d} thermia[412]: schedule sync "
                          f"failed (error 0x42), retrying in 30 s\n" for n in range(30_000))
            from dataclasses import replace

            pasted = replace(thread[-1], id=-1, remote_id="999999", text=log, html="", truncated=False)
            window.panel(ThreadPanel).view.set_messages([*thread[-2:], pasted])
            settle(app, loop, lambda: True, rounds=50)
            grab(window, args.out / f"long-message{suffix}.png")
            window.open_ticket(window.current_ticket or "")

        from ui.storage_problem import StorageProblem

        problem = StorageProblem(QCoreApplication.translate(
            "Screenshots", "Monodesk cannot write its local data in /home/ana/.local/share/Monodesk "
            "(Read-only file system). Check that the folder is yours and writable (and the disk not mounted "
            "read-only), or start Monodesk with --data-dir pointing to a writable folder."))
        problem.show()
        settle(app, loop, lambda: True, rounds=30)
        grab(problem, args.out / f"storage-problem{suffix}.png")
        problem.close()

        window._show_empty()
        settle(app, loop, lambda: True, rounds=50)
        grab(window, args.out / f"empty-queue{suffix}.png")

        window.sign_in_requested.emit()
        dialog = session.sign_in_dialog
        assert dialog is not None
        dialog.url.setText("https://helpdesk.example.com")
        dialog.user.setText("ana.lima")
        dialog.token.setText("1-14-0123456789abcdef")
        dialog._show_problem(SignInProblem(Field.TOKEN, Code.TOKEN_REFUSED, host="helpdesk.example.com",
                                           user="ana.lima"))
        settle(app, loop, lambda: True, rounds=50)
        grab(dialog, args.out / f"sign-in{suffix}.png")
        dialog._show_problem(SignInProblem(Field.KEYRING, Code.KEYRING))  # a machine without a keyring
        settle(app, loop, lambda: True, rounds=50)
        grab(dialog, args.out / f"sign-in-no-keyring{suffix}.png")
        dialog.hide()

        picker = session.open_queue_picker()
        assert picker is not None
        if picker.list.count():
            picker.list.item(0).setCheckState(Qt.CheckState.Checked)
        settle(app, loop, lambda: True, rounds=50)
        grab(picker, args.out / f"queues{suffix}.png")
        picker.hide()
        window.close()
        done = loop.create_task(session.shutdown())
        settle(app, loop, done.done)
        profile.close()
    loop.stop()
    loop.close()
    del translators


def _seed_day(store: Store, desk: object, tickets: list[str], shown: str) -> None:
    """A morning and an afternoon of work in the ledger, so that the timer and the day have something
    to show: stretches on the tickets, a coffee break taken back as idle, a skip."""
    from services.desk import Desk
    from services.timefmt import day_bounds
    from services.tracker import Accrual, Withdrawal

    assert isinstance(desk, Desk)
    now = desk.now()
    start = max(day_bounds(now)[0] + timedelta(hours=8, minutes=30), now - timedelta(hours=9))
    moment, events, n = start, [], 0
    while moment < now - timedelta(minutes=40) and tickets:
        ticket = tickets[n % len(tickets)]
        length = timedelta(minutes=7 + (n * 13) % 23)
        events.append(Accrual(ticket, moment, moment + length))
        if n % 5 == 3:  # a stretch that turned out idle at its end
            events.append(Withdrawal(ticket, moment + length - timedelta(minutes=6), moment + length))
        moment += length + timedelta(minutes=3 + (n * 7) % 11)
        n += 1
    events.append(Accrual(shown, now - timedelta(minutes=38), now - timedelta(minutes=24)))
    events.append(Accrual(shown, now - timedelta(minutes=10), now - timedelta(minutes=1)))
    store.timelog.record(desk.account_id, desk.me, events)
    if len(tickets) > 2:
        store.worklist.skip(desk.account_id, tickets[-1], "Needs a specialist")


def _candidates(desk: object, store: Store) -> list[tuple[str, int]]:
    """Offerable tickets with the size of their customer's history (first 40)."""
    from services.desk import Desk

    assert isinstance(desk, Desk)
    queues = desk.reads.working_queues()
    ids = store.worklist.offerable(desk.account_id, desk.me, queues, desk.now(), limit=40)
    result = []
    for remote_id in ids:
        ticket = desk.reads.ticket(remote_id)
        customer = desk.reads.customer(ticket) if ticket else None
        if ticket and customer and len(desk.reads.thread(ticket)) >= 2:
            result.append((remote_id, len(customer.tickets)))
    return result


if __name__ == "__main__":
    main()
