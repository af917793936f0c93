"""Qt test support: one qasync event loop on top of pytest-qt's QApplication, for the whole session.

UI tests are plain (sync) test functions: the app's coroutines run as tasks on this loop while
`qtbot.waitUntil(...)` spins Qt's event loop, exactly as in the running app. A qasync loop cannot be
stopped and replaced on the same QApplication (stopping it calls QApplication.exit()), so the loop
lives as long as the QApplication and each test only cleans up the tasks it left behind."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtWidgets import QApplication


@pytest.fixture(scope="session")
def _qasync_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    # "already running" marks it as the thread's running loop; only UI tests may see it as such,
    # or pytest-asyncio could not run its own loops for the async tests.
    asyncio.events._set_running_loop(None)
    yield loop
    asyncio.events._set_running_loop(loop)
    # At the very end: closing joins the loop's worker threads (Qt aborts on running QThreads).
    loop.stop()
    loop.close()


@pytest.fixture
def qloop(qapp: QApplication, _qasync_loop: asyncio.AbstractEventLoop) -> Iterator[asyncio.AbstractEventLoop]:
    loop = _qasync_loop
    asyncio.set_event_loop(loop)
    asyncio.events._set_running_loop(loop)
    before = set(asyncio.all_tasks(loop))
    try:
        yield loop
    finally:
        leftovers = [t for t in asyncio.all_tasks(loop) if not t.done() and t not in before]
        for task in leftovers:
            task.cancel()
        spins = 10_000
        while any(not t.done() for t in leftovers) and spins:
            qapp.processEvents()
            spins -= 1
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)
