"""Replica calls from async code, run on one dedicated thread so the event loop never blocks on I/O."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from services.store import Store

T = TypeVar("T")


class AsyncStore:
    def __init__(self, path: Path) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="replica-writer")
        # The connection is created, used and closed on the worker thread only.
        self._store: Store = self._executor.submit(Store, path).result()

    async def call(self, fn: Callable[[Store], T]) -> T:
        import asyncio  # here, not at the top: the window paints before asyncio is loaded

        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, self._store)

    def close(self) -> None:
        self._executor.submit(self._store.close).result()
        self._executor.shutdown(wait=True)
