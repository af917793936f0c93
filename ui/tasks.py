"""Background work started from the window: coroutines on the qasync loop, never awaited by Qt.

Each task is kept until it ends (asyncio only holds weak references), and its failure is reported to
one callback (a notice in the window, and the log) instead of vanishing or crashing the app."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class TaskRunner:
    def __init__(self, on_error: Callable[[BaseException], None]) -> None:
        self._on_error = on_error
        self._tasks: set[asyncio.Task[Any]] = set()

    def start(self, coro: Coroutine[Any, Any, Any], *,
              then: Callable[[Any], None] | None = None) -> asyncio.Task[Any]:
        task = asyncio.get_event_loop().create_task(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self._tasks.discard(t)
            if t.cancelled():
                return
            error = t.exception()
            if error is not None:
                log.error("background task failed", exc_info=error)
                self._on_error(error)
            elif then is not None:
                then(t.result())

        task.add_done_callback(done)
        return task

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    async def settle(self, seconds: float) -> None:
        """Let the work in flight (drafts, queued changes) finish, for at most `seconds`."""
        pending = [t for t in self._tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=seconds)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
