"""Where the timer learns that the agent is away: the time since their last input (polled), the screen
locked, the machine going to sleep. The platform's sources live in desktop/ (D-Bus on Linux); this
base reports nothing, and the timer then relies on the window being active."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Presence(QObject):
    idle = Signal(float)  # seconds since the agent's last input, answering poll()
    locked = Signal(bool)
    sleeping = Signal(bool)  # True just before the machine sleeps, False once it woke
    source_found = Signal(str)  # the source of idle time changed (its English name, "" for none)

    @property
    def source(self) -> str:
        """What idleness is read from (English, translated in context "Presence" where shown), for the
        timer's tooltip; "" when nothing can tell here (yet)."""
        return ""

    def poll(self) -> None:
        """Ask for the idle time; the answer comes as `idle` (asynchronously: never a blocking call)."""
