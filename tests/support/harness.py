"""A sync engine wired to a real replica file and a real helpdesk connector, as the app wires it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from services.backends.base import Connector
from services.store import Store, TicketView
from services.store.asyncstore import AsyncStore
from services.store.profile_lock import ProfileLock, Role
from services.sync.engine import SyncEngine
from services.sync.pull import pull_queues


@dataclass
class Harness:
    store: Store  # the reader, as the UI would hold it
    writer: AsyncStore
    connector: Connector
    engine: SyncEngine
    account_id: int

    @classmethod
    def create(cls, path: Path, connector: Connector, *, backend: str, user: str,
               interval: float = 60.0, max_backoff: float = 300.0,
               settle_after_doubt: float = 0.0) -> Harness:
        """settle_after_doubt: 0 by default, so that fault tests retry at once (the product waits)."""
        store = Store(path)
        account = store.accounts.add(f"{user}@{backend}", backend, "", user)
        writer = AsyncStore(path)
        engine = SyncEngine(connector, writer, account.id, user, interval=interval, max_backoff=max_backoff,
                            settle_after_doubt=settle_after_doubt)
        return cls(store, writer, connector, engine, account.id)

    async def choose_queues(self, *names: str) -> None:
        await pull_queues(self.connector, self.writer, self.account_id)
        self.store.accounts.choose_queues(self.account_id, names)

    def ticket(self, remote_id: int | str) -> TicketView:
        view = self.store.views.ticket(self.account_id, str(remote_id))
        assert view is not None, f"ticket {remote_id} is not in the replica"
        return view

    def thread_texts(self, remote_id: int | str) -> list[tuple[str, str]]:
        return [(m.kind.value, m.text) for m in self.store.views.thread(self.ticket(remote_id).id)]

    async def close(self) -> None:
        await self.connector.aclose()
        self.writer.close()
        self.store.close()


def wait_for_holder(lock: ProfileLock, role: Role, timeout: float = 60.0) -> None:
    """Until a process holds `lock` in this role (another process starting up, say)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        holder = lock.holder()
        if holder is not None and holder.role is role:
            return
        time.sleep(0.05)
    raise AssertionError(f"no {role.value} took {lock.path.name} within {timeout:.0f} s")


async def wait_until(condition: Callable[[], bool] | Callable[[], Awaitable[bool]], *,
                     timeout: float = 60.0, what: str = "condition") -> None:  # noqa: ASYNC109
    """Poll a condition on the event loop (no fixed sleeps as synchronisation)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if not isinstance(result, bool):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.05)
