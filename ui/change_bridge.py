"""The one way changes reach the window: from any thread, gathered, delivered on the GUI thread.

The desk's writes and the sync engine publish what they changed (services.changes) as they finish; the
bridge only notes it and posts one event, so the publisher (the engine's coroutine, a worker thread)
returns at once and never runs the window's code, nor fails with it. Changes published before the
event is handled are merged into one delivery.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal

from services.changes import NOTHING, Changes


class ChangeBridge(QObject):
    delivered = Signal(object)  # a services.changes.Changes, on the GUI thread
    _posted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending = NOTHING
        # Queued even from the GUI thread: delivered once the publisher has returned to the loop.
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def publish(self, changes: Changes) -> None:
        if not changes:
            return
        with self._lock:
            first = not self._pending
            self._pending = self._pending | changes
        if first:
            self._posted.emit()

    @property
    def pending(self) -> bool:
        """Changes published and not delivered to the window yet (tests wait for them)."""
        with self._lock:
            return bool(self._pending)

    def _deliver(self) -> None:
        with self._lock:
            changes, self._pending = self._pending, NOTHING
        if changes:
            self.delivered.emit(changes)
