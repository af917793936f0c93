"""Qt test support: a qasync event loop on top of pytest-qt's QApplication.

UI tests are plain (sync) test functions: the app's coroutines run as tasks on this loop while
`qtbot.waitUntil(...)` spins Qt's event loop, exactly as in the running app."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtWidgets import QApplication


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            # Let the cancellations run: spin Qt until every task has finished.
            deadline_spins = 1000
            while any(not t.done() for t in pending) and deadline_spins:
                qapp.processEvents()
                deadline_spins -= 1
        asyncio.set_event_loop(None)
        loop.stop()  # "already running" loops must be stopped before they can be closed
        loop.close()
