"""A notice inside the window, never a modal pop-up.

One notice at a time: a new one replaces the last. Information goes away by itself after a few seconds;
errors stay until the agent dismisses them (the × button, or Escape when nothing else wants it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QEnterEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from ui.models import Tone, tone_base, tone_fill, tone_text
from ui.tinted import TintedFrame

INFO_MS = 8_000
_KIND_TONE = {"error": Tone.BAD, "warning": Tone.WARN, "info": Tone.ACCENT, "success": Tone.GOOD}
_STAYS = ("error", "warning")


class NoticeBar(TintedFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._kind = "info"
        self._action: Callable[[], None] | None = None
        self._window: QWidget | None = None

        self.stripe = QWidget(self)  # the kind's colour at the edge: errors read as errors at a glance
        self.stripe.setFixedWidth(4)
        self.stripe.setAutoFillBackground(True)
        self.text = QLabel(self)
        self.text.setObjectName("noticeText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setContentsMargins(0, 8, 0, 8)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("noticeAction")
        self.action_button.setAutoDefault(False)
        self.action_button.clicked.connect(self._run_action)
        self.action_button.hide()
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("noticeClose")
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        font = self.close_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.close_button.setFont(font)
        self.close_button.setAccessibleName(self.tr("Dismiss the notice"))
        self.close_button.setToolTip(self.tr("Dismiss (Esc)"))
        self.close_button.clicked.connect(self.dismiss)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 8, 0)
        row.setSpacing(10)
        row.addWidget(self.stripe)
        row.addSpacing(2)
        row.addWidget(self.text, 1)
        row.addWidget(self.action_button)
        row.addWidget(self.close_button)
        QWidget.setTabOrder(self.action_button, self.close_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    # --- public ------------------------------------------------------------------------------------

    def show_notice(self, text: str, kind: str = "error", action_text: str | None = None,
                    action: Callable[[], None] | None = None) -> None:
        """Show `text`, replacing any notice on screen. kind: "error" | "warning" | "info" | "success"."""
        self._kind = kind if kind in _KIND_TONE else "error"
        self._action = action
        self.text.setText(text)
        self.setAccessibleName(text)
        has_action = bool(action_text) and action is not None
        self.action_button.setText(action_text or "")
        self.action_button.setAccessibleName(action_text or "")
        self.action_button.setVisible(has_action)
        self._apply_palette()
        self.show()
        self._watch_window()
        if self._kind in _STAYS:
            self._timer.stop()
        else:
            self._timer.start(INFO_MS)

    def dismiss(self) -> None:
        self._timer.stop()
        self._action = None
        self.hide()

    def kind(self) -> str:
        return self._kind

    def auto_hides(self) -> bool:
        return self._timer.isActive()

    # --- internals ---------------------------------------------------------------------------------

    def _run_action(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()

    def _watch_window(self) -> None:
        """Escape anywhere in the window dismisses the notice, unless a widget there used the key
        (the skip bar, the command palette...): unhandled key presses travel up to the window."""
        window = self.window()
        if window is self or window is self._window:
            return
        if self._window is not None:
            self._window.removeEventFilter(self)
        window.installEventFilter(self)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self._window and self.isVisible() and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.dismiss()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)

    def enterEvent(self, event: QEnterEvent) -> None:
        super().enterEvent(event)
        if self._timer.isActive():
            self._timer.stop()  # the agent is reading it: wait until the mouse leaves

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        if self.isVisible() and self._kind not in _STAYS:
            self._timer.start(INFO_MS)

    def tint(self, base: QPalette) -> None:
        tone = _KIND_TONE[self._kind]
        pal = QPalette(base)
        pal.setColor(QPalette.ColorRole.Window, tone_fill(base, tone, 0.18))
        pal.setColor(QPalette.ColorRole.WindowText, tone_text(base, Tone.NEUTRAL))
        stripe = QPalette(base)
        stripe.setColor(QPalette.ColorRole.Window, tone_base(base, tone))
        self.setPalette(pal)
        self.stripe.setPalette(stripe)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)  # (a palette change tints again)
        if event.type() == QEvent.Type.ParentChange and self._window is not None:
            self._window.removeEventFilter(self)
            self._window = None
