"""The status bar's quiet line: is the desk in touch with the helpdesk, and what waits.

A coloured dot plus words (colour is never the only cue), details in the tooltip. No pop-up, no sound:
the agent looks when they want to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from services.sync.status import SyncState
from services.timefmt import Ago, AgoUnit, ago, span_seconds
from ui.models import Tone, local_datetime, quiet_text, span_text, tone_base, tone_text

_STATE_TONE = {SyncState.IDLE: Tone.GOOD, SyncState.SYNCING: Tone.ACCENT, SyncState.OFFLINE: Tone.WARN,
               SyncState.SIGNED_OUT: Tone.BAD, SyncState.PROBLEM: Tone.BAD, SyncState.ELSEWHERE: Tone.GOOD}
_RETRYING = (SyncState.OFFLINE, SyncState.PROBLEM, SyncState.SIGNED_OUT)
# Another process syncs the profile: amber once its last sync is older than this (it may be stuck).
_ELSEWHERE_STALE = timedelta(minutes=10)
_SLOW_MS = 30_000  # "synced 2 min ago" moves on by itself
_FAST_MS = 1_000  # ... and "retrying in 40 s" counts down


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _Dot(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.colour = QColor()
        self.setFixedSize(QSize(10, 10))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        painter.drawEllipse(QRectF(1, 1, 8, 8))


class SyncIndicator(QWidget):
    def __init__(self, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        super().__init__(parent)
        self.setObjectName("syncIndicator")
        self._clock = clock
        self._state = SyncState.IDLE
        self._outbox = 0
        self._conflicts = 0
        self._last_sync: datetime | None = None
        self._retry_at: datetime | None = None
        self._waiting: int | None = None
        self._detail: str | None = None  # what went wrong, or who syncs instead

        self.dot = _Dot(self)
        self.text = QLabel(self)
        self.text.setObjectName("syncText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.conflicts = QLabel(self)
        self.conflicts.setObjectName("syncConflicts")
        self.conflicts.setTextFormat(Qt.TextFormat.PlainText)
        self.conflicts.hide()
        self.waiting = QLabel(self)
        self.waiting.setObjectName("waitingCount")
        self.waiting.setTextFormat(Qt.TextFormat.PlainText)
        self.waiting.hide()

        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.setSpacing(6)
        row.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.text)
        row.addWidget(self.conflicts)
        row.addStretch(1)
        row.addWidget(self.waiting)

        self._timer = QTimer(self)
        self._timer.setInterval(_SLOW_MS)
        self._timer.timeout.connect(self._render)
        self._timer.start()
        self._render()

    # --- public ------------------------------------------------------------------------------------

    def update_status(self, state: SyncState, outbox_open: int, conflicts: int, last_sync: datetime | None,
                      retry_in: float | None, detail: str | None = None) -> None:
        self._state = SyncState(state) if state in _STATE_TONE else SyncState.OFFLINE
        self._detail = detail
        self._outbox = max(0, outbox_open)
        self._conflicts = max(0, conflicts)
        self._last_sync = last_sync
        now = self._clock()
        self._retry_at = now + timedelta(seconds=retry_in) if retry_in is not None and retry_in > 0 else None
        self._timer.setInterval(_FAST_MS if self._retry_at is not None else _SLOW_MS)
        self._render()

    def set_waiting(self, count: int) -> None:
        """Tickets waiting in the agent's queues: a quiet counter, never a notification."""
        self._waiting = max(0, count)
        if self._waiting:
            self.waiting.setText(self.tr("%n waiting", "", self._waiting))
            self.waiting.setToolTip(self.tr("%n tickets wait in your queues", "", self._waiting))
        else:
            self.waiting.setText(self.tr("Nothing waiting"))
            self.waiting.setToolTip(self.tr("No ticket waits in your queues"))
        self.waiting.setAccessibleName(self.waiting.toolTip())
        self.waiting.show()

    def state(self) -> SyncState:
        return self._state

    # --- rendering ---------------------------------------------------------------------------------

    def _render(self) -> None:
        now = self._clock()
        state = self._state
        parts: list[str] = []
        if state is SyncState.SYNCING:
            parts.append(self.tr("Syncing…"))
        elif state is SyncState.SIGNED_OUT:
            parts.append(self.tr("Signed out"))
        elif state is SyncState.OFFLINE:
            parts.append(self.tr("Offline"))
        elif state is SyncState.PROBLEM:
            parts.append(self.tr("Sync problem"))
        elif state is SyncState.ELSEWHERE:
            parts.append(self.tr("Synced by another Monodesk"))
            synced = self._synced_text(now)
            if synced:
                parts.append(synced)
        else:
            synced = self._synced_text(now)
            parts.append(self.tr("Online · %1").replace("%1", synced) if synced else self.tr("Online"))
        if self._outbox:
            parts.append(self._changes_text())
        retry = self._retry_left(now)
        if state in _RETRYING and retry is not None:
            parts.append(self.tr("retrying in %1").replace("%1", span_text(span_seconds(retry))))
        self.text.setText(" · ".join(parts))

        if self._conflicts:
            self.conflicts.setText(self.tr("1 conflict") if self._conflicts == 1
                                   else self.tr("%n conflicts", "", self._conflicts))
        self.conflicts.setVisible(bool(self._conflicts))
        tooltip = self._tooltip(now, retry)
        self.setToolTip(tooltip)
        self.text.setToolTip(tooltip)
        self.conflicts.setToolTip(tooltip)
        self.setAccessibleName(self.text.text())
        self.setAccessibleDescription(tooltip)
        self._apply_palette()

    def _changes_text(self) -> str:
        if self._outbox == 1:
            return self.tr("1 change waiting")
        return self.tr("%n changes waiting", "", self._outbox)

    def _retry_left(self, now: datetime) -> float | None:
        if self._retry_at is None:
            return None
        left = (self._retry_at - now).total_seconds()
        if left <= 0:
            self._retry_at = None
            self._timer.setInterval(_SLOW_MS)
            return None
        return left

    def _synced_text(self, now: datetime) -> str:
        if self._last_sync is None:
            return ""
        a = ago(self._last_sync, now)
        if a.unit is AgoUnit.JUST_NOW:
            return self.tr("synced just now")
        return self.tr("synced %1 ago").replace("%1", self._short_ago(a))

    def _short_ago(self, a: Ago) -> str:
        units = {
            AgoUnit.MINUTES: self.tr("%1 min"),
            AgoUnit.HOURS: self.tr("%1 h"),
            AgoUnit.DAYS: self.tr("%1 d"),
            AgoUnit.WEEKS: self.tr("%1 wk"),
            AgoUnit.MONTHS: self.tr("%1 mo"),
            AgoUnit.YEARS: self.tr("%1 y"),
        }
        return units.get(a.unit, "%1").replace("%1", str(a.count))

    def _tooltip(self, now: datetime, retry: float | None) -> str:
        lines: list[str] = []
        explain = {
            SyncState.IDLE: self.tr("Connected to the helpdesk. Changes are sent in the background."),
            SyncState.SYNCING: self.tr("Exchanging changes with the helpdesk."),
            SyncState.OFFLINE: self.tr(
                "The helpdesk cannot be reached. Your work is kept on this computer and sent when the "
                "connection is back."),
            SyncState.SIGNED_OUT: self.tr(
                "The helpdesk refused the saved sign-in. Sign in again to resume syncing; your work is kept "
                "on this computer."),
            SyncState.PROBLEM: self.tr(
                "Syncing failed for a reason other than the network; Monodesk retries by itself. Your work "
                "is kept on this computer."),
            SyncState.ELSEWHERE: self.tr(
                "Another Monodesk process syncs this profile: this window shows what it brings, and takes "
                "over when it stops."),
        }
        lines.append(explain[self._state])
        if self._detail and self._state in (*_RETRYING, SyncState.ELSEWHERE):
            lines.append(self._detail)
        if self._last_sync is not None:
            synced = self._synced_text(now)
            lines.append(self.tr("Last synced: %1 (%2)").replace("%1", local_datetime(self._last_sync))
                         .replace("%2", synced))
        else:
            lines.append(self.tr("Not synced yet."))
        if self._outbox:
            lines.append(self.tr("Changes waiting to be sent: %1").replace("%1", str(self._outbox)))
        if self._conflicts:
            lines.append(self.tr("Changes that need your decision: %1").replace("%1", str(self._conflicts)))
        if retry is not None:
            lines.append(self.tr("Next attempt in %1").replace("%1", span_text(span_seconds(retry))))
        return "\n".join(lines)

    def _apply_palette(self) -> None:
        pal = self.palette()
        tone = _STATE_TONE[self._state]
        if self._state is SyncState.ELSEWHERE and (self._last_sync is None
                                            or self._clock() - self._last_sync > _ELSEWHERE_STALE):
            tone = Tone.WARN
        self.dot.colour = tone_base(pal, tone)
        self.dot.update()
        amber = QPalette(pal)
        amber.setColor(QPalette.ColorRole.WindowText, tone_text(pal, Tone.WARN))
        self.conflicts.setPalette(amber)
        font = self.conflicts.font()
        font.setBold(True)
        self.conflicts.setFont(font)
        quiet = QPalette(pal)
        quiet.setColor(QPalette.ColorRole.WindowText, quiet_text(pal))
        self.waiting.setPalette(quiet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
