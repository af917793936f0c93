"""Time that tracks itself: the rules, Qt-free (the timer panel and the idle sources are elsewhere).

The tracker is told what happens, each with its moment: the ticket in focus, the window active or not,
how long the agent has been idle (polled), the screen locked, the machine asleep, a pause asked for. It
counts time on the ticket in focus while nothing stops it, in seconds, and hands what accrued out in
pieces (`Accrual`) as often as asked, so that a crash loses at most one piece.

Idleness is learnt late: the agent has been idle since `now - idle seconds`. The time counted since then
is taken back (`Withdrawal`) and kept as an `IdleSpan` once the agent is back, until they say what it
was (`settle`): kept, discarded, or given to another ticket. Unanswered, it stays pending, never kept
silently.

The window in the background keeps counting for a grace period (looking something up elsewhere is work),
then stops at the end of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

GRACE = timedelta(minutes=2)
IDLE_AFTER = timedelta(minutes=5)


class Stop(StrEnum):
    """Why the time is not counting (several may hold at once)."""

    PAUSED = "paused"  # the agent asked
    IDLE = "idle"
    LOCKED = "locked"
    ASLEEP = "asleep"
    AWAY = "away"  # the window in the background for longer than the grace period


@dataclass(frozen=True, slots=True)
class Stretch:
    """A stretch of time on a ticket."""

    ticket: str
    start: datetime
    end: datetime

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


@dataclass(frozen=True, slots=True)
class Accrual(Stretch):
    """Time counted on a ticket."""


@dataclass(frozen=True, slots=True)
class Withdrawal(Stretch):
    """Time counted on a ticket (in earlier accruals) that turned out to be idle: taken back."""


@dataclass(frozen=True, slots=True)
class IdleSpan(Stretch):
    """An idle stretch while `ticket` was being worked on, waiting for the agent's word."""


class IdleChoice(StrEnum):
    KEEP = "keep"  # it was work (a phone call, reading on paper)
    DISCARD = "discard"
    GIVE = "give"  # it was work, for another ticket


TimeEvent = Accrual | Withdrawal | IdleSpan  # an IdleSpan in `take`: the agent is back, it waits


class Tracker:
    def __init__(self, *, grace: timedelta = GRACE, idle_after: timedelta = IDLE_AFTER) -> None:
        self._grace = grace
        self._idle_after = idle_after
        self._ticket: str | None = None
        self._stops: set[Stop] = set()
        self._since: datetime | None = None  # counting, accrued up to this moment
        self._run_start: datetime | None = None  # when the current counting stretch began
        self._away_since: datetime | None = None  # the window went to the background then
        self._idle: IdleSpan | None = None  # the idle stretch under way (its end is not known yet)
        self._events: list[TimeEvent] = []
        self.pending: list[IdleSpan] = []

    # --- what happens ----------------------------------------------------------------------------

    def focus(self, ticket: str | None, at: datetime) -> None:
        """Another ticket on screen (None: none)."""
        self._settle_clock(at)
        self._accrue(at)
        self._ticket = ticket
        self._restart(at)

    def window_active(self, active: bool, at: datetime) -> None:
        self._settle_clock(at)
        if active:
            self._away_since = None
            self._go(Stop.AWAY, at)
        elif self._away_since is None:
            self._away_since = at

    def idle_for(self, seconds: float, at: datetime) -> None:
        """Polled: the agent's last input was `seconds` ago."""
        self._settle_clock(at)
        last_input = at - timedelta(seconds=seconds)
        if Stop.IDLE in self._stops:
            if seconds < self._idle_after.total_seconds():  # back since the last input: counted from it
                back = max(last_input, self._idle.start) if self._idle is not None else last_input
                self._end_idle(back)  # written down as pending, until the agent says
                self._go(Stop.IDLE, back)
            return
        if seconds < self._idle_after.total_seconds():
            return
        if self.counting and self._ticket is not None and self._since is not None \
                and self._run_start is not None:
            self._accrue(at)
            start = max(last_input, self._run_start)
            if start < at:
                self._events.append(Withdrawal(self._ticket, start, at))
            self._idle = IdleSpan(self._ticket, start, at)
        self._halt(Stop.IDLE, at)

    def locked(self, on: bool, at: datetime) -> None:
        self._switch(Stop.LOCKED, on, at)

    def asleep(self, on: bool, at: datetime) -> None:
        self._switch(Stop.ASLEEP, on, at)

    def paused(self, on: bool, at: datetime) -> None:
        self._switch(Stop.PAUSED, on, at)

    # --- what it says --------------------------------------------------------------------------

    @property
    def ticket(self) -> str | None:
        return self._ticket

    @property
    def counting(self) -> bool:
        return self._ticket is not None and not self._stops

    @property
    def stops(self) -> frozenset[Stop]:
        return frozenset(self._stops)

    def untaken(self, at: datetime) -> dict[str, float]:
        """Seconds per ticket counted (less taken back) and not handed out by `take` yet."""
        self._settle_clock(at)
        counted: dict[str, float] = {}
        add_seconds(counted, self._events)
        if self.counting and self._ticket is not None and self._since is not None and at > self._since:
            counted[self._ticket] = counted.get(self._ticket, 0.0) + (at - self._since).total_seconds()
        return counted

    def take(self, at: datetime) -> list[TimeEvent]:
        """What accrued up to `at` (any time taken back, any idle span now ended), to be written down."""
        self._settle_clock(at)
        self._accrue(at)
        events, self._events = self._events, []
        return events

    def restore(self, pending: list[IdleSpan]) -> None:
        """The idle spans still waiting for the agent's word when the app last stopped."""
        self.pending = [*pending, *(p for p in self.pending if p not in pending)]

    def settle(self, span: IdleSpan, choice: IdleChoice, to_ticket: str | None = None) -> list[Accrual]:
        """The agent's word on an idle span: what it adds (nothing when discarded)."""
        self.pending.remove(span)
        if choice is IdleChoice.DISCARD or span.end <= span.start:
            return []
        if choice is IdleChoice.GIVE:
            if not to_ticket:
                raise ValueError("Give the idle time to which ticket?")
            return [Accrual(to_ticket, span.start, span.end)]
        return [Accrual(span.ticket, span.start, span.end)]

    # --- internals -----------------------------------------------------------------------------

    def _settle_clock(self, at: datetime) -> None:
        """The grace period in the background ends by itself: stop at its end, not when told later."""
        if self._away_since is None or Stop.AWAY in self._stops:
            return
        end = self._away_since + self._grace
        if at >= end:
            self._halt(Stop.AWAY, end)

    def _accrue(self, at: datetime) -> None:
        if self.counting and self._ticket is not None and self._since is not None and at > self._since:
            self._events.append(Accrual(self._ticket, self._since, at))
            self._since = at

    def _halt(self, why: Stop, at: datetime) -> None:
        self._accrue(at)
        self._stops.add(why)
        self._since = self._run_start = None

    def _go(self, why: Stop, at: datetime) -> None:
        if why in self._stops:
            self._stops.discard(why)
            self._restart(at)

    def _restart(self, at: datetime) -> None:
        self._since = self._run_start = at if self.counting else None

    def _switch(self, why: Stop, on: bool, at: datetime) -> None:
        self._settle_clock(at)
        if on:
            self._halt(why, at)
            if why in (Stop.LOCKED, Stop.ASLEEP):
                self._end_idle(at)
        else:
            self._go(why, at)

    def _end_idle(self, at: datetime) -> None:
        """Away, then the screen locked or the machine slept: the time away asked about ends here,
        not at the next input (a night must not be one "keep" away from being counted)."""
        if self._idle is not None:
            span = IdleSpan(self._idle.ticket, self._idle.start, max(at, self._idle.start))
            self.pending.append(span)
            self._events.append(span)
            self._idle = None


def add_seconds(totals: dict[str, float], events: Iterable[TimeEvent], factor: int = 1) -> None:
    """Add to `totals` the seconds per ticket the events count: an accrual adds, a withdrawal takes
    back, an idle span counts nothing until the agent's word."""
    for event in events:
        if not isinstance(event, IdleSpan):
            sign = factor if isinstance(event, Accrual) else -factor
            totals[event.ticket] = totals.get(event.ticket, 0.0) + sign * event.seconds


def whole_minutes(seconds: float, carried: float = 0.0) -> tuple[int, float]:
    """What a helpdesk that counts whole minutes gets, and the seconds carried to the next time:
    nothing is lost to rounding, however short each piece."""
    total = max(0.0, seconds + carried)
    minutes = int(total // 60)
    return minutes, total - minutes * 60
