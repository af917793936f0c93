"""Skipping a ticket asks for a short reason, inline above the reply box (not a dialog).

Enter skips, Escape cancels; a quick reason fills the field, which the agent can still edit."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ui.models import Tone, quiet_text, tone_fill
from ui.tinted import TintedFrame


class SkipBar(TintedFrame):
    skip_confirmed = Signal(str)  # the reason, trimmed
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("skipBar")

        self.prompt = QLabel(self.tr("Skip this ticket"), self)
        self.prompt.setObjectName("skipPrompt")
        font = self.prompt.font()
        font.setBold(True)
        self.prompt.setFont(font)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("skipReason")
        self.reason.setPlaceholderText(self.tr("Why skip? (e.g. waiting for billing)"))
        self.reason.setAccessibleName(self.tr("Reason for skipping"))
        self.reason.setMaxLength(200)
        self.reason.setClearButtonEnabled(True)
        self.reason.textChanged.connect(self._update)
        self.reason.returnPressed.connect(self._confirm)
        self.prompt.setBuddy(self.reason)

        self.skip_button = QPushButton(self.tr("Skip"), self)
        self.skip_button.setObjectName("skipConfirm")
        self.skip_button.setAccessibleName(self.tr("Skip the ticket"))
        self.skip_button.setToolTip(self.tr("Set this ticket aside until it changes (Enter)"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("skipCancel")
        self.cancel_button.setAccessibleName(self.tr("Cancel skipping"))
        self.cancel_button.setToolTip(self.tr("Keep working on this ticket (Esc)"))
        for button in (self.skip_button, self.cancel_button):
            button.setAutoDefault(False)
        self.skip_button.clicked.connect(lambda _c=False: self._confirm())
        self.cancel_button.clicked.connect(lambda _c=False: self.cancel())

        self.quick_caption = QLabel(self.tr("Quick reasons:"), self)
        self.quick_buttons: list[QPushButton] = []
        for text in (self.tr("Needs a specialist"), self.tr("Waiting for a colleague"),
                     self.tr("Not my product")):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.setFlat(True)
            button.setAccessibleName(self.tr("Reason: %1").replace("%1", text))
            button.setToolTip(self.tr("Use this reason"))
            button.clicked.connect(lambda _c=False, text=text: self._use(text))
            self.quick_buttons.append(button)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.prompt)
        top.addWidget(self.reason, 1)
        top.addWidget(self.skip_button)
        top.addWidget(self.cancel_button)
        quick = QHBoxLayout()
        quick.setSpacing(4)
        quick.addWidget(self.quick_caption)
        for button in self.quick_buttons:
            quick.addWidget(button)
        quick.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 6)
        column.setSpacing(4)
        column.addLayout(top)
        column.addLayout(quick)

        chain = [self.reason, self.skip_button, self.cancel_button, *self.quick_buttons]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._apply_palette()
        self._update()

    # --- public ------------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the prompt, empty, with the cursor in the reason field."""
        self.reason.clear()
        self.show()
        self.reason.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cancel(self) -> None:
        self.hide()
        self.cancelled.emit()

    # --- internals ---------------------------------------------------------------------------------

    def _use(self, text: str) -> None:
        self.reason.setText(text)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reason.end(False)

    def _update(self) -> None:
        self.skip_button.setEnabled(bool(self.reason.text().strip()))

    def _confirm(self) -> None:
        reason = self.reason.text().strip()
        if reason:
            self.skip_confirmed.emit(reason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def tint(self, base: QPalette) -> None:
        pal = QPalette(base)
        pal.setColor(QPalette.ColorRole.Window, tone_fill(base, Tone.ACCENT, 0.10))
        quiet = QPalette(pal)
        quiet.setColor(QPalette.ColorRole.WindowText, quiet_text(pal))
        self.setPalette(pal)
        self.quick_caption.setPalette(quiet)
