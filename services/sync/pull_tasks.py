"""Pulling customer tasks from the helpdesk's home for them (services.backends.base.KeepsTasks).

Incremental like tickets: the tasks changed since the last pull (with an overlap), and now and then
a complete listing of the open and recently done ones, from which a task missing was deleted there
(a helpdesk's search does not return deleted tickets). A helpdesk with no home for tasks keeps them in
the replica; sample data without one (the demo) starts that list once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from services.backends.base import Connector, KeepsTasks, StarterTasks
from services.store import Store
from services.store.accounts import TASKS_HOME_KEY
from services.store.asyncstore import AsyncStore
from services.tasks import Home

WATERMARK_KEY = "tasks_watermark"
STARTED_KEY = "tasks_started"
OVERLAP = timedelta(minutes=2)


async def pull_tasks(connector: Connector, store: AsyncStore, account_id: int, now: Callable[[], datetime],
                     *, complete: bool = False) -> set[str]:
    """Returns the customers (e-mails, lower case) whose tasks changed."""
    if not isinstance(connector, KeepsTasks):
        await _record_home(store, account_id, Home.HERE)
        return await _start_with_samples(connector, store, account_id, now)
    queue = await store.call(lambda s: s.accounts.tasks_queue(account_id))
    await _record_home(store, account_id, Home.HELPDESK if queue else Home.MISSING)
    if queue is None:
        return set()
    mark = await store.call(lambda s: s.accounts.get_state(account_id, WATERMARK_KEY))
    previous = datetime.fromisoformat(mark) if mark and not complete else None
    listing = await connector.tasks(queue, updated_after=previous - OVERLAP if previous else None)
    moment = now()
    touched = await store.call(lambda s: s.tasks.apply_remote(account_id, listing, moment,
                                                              complete=previous is None))
    newest = max((t.updated for t in listing), default=previous)
    if previous is not None and newest is not None and newest < previous:
        newest = previous
    if newest is not None:
        value = newest.isoformat()
        await store.call(lambda s: s.accounts.set_state(account_id, WATERMARK_KEY, value))
    return touched


async def _record_home(store: AsyncStore, account_id: int, home: Home) -> None:
    def record(s: Store) -> None:
        if s.accounts.get_state(account_id, TASKS_HOME_KEY) != home.value:  # (a write only when it changes)
            s.accounts.set_state(account_id, TASKS_HOME_KEY, home.value)

    await store.call(record)


async def _start_with_samples(connector: Connector, store: AsyncStore, account_id: int,
                              now: Callable[[], datetime]) -> set[str]:
    if not isinstance(connector, StarterTasks):
        return set()
    if await store.call(lambda s: s.accounts.get_state(account_id, STARTED_KEY)):
        return set()
    samples = await connector.starter_tasks()
    moment = now()

    def start(s: Store) -> set[str]:
        touched = s.tasks.start_with(account_id, samples, moment)
        s.accounts.set_state(account_id, STARTED_KEY, moment.isoformat())
        return touched

    return await store.call(start)
