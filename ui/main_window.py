"""The focus desk window: one ticket, the customer beside it, the composer below.

The window renders what services.desk.Desk reads from the replica and hands every change to the Desk
(which writes the replica and the outbox on its worker thread). It never waits for the network:
sync runs in the background and only refreshes what is on screen, quietly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent, QKeySequence, QPaintEvent, QResizeEvent, QShortcut
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

from services.changes import EVERYTHING, NOTHING, Changes
from services.desk import AfterSend, Desk, DeskReads, allowed, ticket_number
from services.domain import TicketStatus
from services.languages import CHOICES
from services.store import Draft, MessageView, TicketView
from services.sync.status import EngineStatus, SyncState
from services.timefmt import day_bounds, week_bounds
from ui.actions import Actions
from ui.composer import Composer
from ui.loading_page import LoadingPage
from ui.models import local_datetime
from ui.notices import NoticeBar
from ui.panel import Panel, Place
from ui.panels import PANELS, ComposerPanel, CustomerSidePanel, HeaderPanel, TasksPanel, TimerPanel
from ui.sync_indicator import SyncIndicator
from ui.tasks import TaskRunner
from ui.time_driver import TimeDriver
from ui.wording import problem_text

if TYPE_CHECKING:
    from services.day import AgentDay
    from services.store.recovery import Repair
    from ui.command_palette import CommandPalette, PaletteEntry
    from ui.day_view import DayView
    from ui.empty_state import EmptyState
    from ui.message_reader import MessageReader
    from ui.side_sheet import SideSheet
    from ui.skip_bar import SkipBar

log = logging.getLogger(__name__)
P = TypeVar("P", bound=Panel[Any])

_TICK_MS = 30_000
_FOCUS_WIDTH, _SIDE_WIDTH = 720, 300  # the splitter's first sizes (until the agent moves it)
_SIDE_SPLIT = (56, 44)  # the customer over their tasks, in parts of the side column's height


class MainWindow(QMainWindow):
    sign_in_requested = Signal()
    queues_requested = Signal()
    account_chosen = Signal(int)  # an account id from the Account menu
    sync_requested = Signal()
    language_requested = Signal(str)
    take_on_open_changed = Signal(bool)
    closing = Signal()
    about_requested = Signal()
    # Emitted once a ticket (or the empty state) is on screen: benchmarks and tests wait on it.
    painted = Signal(str)
    # Emitted once, just after the window's first paint: background work starts then, not before.
    first_painted = Signal()

    def __init__(self, desk: Desk, *, demo: bool, take_on_open: bool = True, language: str = "system",
                 timer_grace: timedelta | None = None, idle_after: timedelta | None = None,
                 break_after: timedelta | None = None, breaks: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Monodesk"))
        self._desk = desk
        self._demo = demo
        self._take_on_open = take_on_open
        self._current: str | None = None
        self._ticket: TicketView | None = None  # as last read, for the panels' `concerns`
        self._shown = 0  # bumped at each open: a refresh read for an earlier one is dropped
        self._reading = False
        self._unread = NOTHING  # changes that came while a refresh was reading
        self._counting = False
        self._count_again = False
        self._status = EngineStatus()
        self._outbox = (0, 0)  # open changes, conflicts: counted off the GUI thread
        self._side_sheet: SideSheet | None = None
        self._sizes_before_sheet: list[int] = []
        self.has_painted = False
        self._missing_queues: set[str] = set()  # chosen queues already said to be gone
        self._told_restored = False
        self._reader: MessageReader | None = None  # built on first use
        self._day_view: DayView | None = None
        # Fetches a message's whole text from the helpdesk (set by the app once it is connected).
        self.whole_text: Callable[[str, str], Coroutine[Any, Any, str]] | None = None
        # Reads a ticket the replica does not hold from the helpdesk (set by the app once connected).
        self.fetch_ticket: Callable[[str], Coroutine[Any, Any, None]] | None = None
        self._go_to_asked = 0  # counts go-to requests: only the latest one opens what it fetched
        self.tasks = TaskRunner(self._background_error)
        self.commands = Actions(self)
        self._build()
        self.time = TimeDriver(self, self.panel(TimerPanel).view, self.tasks, desk,
                               notify=self.notices.show_notice, customer=self._customer,
                               grace=timer_grace, idle_after=idle_after, break_after=break_after,
                               breaks=breaks)
        # The timer's modules load after the first paint, once what waits on the paint has run.
        self.first_painted.connect(lambda: QTimer.singleShot(0, self.time.start))
        self._wire_actions(language)
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    # --- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.notices = NoticeBar(self)
        self.banner = self._demo_banner()
        self._skip_bar: SkipBar | None = None  # built on first use, like the command palette
        self._palette: CommandPalette | None = None
        self.panels: list[Panel[Any]] = [kind(self) for kind in PANELS]
        self.composer: Composer = self.panel(ComposerPanel).view
        self._empty: EmptyState | None = None  # the "queue clear" page, built when first shown

        self._focus_page = QWidget(self)
        self._focus_page.setObjectName("focusPage")
        column = QVBoxLayout(self._focus_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for panel in self._placed(Place.COLUMN):  # the skip bar goes above the composer when needed
            column.addWidget(panel.widget, panel.stretch)
        self._column = column

        self.pages = QStackedWidget(self)
        self.loading = LoadingPage(self)
        self.loading.try_now.connect(self.sync_requested.emit)
        for page in (self._focus_page, self.loading):
            self.pages.addWidget(page)

        self.splitter = QSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        # The customer's other ticket opens here; its sheet is built on first use.
        self._sheet_slot = QWidget(self)
        self._sheet_slot.setObjectName("sideSheetSlot")
        QVBoxLayout(self._sheet_slot).setContentsMargins(0, 0, 0, 0)
        self._sheet_slot.hide()
        # The side panels (the customer, their tasks) share one column, top to bottom.
        self.side = QSplitter(Qt.Orientation.Vertical, self)
        self.side.setObjectName("sideColumn")
        self.side.setChildrenCollapsible(False)
        for panel in self._placed(Place.SIDE):
            self.side.addWidget(panel.widget)
            self.side.setStretchFactor(self.side.indexOf(panel.widget), panel.stretch)
        self.side.setSizes([_SIDE_SPLIT[0], _SIDE_SPLIT[1]] + [200] * (self.side.count() - 2))
        for widget, stretch in ((self.pages, 3), (self._sheet_slot, 2), (self.side, 1)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        self._set_sizes({self.pages: _FOCUS_WIDTH, self._sheet_slot: 0})

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

    def panel(self, kind: type[P]) -> P:
        """The window's panel of this kind."""
        return next(p for p in self.panels if isinstance(p, kind))

    def _placed(self, place: Place) -> list[Panel[Any]]:
        return [p for p in self.panels if p.place is place]

    def _set_sizes(self, sizes: dict[QWidget, int]) -> None:
        """The splitter's sizes by widget; a side panel not named gets _SIDE_WIDTH."""
        widgets = [self.splitter.widget(i) for i in range(self.splitter.count())]
        self.splitter.setSizes([sizes.get(w, _SIDE_WIDTH) if w is not None else 0 for w in widgets])

    @property
    def empty(self) -> EmptyState:
        if self._empty is None:
            from ui.empty_state import EmptyState

            self._empty = EmptyState(self)
            self.pages.addWidget(self._empty)
            self._empty.refresh_requested.connect(lambda: self.show_next())
        return self._empty

    @property
    def side_sheet(self) -> SideSheet:
        if self._side_sheet is None:
            from ui.side_sheet import SideSheet

            sheet = self._side_sheet = SideSheet(self._sheet_slot)
            layout = self._sheet_slot.layout()
            assert layout is not None
            layout.addWidget(sheet)
            sheet.closed.connect(self._side_sheet_closed)
            sheet.work_requested.connect(self._work_on)
            # Escape closes it wherever the focus is in the window, while it is open.
            self._close_sheet = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
            self._close_sheet.setContext(Qt.ShortcutContext.WindowShortcut)
            self._close_sheet.activated.connect(self._escape)
            sheet.conversation.read_all_requested.connect(lambda m: self.read_all(sheet.remote_id, m))
        return self._side_sheet

    @property
    def skip_bar(self) -> SkipBar:
        if self._skip_bar is None:
            from ui.skip_bar import SkipBar

            self._skip_bar = SkipBar(self)
            self._skip_bar.hide()
            self._column.insertWidget(self._column.indexOf(self.composer), self._skip_bar)
            self._skip_bar.skip_confirmed.connect(self._skip_confirmed)
            self._skip_bar.cancelled.connect(self.composer.focus_editor)
        return self._skip_bar

    @property
    def day_view(self) -> DayView:
        """The agent's day and week, in a window of its own (built on first use)."""
        if self._day_view is None:
            from ui.day_view import DayView

            self._day_view = DayView(self, self._read_day)
        return self._day_view

    def _read_day(self, period: str) -> None:
        bounds = day_bounds if period == "today" else week_bounds
        start, end = bounds(self._desk.now())
        desk = self._desk

        def shown(day: AgentDay) -> None:
            if self._day_view is not None and desk is self._desk:
                self._day_view.show_day(day)

        self.tasks.start(self._write_time_then_read_day(start, end), then=shown)

    async def _write_time_then_read_day(self, start: datetime, end: datetime) -> AgentDay:
        from services.day import agent_day

        await self.time.keeper.write()  # the day shown includes the last seconds counted
        return await self._desk.read(lambda reads: agent_day(reads, start, end))

    @property
    def palette_panel(self) -> CommandPalette:
        if self._palette is None:
            from ui.command_palette import CommandPalette, Offers

            self._palette = CommandPalette(self.commands, self, Offers(self._palette_ticket,
                                                                       self._palette_drafts))
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
        a = self.commands
        a.on("next", self.show_next)
        a.on("skip", self._skip)
        a.on("go_to", lambda: self.palette_panel.open("#"))
        a.on("take", lambda: self._change(lambda rid: self._desk.take(rid)))
        a.on("resolve", lambda: self._set_status(TicketStatus.RESOLVED))
        a.on("pending", lambda: self._set_status(TicketStatus.PENDING))
        a.on("reopen", lambda: self._set_status(TicketStatus.OPEN))
        a.on("reply_mode", lambda: self._write(note=False))
        a.on("note_mode", lambda: self._write(note=True))
        a.on("send", lambda: self._send_from_palette(AfterSend.NOTHING))
        a.on("send_resolve", lambda: self._send_from_palette(AfterSend.RESOLVE))
        a.on("send_pending", lambda: self._send_from_palette(AfterSend.PENDING))
        a.on("send_next", lambda: self._send_from_palette(AfterSend.NEXT))
        a.on("focus_composer", self.composer.focus_editor)
        timer = self.panel(TimerPanel).view
        a.on("pause_timer", timer.pause_button.click)
        timer.paused_changed.connect(a["pause_timer"].setChecked)
        a.on("adjust_time", timer.start_adjust)
        a.on("log_time", timer.start_log)
        a.on("answer_idle", timer.focus_idle)
        a.on("reserve_block", self.time.reserve)
        a.on("my_day", lambda: self.day_view.open())
        tasks = self.panel(TasksPanel).view
        a.on("add_task", tasks.focus_add)
        a.on("show_tasks", tasks.focus_list)
        self.panel(HeaderPanel).view.show_tasks.connect(tasks.focus_list)
        a.on("sync", self.sync_requested.emit)
        a.on("palette", lambda: self.palette_panel.open())
        a.on("sign_in", self.sign_in_requested.emit)
        a.on("queues", self.queues_requested.emit)
        a.on("quit", self.close)
        a.on("shortcuts", lambda: self.palette_panel.open())  # every command, with its shortcut
        a.on("about", self.about_requested.emit)
        a["take_on_open"].setChecked(self._take_on_open)
        a["take_on_open"].toggled.connect(self._set_take_on_open)
        for code in CHOICES:
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
        for key in ("next", "skip", "go_to", "take", "resolve", "pending", "reopen"):
            ticket.addAction(a[key])
        ticket.addSeparator()
        ticket.addAction(a["add_task"])
        ticket.addAction(a["show_tasks"])
        ticket.addSeparator()
        ticket.addAction(a["quit"])
        compose = menus.addMenu(self.tr("&Compose"))
        for key in ("reply_mode", "note_mode", "focus_composer", "send", "send_resolve", "send_pending",
                    "send_next"):
            compose.addAction(a[key])
        time = menus.addMenu(self.tr("T&ime"))
        for key in ("pause_timer", "adjust_time", "log_time", "answer_idle", "reserve_block"):
            time.addAction(a[key])
        time.addSeparator()
        time.addAction(a["my_day"])
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
        for code in CHOICES:
            account.addAction(a[f"lang_{code}"])
        help_menu = menus.addMenu(self.tr("&Help"))
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(a["about"])
        for action in a.all():
            self.addAction(action)  # shortcuts work wherever the focus is in the window

    # --- public ------------------------------------------------------------------------------------

    @property
    def current_ticket(self) -> str | None:
        return self._current

    @property
    def desk(self) -> Desk:
        return self._desk

    def host_widget(self) -> QWidget:
        return self

    def now(self) -> datetime:
        return self._desk.now()

    def bind(self, desk: Desk, *, demo: bool) -> None:
        """Another account became active: start over on its work (what to show first is the caller's
        choice: `resume`, or the loading page before a first sync)."""
        self.composer.flush_draft()
        self._desk = desk
        self.time.bind(desk)
        self._demo = demo
        self.banner.setVisible(demo)
        self._current = self._ticket = None
        self._status, self._outbox = EngineStatus(), (0, 0)
        if self._palette is not None:  # its entries were the other account's
            self._palette.hide()

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
            self.loading.set_text(text)
        self.loading.show_status(self._status.state, self._status.retry_in, self._status.last_error)
        self._current = self._ticket = None
        for panel in self.panels:  # nothing of a ticket (or an account) left from before
            panel.clear()
        self.pages.setCurrentWidget(self.loading)
        self._set_ticket_actions(None)

    @property
    def is_loading(self) -> bool:
        return self.pages.currentWidget() is self.loading

    def show_next(self) -> None:
        self.composer.flush_draft()
        exclude = (self._current,) if self._current else ()
        remote_id = self._desk.reads.next_ticket(exclude=exclude)
        if remote_id is None:
            self._show_empty()
            return
        self.open_ticket(remote_id)
        if self._desk.reads.waits_on_customer(remote_id):  # Next keeps these for last: say why it is one
            self.notices.show_notice(self.tr(
                "Only tickets waiting on the customer are left: the last message on this one is a reply."),
                "info")

    def resume(self) -> None:
        """On start: the ticket the agent had on screen last time, if it is still here; else Next."""
        reads = self._desk.reads
        focus = reads.last_focus()
        ticket = reads.ticket(focus) if focus is not None else None
        # Still the agent's to work on: not given to a colleague since, and not closed.
        if focus is not None and ticket is not None and ticket.owner in (None, self._desk.me) \
                and ticket.status.is_active:
            self.open_ticket(focus)
        else:
            self.show_next()

    def go_to_ticket(self, remote_id: str) -> None:
        """A ticket by its number: from the replica at once; otherwise read from the helpdesk and shown
        when it arrives (unless the agent has moved on meanwhile)."""
        desk = self._desk
        held = desk.reads.ticket(remote_id)
        if held is not None:
            # Looking a ticket up is not taking it: only one of the agent's queues is taken on open.
            mine = held.queue in desk.reads.working_queues()
            self.open_ticket(remote_id, may_take=mine)
            # Kept fresh by the sync only in the working queues: any other is read again, behind.
            if (held.thread_synced and mine) or self.fetch_ticket is None:
                return
        elif self.fetch_ticket is None:
            self.notices.show_notice(self.tr("Ticket #%1 is not in this workspace.").replace("%1", remote_id))
            return
        else:
            getting = self.tr("Getting ticket #%1 from the helpdesk…")
            self.notices.show_notice(getting.replace("%1", remote_id), "info")
        asked_on = self._current
        self._go_to_asked += 1
        asked = self._go_to_asked

        def still_wanted() -> bool:
            """The same account, no later go-to, and the agent has not moved on meanwhile."""
            return desk is self._desk and asked == self._go_to_asked and self._current == asked_on

        def arrived(_result: object) -> None:
            fetched = desk.reads.ticket(remote_id)
            if held is None and still_wanted() and fetched is not None:
                self.notices.dismiss()
                self.open_ticket(remote_id, may_take=fetched.queue in desk.reads.working_queues())

        def failed(error: BaseException) -> None:
            from services.backends.base import NotFound

            if held is not None or not still_wanted():
                return  # on screen already (it was held), or no longer asked for
            if isinstance(error, NotFound):
                self.notices.show_notice(self.tr(
                    "There is no ticket #%1, or you may not see it.").replace("%1", remote_id), "warning")
            else:
                self.notices.show_notice(self.tr(
                    "Ticket #%1 is not here yet and could not be read from the helpdesk: %2").replace(
                    "%1", remote_id).replace("%2", str(error)), "warning")

        assert self.fetch_ticket is not None
        self.tasks.start(self.fetch_ticket(remote_id), then=arrived, failed=failed)

    def _palette_ticket(self, query: str) -> list[PaletteEntry]:
        """For the palette: a ticket number typed offers that ticket first."""
        from ui.command_palette import PaletteEntry

        number = ticket_number(query)
        if number is None:
            return []
        held = self._desk.reads.ticket(number)
        text = self.tr("Go to ticket #%1").replace("%1", number)
        return [PaletteEntry(f"{text} · {held.subject}" if held else text, lambda: self.go_to_ticket(number),
                             self.tr("Enter"))]

    def _palette_drafts(self) -> list[PaletteEntry]:
        """For the palette, read as it opens: the drafts left on other tickets, listed with the
        commands, so that work left half-done is found again."""
        from ui.command_palette import PaletteEntry
        from ui.conflict_bar import excerpt

        return [PaletteEntry(self.tr("Draft: #%1 %2").replace("%1", d.remote_id).replace("%2", d.subject),
                             partial(self.open_ticket, d.remote_id), tooltip=excerpt(d.body))
                for d in self._desk.reads.drafts() if d.remote_id != self._current]

    def open_ticket(self, remote_id: str, *, may_take: bool = True) -> None:
        """Paint the ticket from the replica at once: each panel reads its part on this thread."""
        if self._current and self._current != remote_id:
            self.composer.flush_draft()
        reads = self._desk.reads
        ticket = reads.ticket(remote_id)
        if ticket is None:
            self.notices.show_notice(self.tr("Ticket #%1 is not in this workspace.").replace("%1", remote_id))
            return
        self._current, self._ticket = remote_id, ticket
        self._shown += 1
        if self._skip_bar is not None:
            self._skip_bar.hide()
        for panel in self.panels:
            panel.show(ticket, panel.read(reads, ticket), fresh=True)
        self.pages.setCurrentWidget(self._focus_page)
        self._show_ticket_state(ticket)
        self.time.focus(remote_id)
        # Remembered as the ticket in focus; taken when the setting says so (Desk.open decides).
        self.tasks.start(self._desk.open(remote_id, take=self._take_on_open and may_take))
        self.composer.focus_editor()
        self.painted.emit(remote_id)

    def apply_changes(self, changes: Changes) -> None:
        """The replica changed (a sync landed, a change was queued): the panels it concerns read
        again, off the GUI thread, and show the result if their ticket is still on screen."""
        if changes.offer or changes.outbox or changes.tasks:  # (a task's change waits in the outbox too)
            self._update_counts()
        if self._current is None:
            if self._empty is not None and self.pages.currentWidget() is self._empty and changes.offer:
                self._update_empty()
            return
        self._unread = self._unread | changes
        self._read_changes()

    @property
    def refreshing(self) -> bool:
        """A refresh or a count is being read (tests and benchmarks wait for the window to settle)."""
        return self._reading or bool(self._unread) or self._counting

    def _read_changes(self) -> None:
        ticket = self._ticket
        if self._reading or ticket is None or not self._unread:
            return
        changes, self._unread = self._unread, NOTHING
        panels = [p for p in self.panels if p.concerns(changes, ticket)]
        if not panels and not changes.ticket(ticket.remote_id):
            return
        self._reading = True
        remote_id, shown, desk = ticket.remote_id, self._shown, self._desk

        def read(reads: DeskReads) -> tuple[TicketView, list[tuple[Panel[Any], object]]] | None:
            fresh = reads.ticket(remote_id)
            return None if fresh is None else (fresh, [(p, p.read(reads, fresh)) for p in panels])

        def done(result: tuple[TicketView, list[tuple[Panel[Any], object]]] | None) -> None:
            self._reading = False
            if result is not None and shown == self._shown and desk is self._desk:
                fresh, parts = result
                self._ticket = fresh
                for panel, data in parts:
                    panel.show(fresh, data, fresh=False)
                self._show_ticket_state(fresh)
            self._read_changes()

        def failed(error: BaseException) -> None:
            self._reading = False
            if desk is self._desk:  # else: the account was switched and its reader stopped
                self._background_error(error)

        self.tasks.start(desk.read(read), then=done, failed=failed)

    def engine_status(self, status: EngineStatus) -> None:
        self._status = status
        self._show_status()
        if self.is_loading:  # no ticket yet: say why where the agent looks, with a way to try again
            self.loading.show_status(status.state, status.retry_in, status.last_error)
        # Another process syncs the account: what it brings is in the replica too, unsaid (this is
        # called again each time this window checks whether it may sync).
        if status.state is SyncState.ELSEWHERE:
            self.apply_changes(EVERYTHING)
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

    def _show_status(self) -> None:
        s = self._status
        self.sync_indicator.update_status(s.state, *self._outbox, s.last_sync, s.retry_in, s.last_error)

    def show_damaged(self, problem: str) -> None:
        """The replica failed its health check: the agent's unsent work is safe, and a restart repairs
        the file (it needs the file to itself, so it cannot happen under the running window)."""
        self.notices.show_notice(
            self.tr("Monodesk's local data is damaged (%1). Quit and start Monodesk again: it repairs "
                    "the file at start and keeps your unsent changes and drafts.")
            .replace("%1", problem[:200]),
            "error", self.tr("Quit Monodesk"), self._quit)

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

    def _quit(self) -> None:
        self.close()

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

    def _show_ticket_state(self, ticket: TicketView) -> None:
        self.setWindowTitle(self.tr("#%1 %2 — Monodesk").replace("%1", ticket.remote_id)
                            .replace("%2", ticket.subject))
        self._set_ticket_actions(ticket)

    def _show_empty(self) -> None:
        if self._current is not None:  # left for the queue-clear page: nothing to reopen on start
            self.tasks.start(self._desk.leave())
        self._current = self._ticket = None
        self.time.focus(None)
        self.setWindowTitle(self.tr("Queue clear — Monodesk"))
        self.pages.setCurrentWidget(self.empty)
        self._update_empty()
        for panel in self.panels:
            panel.clear()
        if self._side_sheet is not None:
            self._side_sheet.hide()
            self._sheet_slot.hide()
        self._set_ticket_actions(None)
        self.painted.emit("")

    def _update_empty(self) -> None:
        self.empty.set_details(self._desk.reads.skipped_count(), self._desk.reads.working_queues())
        self._update_counts()

    def _update_counts(self) -> None:
        """The quiet counters (tickets waiting, changes not sent yet), counted on the reader's thread:
        a large queue takes tens of ms."""
        if self._counting:
            self._count_again = True  # one count in flight at a time; it runs once more when done
            return
        self._counting = True
        self.tasks.start(self._count(self._desk))

    async def _count(self, desk: Desk) -> None:
        try:
            waiting, outbox = await desk.read(lambda r: (r.waiting_count(), r.outbox_status()))
            if desk is self._desk:
                self.sync_indicator.set_waiting(waiting)
                self._outbox = (outbox.open, outbox.conflicts)
                self._show_status()
        except RuntimeError:  # the account was switched meanwhile and its worker thread stopped
            log.debug("counts dropped: the workspace changed")
        finally:
            self._counting = False
            if self._count_again:
                self._count_again = False
                self._update_counts()

    def _set_ticket_actions(self, ticket: TicketView | None) -> None:
        """Each command enabled where it would change something on the ticket shown (none: all off),
        set once per action: every change redraws the toolbar and the menus."""
        shown = ticket is not None
        can = allowed(ticket, self._desk.me) if ticket is not None else None
        for key in ("skip", "send", "send_resolve", "send_pending", "send_next", "reply_mode", "note_mode",
                    "focus_composer"):
            self.commands[key].setEnabled(shown)
        for key, enabled in (("take", can and can.take), ("resolve", can and can.resolve),
                             ("pending", can and can.pending), ("reopen", can and can.reopen)):
            self.commands[key].setEnabled(bool(enabled))

    def refresh_time(self) -> None:
        self.time.refresh()

    def reserve_time(self) -> None:
        self.time.reserve()

    def _customer(self) -> tuple[str, str, str] | None:
        ticket = self._ticket
        if ticket is None or not ticket.customer_email:
            return None
        return ticket.customer_email, ticket.customer_name, ticket.customer_organization

    def _tick(self) -> None:
        if self._current is not None:
            now = self._desk.now()
            for panel in self.panels:
                panel.tick(now)

    # --- actions -----------------------------------------------------------------------------------

    def send(self, text: str, note: bool, minutes: int, then: AfterSend) -> None:
        remote_id = self._current
        if remote_id is None or not text.strip() or self.composer.busy:
            return
        # The text leaves the composer only once the message is committed (the same transaction drops
        # the draft): a failed write leaves both the reply box and its draft as they were.
        self.composer.flush_draft()
        self.composer.set_busy(True)

        def sent(_op: object) -> None:
            self.composer.set_busy(False)
            if self.composer.remote_id == remote_id:
                self.composer.clear()
            if then is AfterSend.NEXT and self._current == remote_id:
                self.show_next()

        def failed(error: BaseException) -> None:
            if self.composer.remote_id == remote_id:
                self.composer.set_busy(False)
                self.composer.focus_editor()
                self.show_error(self.tr("Not sent: %1 Your text is still in the reply box.")
                                .replace("%1", str(error)[:300]))
            else:  # the agent moved on meanwhile: the text waits as that ticket's draft
                self.show_error(self.tr("Not sent: %1 Your text is kept as the draft of ticket #%2.")
                                .replace("%1", str(error)[:300]).replace("%2", remote_id))

        desk, keeper = self._desk, self.time.keeper

        async def write_time_then_send() -> str:
            await keeper.write()  # the time counted so far goes with the message
            return await desk.send(remote_id, text, note=note, time_minutes=minutes, status=then.status)

        self.tasks.start(write_time_then_send(), then=sent, failed=failed)

    def _write(self, *, note: bool) -> None:
        self.composer.set_note_mode(note)
        self.composer.focus_editor()

    def _send_from_palette(self, then: AfterSend) -> None:
        draft = self.composer.current_draft()
        if not draft.body.strip():
            self.composer.focus_editor()
            return
        self.send(draft.body, draft.note, draft.time_minutes, then)

    def save_draft(self, draft: Draft) -> None:
        if self._current is not None:
            self.tasks.start(self._desk.save_draft(self._current, draft))

    def _set_status(self, status: TicketStatus) -> None:
        self._change(lambda rid: self._desk.set_status(rid, status))

    def _change(self, make: Callable[[str], Coroutine[Any, Any, object]]) -> None:
        remote_id = self._current
        if remote_id is not None:
            self.tasks.start(make(remote_id))  # the desk says what changed; the panels follow

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

    def decide(self, op_id: str, send: bool) -> None:
        remote_id = self._current
        self.composer.flush_draft()

        def done(_r: object) -> None:
            if not send and remote_id is not None and remote_id == self._current:
                # The message came back to the draft: the reply box shows it.
                self.composer.load(remote_id, self._desk.reads.draft(remote_id))

        self.tasks.start(self._desk.decide(op_id, send=send), then=done)

    def read_all(self, ticket: str | None, message: MessageView) -> None:
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

    def in_background(self, work: Coroutine[Any, Any, Any], *, then: Callable[[Any], None] | None = None,
                      failed: Callable[[BaseException], None] | None = None) -> None:
        self.tasks.start(work, then=then, failed=failed)

    def show_other_ticket(self, remote_id: str) -> None:
        other = self._desk.other_ticket(remote_id)
        if other is None:
            return
        ticket, page = other
        sheet = self.side_sheet
        sheet.show_ticket(ticket, page, lambda start: self._desk.reads.thread_before(ticket, start))
        opening = self._sheet_slot.isHidden()
        sheet.show()
        self._sheet_slot.show()
        self._close_sheet.setEnabled(True)
        if opening:
            self._sizes_before_sheet = self.splitter.sizes()  # put back as they were on closing
            total = sum(self.splitter.sizes())
            side = self._placed(Place.SIDE)
            rest = (total - int(total * 0.8)) // max(1, len(side))
            self._set_sizes({self.pages: int(total * 0.45), self._sheet_slot: int(total * 0.35),
                             **{p.widget: rest for p in side}})

    def _side_sheet_closed(self) -> None:
        self.side_sheet.hide()
        self._sheet_slot.hide()
        self._close_sheet.setEnabled(False)
        if self._sizes_before_sheet:
            self.splitter.setSizes(self._sizes_before_sheet)
        self.panel(CustomerSidePanel).view.tickets.clearSelection()  # no highlight left behind
        self.composer.focus_editor()

    def _escape(self) -> None:
        """Escape while the other ticket is open: the palette or the skip bar, when open, goes first
        (the window's shortcut sees the key before they do), then the sheet."""
        if self._palette is not None and self._palette.isVisible():
            self._palette.hide()
        elif self._skip_bar is not None and self._skip_bar.isVisible():
            self._skip_bar.cancel()
        else:
            self.side_sheet.close_sheet()

    def _work_on(self, remote_id: str) -> None:
        """The other ticket becomes the current one (taken, when the setting says so)."""
        self.side_sheet.close_sheet()
        self.open_ticket(remote_id)

    def _set_take_on_open(self, on: bool) -> None:
        self._take_on_open = on
        self.take_on_open_changed.emit(on)

    def _choose_language(self, code: str) -> None:
        for other in CHOICES:
            self.commands[f"lang_{other}"].setChecked(other == code)
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
        self.tasks.start(self.time.stop())  # what the timer counted is written before the app stops
        if self._palette is not None:
            self._palette.hide()
        self.closing.emit()
        super().closeEvent(event)
