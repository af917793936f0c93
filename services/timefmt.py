"""Time spans as the screens show them, without Qt and without words.

The functions return structured values (how many days, hours, minutes...); the widgets turn them into
translated text. Spans keep at most the two largest units ("3 h 20 min", "2 d 4 h"), which is as precise
as an agent needs at a glance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Span:
    """A duration broken into units; only the two largest non-zero units are ever set."""

    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    @property
    def is_zero(self) -> bool:
        return not (self.days or self.hours or self.minutes or self.seconds)


def span_minutes(total_minutes: int) -> Span:
    """Whole minutes (negative values count as their size) as days+hours, hours+minutes or minutes."""
    total = abs(total_minutes)
    days, rest = divmod(total, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return Span(days=days, hours=hours)
    return Span(hours=hours, minutes=minutes)


def span_seconds(total_seconds: float) -> Span:
    """A short wait (a retry delay): seconds, rounded up, as minutes+seconds below an hour."""
    total = math.ceil(abs(total_seconds))
    if total >= 3600:
        return span_minutes(math.ceil(total / 60))
    minutes, seconds = divmod(total, 60)
    return Span(minutes=minutes, seconds=seconds)


class Due(StrEnum):
    DUE_IN = "due_in"  # still time left
    DUE_NOW = "due_now"  # less than a minute late
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Countdown:
    due: Due
    span: Span  # zero for DUE_NOW


def countdown(remaining: timedelta) -> Countdown:
    """Time left before a due time (negative when late).

    Time left is rounded UP to the minute, so "Due in 1 min" shows until the due time itself and never
    "Due in 0 min"; lateness is rounded DOWN, so the first minute after the due time reads "Due now".
    """
    seconds = remaining.total_seconds()
    if seconds > 0:
        return Countdown(Due.DUE_IN, span_minutes(math.ceil(seconds / 60)))
    late = int(-seconds // 60)
    if late == 0:
        return Countdown(Due.DUE_NOW, Span())
    return Countdown(Due.OVERDUE, span_minutes(late))


class AgoUnit(StrEnum):
    JUST_NOW = "just_now"  # under a minute, or in the future (clock skew)
    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True, slots=True)
class Ago:
    unit: AgoUnit
    count: int  # 0 for JUST_NOW, else at least 1


def ago(then: datetime, now: datetime) -> Ago:
    """How long ago, in the one unit a person would use: 5 minutes, 3 hours, 4 days, 2 weeks..."""
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return Ago(AgoUnit.JUST_NOW, 0)
    minutes = int(seconds // 60)
    if minutes < 60:
        return Ago(AgoUnit.MINUTES, minutes)
    hours = minutes // 60
    if hours < 24:
        return Ago(AgoUnit.HOURS, hours)
    days = hours // 24
    if days < 14:
        return Ago(AgoUnit.DAYS, days)
    if days < 60:
        return Ago(AgoUnit.WEEKS, days // 7)
    if days < 365:
        return Ago(AgoUnit.MONTHS, days // 30)
    return Ago(AgoUnit.YEARS, days // 365)


def day_bounds(moment: datetime, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The local day holding `moment` (the machine's zone unless `tz`), as [start, end): from one
    midnight to the next, each with its own offset (a day of 23 or 25 hours stays one day)."""
    day = moment.astimezone(tz).date()
    return _midnight(day, tz), _midnight(day + timedelta(days=1), tz)


def week_bounds(moment: datetime, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The local week (Monday to Sunday) holding `moment`, as [start, end)."""
    day = moment.astimezone(tz).date()
    monday = day - timedelta(days=day.weekday())
    return _midnight(monday, tz), _midnight(monday + timedelta(days=7), tz)


def _midnight(day: date, tz: tzinfo | None) -> datetime:
    naive = datetime.combine(day, time())
    # The machine's zone: astimezone() of a naive time reads the offset in force at that time.
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
