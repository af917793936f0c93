"""Idle time on Windows (GetLastInputInfo) and macOS (CGEventSourceSecondsSinceLastEventType): one
local call each, answered at once. Lock and sleep come to the timer as the window going to the
background there (the session's own notifications are not read yet)."""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

from PySide6.QtCore import QObject

from ui.actions import QT_TRANSLATE_NOOP
from ui.presence import Presence


class WindowsPresence(Presence):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._user32: Any = getattr(ctypes, "windll", None) and ctypes.windll.user32  # type: ignore[attr-defined]
        self._kernel32: Any = getattr(ctypes, "windll", None) and ctypes.windll.kernel32  # type: ignore[attr-defined]

    @property
    def source(self) -> str:
        return QT_TRANSLATE_NOOP("Presence", "Windows' last input time") if self._user32 else ""

    def poll(self) -> None:
        if not self._user32:
            return

        class LastInput(ctypes.Structure):
            _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

        info = LastInput(ctypes.sizeof(LastInput), 0)
        if self._user32.GetLastInputInfo(ctypes.byref(info)):
            # Both in milliseconds since the start, wrapping at 2^32 (49.7 days): their difference holds.
            self.idle.emit(((self._kernel32.GetTickCount() - info.dwTime) & 0xFFFFFFFF) / 1000)


class MacPresence(Presence):
    _ANY_INPUT = 0xFFFFFFFF  # kCGAnyInputEventType
    _COMBINED_SESSION = 0  # kCGEventSourceStateCombinedSessionState

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        path = ctypes.util.find_library("CoreGraphics") or ctypes.util.find_library("ApplicationServices")
        self._cg: Any = None
        if path:
            try:
                self._cg = ctypes.CDLL(path)
                self._cg.CGEventSourceSecondsSinceLastEventType.restype = ctypes.c_double
                self._cg.CGEventSourceSecondsSinceLastEventType.argtypes = [ctypes.c_int, ctypes.c_uint32]
            except (OSError, AttributeError):
                self._cg = None

    @property
    def source(self) -> str:
        return QT_TRANSLATE_NOOP("Presence", "macOS's last input time") if self._cg else ""

    def poll(self) -> None:
        if self._cg is not None:
            self.idle.emit(float(self._cg.CGEventSourceSecondsSinceLastEventType(
                self._COMBINED_SESSION, self._ANY_INPUT)))
