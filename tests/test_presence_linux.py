"""The timer's idle, lock and sleep sources on Linux, against real D-Bus daemons (a private session bus
and a private bus standing for the system one) with a small service that implements the documented
interfaces (tests/support/fake_desktop_bus.py), and the X11 screen saver extension under Xvfb: each
source in its order of preference, the next one when a source is absent, and none at all said once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from desktop.presence_linux import LinuxPresence, _X11Idle

FAKE = Path(__file__).parent / "support" / "fake_desktop_bus.py"


class Bus:
    def __init__(self, root: Path, name: str) -> None:
        if shutil.which("dbus-daemon") is None:
            pytest.fail("dbus-daemon is not installed: run tools/install_system_packages.sh as root")
        self.daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                       stdout=subprocess.PIPE, text=True, cwd=root)
        assert self.daemon.stdout is not None
        self.address = self.daemon.stdout.readline().strip()
        self.connection = QDBusConnection.connectToBus(self.address, f"monodesk-test-{name}-{os.getpid()}")
        assert self.connection.isConnected(), f"no connection to the private {name} bus"
        self.services: subprocess.Popen[str] | None = None

    def offer(self, *services: str) -> None:
        self.services = subprocess.Popen([sys.executable, str(FAKE), self.address, *services],
                                         stdout=subprocess.PIPE, text=True)
        assert self.services.stdout is not None
        assert self.services.stdout.readline().strip() == "ready"

    def control(self, member: str, value: str) -> None:
        """Tell the fake service (a call with a reply: its signals follow it)."""
        subprocess.run(["dbus-send", f"--bus={self.address}", "--print-reply", "--dest=test.monodesk.Control",
                        "/", f"test.monodesk.Control.{member}", value], check=True, capture_output=True)

    def close(self) -> None:
        QDBusConnection.disconnectFromBus(self.connection.name())
        for process in (self.services, self.daemon):
            if process is not None:
                process.terminate()
                process.wait(10)


@pytest.fixture
def buses(tmp_path: Path) -> Iterator[tuple[Bus, Bus]]:
    session, system = Bus(tmp_path, "session"), Bus(tmp_path, "system")
    try:
        yield session, system
    finally:
        session.close()
        system.close()


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)


def presence(buses: tuple[Bus, Bus]) -> LinuxPresence:
    session, system = buses
    return LinuxPresence(session_bus=session.connection, system_bus=system.connection)


def idle_once(qtbot: QtBot, source: LinuxPresence) -> float:
    with qtbot.waitSignal(source.idle, timeout=10_000) as signal:
        source.poll()
    return float(signal.args[0])


def test_gnomes_idle_monitor_comes_first(qtbot: QtBot, buses: tuple[Bus, Bus], no_display: None) -> None:
    session, _system = buses
    session.offer("mutter", "screensaver")
    session.control("SetIdle", "uint64:42000")
    source = presence(buses)
    assert 42 <= idle_once(qtbot, source) < 50
    assert source.source == "GNOME's idle monitor"


def test_the_screen_saver_service_when_mutter_is_absent(qtbot: QtBot, buses: tuple[Bus, Bus],
                                                        no_display: None) -> None:
    session, _system = buses
    session.offer("screensaver")
    session.control("SetIdle", "uint64:65000")
    source = presence(buses)
    with qtbot.waitSignal(source.source_found, timeout=10_000):
        assert 65 <= idle_once(qtbot, source) < 70  # GetSessionIdleTime counts seconds
    assert source.source == "the desktop's screen saver service"


def test_loginds_idle_hint_last(qtbot: QtBot, buses: tuple[Bus, Bus], no_display: None) -> None:
    _session, system = buses
    system.offer("logind")
    system.control("SetIdle", "uint64:120000")
    source = presence(buses)
    assert 119 <= idle_once(qtbot, source) < 130
    assert source.source == "the login session's idle hint"
    system.control("SetIdle", "uint64:0")  # back: no idle hint any more
    assert idle_once(qtbot, source) == 0


def test_no_source_is_said_once_and_nothing_is_made_up(qtbot: QtBot, buses: tuple[Bus, Bus],
                                                        no_display: None) -> None:
    source = presence(buses)
    idles: list[float] = []
    source.idle.connect(idles.append)
    with qtbot.waitSignal(source.source_found, timeout=10_000) as signal:
        source.poll()
    assert signal.args == [""] and source.source == ""
    source.poll()  # nothing left to ask: no call, no signal
    assert idles == []


def test_the_lock_from_logind_and_the_screen_saver_and_sleep(qtbot: QtBot, buses: tuple[Bus, Bus]) -> None:
    session, system = buses
    session.offer("screensaver")
    system.offer("logind")
    source = presence(buses)
    locks: list[bool] = []
    source.locked.connect(locks.append)
    with qtbot.waitSignal(source.locked, timeout=10_000) as signal:
        system.control("SetLocked", "boolean:true")
    assert signal.args == [True]
    session.control("SetScreenSaverActive", "boolean:true")  # locked already: nothing new to say
    with qtbot.waitSignal(source.locked, timeout=10_000) as signal:
        system.control("SetLocked", "boolean:false")
        session.control("SetScreenSaverActive", "boolean:false")  # unlocked once both say so
    assert signal.args == [False] and locks == [True, False]
    with qtbot.waitSignal(source.sleeping, timeout=10_000) as signal:
        system.control("Sleep", "boolean:true")
    assert signal.args == [True]
    with qtbot.waitSignal(source.sleeping, timeout=10_000) as signal:
        system.control("Sleep", "boolean:false")
    assert signal.args == [False]


@pytest.fixture
def xvfb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is not installed: run tools/install_system_packages.sh as root")
    server = subprocess.Popen(["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "640x480x24"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert server.stdout is not None
    display = f":{server.stdout.readline().strip()}"
    monkeypatch.setenv("DISPLAY", display)
    try:
        yield display
    finally:
        server.terminate()
        server.wait(10)


def test_the_x11_screen_saver_extension_under_xvfb(qtbot: QtBot, buses: tuple[Bus, Bus], xvfb: str) -> None:
    x11 = _X11Idle.open()
    assert x11 is not None, f"no X11 screen saver extension on {xvfb}"
    first = x11.idle_seconds()
    assert first is not None and first >= 0
    qtbot.waitUntil(lambda: (x11.idle_seconds() or 0) > first, timeout=10_000)  # no input: it grows
    source = presence(buses)  # no D-Bus source on these buses: the X11 one answers
    assert idle_once(qtbot, source) >= 0
    assert source.source == "the X11 screen saver extension"


def test_a_source_that_failed_is_asked_again_later(qtbot: QtBot, buses: tuple[Bus, Bus],
                                                   no_display: None) -> None:
    session, _system = buses
    source = presence(buses)
    with qtbot.waitSignal(source.source_found, timeout=10_000):
        source.poll()  # nothing answers (the desktop is still starting, say)
    session.offer("mutter")
    for _ in range(28):
        source.poll()
    with qtbot.waitSignal(source.idle, timeout=10_000):
        source.poll()  # the 30th poll starts from the preferred source again
    assert source.source == "GNOME's idle monitor"


def test_x11_is_not_asked_under_wayland(qtbot: QtBot, buses: tuple[Bus, Bus], xvfb: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")  # XWayland: X11 would see only X11 windows' input
    source = presence(buses)
    with qtbot.waitSignal(source.source_found, timeout=10_000) as signal:
        source.poll()
    assert signal.args == [""]
