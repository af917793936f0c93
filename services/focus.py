"""What the agent should work on next, and how urgent a ticket is.

The rule: overdue tickets first, then tickets whose due time is near (the SLA is at risk), then the
rest; within each group the highest priority, then the oldest. Only new or open tickets of the
agent's queues are offered, never one owned by a colleague, never one the agent skipped unless it
changed since. A ticket waiting on the customer (its last public message is an agent's reply) comes
after all the others, in the same order: it is offered only when nothing else is left.

`rank` is the rule; the replica's query (services.store.worklist) implements the same ordering in SQL
so that it stays fast on a large replica, and the tests hold the two together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum

from services.domain import TicketStatus
from services.ids import is_number

AT_RISK = timedelta(hours=4)  # a due time closer than this puts the ticket ahead of the others
WARN = timedelta(hours=4)  # the countdown turns amber
CRITICAL = timedelta(hours=1)  # ... and red
WORKABLE = (TicketStatus.NEW, TicketStatus.OPEN)


class Urgency(IntEnum):
    OVERDUE = 0
    AT_RISK = 1
    NORMAL = 2


class SlaLevel(IntEnum):
    NONE = 0  # no due time, or nobody waits for the agent (resolved, rejected)
    OK = 1
    WARN = 2  # amber
    CRITICAL = 3  # red (includes overdue)
    PAUSED = 4  # pending: the clock stops until the customer writes back


@dataclass(frozen=True, slots=True)
class Candidate:
    remote_id: str
    status: TicketStatus
    owner: str | None
    priority: int
    created: datetime
    due: datetime | None
    waiting: bool = False  # on the customer: the last public message is an agent's reply


@dataclass(frozen=True, slots=True)
class SlaState:
    level: SlaLevel
    remaining: timedelta | None  # negative when overdue


def urgency(due: datetime | None, now: datetime) -> Urgency:
    if due is None:
        return Urgency.NORMAL
    if due <= now:
        return Urgency.OVERDUE
    if due - now <= AT_RISK:
        return Urgency.AT_RISK
    return Urgency.NORMAL


def rank(c: Candidate, now: datetime) -> tuple[bool, int, int, datetime, int]:
    """Smaller comes first. The last key (the ticket number) makes the order total."""
    number = int(c.remote_id) if is_number(c.remote_id) else 0
    return (c.waiting, urgency(c.due, now), -c.priority, c.created, number)


class Why(StrEnum):
    """Why Next offers a ticket first: the first key of `rank` that put it there."""

    OVERDUE = "overdue"
    AT_RISK = "at_risk"  # due within AT_RISK
    PRIORITY = "priority"  # none overdue or due soon: the highest priority, then the oldest
    ONLY_WAITING = "only_waiting_on_customer"  # nothing else is left


def why_first(due: datetime | None, now: datetime, *, waiting: bool) -> Why:
    if waiting:
        return Why.ONLY_WAITING
    return {Urgency.OVERDUE: Why.OVERDUE, Urgency.AT_RISK: Why.AT_RISK}.get(urgency(due, now), Why.PRIORITY)


def is_offerable(c: Candidate, me: str, skipped: bool) -> bool:
    return c.status in WORKABLE and (c.owner is None or c.owner == me) and not skipped


def sla(due: datetime | None, now: datetime, status: TicketStatus = TicketStatus.OPEN) -> SlaState:
    """How the due time stands. It counts only while the customer waits for the agent (new, open): a
    pending ticket waits on the customer, and a resolved one on nobody."""
    if status is TicketStatus.PENDING:
        return SlaState(SlaLevel.PAUSED, None)
    if due is None or status not in WORKABLE:
        return SlaState(SlaLevel.NONE, None)
    remaining = due - now
    if remaining <= CRITICAL:
        return SlaState(SlaLevel.CRITICAL, remaining)
    if remaining <= WARN:
        return SlaState(SlaLevel.WARN, remaining)
    return SlaState(SlaLevel.OK, remaining)
