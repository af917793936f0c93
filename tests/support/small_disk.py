"""A real small disk for storage-fault tests: a tmpfs of a few megabytes, mounted for one test.

Filling it gives the real ENOSPC / SQLITE_FULL path; remounting it read-only gives EROFS, which even
root cannot write through (root ignores file modes, so chmod cannot make a read-only folder for root).
Mounting needs root (or CAP_SYS_ADMIN): without it the fixture FAILS the test rather than skipping it.
"""

from __future__ import annotations

import contextlib
import errno
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


class SmallDisk:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._fillers: list[Path] = []

    def fill(self) -> None:
        """Write until the disk is full (what a runaway download or log does to an agent's laptop)."""
        filler = self.root / f"filler-{len(self._fillers)}"
        self._fillers.append(filler)
        # Unbuffered: a buffered file keeps what a short write left over, and closing it raises ENOSPC
        # again (whenever the free space is not a multiple of the chunk).
        with filler.open("wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise

    def free(self) -> None:
        for filler in self._fillers:
            filler.unlink(missing_ok=True)
        self._fillers.clear()

    def read_only(self, on: bool = True) -> None:
        _mount("-o", f"remount,{'ro' if on else 'rw'}", str(self.root))


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"mount {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()} — the "
                    "storage-fault tests need root to mount a small tmpfs", pytrace=False)


@contextlib.contextmanager
def small_disk(root: Path, size_kb: int = 4096) -> Iterator[SmallDisk]:
    root.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size_kb}k,mode=0700", "tmpfs", str(root))
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], capture_output=True)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk") as mounted:
        yield mounted
