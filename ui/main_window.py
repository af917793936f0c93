"""The focus desk window: one ticket, the customer beside it, the composer below.

The window renders what services.desk.Desk reads from the replica and hands every change to the Desk
(which writes the replica and the outbox on its worker thread). It never waits for the network:
sync runs in the background and only refreshes what is on screen, quietly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from services.desk import Desk, FocusScreen
from services.domain import TicketStatus
from services.store import Draft, MessageView
from services.sync.status import EngineStatus, SyncState
from ui.actions import Actions
from ui.command_palette import CommandPalette
from ui.composer import Composer
from ui.conflict_bar import ConflictBar
from ui.customer_panel import CustomerPanelView
from ui.empty_state import EmptyState
from ui.models import local_datetime
from ui.notices import NoticeBar
from ui.side_sheet import SideSheet
from ui.skip_bar import SkipBar
from ui.sync_indicator import SyncIndicator
from ui.tasks import TaskRunner
from ui.thread_view import ThreadView
from ui.ticket_header import TicketHeader
from ui.wording import problem_text

if TYPE_CHECKING:
    from services.store.recovery import Repair
    from ui.message_reader import MessageReader

log = logging.getLogger(__name__)

_FOCUS_PAGE, _EMPTY_PAGE, _LOADING_PAGE = 0, 1, 2
_TICK_MS = 30_000


class MainWindow(QMainWindow):
    sign_in_requested = Signal()
    queues_requested = Signal()
    account_chosen = Signal(int)  # an account id from the Account menu
    sync_requested = Signal()
    language_requested = Signal(str)
    take_on_open_changed = Signal(bool)
    closing = Signal()
    # Emitted once a ticket (or the empty state) is on screen: benchmarks and tests wait on it.
    painted = Signal(str)
    # Emitted once, just after the window's first paint: background work starts then, not before.
    first_painted = Signal()

    def __init__(self, desk: Desk, *, demo: bool, take_on_open: bool = True, language: str = "system",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Monodesk"))
        self._desk = desk
        self._demo = demo
        self._take_on_open = take_on_open
        self._current: str | None = None
        self._opened_at: datetime | None = None
        self._thread_key: tuple[int, str | None, str | None] | None = None
        self._counting = False
        self._count_again = False
        self.has_painted = False
        self._missing_queues: set[str] = set()  # chosen queues already said to be gone
        self._told_restored = False
        self._reader: MessageReader | None = None  # built on first use
        # Fetches a message's whole text from the helpdesk (set by the app once it is connected).
        self.whole_text: Callable[[str, str], Coroutine[Any, Any, str]] | None = None
        self.tasks = TaskRunner(self._background_error)
        self.actions = Actions(self)
        self._build()
        self._wire_actions(language)
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    # --- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.notices = NoticeBar(self)
        self.banner = self._demo_banner()
        self.conflicts = ConflictBar(self)
        self.header = TicketHeader(self)
        self.header.set_me(self._desk.me)
        self.thread = ThreadView(self)
        self._skip_bar: SkipBar | None = None  # built on first use, like the command palette
        self._palette: CommandPalette | None = None
        self.composer = Composer(self)
        self.empty = EmptyState(self)
        self.customer = CustomerPanelView(self)
        self.side_sheet = SideSheet(self)
        self.side_sheet.hide()

        focus = QWidget(self)
        focus.setObjectName("focusPage")
        column = QVBoxLayout(focus)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.conflicts)
        column.addWidget(self.thread, 1)
        column.addWidget(self.composer)  # the skip bar goes just above it when first needed
        self._column = column

        self.pages = QStackedWidget(self)
        self.loading = QLabel(self.tr("Getting your tickets…"), self)
        self.loading.setObjectName("loadingPage")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(focus)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.loading)

        self.splitter = QSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.side_sheet)
        self.splitter.addWidget(self.customer)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([720, 0, 300])

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notices)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.sync_indicator = SyncIndicator(self)
        self.statusBar().addPermanentWidget(self.sync_indicator, 1)

        self.composer.send_requested.connect(self._send)
        self.composer.draft_changed.connect(self._save_draft)
        self.empty.refresh_requested.connect(lambda: self.show_next())
        self.customer.ticket_activated.connect(self._show_other_ticket)
        self.side_sheet.closed.connect(self._side_sheet_closed)
        self.conflicts.decide.connect(self._decide)
        self.thread.read_all_requested.connect(lambda m: self._read_all(self._current, m))
        self.side_sheet.thread.read_all_requested.connect(
            lambda m: self._read_all(getattr(self.side_sheet, "remote_id", None), m))

    @property
    def skip_bar(self) -> SkipBar:
        if self._skip_bar is None:
            self._skip_bar = SkipBar(self)
            self._skip_bar.hide()
            self._column.insertWidget(self._column.indexOf(self.composer), self._skip_bar)
            self._skip_bar.skip_confirmed.connect(self._skip_confirmed)
            self._skip_bar.cancelled.connect(self.composer.focus_editor)
        return self._skip_bar

    @property
    def palette_panel(self) -> CommandPalette:
        if self._palette is None:
            self._palette = CommandPalette(self.actions, self)
        return self._palette

    def _demo_banner(self) -> QWidget:
        banner = QWidget(self)
        banner.setObjectName("demoBanner")
        row = QHBoxLayout(banner)
        row.setContentsMargins(12, 6, 12, 6)
        text = QLabel(self.tr("You are in the demo workspace: sample tickets, nothing is sent to anyone."),
                      banner)
        text.setWordWrap(True)
        connect = QPushButton(self.tr("Connect your helpdesk"), banner)
        connect.setAccessibleName(self.tr("Connect your helpdesk"))
        connect.clicked.connect(self.sign_in_requested.emit)
        row.addWidget(text, 1)
        row.addWidget(connect)
        banner.setAutoFillBackground(True)
        pal = banner.palette()
        pal.setColor(banner.backgroundRole(), pal.color(pal.ColorRole.AlternateBase))
        banner.setPalette(pal)
        banner.setVisible(self._demo)
        return banner

    def _wire_actions(self, language: str) -> None:
        a = self.actions
        a.on("next", self.show_next)
        a.on("skip", self._skip)
        a.on("take", lambda: self._change(lambda rid: self._desk.take(rid)))
        a.on("resolve", lambda: self._set_status(TicketStatus.RESOLVED))
        a.on("pending", lambda: self._set_status(TicketStatus.PENDING))
        a.on("reopen", lambda: self._set_status(TicketStatus.OPEN))
        a.on("reply_mode", lambda: (self.composer.set_note_mode(False), self.composer.focus_editor()))
        a.on("note_mode", lambda: (self.composer.set_note_mode(True), self.composer.focus_editor()))
        a.on("send", lambda: self._send_from_palette(""))
        a.on("send_resolve", lambda: self._send_from_palette("resolve"))
        a.on("send_pending", lambda: self._send_from_palette("pending"))
        a.on("send_next", lambda: self._send_from_palette("next"))
        a.on("focus_composer", self.composer.focus_editor)
        a.on("sync", self.sync_requested.emit)
        a.on("palette", lambda: self.palette_panel.open())
        a.on("sign_in", self.sign_in_requested.emit)
        a.on("queues", self.queues_requested.emit)
        a.on("quit", self.close)
        a["take_on_open"].setChecked(self._take_on_open)
        a["take_on_open"].toggled.connect(self._set_take_on_open)
        for code in ("system", "en", "fr"):
            action = a[f"lang_{code}"]
            action.setChecked(code == language)
            action.triggered.connect(lambda _c=False, code=code: self._choose_language(code))

        toolbar = QToolBar(self.tr("Ticket actions"), self)
        toolbar.setObjectName("ticketToolbar")
        toolbar.setMovable(False)
        for key in ("next", "skip", "take", "resolve", "pending", "reopen"):
            toolbar.addAction(a[key])
        toolbar.addSeparator()
        toolbar.addAction(a["palette"])
        self.addToolBar(toolbar)

        menus = self.menuBar()
        ticket = menus.addMenu(self.tr("&Ticket"))
        for key in ("next", "skip", "take", "resolve", "pending", "reopen"):
            ticket.addAction(a[key])
        ticket.addSeparator()
        ticket.addAction(a["quit"])
        compose = menus.addMenu(self.tr("&Compose"))
        for key in ("reply_mode", "note_mode", "focus_composer", "send", "send_resolve", "send_pending",
                    "send_next"):
            compose.addAction(a[key])
        view = menus.addMenu(self.tr("&View"))
        view.addAction(a["palette"])
        view.addAction(a["sync"])
        account = menus.addMenu(self.tr("&Account"))
        self.accounts_menu = account.addMenu(self.tr("Switch &account"))
        self.accounts_menu.setObjectName("accountsMenu")
        self.accounts_menu.setEnabled(False)
        for key in ("sign_in", "queues", "take_on_open"):
            account.addAction(a[key])
        account.addSeparator()
        for code in ("system", "en", "fr"):
            account.addAction(a[f"lang_{code}"])
        for action in a.all():
            self.addAction(action)  # shortcuts work wherever the focus is in the window

    # --- public ------------------------------------------------------------------------------------

    @property
    def current_ticket(self) -> str | None:
        return self._current

    def bind(self, desk: Desk, *, demo: bool) -> None:
        """Another account became active: start over on its work."""
        self.composer.flush_draft()
        self._desk = desk
        self._demo = demo
        self.header.set_me(desk.me)
        self.banner.setVisible(demo)
        self._current = None
        self.show_next()

    def set_accounts(self, accounts: list[tuple[int, str, bool]]) -> None:
        """(id, label, active) for each account, for the Account menu."""
        self.accounts_menu.clear()
        group = QActionGroup(self.accounts_menu)
        for account_id, label, active in accounts:
            action = self.accounts_menu.addAction(label)
            action.setCheckable(True)
            action.setActionGroup(group)
            action.setChecked(active)
            action.triggered.connect(lambda _c=False, i=account_id, on=active: None if on else
                                     self.account_chosen.emit(i))
        self.accounts_menu.setEnabled(len(accounts) > 1)

    def show_loading(self, text: str | None = None) -> None:
        """Before the first sync has brought any ticket: say so rather than claim the queue is clear."""
        if text:
            self.loading.setText(text)
        self._current = None
        self.pages.setCurrentIndex(_LOADING_PAGE)
        self._set_ticket_actions(False)

    @property
    def is_loading(self) -> bool:
        return self.pages.currentIndex() == _LOADING_PAGE

    def show_next(self) -> None:
        self.composer.flush_draft()
        exclude = (self._current,) if self._current else ()
        remote_id = self._desk.next_ticket(exclude=exclude)
        if remote_id is None:
            self._show_empty()
            return
        self.open_ticket(remote_id)

    def open_ticket(self, remote_id: str) -> None:
        if self._current and self._current != remote_id:
            self.composer.flush_draft()
        screen = self._desk.screen(remote_id)
        if screen is None:
            self.notices.show_notice(self.tr("Ticket #%1 is not in this workspace.").replace("%1", remote_id))
            return
        self._current = remote_id
        self._opened_at = self._desk.now()
        self._thread_key = None
        if self._skip_bar is not None:
            self._skip_bar.hide()
        self._render(screen, fresh=True)
        self.pages.setCurrentIndex(_FOCUS_PAGE)
        self._set_ticket_actions(True)
        if self._take_on_open:  # Desk.open decides whether the ticket can be taken
            self.tasks.start(self._desk.open(remote_id, take=True),
                             then=lambda taken: self.refresh() if taken else None)
        self.composer.focus_editor()
        self.painted.emit(remote_id)

    def refresh(self) -> None:
        """The replica changed (a sync landed, a change was queued): redraw what is on screen."""
        self._update_waiting()
        if self._current is None:
            if self.pages.currentIndex() == _EMPTY_PAGE:
                self._update_empty()
            return
        screen = self._desk.screen(self._current)
        if screen is not None:
            self._render(screen, fresh=False)

    def engine_status(self, status: EngineStatus, outbox_open: int, conflicts: int) -> None:
        self.sync_indicator.update_status(status.state.value, outbox_open, conflicts, status.last_sync,
                                          status.retry_in, status.last_error)
        # Idle: a sync landed. Elsewhere: another process syncs the profile, and what it brings is in
        # the replica too (this is called again each time this window checks whether it may sync).
        if status.state in (SyncState.IDLE, SyncState.ELSEWHERE):
            self.refresh()
        if status.restored_changes and not self._told_restored:
            self._told_restored = True
            self.notices.show_notice(self.tr(
                "%n unsent change(s) were missing from Monodesk's local data (was the file replaced?) and "
                "have been put back from its journal; each is looked for in the helpdesk before it is sent.",
                "", status.restored_changes), "warning")
        if status.state is SyncState.IDLE:
            gone = [q for q in status.missing_queues if q not in self._missing_queues]
            for queue in gone:
                self.notices.show_notice(self.tr(
                    "The queue %1 is not visible to you in the helpdesk any more: it stays among your "
                    "queues, and syncs again when it comes back.").replace("%1", queue), "warning")
            self._missing_queues = set(status.missing_queues)

    def show_damaged(self, problem: str) -> None:
        """The replica failed its health check: the agent's unsent work is safe, and a restart repairs
        the file (it needs the file to itself, so it cannot happen under the running window)."""
        self.notices.show_notice(
            self.tr("Monodesk's local data is damaged (%1). Quit and start Monodesk again: it repairs "
                    "the file at start and keeps your unsent changes and drafts.")
            .replace("%1", problem[:200]),
            "error", self.tr("Quit Monodesk"), self.close)

    def show_repaired(self, repaired: Repair) -> None:
        if repaired.restored_copy_of is not None:
            when = local_datetime(repaired.restored_copy_of)
            text = self.tr("Monodesk's local data was damaged: it was restored from the copy of %1, and "
                           "%2 unsent change(s) and %3 draft(s) were kept. The next sync brings the "
                           "tickets up to date.").replace("%1", when)
        else:
            text = self.tr("Monodesk's local data was damaged and has been started afresh; %2 unsent "
                           "change(s) and %3 draft(s) were kept. The next sync brings your tickets back.")
        text = text.replace("%2", str(repaired.changes_kept)).replace("%3", str(repaired.drafts_kept))
        if repaired.orphans_file is not None:
            text += " " + self.tr("Changes whose ticket could not be read back are saved in %1.").replace(
                "%1", str(repaired.orphans_file))
        self.notices.show_notice(text, "warning")

    def bring_to_front(self) -> None:
        """A second start on this profile asked for the window: show it instead of a second one."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        log.info("brought to the front by a second start")

    def show_error(self, message: str) -> None:
        self.notices.show_notice(message, "error")

    # --- rendering ---------------------------------------------------------------------------------

    def _render(self, screen: FocusScreen, *, fresh: bool) -> None:
        t = screen.ticket
        self.setWindowTitle(self.tr("#%1 %2 — Monodesk").replace("%1", t.remote_id).replace("%2", t.subject))
        self.header.show_ticket(t, screen.sla, self._desk.now())
        last = screen.thread[-1] if screen.thread else None
        key = (len(screen.thread), last.remote_id if last else None, last.outbox_state if last else None)
        if fresh or key != self._thread_key:  # keep the reader's scroll position when nothing changed
            self.thread.set_messages(screen.thread)
            self._thread_key = key
        self.customer.show_customer(screen.customer, t.remote_id)
        self.conflicts.show_ops(screen.attention)
        if fresh:
            self.composer.load(t.remote_id, screen.draft, self._elapsed_minutes())
        self._set_status_actions(t.status)

    def _show_empty(self) -> None:
        self._current = None
        self.setWindowTitle(self.tr("Queue clear — Monodesk"))
        self.pages.setCurrentIndex(_EMPTY_PAGE)
        self._update_empty()
        self.customer.show_customer(None, "")
        self.side_sheet.hide()
        self._set_ticket_actions(False)
        self.painted.emit("")

    def _update_empty(self) -> None:
        self.empty.set_details(self._desk.skipped_count(), self._desk.working_queues())
        self._update_waiting()

    def _update_waiting(self) -> None:
        """The quiet counter, counted on the replica's worker thread (a large queue takes tens of ms)."""
        if self._counting:
            self._count_again = True  # one count in flight at a time; it runs once more when done
            return
        self._counting = True
        self.tasks.start(self._count_waiting(self._desk))

    async def _count_waiting(self, desk: Desk) -> None:
        try:
            count = await desk.count_waiting()
            if desk is self._desk:
                self.sync_indicator.set_waiting(count)
        except RuntimeError:  # the account was switched meanwhile and its worker thread stopped
            log.debug("waiting count dropped: the workspace changed")
        finally:
            self._counting = False
            if self._count_again:
                self._count_again = False
                self._update_waiting()

    def _set_ticket_actions(self, enabled: bool) -> None:
        for key in ("skip", "take", "resolve", "pending", "reopen", "send", "send_resolve", "send_pending",
                    "send_next", "reply_mode", "note_mode", "focus_composer"):
            self.actions[key].setEnabled(enabled)

    def _set_status_actions(self, status: TicketStatus) -> None:
        self.actions["resolve"].setEnabled(status is not TicketStatus.RESOLVED)
        self.actions["pending"].setEnabled(status is not TicketStatus.PENDING)
        self.actions["reopen"].setEnabled(not status.is_active or status is TicketStatus.PENDING)

    def _elapsed_minutes(self) -> int:
        if self._opened_at is None:
            return 0
        return max(0, int((self._desk.now() - self._opened_at).total_seconds() // 60))

    def _tick(self) -> None:
        if self._current is not None:
            self.header.tick(self._desk.now())
            self.composer.set_minutes(self._elapsed_minutes())

    # --- actions -----------------------------------------------------------------------------------

    def _send(self, text: str, note: bool, minutes: int, then: str) -> None:
        remote_id = self._current
        if remote_id is None or not text.strip() or self.composer.busy:
            return
        status = {"resolve": TicketStatus.RESOLVED, "pending": TicketStatus.PENDING}.get(then)
        # The text leaves the composer only once the message is committed (the same transaction drops
        # the draft): a failed write leaves both the reply box and its draft as they were.
        self.composer.flush_draft()
        self.composer.set_busy(True)

        def sent(_op: object) -> None:
            self.composer.set_busy(False)
            if self.composer.remote_id == remote_id:
                self.composer.clear()
            if then == "next" and self._current == remote_id:
                self.show_next()
            else:
                self.refresh()

        def failed(error: BaseException) -> None:
            if self.composer.remote_id == remote_id:
                self.composer.set_busy(False)
                self.composer.focus_editor()
                self.show_error(self.tr("Not sent: %1 Your text is still in the reply box.")
                                .replace("%1", str(error)[:300]))
            else:  # the agent moved on meanwhile: the text waits as that ticket's draft
                self.show_error(self.tr("Not sent: %1 Your text is kept as the draft of ticket #%2.")
                                .replace("%1", str(error)[:300]).replace("%2", remote_id))

        self.tasks.start(self._desk.send(remote_id, text, note=note, time_minutes=minutes, status=status),
                         then=sent, failed=failed)

    def _send_from_palette(self, then: str) -> None:
        draft = self.composer.current_draft()
        if not draft.body.strip():
            self.composer.focus_editor()
            return
        self._send(draft.body, draft.note, draft.time_minutes, then)

    def _save_draft(self, draft: Draft) -> None:
        if self._current is not None:
            self.tasks.start(self._desk.save_draft(self._current, draft))

    def _set_status(self, status: TicketStatus) -> None:
        self._change(lambda rid: self._desk.set_status(rid, status))

    def _change(self, make: Callable[[str], Coroutine[Any, Any, object]]) -> None:
        remote_id = self._current
        if remote_id is None:
            return
        self.tasks.start(make(remote_id), then=lambda _r: self.refresh())

    def _skip(self) -> None:
        if self._current is not None:
            self.skip_bar.start()

    def _skip_confirmed(self, reason: str) -> None:
        remote_id = self._current
        if remote_id is None:
            return
        self.skip_bar.hide()
        self.composer.flush_draft()
        self.tasks.start(self._desk.skip(remote_id, reason), then=lambda _r: self.show_next())

    def _decide(self, op_id: str, send: bool) -> None:
        remote_id = self._current
        self.composer.flush_draft()

        def done(_r: object) -> None:
            if remote_id is not None and remote_id == self._current:
                screen = self._desk.screen(remote_id)
                if screen is not None:
                    self._render(screen, fresh=False)
                    if not send:  # the message came back to the draft
                        self.composer.load(remote_id, screen.draft, self._elapsed_minutes())

        self.tasks.start(self._desk.decide(op_id, send=send), then=done)

    def _read_all(self, ticket: str | None, message: MessageView) -> None:
        """A long message in full, in a window of its own; fetched from the helpdesk when only its
        beginning is kept here."""
        if ticket is None:
            return
        if self._reader is None:
            from ui.message_reader import MessageReader

            self._reader = MessageReader(self)
        reader = self._reader
        reader.open_message(self.tr("Message from %1 — Monodesk").replace("%1", message.author),
                            f"#{ticket} · {message.author} · {local_datetime(message.created)}")
        if not message.truncated or not message.remote_id:
            reader.show_text(message.text)
        elif self.whole_text is None:
            reader.show_problem(self.tr("this workspace is not connected to its helpdesk yet."))
        else:
            self.tasks.start(self.whole_text(ticket, message.remote_id), then=reader.show_text,
                             failed=lambda error: reader.show_problem(str(error)))

    def _show_other_ticket(self, remote_id: str) -> None:
        other = self._desk.other_ticket(remote_id)
        if other is None:
            return
        ticket, messages = other
        self.side_sheet.show_ticket(ticket, messages)
        self.side_sheet.show()
        sizes = self.splitter.sizes()
        if sizes[1] == 0:
            total = sum(sizes)
            self.splitter.setSizes([int(total * 0.45), int(total * 0.35), total - int(total * 0.8)])

    def _side_sheet_closed(self) -> None:
        self.side_sheet.hide()
        self.composer.focus_editor()

    def _set_take_on_open(self, on: bool) -> None:
        self._take_on_open = on
        self.take_on_open_changed.emit(on)

    def _choose_language(self, code: str) -> None:
        for other in ("system", "en", "fr"):
            self.actions[f"lang_{other}"].setChecked(other == code)
        self.language_requested.emit(code)
        self.notices.show_notice(self.tr("The new language applies the next time Monodesk starts."), "info")

    def _background_error(self, error: BaseException) -> None:
        text = problem_text(error) or self.tr("Something went wrong: %1").replace("%1", str(error)[:300])
        self.notices.show_notice(text, "error")

    # --- window state ------------------------------------------------------------------------------

    def restore_layout(self, geometry: bytes, state: bytes, splitter: bytes) -> None:
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        if state:
            self.restoreState(QByteArray(state))
        if splitter:
            self.splitter.restoreState(QByteArray(splitter))

    def layout_state(self) -> tuple[bytes, bytes, bytes]:
        return (bytes(self.saveGeometry().data()), bytes(self.saveState().data()),
                bytes(self.splitter.saveState().data()))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.has_painted:
            self.has_painted = True
            # Queued: the rest of this paint (the children) completes first.
            QTimer.singleShot(0, self.first_painted.emit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._palette is not None and self._palette.isVisible():
            self._palette.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.composer.flush_draft()
        if self._palette is not None:
            self._palette.hide()
        self.closing.emit()
        super().closeEvent(event)
