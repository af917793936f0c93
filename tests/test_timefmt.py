"""services.timefmt: spans, countdowns and "how long ago", as structured values (no words, no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from services.timefmt import Ago, AgoUnit, Countdown, Due, Span, ago, countdown, span_minutes, span_seconds

NOW = datetime(2025, 3, 12, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(("minutes", "expected"), [
    (0, Span()),
    (45, Span(minutes=45)),
    (60, Span(hours=1)),
    (200, Span(hours=3, minutes=20)),
    (24 * 60, Span(days=1)),
    (2 * 24 * 60 + 4 * 60 + 59, Span(days=2, hours=4)),  # minutes dropped: two units at most
    (-45, Span(minutes=45)),  # a size, whatever the sign
])
def test_span_minutes_keeps_the_two_largest_units(minutes: int, expected: Span) -> None:
    assert span_minutes(minutes) == expected


@pytest.mark.parametrize(("seconds", "expected"), [
    (40, Span(seconds=40)),
    (39.2, Span(seconds=40)),  # rounded up: never "retrying in 0 s" while a wait remains
    (0.4, Span(seconds=1)),
    (90, Span(minutes=1, seconds=30)),
    (300, Span(minutes=5)),
    (3600, Span(hours=1)),
    (3 * 3600 + 61, Span(hours=3, minutes=2)),
])
def test_span_seconds(seconds: float, expected: Span) -> None:
    assert span_seconds(seconds) == expected


def test_zero_span() -> None:
    assert Span().is_zero
    assert not Span(seconds=1).is_zero


@pytest.mark.parametrize(("remaining", "expected"), [
    (timedelta(hours=3, minutes=20), Countdown(Due.DUE_IN, Span(hours=3, minutes=20))),
    (timedelta(hours=3, minutes=19, seconds=1), Countdown(Due.DUE_IN, Span(hours=3, minutes=20))),
    (timedelta(seconds=59), Countdown(Due.DUE_IN, Span(minutes=1))),  # never "Due in 0 min"
    (timedelta(days=1, hours=5), Countdown(Due.DUE_IN, Span(days=1, hours=5))),
    (timedelta(0), Countdown(Due.DUE_NOW, Span())),
    (timedelta(seconds=-59), Countdown(Due.DUE_NOW, Span())),
    (timedelta(minutes=-1), Countdown(Due.OVERDUE, Span(minutes=1))),
    (-timedelta(minutes=45, seconds=59), Countdown(Due.OVERDUE, Span(minutes=45))),
    (-timedelta(days=2, hours=1), Countdown(Due.OVERDUE, Span(days=2, hours=1))),
])
def test_countdown_rounds_time_left_up_and_lateness_down(remaining: timedelta, expected: Countdown) -> None:
    assert countdown(remaining) == expected


@pytest.mark.parametrize(("elapsed", "expected"), [
    (timedelta(seconds=30), Ago(AgoUnit.JUST_NOW, 0)),
    (timedelta(minutes=-5), Ago(AgoUnit.JUST_NOW, 0)),  # a clock a little ahead is not "in -5 minutes"
    (timedelta(minutes=1), Ago(AgoUnit.MINUTES, 1)),
    (timedelta(minutes=59, seconds=59), Ago(AgoUnit.MINUTES, 59)),
    (timedelta(hours=1), Ago(AgoUnit.HOURS, 1)),
    (timedelta(hours=23, minutes=59), Ago(AgoUnit.HOURS, 23)),
    (timedelta(days=3, hours=2), Ago(AgoUnit.DAYS, 3)),
    (timedelta(days=13), Ago(AgoUnit.DAYS, 13)),
    (timedelta(days=14), Ago(AgoUnit.WEEKS, 2)),
    (timedelta(days=59), Ago(AgoUnit.WEEKS, 8)),
    (timedelta(days=60), Ago(AgoUnit.MONTHS, 2)),
    (timedelta(days=364), Ago(AgoUnit.MONTHS, 12)),
    (timedelta(days=365), Ago(AgoUnit.YEARS, 1)),
    (timedelta(days=800), Ago(AgoUnit.YEARS, 2)),
])
def test_ago_uses_one_natural_unit(elapsed: timedelta, expected: Ago) -> None:
    assert ago(NOW - elapsed, NOW) == expected


def test_ago_compares_aware_times_across_zones() -> None:
    opened = datetime(2025, 3, 12, 13, 0, tzinfo=timezone(timedelta(hours=2)))  # 11:00 UTC
    assert ago(opened, NOW) == Ago(AgoUnit.HOURS, 3)
