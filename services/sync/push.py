"""Pushing the outbox: in order per ticket, exactly once, and never over a newer remote change.

For every entry the engine first reads the ticket's history since the agent last saw it:
- if an earlier attempt may have reached the helpdesk (attempts > 0), it looks for that change in the
  history before sending again, so a reply whose answer was lost is not sent twice;
- if someone else changed the ticket in a way that matters to this change (the customer wrote again,
  a colleague took or closed it), the entry is kept and flagged as a conflict for the agent.
The state "sending" is committed before each request, so a crash mid-request is also an ambiguous attempt.

What an error means for the entry:
- a clear refusal (403, 404, another 4xx): kept as "refused" for the agent to decide; retrying cannot help;
- a bad answer (an HTML page from a captive portal, broken JSON): ambiguous when the request changed
  something (the history is checked before the next try) and transient when it only read; the entry
  stays queued and its ticket waits, the other tickets go on;
- offline, a timeout, a 5xx: the push stops (later entries wait, so the order per ticket holds).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from services.backends.base import (
    BackendError,
    BadPayload,
    ChangeKind,
    Connector,
    Forbidden,
    KeepsTasks,
    LogsTime,
    NotFound,
    Rejected,
    RemoteChange,
)
from services.domain import TicketStatus
from services.outgoing import comparable, same_text
from services.pending import Conflict, Reason
from services.store import Store
from services.store.asyncstore import AsyncStore
from services.store.db import utc_now
from services.store.outbox import OpKind, OpState, OutboxOp
from services.sync.push_tasks import lane, push_task

log = logging.getLogger(__name__)

# Errors that will fail again however often we retry: the agent must decide.
_FINAL_ERRORS = (Forbidden, NotFound, Rejected)


@dataclass(slots=True)
class PushResult:
    pushed: int = 0
    already_delivered: int = 0
    conflicts: int = 0
    failed: int = 0
    deferred: int = 0  # kept queued after a bad answer, or still settling; tried again later
    settle_in: float | None = None  # seconds until the first change left to settle may be checked
    tickets_touched: set[str] = field(default_factory=set)
    tasks_touched: set[str] = field(default_factory=set)  # customers whose tasks' changes moved on
    errors: list[str] = field(default_factory=list)


async def push_outbox(connector: Connector, store: AsyncStore, account_id: int, me: str, *,
                      settle: float = 0.0, now: Callable[[], datetime] = utc_now) -> PushResult:
    """Push every open entry. Raises a retryable BackendError (offline, 5xx...) to stop early:
    later entries wait, so the order per ticket holds.

    settle: seconds to leave an entry alone after an attempt that may have arrived (a lost answer, a
    timeout) before looking for it in the history: a helpdesk still working on the request would not
    show it yet, and the change would be sent again."""
    result = PushResult()
    ops = await store.call(lambda s: s.outbox.open_ops(account_id))
    tasks_queue = await _tasks_home(connector, store, account_id, ops, result)
    blocked: set[object] = set()  # tickets (and tasks) with an unresolved conflict: later changes wait
    not_taken: set[int | None] = set()  # tickets whose take the helpdesk refused: nothing to give back
    for op in ops:
        where: object = lane(op) if op.kind is OpKind.TASK else op.ticket_id
        if op.state is OpState.CONFLICT:
            blocked.add(where)
            continue
        if op.state is OpState.FAILED and op.kind is OpKind.TAKE:
            not_taken.add(op.ticket_id)
        if op.state is OpState.FAILED or (where is not None and where in blocked):
            if op.kind is OpKind.TASK:
                blocked.add(where)  # a refused creation: the task's later changes cannot go either
            continue
        if op.kind is OpKind.RELEASE and op.ticket_id in not_taken:
            log.info("change %s not needed: the take it undoes was refused", op.op_id)
            await store.call(partial(_mark_done, op.op_id))
            continue
        waited = (now() - op.updated_at).total_seconds() if op.updated_at else settle
        if op.attempts and settle and waited < settle:
            blocked.add(where)  # in doubt for a moment more; later changes of its ticket wait
            result.deferred += 1
            result.settle_in = min(result.settle_in or settle, settle - waited)
            continue
        try:
            if op.kind is OpKind.TASK:
                outcome = await push_task(connector, store, op, tasks_queue)
            else:
                outcome = await _push_one(connector, store, op, me)
        except _FINAL_ERRORS as exc:
            log.warning("change %s refused by the helpdesk: %s", op.op_id, exc)
            await store.call(partial(_mark_failed, op.op_id, str(exc)))
            result.failed += 1
            if op.kind is OpKind.TAKE:
                not_taken.add(op.ticket_id)
            if op.kind is OpKind.TASK:
                blocked.add(where)
            result.tasks_touched.update(_customer_of(op))
            continue
        except BadPayload as exc:
            log.warning("change %s kept queued after a bad answer: %s", op.op_id, exc)
            await store.call(partial(_mark_retry, op.op_id, str(exc)))
            blocked.add(where)
            result.deferred += 1
            result.errors.append(f"ticket {op.ticket_remote_id}: change kept, tried again later: {exc}")
            continue
        except BackendError as exc:
            await store.call(partial(_mark_retry, op.op_id, str(exc)))
            raise
        if outcome == "skipped":
            blocked.add(where)
            continue
        if outcome == "conflict":
            blocked.add(where)
            result.conflicts += 1
            result.tasks_touched.update(_customer_of(op))
            continue
        if op.kind is OpKind.TASK:
            result.tasks_touched.update(_customer_of(op))
            if outcome == "local":
                continue
        if outcome == "delivered":
            result.already_delivered += 1
        else:
            result.pushed += 1
        if op.ticket_remote_id:
            result.tickets_touched.add(op.ticket_remote_id)
    return result


async def _tasks_home(connector: Connector, store: AsyncStore, account_id: int, ops: list[OutboxOp],
                      result: PushResult) -> str | None:
    """The tasks queue, when tasks' changes are waiting for a helpdesk that keeps tasks."""
    if not isinstance(connector, KeepsTasks) or not any(op.kind is OpKind.TASK for op in ops):
        return None
    queue = await store.call(lambda s: s.accounts.tasks_queue(account_id))
    if queue is None:
        name = await store.call(lambda s: s.accounts.tasks_queue_name(account_id))
        result.errors.append(f"The helpdesk has no queue named {name} that you can see: your task changes "
                             "are kept here and sent once it exists.")
    return queue


def _customer_of(op: OutboxOp) -> set[str]:
    return {str(op.payload.get("customer", ""))} - {""}


def _mark_failed(op_id: str, error: str, s: Store) -> None:
    s.outbox.mark_failed(op_id, error)


def _mark_done(op_id: str, s: Store) -> None:
    s.outbox.mark_done(op_id)


def _mark_retry(op_id: str, error: str, s: Store) -> None:
    s.outbox.mark_retry(op_id, error)


async def _push_one(connector: Connector, store: AsyncStore, op: OutboxOp, me: str) -> str:
    assert op.ticket_remote_id is not None
    ticket = op.ticket_remote_id
    since = op.based_on_event
    may_be_delivered = op.attempts > 0
    # An earlier attempt is looked for after the last entry seen just before it was sent (not before:
    # the same words may have been sent earlier on purpose). That can lie before `since`, which
    # "send anyway" moves on to what the agent saw: the history is read from the older of the two.
    attempt_from = (op.pre_send_event or since) if may_be_delivered else since
    order = connector.event_order  # the helpdesk's ids are its own: only it knows their order
    read_from = min(since, attempt_from, key=order) if since else since
    changes = await connector.changes_after(ticket, read_from, with_text=may_be_delivered)
    latest = changes[-1].event_id if changes else max(since, op.pre_send_event or "", key=order)

    if may_be_delivered and any(_is_this_op(op, c) for c in changes
                                if order(attempt_from) < order(c.event_id)):
        log.info("change %s was already delivered by an earlier attempt", op.op_id)
        await store.call(lambda s: s.outbox.mark_done(op.op_id))
        return "delivered"

    newer = [c for c in changes if order(since) < order(c.event_id)] if since else changes
    if op.kind is OpKind.RELEASE and _owner_changed_since_my_take(changes, me):
        # Given to someone (or back to nobody) meanwhile: not the agent's to give back any more.
        log.info("change %s not needed: the ticket's owner changed meanwhile", op.op_id)
        await store.call(lambda s: s.outbox.mark_done(op.op_id))
        return "delivered"
    conflict = _conflict(op, newer, me) if since else None
    if conflict:
        await store.call(lambda s: s.outbox.mark_conflict(op.op_id, conflict.encode(), latest))
        return "conflict"

    if not await store.call(lambda s: s.outbox.claim(op, latest)):
        # Changed since it was read (discarded, or pushed by another process that got around the
        # profile lock): sending it on stale information could send it twice.
        log.warning("change %s changed while being pushed; left alone", op.op_id)
        return "skipped"
    try:
        await _send(connector, op, ticket)
    except BackendError as exc:
        if not exc.maybe_delivered:
            error = str(exc)
            await store.call(lambda s: s.outbox.unclaim(op.op_id, error))
        raise
    await store.call(lambda s: s.outbox.mark_done(op.op_id))
    return "sent"


async def _send(connector: Connector, op: OutboxOp, ticket: str) -> None:
    p = op.payload
    status = TicketStatus(p["status"]) if p.get("status") else None
    match op.kind:
        case OpKind.REPLY:
            await connector.reply(ticket, p["text"], time_minutes=p["time_minutes"], status=status)
        case OpKind.NOTE:
            await connector.note(ticket, p["text"], time_minutes=p["time_minutes"], status=status)
        case OpKind.STATUS:
            assert status is not None
            await connector.set_status(ticket, status)
        case OpKind.TAKE:
            await connector.take(ticket)
        case OpKind.RELEASE:
            await connector.release(ticket)
        case OpKind.TIME:
            if not isinstance(connector, LogsTime):
                raise Rejected("This helpdesk does not take time entries without a message.")
            await connector.log_time(ticket, int(p["minutes"]), str(p.get("text", "")))


def _is_this_op(op: OutboxOp, change: RemoteChange) -> bool:
    if not change.by_self:
        return False
    p = op.payload
    match op.kind:
        case OpKind.REPLY:
            return change.kind is ChangeKind.REPLY and same_text(p["text"], change.text,
                                                                 seen_cut=change.text_cut)
        case OpKind.NOTE:
            return change.kind is ChangeKind.NOTE and same_text(p["text"], change.text,
                                                                seen_cut=change.text_cut)
        case OpKind.STATUS:
            return change.kind is ChangeKind.STATUS and change.new_value == p["status"]
        case OpKind.TAKE:
            return change.kind is ChangeKind.OWNER and change.new_value == p.get("owner")
        case OpKind.RELEASE:
            return change.kind is ChangeKind.OWNER and change.new_value == ""
        case OpKind.TIME:  # a note holding the time (and the agent's words, if any)
            return (change.kind is ChangeKind.NOTE and change.time_taken_minutes == p["minutes"]
                    and comparable(str(p.get("text", ""))) == comparable(change.text))
        case OpKind.TASK:  # not a ticket's change (services.sync.push_tasks)
            return False


def _owner_changed_since_my_take(changes: list[RemoteChange], me: str) -> bool:
    """Someone else changed the owner after the agent's latest take (the whole history when the
    take is not in it: a ticket held without its thread has no event to start from)."""
    start = 0
    for i, change in enumerate(changes):
        if change.kind is ChangeKind.OWNER and change.by_self and change.new_value == me:
            start = i + 1
    return any(c.kind is ChangeKind.OWNER and not c.by_self for c in changes[start:])


def _conflict(op: OutboxOp, changes: list[RemoteChange], me: str) -> Conflict | None:
    """Why a newer remote change makes this one questionable, if it does."""
    changes_status = op.kind is OpKind.STATUS or bool(op.payload.get("status"))
    for change in changes:
        if change.by_self:
            continue
        if change.kind is ChangeKind.CUSTOMER_MESSAGE and (op.kind is OpKind.REPLY or changes_status):
            return Conflict(Reason.CUSTOMER_WROTE, at=change.created)
        if (change.kind is ChangeKind.OWNER and change.new_value not in ("", me)
                and op.kind in (OpKind.REPLY, OpKind.TAKE)):
            return Conflict(Reason.TAKEN, who=change.new_value)
        if change.kind is ChangeKind.STATUS and changes_status:
            return Conflict(Reason.STATUS_SET, who=change.author, value=change.new_value)
    return None
