"""Presence on Linux desktops, over QtDBus (it runs on Qt's own loop: no GLib loop, no thread).

Idle time, from the first source that answers (each asked asynchronously, never blocking the window):
GNOME's `org.gnome.Mutter.IdleMonitor` GetIdletime (ms), then the freedesktop `org.freedesktop.ScreenSaver`
GetSessionIdleTime (s), then the X11 screen saver extension (ms, when the window runs on X11), then
systemd-logind's session IdleHint / IdleSinceHint. The screen lock comes from logind's LockedHint
(PropertiesChanged) and the screen savers' ActiveChanged signal; sleep from logind's PrepareForSleep."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import time
from collections.abc import Callable

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusPendingCallWatcher,
    QDBusVariant,
)

from ui.actions import QT_TRANSLATE_NOOP
from ui.presence import Presence

log = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"
LOGIN1_SESSION = "/org/freedesktop/login1/session/auto"
PROPERTIES = "org.freedesktop.DBus.Properties"
_TIMEOUT_MS = 5000  # a source that does not answer in time counts as absent
_RETRY_FIRST_EVERY = 30  # polls (5 minutes): the preferred sources are asked again


def _connect(bus: QDBusConnection, *args: object) -> None:
    """QDBusConnection.connect to a receiver's slot. The stubs type the slot as bytes, but PySide takes
    (only) the string SLOT() makes: the stub is wrong, the call is checked by the tests."""
    if not bus.connect(*args):  # type: ignore[call-overload]
        log.info("no D-Bus subscription to %s", args[2:5])


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"not a number: {value!r}")
    return float(value)


class _Receiver(QObject):
    """The D-Bus signals' receiver: QtDBus delivers to slots declared with their D-Bus signature."""

    screen_saver = Signal(bool)
    sleeping = Signal(bool)
    session_changed = Signal()

    @Slot(bool)
    def on_active_changed(self, active: bool) -> None:
        self.screen_saver.emit(active)

    @Slot(bool)
    def on_prepare_for_sleep(self, going: bool) -> None:
        self.sleeping.emit(going)

    @Slot(QDBusMessage)
    def on_properties_changed(self, _message: QDBusMessage) -> None:
        self.session_changed.emit()


class LinuxPresence(Presence):
    def __init__(self, parent: QObject | None = None, *, session_bus: QDBusConnection | None = None,
                 system_bus: QDBusConnection | None = None) -> None:
        """The buses: the desktop's own unless given (tests give private ones)."""
        super().__init__(parent)
        self._session_bus = session_bus or QDBusConnection.sessionBus()
        self._system_bus = system_bus or QDBusConnection.systemBus()
        self._sources: list[tuple[str, Callable[[], None]]] = [
            (QT_TRANSLATE_NOOP("Presence", "GNOME's idle monitor"), self._ask_mutter),
            (QT_TRANSLATE_NOOP("Presence", "the desktop's screen saver service"), self._ask_screensaver),
            (QT_TRANSLATE_NOOP("Presence", "the X11 screen saver extension"), self._ask_x11),
            (QT_TRANSLATE_NOOP("Presence", "the login session's idle hint"), self._ask_logind),
        ]
        self._current = 0  # the source in use (or the next to try)
        self._polls = 0
        self._said_none = False
        self._source = ""
        self._watchers: set[QDBusPendingCallWatcher] = set()
        self._x11: _X11Idle | None = None
        self._locked_by: dict[str, bool] = {}
        self._receiver = _Receiver(self)
        self._receiver.screen_saver.connect(lambda on: self._lock_from("screen saver", on))
        self._receiver.sleeping.connect(self.sleeping.emit)
        self._receiver.session_changed.connect(self._read_locked_hint)
        self._listen()
        self._read_locked_hint()  # (locked already when the app starts: a start from a lock screen)

    @property
    def source(self) -> str:
        return self._source

    def poll(self) -> None:
        self._polls += 1
        if self._current > 0 and self._polls % _RETRY_FIRST_EVERY == 0:
            self._current = 0  # a source that failed once (just after a resume, say) is tried again
        if self._current < len(self._sources):
            self._sources[self._current][1]()

    # --- idle sources, in order ------------------------------------------------------------------

    def _ask_mutter(self) -> None:
        self._call(self._session_bus, "org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
                   "org.gnome.Mutter.IdleMonitor", "GetIdletime", lambda value: _number(value) / 1000)

    def _ask_screensaver(self) -> None:
        self._call(self._session_bus, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                   "org.freedesktop.ScreenSaver", "GetSessionIdleTime", _number)

    def _ask_x11(self) -> None:
        if os.environ.get("WAYLAND_DISPLAY"):  # under XWayland, X11 sees only the X11 windows' input
            self._next_source()
            return
        if self._x11 is None:
            self._x11 = _X11Idle.open()
        idle = self._x11.idle_seconds() if self._x11 is not None else None
        if idle is None:
            self._next_source()
        else:
            self._found(idle)

    def _ask_logind(self) -> None:
        def since(value: object) -> float:
            usec = _number(value)
            return max(0.0, time.time() - usec / 1_000_000) if usec else 0.0

        def hint(idle: object) -> None:
            if not idle:
                self._found(0.0)
            else:
                self._get(self._system_bus, LOGIN1, LOGIN1_SESSION, "org.freedesktop.login1.Session",
                          "IdleSinceHint", lambda value: self._found(since(value)), self._next_source)

        self._get(self._system_bus, LOGIN1, LOGIN1_SESSION, "org.freedesktop.login1.Session", "IdleHint",
                  hint, self._next_source)

    # --- lock and sleep --------------------------------------------------------------------------

    def _listen(self) -> None:
        for interface, path in (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                                ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")):
            _connect(self._session_bus, "", path, interface, "ActiveChanged", "b", self._receiver,
                     SLOT("on_active_changed(bool)"))
        _connect(self._system_bus, LOGIN1, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                 "PrepareForSleep", "b", self._receiver, SLOT("on_prepare_for_sleep(bool)"))
        _connect(self._system_bus, LOGIN1, LOGIN1_SESSION, PROPERTIES, "PropertiesChanged", self._receiver,
                 SLOT("on_properties_changed(QDBusMessage)"))

    def _read_locked_hint(self) -> None:
        self._get(self._system_bus, LOGIN1, LOGIN1_SESSION, "org.freedesktop.login1.Session", "LockedHint",
                  lambda value: self._lock_from("session", bool(value)), lambda: None)

    def _lock_from(self, source: str, on: bool) -> None:
        before = any(self._locked_by.values())
        self._locked_by[source] = on
        now = any(self._locked_by.values())
        if now != before:
            self.locked.emit(now)

    # --- D-Bus, asynchronously -------------------------------------------------------------------

    def _call(self, bus: QDBusConnection, service: str, path: str, interface: str, method: str,
              seconds: Callable[[object], float]) -> None:
        def answered(values: list[object]) -> None:
            try:
                self._found(seconds(values[0]))
            except (IndexError, TypeError, ValueError):
                log.info("%s.%s answered %r: not an idle time", interface, method, values[:1])
                self._next_source()

        self._async(bus, QDBusMessage.createMethodCall(service, path, interface, method), answered,
                    self._next_source)

    def _get(self, bus: QDBusConnection, service: str, path: str, interface: str, name: str,
             then: Callable[[object], None], failed: Callable[[], None]) -> None:
        call = QDBusMessage.createMethodCall(service, path, PROPERTIES, "Get")
        call.setArguments([interface, name])

        def answered(values: list[object]) -> None:
            if not values:
                failed()
                return
            value = values[0]
            then(value.variant() if isinstance(value, QDBusVariant) else value)

        self._async(bus, call, answered, failed)

    def _async(self, bus: QDBusConnection, call: QDBusMessage, answered: Callable[[list[object]], None],
               failed: Callable[[], None]) -> None:
        watcher = QDBusPendingCallWatcher(bus.asyncCall(call, _TIMEOUT_MS), self)
        self._watchers.add(watcher)

        def finished(w: QDBusPendingCallWatcher) -> None:
            self._watchers.discard(w)
            w.deleteLater()
            if w.isError():
                failed()
            else:
                answered(list(w.reply().arguments()))

        watcher.finished.connect(finished)

    def _found(self, seconds: float) -> None:
        name = self._sources[self._current][0]
        self._said_none = False
        if self._source != name:
            self._source = name
            log.info("idle time comes from %s", name)
            self.source_found.emit(name)
        self.idle.emit(max(0.0, seconds))

    def _next_source(self) -> None:
        """The source in use did not answer: the next one, now (the first that answers stays)."""
        self._source = ""
        self._current += 1
        if self._current < len(self._sources):
            self._sources[self._current][1]()
        else:
            if not self._said_none:
                self._said_none = True
                log.info("no idle source answered: the timer relies on the window being active")
            self.source_found.emit("")


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [("window", ctypes.c_ulong), ("state", ctypes.c_int), ("kind", ctypes.c_int),
                ("til_or_since", ctypes.c_ulong), ("idle", ctypes.c_ulong), ("eventMask", ctypes.c_ulong)]


class _X11Idle:
    """XScreenSaverQueryInfo on a connection of its own (a local round trip: microseconds)."""

    def __init__(self, xlib: ctypes.CDLL, xss: ctypes.CDLL, display: int) -> None:
        self._xlib, self._xss, self._display = xlib, xss, display
        self._info = xss.XScreenSaverAllocInfo()

    @classmethod
    def open(cls) -> _X11Idle | None:
        if not os.environ.get("DISPLAY"):
            return None
        names = ctypes.util.find_library("X11"), ctypes.util.find_library("Xss")
        if not all(names):
            return None
        try:
            xlib, xss = ctypes.CDLL(names[0]), ctypes.CDLL(names[1])
            xlib.XOpenDisplay.restype = ctypes.c_void_p
            xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
            xlib.XDefaultRootWindow.restype = ctypes.c_ulong
            xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
            xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
            xss.XScreenSaverQueryInfo.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                                  ctypes.POINTER(_XScreenSaverInfo)]
            display = xlib.XOpenDisplay(None)
        except (OSError, AttributeError):
            return None
        return cls(xlib, xss, display) if display else None

    def idle_seconds(self) -> float | None:
        root = self._xlib.XDefaultRootWindow(self._display)
        if not self._xss.XScreenSaverQueryInfo(self._display, root, self._info):
            return None
        return float(self._info.contents.idle) / 1000
