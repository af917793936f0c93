"""The time tracker's rules against an independent account of the same day: whatever the agent does
(switching tickets, leaving the window, locking the screen, sleeping the machine, pausing, going idle and
then saying what the idle time was), the time counted per ticket is exactly the time during which a ticket
was in focus and nothing stopped the clock, plus the idle time kept or given, never a second twice."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from services.tracker import Accrual, IdleChoice, IdleSpan, Tracker, Withdrawal, whole_minutes

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
GRACE, IDLE_AFTER, POLL, TAKE = 120, 300, 10, 30  # seconds
TICKETS = ["101", "102", "103"]

# Weighted towards what matters: idle stretches while a ticket's clock runs.
actions = st.lists(st.tuples(
    st.sampled_from(["focus", "focus", "idle", "idle", "idle", "window", "locked", "asleep", "paused"]),
    st.integers(0, 3),  # which ticket / on or off / how long idle (in units of 150 s)
    st.integers(1, 400),  # seconds until the next action
), max_size=40)


def at(second: int) -> datetime:
    return T0 + timedelta(seconds=second)


@settings(max_examples=300, deadline=None)
@given(actions, st.lists(st.sampled_from(list(IdleChoice)), min_size=40, max_size=40))
@example([("focus", 0, 1), ("idle", 2, 1)], [IdleChoice.DISCARD] * 40)
@example([("focus", 0, 1), ("idle", 3, 1), ("focus", 1, 50), ("idle", 2, 5)],
         [IdleChoice.KEEP, IdleChoice.GIVE] * 20)
def test_time_counted_is_time_worked_and_nothing_twice(plan: list[tuple[str, int, int]],
                                                       choices: list[IdleChoice]) -> None:
    # The day, as the world had it: each action at its second; idle stretches hold no other action.
    world: list[tuple[int, str, object]] = []
    idle_periods: list[tuple[int, int]] = []
    now, active = 0, True
    for kind, value, gap in plan:
        if kind == "idle":
            if not active:
                continue
            length = (value + 1) * 150
            idle_periods.append((now, now + length))
            now += length + max(gap, POLL)  # the first action after it comes after the poll that sees it
            continue
        if kind == "focus":
            world.append((now, kind, TICKETS[value] if value < len(TICKETS) else None))
        else:  # mostly back to work: the window active, unlocked, awake, not paused
            on = value != 0 if kind == "window" else value == 3
            world.append((now, kind, on))
            if kind == "window":
                active = on
        now += gap
    end = now + 60

    def last_input_gap(second: int) -> int:
        """Seconds since the agent's last input: an idle stretch ends with an input at its end."""
        for start, stop in idle_periods:
            if start <= second < stop:
                return second - start
            if stop <= second < stop + POLL:
                return second - stop
        return 0

    # The tracker, driven as the app drives it: the actions, an idle poll, a write every 30 s.
    tracker = Tracker(grace=timedelta(seconds=GRACE), idle_after=timedelta(seconds=IDLE_AFTER))
    events: list[Accrual | Withdrawal] = []
    returns: list[IdleSpan] = []  # handed out to be written down as pending

    def take(second: int) -> None:
        for event in tracker.take(at(second)):
            (returns if isinstance(event, IdleSpan) else events).append(event)  # type: ignore[arg-type]

    by_second = {second: (kind, value) for second, kind, value in world}
    for second in range(end + 1):
        if second in by_second:
            kind, value = by_second[second]
            if kind == "focus":
                tracker.focus(value, at(second))  # type: ignore[arg-type]
            elif kind == "window":
                tracker.window_active(bool(value), at(second))
            else:
                getattr(tracker, kind)(bool(value), at(second))
        if second % POLL == 0:
            tracker.idle_for(last_input_gap(second), at(second))
        if second % TAKE == 0:
            take(second)
    take(end)
    assert returns == tracker.pending  # every span waiting for the agent was also written down
    kept: list[Accrual] = []
    for span, choice in zip(list(tracker.pending), choices, strict=False):
        kept += tracker.settle(span, choice, "999" if choice is IdleChoice.GIVE else None)

    # The same day, second by second, from the rules as the agent reads them.
    expected: Counter[str] = Counter()
    detected = [(s, e) for s, e in idle_periods
                if any(p % POLL == 0 and p - s >= IDLE_AFTER for p in range(s, min(e, end + 1)))]
    ticket, flags, away_since = None, {"locked": False, "asleep": False, "paused": False}, None
    kept_idle: Counter[str] = Counter()
    choice_of = {}
    for second in range(end):
        if second in by_second:
            kind, value = by_second[second]
            if kind == "focus":
                ticket = value
            elif kind == "window":
                away_since = None if value else (away_since if away_since is not None else second)
            else:
                flags[kind] = bool(value)
        clock_runs = ticket is not None and not any(flags.values()) and (
            away_since is None or second < away_since + GRACE)
        idle = next(((s, e) for s, e in detected if s <= second < e), None)
        if idle is None:
            if clock_runs:
                expected[str(ticket)] += 1
        elif clock_runs:
            choice_of.setdefault(idle, str(ticket))
    # Idle stretches the agent came back from are pending, in order; each is settled by its choice.
    returned = [(s, e) for s, e in detected if e <= end and (s, e) in choice_of]
    for (s, e), choice in zip(returned, choices, strict=False):
        if choice is IdleChoice.KEEP:
            kept_idle[choice_of[(s, e)]] += e - s
        elif choice is IdleChoice.GIVE:
            kept_idle["999"] += e - s

    counted: Counter[str] = Counter()
    for event in events:
        counted[event.ticket] += int(event.seconds) * (1 if isinstance(event, Accrual) else -1)
    for accrual in kept:
        counted[accrual.ticket] += int(accrual.seconds)
    assert +counted == +(expected + kept_idle)

    # Never a second twice: the accruals, less what was taken back, do not overlap.
    covered: Counter[int] = Counter()
    for event in events:
        sign = 1 if isinstance(event, Accrual) else -1
        for second in range(int((event.start - T0).total_seconds()), int((event.end - T0).total_seconds())):
            covered[second] += sign
    assert all(count in (0, 1) for count in covered.values())


def test_rounding_to_whole_minutes_loses_nothing() -> None:
    carried, logged = 0.0, 0
    for piece in [40.0, 40.0, 40.0, 59.5, 0.5, 125.0]:  # a reply written in under a minute still counts
        minutes, carried = whole_minutes(piece, carried)
        logged += minutes
    assert logged == 5 and carried == 5.0  # 305 s: five minutes logged, five seconds carried


def test_an_idle_stretch_waits_for_the_agents_word() -> None:
    tracker = Tracker(grace=timedelta(seconds=GRACE), idle_after=timedelta(seconds=IDLE_AFTER))
    tracker.focus("101", at(0))
    assert tracker.take(at(60)) == [Accrual("101", at(0), at(60))]
    tracker.idle_for(0, at(100))
    tracker.idle_for(IDLE_AFTER, at(100 + IDLE_AFTER))  # idle since second 100: taken back
    assert tracker.take(at(500)) == [Accrual("101", at(60), at(400)), Withdrawal("101", at(100), at(400))]
    assert not tracker.counting and tracker.pending == []  # still away: nothing to ask yet
    tracker.idle_for(2, at(900))  # back at second 898
    assert tracker.counting and len(tracker.pending) == 1
    span = tracker.pending[0]
    assert (span.start, span.end) == (at(100), at(898))
    # The span, written down as pending; counting again since the return.
    assert tracker.take(at(960)) == [span, Accrual("101", at(898), at(960))]
    assert tracker.settle(span, IdleChoice.GIVE, "102") == [Accrual("102", at(100), at(898))]
    assert tracker.pending == []


def test_the_window_in_the_background_counts_for_the_grace_period_only() -> None:
    tracker = Tracker(grace=timedelta(seconds=GRACE), idle_after=timedelta(seconds=IDLE_AFTER))
    tracker.focus("101", at(0))
    tracker.window_active(False, at(100))
    assert tracker.take(at(1000)) == [Accrual("101", at(0), at(100 + GRACE))]  # stopped at the grace's end
    tracker.window_active(True, at(1200))
    assert tracker.take(at(1230)) == [Accrual("101", at(1200), at(1230))]


def test_an_idle_stretch_ends_when_the_screen_locks_or_the_machine_sleeps() -> None:
    for stop in ("locked", "asleep"):
        tracker = Tracker(grace=timedelta(seconds=GRACE), idle_after=timedelta(seconds=IDLE_AFTER))
        tracker.focus("101", at(0))
        tracker.idle_for(IDLE_AFTER + 100, at(IDLE_AFTER + 200))  # away since second 100
        getattr(tracker, stop)(True, at(1000))  # the evening: locked, or put to sleep, still away
        getattr(tracker, stop)(False, at(50_000))  # the next morning
        tracker.idle_for(0, at(50_010))
        # What is asked about is the time away before the lock, not the night: "keep" cannot add it.
        assert [(s.start, s.end) for s in tracker.pending] == [(at(100), at(1000))]
        assert tracker.counting
