"""Replica calls from async code, run on one dedicated thread so the event loop never blocks on I/O."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from services.store import Store
from services.store.faults import named_faults

T = TypeVar("T")


class AsyncStore:
    def __init__(self, path: Path, *, name: str = "replica-writer") -> None:
        """name: the thread's, as logs and debuggers show it (the writer, or the window's reader)."""
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        # The connection is created, used and closed on the worker thread only.
        try:
            self._store: Store = self._executor.submit(Store, path).result()
        except BaseException:
            self._executor.shutdown(wait=True)
            raise

    async def call(self, fn: Callable[[Store], T]) -> T:
        """Run fn on the writer's thread. A storage fault (disk full, read-only, damaged file) raises
        a StoreError that says what to do; the transaction it interrupted was rolled back."""
        import asyncio  # here, not at the top: the window paints before asyncio is loaded

        return await asyncio.get_running_loop().run_in_executor(self._executor, self._run, fn)

    def _run(self, fn: Callable[[Store], T]) -> T:
        with named_faults(self.path):
            return fn(self._store)

    def close(self) -> None:
        """Waits for the calls in flight (for scripts and tests; async code awaits aclose())."""
        self._executor.submit(self._store.close).result()
        self._executor.shutdown(wait=True)

    async def aclose(self) -> None:
        """close() without blocking the event loop while a long call (a pull's write) finishes."""
        import asyncio

        await asyncio.get_running_loop().run_in_executor(self._executor, self._store.close)
        self._executor.shutdown(wait=False)
