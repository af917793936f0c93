"""Customer tasks, without Qt: what a task is, when it is due, and the order it is shown in.

A task belongs to a customer (their e-mail), not to an agent: every colleague who opens one of that
customer's tickets sees the same list. It has a text, an optional due DAY (a date, not a time: "by
Thursday"), an optional ticket it came from, and a place in the list the agents choose.

Order: open tasks first, by `position`, the highest first; then the tasks done recently, the latest
done first. Positions are sparse integers (a new task goes below the others, `STEP` lower), so moving
one task changes that task alone, and only a gap closed by many moves renumbers the list. The same
number is what the helpdesk holds (RT: the task ticket's Priority), so another client sorting by it
reads the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

STEP = 1024  # the gap between two neighbours in a fresh list
# RT's Priority is a 32-bit number it keeps at 0 or more: a million tasks added below the others, or
# moved above them, before a list runs out of room.
FIRST_POSITION = 1 << 30
RECENTLY_DONE = timedelta(days=14)  # done tasks the panel still shows
MAX_TASK_TEXT = 200  # a task is a line, not a document; RT keeps 200 bytes of a subject


class TaskProblem(ValueError):
    """A task the helpdesk would not keep as given (empty text, a text too long, a bad date)."""


class Home(StrEnum):
    """Where the account's tasks live (what the task panel says about it)."""

    HELPDESK = "helpdesk"  # shared through the helpdesk (RT: the tasks queue)
    HERE = "here"  # the helpdesk has no place for them: kept on this computer only
    MISSING = "missing"  # it could keep them, but its tasks queue is not visible: kept here until it is


class DueState(StrEnum):
    NONE = ""  # no due day, or done
    LATER = "later"
    TODAY = "today"  # falls due before the agent's day ends
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Task:
    key: str  # made where the task was created (or first seen): stable on this profile
    remote_id: str | None  # the helpdesk's id, once it holds the task
    customer: str  # e-mail, lower case
    text: str
    due: date | None
    done_at: datetime | None
    done_by: str
    position: int
    ticket: str | None  # the ticket it came from ("from #304")
    created: datetime
    created_by: str
    conflict: str = ""  # a change held (the helpdesk's copy changed meanwhile) or refused: detail (JSON)
    held: str = ""  # that change's outbox id, for the agent's decision

    @property
    def done(self) -> bool:
        return self.done_at is not None


def check_text(text: str) -> str:
    """The task's text as kept: one line, trimmed. Raises TaskProblem for what cannot be a task."""
    line = " ".join(text.split())
    if not line:
        raise TaskProblem("A task needs a few words.")
    if len(line.encode()) > MAX_TASK_TEXT:
        raise TaskProblem(f"A task is a line of at most {MAX_TASK_TEXT} bytes (about as many letters); this "
                          f"one has {len(line.encode())}. Keep the details in a note on the ticket.")
    return line


def parse_due(text: str) -> date | None:
    """A due day as typed on the command line or kept in the replica: YYYY-MM-DD, or "" for none."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise TaskProblem(f"'{text[:40]}' is not a date; write it as YYYY-MM-DD.") from None


_TODAY = ("today", "tod", "aujourd'hui", "auj")
_TOMORROW = ("tomorrow", "tom", "tmr", "demain", "dem")
_WEEKDAYS = (("monday", "lundi"), ("tuesday", "mardi"), ("wednesday", "mercredi"), ("thursday", "jeudi"),
             ("friday", "vendredi"), ("saturday", "samedi"), ("sunday", "dimanche"))


def due_from_words(text: str, today: date) -> date | None:
    """A due day as an agent types it in the task panel: "" (none), 2026-12-04, today, tomorrow, a
    weekday (its next one; "fri", "vendredi"), "+3" (in three days), "12-04" or "4/12" are NOT taken
    (day and month order differ by country). English and French. Raises TaskProblem otherwise."""
    word = " ".join(text.lower().split()).replace("’", "'")
    if not word:
        return None
    if word in _TODAY:
        return today
    if word in _TOMORROW:
        return today + timedelta(days=1)
    if word.startswith("+") and word[1:].isdigit() and len(word) <= 4:
        return today + timedelta(days=int(word[1:]))
    if len(word) >= 3:
        for number, names in enumerate(_WEEKDAYS):
            if any(name.startswith(word) for name in names):
                return today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)
    return parse_due(word)


def deadline(due: date, zone: tzinfo) -> datetime:
    """The moment a task due on `due` becomes overdue: when that day ends in `zone`."""
    return datetime.combine(due + timedelta(days=1), time(), zone)


def due_state(task: Task, now: datetime, agent_zone: tzinfo, customer_zone: tzinfo | None = None) -> DueState:
    """Whether the task is overdue or due today. The promise is the customer's, so the day ends in their
    time zone when it is known, else in the agent's; "today" is the agent's today: a task that falls
    due before the agent's day ends is due today, even if its date is tomorrow for the customer."""
    if task.due is None or task.done:
        return DueState.NONE
    end = deadline(task.due, customer_zone or agent_zone)
    if now >= end:
        return DueState.OVERDUE
    agent_today = now.astimezone(agent_zone).date()
    if end <= deadline(agent_today, agent_zone) or task.due == agent_today:
        return DueState.TODAY
    return DueState.LATER


def shown_order(tasks: list[Task], now: datetime, *, recent: timedelta = RECENTLY_DONE) -> list[Task]:
    """Open tasks by position (highest first; the oldest first among equals, as two machines may give
    the same number), then those done within `recent`, the latest done first."""
    open_tasks = sorted((t for t in tasks if not t.done), key=lambda t: (-t.position, t.created, t.key))
    done = sorted((t for t in tasks if t.done_at is not None and now - t.done_at <= recent),
                  key=lambda t: (t.done_at, t.key), reverse=True)
    return open_tasks + done


def position_below(lowest: int | None) -> int:
    """Where a new task goes: below every open task (`lowest`: the lowest position among them); never
    under 0, which RT does not keep (the oldest come first among equals)."""
    return FIRST_POSITION if lowest is None else max(0, lowest - STEP)


def moved_position(open_tasks: list[Task], key: str, offset: int) -> int | None:
    """The new position of task `key` moved `offset` places (-1: up, +1: down) among `open_tasks`
    (in shown order); None when it cannot move (already first or last) or there is no gap left
    (then renumber() first)."""
    index = next((i for i, t in enumerate(open_tasks) if t.key == key), None)
    if index is None:
        return None
    target = index + offset
    if not 0 <= target < len(open_tasks) or offset == 0:
        return None
    rest = [t for t in open_tasks if t.key != key]
    # Between the two tasks that will be its neighbours.
    above = rest[target - 1].position if target > 0 else None
    below = rest[target].position if target < len(rest) else None
    if above is None and below is not None:
        return below + STEP
    if below is None and above is not None:
        return above - STEP
    assert above is not None and below is not None
    if above - below < 2:
        return None
    return (above + below) // 2


def renumber(open_tasks: list[Task]) -> dict[str, int]:
    """Fresh, evenly spaced positions for the list as shown (only those that change)."""
    return {t.key: FIRST_POSITION - i * STEP for i, t in enumerate(open_tasks)
            if t.position != FIRST_POSITION - i * STEP}


@dataclass(frozen=True, slots=True)
class RemoteTask:
    """A task as the helpdesk holds it (what a connector's tasks() returns)."""

    remote_id: str
    customer: str
    text: str
    due: date | None
    done: bool
    done_at: datetime | None
    done_by: str
    position: int
    ticket: str | None
    created: datetime
    created_by: str
    updated: datetime
    deleted: bool = False

    def value(self, field: str) -> object:
        return field_value(self, field)


def field_value(task: Task | RemoteTask, field: str) -> object:
    """A task's field as set-changes name it (due as YYYY-MM-DD or None, done as a bool)."""
    match field:
        case "text":
            return task.text
        case "due":
            return task.due.isoformat() if task.due else None
        case "done":
            return task.done
        case _:
            return task.position


def held_detail(conflict: str | None) -> tuple[str, object]:
    """What a held change met (a Task's `conflict`, the outbox's detail): ("text" | "due", their
    value), ("deleted", None), or ("refused", why)."""
    import json

    try:
        detail = json.loads(conflict or "{}")
    except ValueError:
        detail = {}
    if not isinstance(detail, dict):
        return "", None
    if detail.get("deleted"):
        return "deleted", None
    if "refused" in detail:  # the helpdesk refused it (the detail is its reason)
        return "refused", detail["refused"]
    return str(detail.get("field", "")), detail.get("theirs")


@dataclass(frozen=True, slots=True)
class NewTask:
    """A task to create in the helpdesk (what a connector's create_task() gets)."""

    key: str
    customer: str
    text: str
    due: date | None
    position: int
    ticket: str | None


@dataclass(frozen=True, slots=True)
class TaskCounts:
    """What the ticket header's chip says about the customer's open tasks."""

    open: int = 0
    overdue: int = 0
    today: int = 0


@dataclass(frozen=True, slots=True)
class TaskList:
    """A customer's list as the task panel shows it."""

    customer: str
    tasks: list[Task]
    counts: TaskCounts
    home: Home
    queue: str = ""  # the helpdesk's tasks queue (named when it is missing)
    complete: bool = True  # False: only the first tasks (a screenful); the rest is read off the GUI thread
