"""Background work started from the window: coroutines on the qasync loop, never awaited by Qt.

Each task is kept until it ends (asyncio only holds weak references), and its failure is reported to
one callback (a notice in the window, and the log) instead of vanishing or crashing the app.

The window paints its first ticket before asyncio is even loaded: work started until the event loop
runs waits, in order, and starts with it (release())."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)
_Then = Callable[[Any], None] | None


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running on this thread, if any, without loading asyncio to find out."""
    loaded = sys.modules.get("asyncio")
    if loaded is None:
        return None
    try:
        return loaded.get_running_loop()  # type: ignore[no-any-return]
    except RuntimeError:
        return None


class TaskRunner:
    def __init__(self, on_error: Callable[[BaseException], None]) -> None:
        self._on_error = on_error
        self._tasks: set[asyncio.Task[Any]] = set()
        self._held: list[tuple[Coroutine[Any, Any, Any], _Then, Callable[[BaseException], None] | None]] = []

    def start(self, coro: Coroutine[Any, Any, Any], *, then: _Then = None,
              failed: Callable[[BaseException], None] | None = None) -> None:
        """Run coro; `then` gets its result, `failed` its exception (default: the window's notice)."""
        loop = running_loop()
        if loop is None:
            self._held.append((coro, then, failed))
            return
        task = loop.create_task(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self._tasks.discard(t)
            if t.cancelled():
                return
            error = t.exception()
            if error is not None and failed is not None:  # expected by its caller, who says it
                log.info("background task failed: %s", error)
                failed(error)
            elif error is not None:
                log.error("background task failed", exc_info=error)
                self._on_error(error)
            elif then is not None:
                then(t.result())

        task.add_done_callback(done)

    def release(self) -> None:
        """The event loop runs now: start what waited for it."""
        held, self._held = self._held, []
        for coro, then, failed in held:
            self.start(coro, then=then, failed=failed)

    @property
    def busy(self) -> bool:
        return bool(self._tasks) or bool(self._held)

    async def settle(self, seconds: float) -> None:
        """Let the work in flight (drafts, queued changes) finish, for at most `seconds`."""
        import asyncio

        self.release()
        pending = [t for t in self._tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=seconds)
