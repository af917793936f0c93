"""A real Secret Service for credential tests: a private D-Bus session bus with gnome-keyring on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

KEYRING_PASSWORD = b"monodesk-test-keyring"


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not come up within {timeout:.0f} s")
        time.sleep(0.02)


@pytest.fixture
def secret_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Start dbus-daemon + an unlocked gnome-keyring in a private home; yield the environment to use."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed: run tools/install_system_packages.sh as root")
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
           "XDG_DATA_HOME": str(home / ".local/share"), "XDG_CONFIG_HOME": str(home / ".config")}
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           env=env, stdout=subprocess.PIPE, text=True)
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                              env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    assert daemon.stdin is not None
    daemon.stdin.write(KEYRING_PASSWORD)
    daemon.stdin.close()
    try:
        def service_is_up() -> bool:
            probe = subprocess.run(
                ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
                 "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
                env=env, capture_output=True, text=True)
            return "boolean true" in probe.stdout

        _wait_for(service_is_up, 15, "gnome-keyring's Secret Service")
        for key in ("HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                    "DBUS_SESSION_BUS_ADDRESS"):
            monkeypatch.setenv(key, env[key])
        import keyring
        import keyring.core

        # keyring caches its backend choice: make it choose again on this bus.
        monkeypatch.setattr(keyring.core, "_keyring_backend", None)
        keyring.core.init_backend()
        yield env
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        bus.terminate()
        bus.wait(timeout=10)
        import keyring.core

        keyring.core._keyring_backend = None
