"""A gentle nudge after a long stretch of work without a break: empathy fatigue grows with uninterrupted
emotional work. A stretch is time the timer counts, with no stop of `rest` or longer; short stops (a
ticket switch, a minute away) do not end it. Said once per stretch; `after` None: never."""

from __future__ import annotations

from datetime import datetime, timedelta

NUDGE_AFTER = timedelta(minutes=90)
REST = timedelta(minutes=5)


class BreakWatch:
    def __init__(self, after: timedelta | None = NUDGE_AFTER, rest: timedelta = REST) -> None:
        self._after = after
        self._rest = rest
        self._stretch_start: datetime | None = None
        self._stopped_at: datetime | None = None
        self._said = False

    def update(self, working: bool, at: datetime) -> bool:
        """Called often with whether the timer counts; True once, when the stretch reaches `after`."""
        if not working:
            if self._stopped_at is None:
                self._stopped_at = at
            return False
        if self._stretch_start is None or self._rested(at):
            self._stretch_start, self._said = at, False  # a new stretch, after a real break
        self._stopped_at = None
        if self._after is None or self._said or at - self._stretch_start < self._after:
            return False
        self._said = True
        return True

    @property
    def started(self) -> datetime | None:
        """When the current stretch began (None before any work)."""
        return self._stretch_start

    def stretch(self, at: datetime) -> timedelta:
        """How long the current stretch has lasted (zero after a break)."""
        if self._stretch_start is None or self._rested(at):
            return timedelta(0)
        return (self._stopped_at or at) - self._stretch_start

    def _rested(self, at: datetime) -> bool:
        return self._stopped_at is not None and at - self._stopped_at >= self._rest
