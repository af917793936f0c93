"""The platform's presence source for the timer (idle time, screen lock, sleep), made once the window
has painted: each is a few system calls, imported only where it runs."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject

from ui.presence import Presence

log = logging.getLogger(__name__)


def platform_presence(parent: QObject) -> Presence:
    platform: str = sys.platform  # (a plain string: each branch is checked on every platform)
    if platform.startswith("linux"):
        from desktop.presence_linux import LinuxPresence

        return LinuxPresence(parent)
    if platform == "win32":
        from desktop.presence_other import WindowsPresence

        return WindowsPresence(parent)
    if platform == "darwin":
        from desktop.presence_other import MacPresence

        return MacPresence(parent)
    log.info("no idle source for %s: the timer relies on the window being active", platform)
    return Presence(parent)
