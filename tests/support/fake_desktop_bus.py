"""A small stand-in for the desktop's presence services, on a private bus, as their documentation has
them: GNOME's `org.gnome.Mutter.IdleMonitor` (GetIdletime, milliseconds), the freedesktop
`org.freedesktop.ScreenSaver` (GetSessionIdleTime, seconds; the ActiveChanged signal) on the session
bus, and systemd-logind's `org.freedesktop.login1` (the Manager's PrepareForSleep signal; a session's
LockedHint, IdleHint and IdleSinceHint properties, with PropertiesChanged) on the "system" bus.

Run as a process: `python fake_desktop_bus.py ADDRESS SERVICE...` (SERVICE: mutter, screensaver, logind).
The test drives it through `test.monodesk.Control` on the same bus: SetIdle(t milliseconds),
SetLocked(b), SetScreenSaverActive(b), Sleep(b). It prints "ready" once its names are owned."""

from __future__ import annotations

import sys
import time

from jeepney import (
    DBusAddress,
    HeaderFields,
    MessageType,
    new_error,
    new_method_call,
    new_method_return,
    new_signal,
)
from jeepney.io.blocking import open_dbus_connection

MUTTER = ("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
          "org.gnome.Mutter.IdleMonitor")
SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver")
LOGIN1 = "org.freedesktop.login1"
MANAGER_PATH, MANAGER_IFACE = "/org/freedesktop/login1", "org.freedesktop.login1.Manager"
SESSION_PATH, SESSION_IFACE = "/org/freedesktop/login1/session/auto", "org.freedesktop.login1.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
CONTROL = "test.monodesk.Control"


def main(address: str, services: list[str]) -> None:
    conn = open_dbus_connection(bus=address)
    bus = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                      interface="org.freedesktop.DBus")
    names = [CONTROL]
    if "mutter" in services:
        names.append(MUTTER[0])
    if "screensaver" in services:
        names.append(SCREENSAVER[0])
    if "logind" in services:
        names.append(LOGIN1)
    for name in names:
        conn.send_and_get_reply(new_method_call(bus, "RequestName", "su", (name, 4)))
    state = {"idle_ms": 0, "set_at": time.monotonic(), "locked": False}
    print("ready", flush=True)

    def idle_ms() -> int:
        return int(state["idle_ms"] + (time.monotonic() - state["set_at"]) * 1000)

    while True:
        msg = conn.receive()
        if msg.header.message_type is not MessageType.method_call:
            continue
        fields = msg.header.fields
        path, iface, member = (fields.get(HeaderFields.path), fields.get(HeaderFields.interface),
                               fields.get(HeaderFields.member))
        if member == "SetIdle":
            state["idle_ms"], state["set_at"] = msg.body[0], time.monotonic()
            conn.send(new_method_return(msg))
        elif member == "SetLocked":
            state["locked"] = bool(msg.body[0])
            conn.send(new_method_return(msg))
            emitter = DBusAddress(SESSION_PATH, interface=PROPERTIES)
            conn.send(new_signal(emitter, "PropertiesChanged", "sa{sv}as",
                                 (SESSION_IFACE, {"LockedHint": ("b", state["locked"])}, [])))
        elif member == "SetScreenSaverActive":
            conn.send(new_method_return(msg))
            conn.send(new_signal(DBusAddress(SCREENSAVER[1], interface=SCREENSAVER[2]), "ActiveChanged", "b",
                                 (bool(msg.body[0]),)))
        elif member == "Sleep":
            conn.send(new_method_return(msg))
            conn.send(new_signal(DBusAddress(MANAGER_PATH, interface=MANAGER_IFACE), "PrepareForSleep", "b",
                                 (bool(msg.body[0]),)))
        elif (path, iface, member) == (MUTTER[1], MUTTER[2], "GetIdletime") and "mutter" in services:
            conn.send(new_method_return(msg, "t", (idle_ms(),)))
        elif (path, iface, member) == (SCREENSAVER[1], SCREENSAVER[2], "GetSessionIdleTime") \
                and "screensaver" in services:
            conn.send(new_method_return(msg, "u", (idle_ms() // 1000,)))
        elif (path, iface, member) == (SESSION_PATH, PROPERTIES, "Get") and "logind" in services:
            prop = msg.body[1]
            idle = idle_ms()
            values = {"LockedHint": ("b", state["locked"]), "IdleHint": ("b", idle >= 60_000),
                      "IdleSinceHint": ("t", int((time.time() - idle / 1000) * 1_000_000))}
            if prop in values:
                conn.send(new_method_return(msg, "v", (values[prop],)))
            else:
                conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownProperty", "s", (prop,)))
        else:
            conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod", "s", (str(member),)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
