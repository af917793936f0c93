"""The timer's clockwork in the window: tells the keeper (services.timekeeper) what the window and the
machine do, and shows what it counts, every second. Writing and reading the ledger run on the writer's
thread; the GUI thread only adds seconds up. The keeper (and the time modules) come after the window's
first paint: until then the ticket opened is only remembered."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from services.desk import Desk
from services.timefmt import span_minutes
from ui.models import span_text
from ui.presence import Presence
from ui.tasks import TaskRunner
from ui.timer_view import TimerView

if TYPE_CHECKING:
    from services.timekeeper import TimeKeeper
    from services.tracker import IdleChoice, IdleSpan

SHOW_EVERY_MS = 1000
SUSPENDED_AFTER_S = 60.0  # the wall clock ahead of the monotonic one by this much: the machine slept
POLL_IDLE_EVERY_MS = 10_000


class TimeDriver(QObject):
    def __init__(self, parent: QObject, view: TimerView, tasks: TaskRunner, desk: Desk, *,
                 notify: Callable[[str, str], None], customer: Callable[[], tuple[str, str, str] | None],
                 presence: Presence | None = None, grace: timedelta | None = None,
                 idle_after: timedelta | None = None, break_after: timedelta | None = None,
                 breaks: bool = True) -> None:
        """notify(text, kind): a quiet notice. customer(): the ticket on screen's customer (e-mail,
        name, organisation), for a time block. grace, idle_after, break_after: the keeper's own when
        None; breaks False: no break nudge."""
        super().__init__(parent)
        self._view = view
        self._tasks = tasks
        self._notify = notify
        self._customer = customer
        self._grace, self._idle_after, self._break_after = grace, idle_after, break_after
        self._breaks = breaks
        self._desk = desk
        self._keeper: TimeKeeper | None = None  # made by start(), after the first paint
        self._wanted: str | None = None  # the ticket opened before that
        self._block_over_said: int | None = None
        self.clocks: tuple[Callable[[], float], Callable[[], float]] = (time.time, time.monotonic)
        self._last_beat: tuple[float, float] | None = None
        self._presence = presence or Presence(self)
        self._connect_presence()

        view.pause_toggled.connect(lambda on: self._do(self.keeper.pause(on)))
        view.adjust_requested.connect(
            lambda ticket, seconds, reason: self._run(self.keeper.adjust(seconds, reason, ticket)))
        view.log_requested.connect(self._log)
        view.idle_answered.connect(self._answer)
        view.idle_discarded_and_paused.connect(self._discard_and_pause)
        view.block_requested.connect(self._start_block)
        view.block_extended.connect(lambda minutes: self._run(self.keeper.extend_block(minutes)))
        view.block_ended.connect(lambda: self._run(self.keeper.end_block()))

        self._second = QTimer(self)
        self._second.setInterval(SHOW_EVERY_MS)
        self._second.setTimerType(Qt.TimerType.CoarseTimer)
        self._second.timeout.connect(self._each_second)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_IDLE_EVERY_MS)
        self._poll.timeout.connect(self._presence.poll)

    def start(self) -> None:
        """Once the window has painted: the keeper, the ticket opened meanwhile, the clocks."""
        keeper = self.keeper
        if not self._second.isActive():
            self._second.start()
            self._poll.start()
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.connect(self._app_state)
        if self._wanted is not None and keeper.tracker.ticket != self._wanted:
            self._do(keeper.focus(self._wanted), refresh=True)
        self.show()

    @property
    def keeper(self) -> TimeKeeper:
        if self._keeper is None:
            self._keeper = self._make_keeper(self._desk)
        return self._keeper

    def _make_keeper(self, desk: Desk) -> TimeKeeper:
        from services.breaks import NUDGE_AFTER
        from services.timekeeper import TimeKeeper
        from services.tracker import GRACE, IDLE_AFTER

        keeper = TimeKeeper(desk, grace=self._grace or GRACE, idle_after=self._idle_after or IDLE_AFTER,
                            break_after=(self._break_after or NUDGE_AFTER) if self._breaks else None)
        self._tasks.start(keeper.start())
        return keeper

    # --- what the window says ------------------------------------------------------------------

    def focus(self, ticket: str | None) -> None:
        self._wanted = ticket
        if self._keeper is None:  # before the first paint: start() takes it from here
            return
        if ticket != self._keeper.tracker.ticket:
            self._do(self._keeper.focus(ticket), refresh=True)
            self.show()

    def refresh(self) -> None:
        """The ticket's time changed in the ledger (a message carried it, a change was taken back)."""
        if self._keeper is not None:
            self._run(self._keeper.refresh())

    def set_presence(self, presence: Presence) -> None:
        old = self._presence
        for signal in (old.idle, old.locked, old.sleeping, old.source_found):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect()
        self._presence = presence
        self._poll.timeout.disconnect()
        self._poll.timeout.connect(presence.poll)
        self._connect_presence()
        QTimer.singleShot(0, presence.poll)  # learn the source now, not in ten seconds

    async def stop(self) -> None:
        """Before the window closes or the account changes: what was counted is written."""
        if self._keeper is not None:
            self._keeper.focus(None)
            await self._keeper.write()

    def bind(self, desk: Desk) -> None:
        """Another account: its own ledger (the last one's time was written by `stop`)."""
        self._desk, self._wanted = desk, None
        if self._keeper is not None:
            self._keeper = self._make_keeper(desk)
            self.show()

    def show(self) -> None:
        if self._keeper is not None:
            self._view.show_time(self._keeper.shown())

    # --- internals -------------------------------------------------------------------------------

    def _connect_presence(self) -> None:
        presence = self._presence
        presence.idle.connect(lambda seconds: self._told(lambda keeper: keeper.idle_for(seconds)))
        presence.locked.connect(lambda on: self._told(lambda keeper: keeper.locked(on)))
        presence.sleeping.connect(lambda on: self._told(lambda keeper: keeper.asleep(on)))
        presence.source_found.connect(self._say_source)
        self._say_source(presence.source)

    def _say_source(self, source: str) -> None:
        name = QCoreApplication.translate("Presence", source)
        self._view.set_source_note(
            self.tr("Away time is learnt from %1.").replace("%1", name) if source else
            self.tr("This desktop does not say when you are away from the keyboard: the timer stops only "
                    "when Monodesk is in the background, the screen is locked or you pause it."))

    def _told(self, what: Callable[[TimeKeeper], bool]) -> None:
        """The machine said something: to the keeper, once there is one (after the first paint)."""
        if self._keeper is not None:
            self._do(what(self._keeper))

    def _app_state(self, state: Qt.ApplicationState) -> None:
        if self._keeper is not None:
            self._do(self._keeper.window_active(state == Qt.ApplicationState.ApplicationActive))

    def reserve(self) -> None:
        """Start reserving time for the ticket's customer (the timer asks how long)."""
        customer = self._customer()
        if customer is None:
            self._notify(self.tr("This ticket has no customer to reserve time for."), "info")
            return
        email, name, _organization = customer
        self._view.start_reserve(name or email)

    def _start_block(self, minutes: float) -> None:
        customer = self._customer()
        if customer is not None:
            self._run(self.keeper.start_block(*customer, minutes))

    def _each_second(self) -> None:
        self._notice_suspend()
        write, day_changed, rest = self.keeper.due()
        if write:
            self._run(self.keeper.write())
        if day_changed:
            self._run(self.keeper.refresh())
        shown = self.keeper.shown()
        if rest:
            stretch = int(self.keeper.breaks.stretch(shown.now).total_seconds() // 60)
            self._notify(self.tr("You have worked %1 without a break. A few minutes away from the screen "
                                 "help you stay kind to the next customer.")
                         .replace("%1", span_text(span_minutes(stretch))), "info")
        block = shown.block
        if block is not None and block.over(shown.now) and self._block_over_said != block.id:
            self._block_over_said = block.id
            self._run(self.keeper.refresh())  # Next goes back to its usual order: the view says why
        self._view.show_time(shown)

    def _notice_suspend(self) -> None:
        """The wall clock ran on while the monotonic one stood still: the machine was suspended
        (a laptop closed with no sleep signal, or one handled only after the wake-up)."""
        wall, steady = self.clocks[0](), self.clocks[1]()
        last, self._last_beat = self._last_beat, (wall, steady)
        if last is not None:
            gap = (wall - last[0]) - (steady - last[1])
            if gap > SUSPENDED_AFTER_S:
                self._do(self.keeper.slept(timedelta(seconds=gap)))

    def _do(self, write: bool, *, refresh: bool = False) -> None:
        """After a change the keeper was told of: write what it counted (and read again) if needed."""
        if write:
            self._run(self._write_then(refresh))
        self.show()

    async def _write_then(self, refresh: bool) -> None:
        try:
            await self.keeper.write()
        finally:  # a refused write (a full disk) still lets the ticket's earlier time be read
            if refresh:
                await self.keeper.refresh()

    def _log(self, ticket: str, note: str) -> None:
        def logged(minutes: object) -> None:
            if isinstance(minutes, int) and minutes:
                text = self.tr("%n min logged, with no message to the customer.", "", minutes)
                self._notify(text, "success")

        self._run(self.keeper.log_now(note, ticket), then=logged)

    def _answer(self, span: IdleSpan, choice: IdleChoice, to_ticket: str | None) -> None:
        unknown = to_ticket is None or self.keeper.desk.reads.ticket(to_ticket) is None
        if choice.value == "give" and unknown:
            # Time given to a ticket this workspace does not hold could never be logged: still pending.
            self._notify(self.tr("Ticket #%1 is not in this workspace: the time away is still waiting for "
                                 "your word.").replace("%1", to_ticket or "?"), "warning")
            return
        self._run(self.keeper.settle(span, choice, to_ticket))

    def _discard_and_pause(self, span: IdleSpan) -> None:
        self.keeper.pause(True)
        self._run(self._settle_then_write(span))

    async def _settle_then_write(self, span: IdleSpan) -> None:
        from services.tracker import IdleChoice

        await self.keeper.settle(span, IdleChoice.DISCARD)
        await self.keeper.write()

    def _run(self, coro: Coroutine[Any, Any, Any], then: Callable[[Any], None] | None = None) -> None:
        def done(result: Any) -> None:
            if then is not None:
                then(result)
            self.show()

        self._tasks.start(coro, then=done)
