"""Where the open window listens for a second start: a Unix socket path the OS accepts, however deep the
runtime folder, and the same for every process naming the profile."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from desktop.instance import socket_name

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="named pipes on Windows")


def test_a_deep_runtime_folder_still_gives_a_socket_the_os_accepts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = tmp_path / ("a-folder-with-a-long-name-" * 4)
    deep.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    profile = tmp_path / "profile"
    name = socket_name(profile)
    assert name == socket_name(profile / ".." / "profile")  # the same profile by another path
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(name)  # would raise "AF_UNIX path too long" inside the deep folder
    Path(name).unlink()


def test_a_short_runtime_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    short = Path("/tmp") / f"md-rt-{tmp_path.name[-8:]}"
    short.mkdir(exist_ok=True)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(short))
    try:
        assert Path(socket_name(tmp_path / "profile")).parent == short
    finally:
        short.rmdir()
