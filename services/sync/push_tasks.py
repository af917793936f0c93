"""Pushing customer tasks' changes: exactly once, and never over an edit made meanwhile elsewhere.

Every change but a creation sets fields to values, so it is looked up before it is sent: a field
already as wanted is not sent again (a retry after a lost answer costs nothing); a text or due day that
the helpdesk's copy changed since the agent saw it (someone else's edit) holds the change as a
conflict for the agent to decide; the position is the exception (the last move wins). A creation whose
answer was lost is looked for in the helpdesk before it is sent again.

A helpdesk with no home for tasks (no KeepsTasks) keeps them in the replica: their changes end here.
"""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta

from services.backends.base import Connector, KeepsTasks
from services.store import Store
from services.store.asyncstore import AsyncStore
from services.store.db import from_db_time
from services.store.outbox import OutboxOp
from services.tasks import NewTask

log = logging.getLogger(__name__)

_LOOK_BACK = timedelta(minutes=10)  # how far before an attempt its creation is looked for (clock skew)
_GUARDED = ("text", "due")  # fields whose concurrent edit is a conflict, not last-writer-wins


def lane(op: OutboxOp) -> str:
    """A task's changes go in order, like a ticket's."""
    return f"task:{op.payload.get('task')}"


async def push_task(connector: Connector, store: AsyncStore, op: OutboxOp, queue: str | None) -> str:
    """Returns "sent", "delivered", "conflict", "skipped" (left alone, the lane waits) or "local".
    queue: the helpdesk's tasks queue; None when it has none the agent can see (the change waits)."""
    p = op.payload
    key = str(p["task"])
    if not isinstance(connector, KeepsTasks):
        await store.call(lambda s: s.outbox.mark_done(op.op_id))
        return "local"
    if queue is None:
        return "skipped"
    account = op.account_id
    remote_id, known = await store.call(
        lambda s: (s.tasks.remote_id(account, key), s.tasks.known(account, key)))
    remote_id = remote_id or p.get("remote_id")
    action = p.get("action")
    if action == "create":
        return await _create(connector, store, op, queue, remote_id)
    if remote_id is None and not known:  # the local data lost it (replaced by an older copy)
        log.warning("task change %s: its task is gone from the local data", op.op_id)
        gone = "This task is no longer in the local data."
        await store.call(lambda s: s.outbox.mark_failed(op.op_id, gone))
        return "skipped"
    if remote_id is None:  # its creation has not reached the helpdesk (it waits, refused, or held)
        return "skipped"
    current = await connector.task(remote_id)
    if action == "set":
        changes: dict[str, list[object]] = p["changes"]
        if current is None:
            return await _hold(store, op, {"deleted": True})
        for field in _GUARDED:
            if field in changes and current.value(field) not in changes[field]:
                return await _hold(store, op, {"field": field, "theirs": current.value(field),
                                               "by": current.done_by if field == "done" else ""})
        wanted = {f: to for f, (_from, to) in changes.items() if current.value(f) != to}
    elif action == "delete":
        wanted = {"deleted": True} if current is not None else {}
    else:  # restore
        wanted = {"deleted": False, "done": bool(p.get("done"))}
    if not wanted:
        await store.call(lambda s: s.outbox.mark_done(op.op_id))
        return "delivered"
    if not await store.call(lambda s: s.outbox.claim(op, "")):
        return "skipped"
    await connector.update_task(remote_id, _for_helpdesk(wanted))
    await store.call(lambda s: s.outbox.mark_done(op.op_id))
    return "sent"


async def _create(connector: KeepsTasks, store: AsyncStore, op: OutboxOp, queue: str,
                  remote_id: str | None) -> str:
    p = op.payload
    key, account = str(p["task"]), op.account_id
    due = date.fromisoformat(p["due"]) if p.get("due") else None
    task = NewTask(key, str(p["customer"]), str(p["text"]), due, int(p["position"]), p.get("ticket"))
    if remote_id is not None:  # recorded by an attempt whose end was not
        await store.call(lambda s: s.outbox.mark_done(op.op_id))
        return "delivered"
    queued_at = from_db_time(p.get("queued_at")) or op.updated_at
    if op.attempts and queued_at is not None:
        # From when it was queued (an attempt's time moves with every retry), recognised by its key.
        found = await connector.find_task(queue, task, queued_at - _LOOK_BACK)
        if found is not None and found.remote_id in await store.call(
                lambda s: s.tasks.merge_candidates(account, [found.remote_id])):
            log.info("task %s was already created by an earlier attempt, as %s", key, found.remote_id)
            if found.customer.lower() != task.customer.lower():  # the attempt ended before the requestor
                await connector.update_task(found.remote_id, {"customer": task.customer})
            await store.call(lambda s: _created(s, op, found.remote_id))
            return "delivered"
    if not await store.call(lambda s: s.outbox.claim(op, "")):
        return "skipped"
    made = await connector.create_task(queue, task)
    await store.call(lambda s: _created(s, op, made))
    return "sent"


def _created(s: Store, op: OutboxOp, remote_id: str) -> None:
    s.tasks.created(op.account_id, str(op.payload["task"]), remote_id)
    s.outbox.mark_done(op.op_id)


async def _hold(store: AsyncStore, op: OutboxOp, detail: dict[str, object]) -> str:
    encoded = json.dumps(detail)
    await store.call(lambda s: s.outbox.mark_conflict(op.op_id, encoded, ""))
    return "conflict"


def _for_helpdesk(wanted: dict[str, object]) -> dict[str, object]:
    return {f: (date.fromisoformat(str(v)) if f == "due" and v else v) for f, v in wanted.items()}
