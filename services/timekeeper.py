"""The tracker at work: told what the window and the machine do, it writes what accrues to the ledger
(every half minute and at each switch, so that a crash loses at most half a minute) and says what the
timer shows. Qt-free: the window drives it (ui.timer), the idle and lock sources feed it.

What the timer shows is the ledger as last read plus what the tracker counted since: the read runs on
the writer's thread, after every write queued before it, so the two never count a second twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from services.breaks import NUDGE_AFTER, BreakWatch
from services.desk import Desk, DeskReads
from services.store.blocks import Block
from services.store.timelog import TicketTime
from services.timefmt import day_bounds
from services.tracker import GRACE, IDLE_AFTER, IdleChoice, IdleSpan, Stop, TimeEvent, Tracker, add_seconds

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)

WRITE_EVERY = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class Shown:
    """What the timer panel shows at a moment."""

    ticket: str | None
    known: bool  # the ticket's earlier time has been read (else only what was counted since it opened)
    ticket_seconds: float  # the agent's time on the ticket on screen, all of it
    unlogged_seconds: float  # of which not logged to the helpdesk yet
    today_seconds: float
    counting: bool
    stops: frozenset[Stop]
    pending: tuple[IdleSpan, ...]  # idle spans waiting for the agent's word, oldest first
    block: Block | None  # the time block not ended yet
    now: datetime


@dataclass(frozen=True, slots=True)
class _Base:
    """The ledger as read, and how much this keeper had handed to the writer when it was read."""

    ticket: str | None
    time: TicketTime
    today: float
    day_start: datetime
    handed_ticket: float
    handed_all: float


class TimeKeeper:
    def __init__(self, desk: Desk, *, grace: timedelta = GRACE, idle_after: timedelta = IDLE_AFTER,
                 break_after: timedelta | None = NUDGE_AFTER,
                 day_of: Callable[[datetime], tuple[datetime, datetime]] = day_bounds) -> None:
        self._desk = desk
        self.tracker = Tracker(grace=grace, idle_after=idle_after)
        self.breaks = BreakWatch(break_after)
        self._block: Block | None = None
        self._day_of = day_of
        self._handed: dict[str, float] = {}  # seconds per ticket taken from the tracker so far
        self._unwritten: list[TimeEvent] = []  # taken, and not written yet (a failed write keeps them)
        self._base: _Base | None = None
        self._last_write = desk.now()
        self._lock: asyncio.Lock | None = None  # made on first use, on the loop (not before the paint)

    @property
    def desk(self) -> Desk:
        return self._desk

    async def start(self) -> None:
        """The idle spans still waiting for the agent's word from an earlier run."""
        self.tracker.restore(await self._desk.read_written(lambda r: r.pending_idle()))

    # --- what happens (the window calls these at once; True: write now) ------------------------

    def focus(self, ticket: str | None) -> bool:
        """Another ticket on screen: write what the last one got, then read this one's (refresh)."""
        self.tracker.focus(ticket, self._desk.now())
        return True

    def window_active(self, active: bool) -> bool:
        self.tracker.window_active(active, self._desk.now())
        return False

    def idle_for(self, seconds: float) -> bool:
        """Polled. True when idleness began or ended (what was taken back is written at once)."""
        before = (Stop.IDLE in self.tracker.stops, len(self.tracker.pending))
        self.tracker.idle_for(round(seconds), self._desk.now())
        return (Stop.IDLE in self.tracker.stops, len(self.tracker.pending)) != before

    def locked(self, on: bool) -> bool:
        self.tracker.locked(on, self._desk.now())
        return True

    def asleep(self, on: bool) -> bool:
        self.tracker.asleep(on, self._desk.now())
        return True

    def slept(self, gap: timedelta) -> bool:
        """The machine was suspended for `gap` without saying so first (no sleep signal came, or it
        came too late): that time was no work."""
        now = self._desk.now()
        self.tracker.asleep(True, now - gap)
        self.tracker.asleep(False, now)
        return True

    def pause(self, on: bool) -> bool:
        self.tracker.paused(on, self._desk.now())
        return True

    def due(self) -> tuple[bool, bool, bool]:
        """Checked often: (a write is due, the day changed and what is shown must be read again, a
        break is due: said once per stretch)."""
        now = self._desk.now()
        day_changed = self._base is not None and self._day_of(now)[0] != self._base.day_start
        return (now - self._last_write >= WRITE_EVERY, day_changed,
                self.breaks.update(self.tracker.counting, now))

    # --- time blocks -----------------------------------------------------------------------------

    async def start_block(self, email: str, name: str, organization: str, minutes: float) -> None:
        await self._desk.start_block(email, name, organization, minutes)
        await self.refresh()

    async def extend_block(self, minutes: float) -> None:
        await self._desk.extend_block(minutes)
        await self.refresh()

    async def end_block(self) -> None:
        await self._desk.end_block()
        await self.refresh()

    # --- the agent's word ------------------------------------------------------------------------

    async def settle(self, span: IdleSpan, choice: IdleChoice, to_ticket: str | None = None) -> None:
        if span not in self.tracker.pending:  # answered already (a second click)
            return
        accruals = self.tracker.settle(span, choice, to_ticket)
        try:
            await self._desk.settle_idle(span, choice, accruals)
        except BaseException:
            self.tracker.pending.insert(0, span)  # not written: still waiting for the word
            raise
        await self.refresh()

    async def adjust(self, seconds: float, reason: str, ticket: str | None = None) -> None:
        """Time added or removed on `ticket` (the one on screen when None)."""
        ticket = ticket or self.tracker.ticket
        if ticket is None:
            return
        await self._desk.adjust_time(ticket, seconds, reason)
        await self.refresh()

    async def log_now(self, note: str = "", ticket: str | None = None) -> int:
        """The ticket's time not logged yet (the one on screen when None) goes to the helpdesk on its
        own. Returns the minutes."""
        ticket = ticket or self.tracker.ticket
        if ticket is None:
            return 0
        await self.write()
        minutes = await self._desk.log_time(ticket, note=note)
        await self.refresh()
        return minutes

    # --- writing and reading ---------------------------------------------------------------------

    async def write(self) -> None:
        """Hand what accrued to the writer. One write (or read) at a time: two in flight could fail
        together and keep only one's events, or land out of order."""
        async with self._turn():
            now = self._desk.now()
            self._last_write = now
            fresh = self.tracker.take(now)
            add_seconds(self._handed, fresh)
            events, self._unwritten = self._unwritten + fresh, []
            if not events:
                return
            try:
                await self._desk.record_time(events)
            except BaseException:
                self._unwritten = events + self._unwritten  # kept for the next write (a full disk may clear)
                raise

    async def refresh(self) -> None:
        """Read the ledger again (after every write queued before, none in flight)."""
        async with self._turn():
            ticket = self.tracker.ticket
            day_start, day_end = self._day_of(self._desk.now())
            # What the read will find: everything handed out, but what waits to be written again.
            written = dict(self._handed)
            add_seconds(written, self._unwritten, -1)
            handed_ticket = written.get(ticket, 0.0) if ticket else 0.0
            handed_all = sum(written.values())

            def read(r: DeskReads) -> tuple[TicketTime, float, Block | None]:
                time = r.ticket_time(ticket) if ticket else TicketTime(0.0, 0.0)
                return time, r.time_between(day_start, day_end), r.block()

            time, today, self._block = await self._desk.read_written(read)
            if self.tracker.ticket == ticket:
                self._base = _Base(ticket, time, today, day_start, handed_ticket, handed_all)

    def _turn(self) -> asyncio.Lock:
        if self._lock is None:
            import asyncio  # here: the window paints before asyncio is loaded

            self._lock = asyncio.Lock()
        return self._lock

    def shown(self) -> Shown:
        now = self._desk.now()
        untaken = self.tracker.untaken(now)
        ticket, base = self.tracker.ticket, self._base
        counted_all = sum(self._handed.values()) + sum(untaken.values())
        if ticket is None or base is None or base.ticket != ticket:  # read under way: what is known
            ticket_time, today = None, (base.today - base.handed_all if base else 0.0)
            since = self._handed.get(ticket, 0.0) + untaken.get(ticket, 0.0) if ticket else 0.0
        else:
            ticket_time, today = base.time, base.today - base.handed_all
            since = self._handed.get(ticket, 0.0) - base.handed_ticket + untaken.get(ticket, 0.0)
        return Shown(ticket, ticket_time is not None,
                     (ticket_time.seconds if ticket_time else 0.0) + since,
                     (ticket_time.unlogged if ticket_time else 0.0) + since,
                     today + counted_all, self.tracker.counting, self.tracker.stops,
                     tuple(self.tracker.pending), self._block, now)

