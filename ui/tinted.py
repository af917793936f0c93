"""A bar tinted from its parent's palette (a notice, the skip prompt, a held change, the timer), and
tinted again when that palette changes: the system switched between light and dark."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QWidget


class TintedFrame(QFrame):
    """Subclasses set their palettes in `tint`, and call `_apply_palette` once their widgets exist.
    The palettes they set are not taken for a change of the parent's (no loop)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self._tinting = False

    def tint(self, base: QPalette) -> None:
        """Set this frame's palettes from `base`, the parent's (or the application's)."""
        raise NotImplementedError

    def _apply_palette(self) -> None:
        parent = self.parentWidget()
        base = parent.palette() if parent is not None else QGuiApplication.palette()
        self._tinting = True
        try:
            self.tint(base)
        finally:
            self._tinting = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._tinting:
            QTimer.singleShot(0, self, self._apply_palette)  # the theme changed: tint the new colours
