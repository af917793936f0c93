"""The centre of the window before the first sync has brought any ticket: what is happening, and when
it cannot happen (offline, signed out, a problem), what to check and a way to try again at once, where
the agent looks rather than only in the status bar. The retry countdown follows the engine's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.sync.status import SyncState
from services.timefmt import span_seconds
from ui.models import span_text

_TICK_MS = 1_000
_STUCK = (SyncState.OFFLINE, SyncState.SIGNED_OUT, SyncState.PROBLEM)


class LoadingPage(QWidget):
    try_now = Signal()  # the agent asks for a sync at once

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadingPage")
        self.headline = QLabel(self.tr("Getting your tickets…"), self)
        self.headline.setObjectName("loadingHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline.setFont(font)
        self.detail = QLabel(self)
        self.detail.setObjectName("loadingDetail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.retry = QPushButton(self.tr("Try now"), self)
        self.retry.setObjectName("loadingTryNow")
        self.retry.clicked.connect(self.try_now.emit)
        self.retry.hide()
        # A short column reads better than one line across the window. In a row between stretches, not
        # with an alignment: an aligned word-wrapped label is not given the height its lines need.
        self.detail.setMaximumWidth(560)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.detail, 10)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addWidget(self.headline)
        column.addLayout(row)
        column.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self._waiting_text = self.headline.text()
        self._state = SyncState.SYNCING
        self._error = ""
        self._retry_at: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._render)

    def set_text(self, text: str) -> None:
        """A headline of the caller's (the first sync of an account just signed in to, for example)."""
        self._waiting_text = text
        if self._state not in _STUCK:
            self.headline.setText(text)

    def show_status(self, state: SyncState, retry_in: float | None, error: str | None) -> None:
        self._state, self._error = state, error or ""
        self._retry_at = (datetime.now(UTC) + timedelta(seconds=retry_in)
                          if retry_in is not None and retry_in > 0 else None)
        self._render()

    def _render(self) -> None:
        state = self._state
        left = (self._retry_at - datetime.now(UTC)).total_seconds() if self._retry_at else None
        when = (self.tr("Monodesk tries again in %1 by itself.").replace("%1", span_text(span_seconds(left)))
                if left is not None and left > 0 else self.tr("Monodesk tries again by itself."))
        if state is SyncState.OFFLINE:
            self.headline.setText(self.tr("You are offline"))
            detail = self.tr("The helpdesk cannot be reached. Check your connection (and your VPN, if your "
                             "company uses one).") + " " + when
        elif state is SyncState.SIGNED_OUT:
            self.headline.setText(self.tr("The helpdesk refused your sign-in"))
            detail = self.tr("Sign in again from the Account menu (your token may have expired).")
            detail += " " + when
        elif state is SyncState.PROBLEM:
            self.headline.setText(self.tr("Your tickets could not be fetched"))
            detail = self.tr("Something went wrong (details are in the log).") + " " + when
        else:
            self.headline.setText(self._waiting_text)
            self.detail.hide()
            self.retry.hide()
            self._timer.stop()
            return
        if self._error and state is not SyncState.SIGNED_OUT:
            detail += "\n" + self._error[:200]
        self.detail.setText(detail)
        self.detail.show()
        self.retry.show()
        if left is not None and left > 0:
            self._timer.start()
        else:
            self._timer.stop()
