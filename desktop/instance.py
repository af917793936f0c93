"""One window per profile, as desktop apps do: a second start raises the open window instead.

The open window holds the profile's window lock (services.store.profile_lock) and listens on a local
socket named after the profile. Another process that finds the lock taken sends it one line:
- "raise": bring the window to the front (a second `monodesk` on the same profile);
- "sync": sync now (a command queued a change, or asked to sync, while the window syncs the profile).

The client side is plain Python (no Qt), so the command line pays nothing for it.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

COMMANDS = ("raise", "sync")
_TIMEOUT = 2.0
_MAX_SOCKET_PATH = 100  # bytes; the OS refuses a Unix socket path over 104-108


def socket_name(data_folder: Path) -> str:
    """Where the window of this profile listens: short (a Unix socket path is at most ~100 bytes),
    private to the user, and the same for every process that names the profile by any path."""
    digest = hashlib.sha256(str(data_folder.resolve()).encode()).hexdigest()[:20]
    if sys.platform == "win32":  # pragma: no cover - a named pipe: \\.\pipe\<name>
        return f"monodesk-{digest}"
    name = f"monodesk-{os.getuid()}-{digest}.sock"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir() and len(str(Path(runtime) / name)) <= _MAX_SOCKET_PATH:
        return str(Path(runtime) / name)
    import tempfile  # rarely needed: not imported at start-up

    return str(Path(tempfile.gettempdir()) / name)  # a runtime folder too deep for a socket: /tmp


def tell_window(data_folder: Path, command: str) -> bool:
    """Send a command to the open window of this profile; False when none answers."""
    if command not in COMMANDS:
        raise ValueError(command)
    name = socket_name(data_folder)
    line = f"{command}\n".encode()
    try:
        if sys.platform == "win32":  # pragma: no cover
            with Path(rf"\\.\pipe\{name}").open("wb", buffering=0) as pipe:
                pipe.write(line)
            return True
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(_TIMEOUT)
            client.connect(name)
            client.sendall(line)
            with contextlib.suppress(OSError):
                client.recv(16)  # the window answers "ok" once it has read the line
        return True
    except OSError as exc:
        log.info("no window answered on %s: %s", name, exc)
        return False


class WindowServer:
    """The open window's end of the socket (QLocalServer, so it runs on Qt's event loop)."""

    def __init__(self, data_folder: Path, handle: Callable[[str], None]) -> None:
        from PySide6.QtNetwork import QLocalServer

        self._handle = handle
        self._server = QLocalServer()
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = socket_name(data_folder)
        # We hold the window lock, so a socket left by a crashed window is nobody's: remove it.
        QLocalServer.removeServer(name)
        if not self._server.listen(name):
            log.warning("cannot listen on %s (%s): a second start cannot raise this window",
                        name, self._server.errorString())
        self._server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: object) -> None:
        from PySide6.QtNetwork import QLocalSocket

        assert isinstance(connection, QLocalSocket)
        while connection.canReadLine():
            command = bytes(connection.readLine().data()).decode("ascii", "replace").strip()
            if command in COMMANDS:
                self._handle(command)
                connection.write(b"ok\n")
                connection.flush()
            else:
                log.info("ignored %r on the window's socket", command[:40])

    def close(self) -> None:
        self._server.close()
