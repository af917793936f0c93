"""The PyInstaller bundle (build.spec): built once per session, trimmed as the spec says, and it starts.

The frozen `monodesk --smoke` runs against a real Secret Service (gnome-keyring on a private D-Bus), so
"keyring found its backends inside the bundle" is checked, not assumed: a bundle that lost keyring's
entry points falls back to the fail backend and exits non-zero.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
BUILD_TIMEOUT = 240  # seconds; about 30-40 s on a 2-core machine
SMOKE_TIMEOUT = 120

# What must never be in the bundle (paths relative to the bundle, "/"-separated).
FORBIDDEN = {
    "QtWebEngine": re.compile(r"QtWebEngine|Qt6WebEngine"),
    "QtQuick": re.compile(r"(^|/)(lib)?Qt6?Quick"),
    "QtQml": re.compile(r"(^|/)(lib)?Qt6?Qml|/qml/"),
    "VirtualKeyboard": re.compile(r"(?i)virtualkeyboard"),
    "QtPdf": re.compile(r"(^|/)(lib)?Qt6?Pdf|/imageformats/[^/]*qpdf"),
    "extra platform plugins": re.compile(r"/platforms/[^/]*(wayland|eglfs|vnc|linuxfb|minimal)"),
    "wayland plugins": re.compile(r"/plugins/wayland-"),
    "gtk3 platform theme": re.compile(r"/platformthemes/[^/]*gtk3"),
    "GTK libraries": re.compile(r"(^|/)libgtk-3\."),
    "QtMultimedia": re.compile(r"(^|/)(lib)?Qt6?Multimedia"),
    "Qt3D": re.compile(r"(^|/)(lib)?Qt6?3D"),
    "QtCharts": re.compile(r"(^|/)(lib)?Qt6?Charts"),
}


@dataclass(frozen=True)
class Bundle:
    folder: Path
    executable: Path
    build_seconds: float

    def files(self) -> list[str]:
        """Every file in the bundle, relative and "/"-separated (symlinks included, not followed)."""
        return sorted(p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*")
                      if p.is_file() or p.is_symlink())

    def size_bytes(self) -> int:
        return sum(p.lstat().st_size for p in self.folder.rglob("*") if p.is_file() and not p.is_symlink())


def _report(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print(f"\n[packaging] {line}")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    """Build build.spec once for this module. Any problem fails the tests: a broken build is a bug."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail("PyInstaller is not installed here: run `uv sync` (it is a dev dependency)")
    if sys.platform.startswith("linux"):
        for tool in ("objdump", "strip", "ldd"):
            if shutil.which(tool) is None:
                pytest.fail(f"PyInstaller needs {tool} on Linux: install binutils (apt-get install binutils)")
    where = tmp_path_factory.mktemp("pyinstaller")
    dist, work = where / "dist", where / "build"
    started = time.monotonic()
    try:
        built = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist),
             "--workpath", str(work), str(SPEC)],
            cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"PyInstaller did not finish within {BUILD_TIMEOUT} s:\n{_tail(exc.stderr)}")
    seconds = time.monotonic() - started
    if built.returncode != 0:
        pytest.fail(f"PyInstaller failed (exit {built.returncode}):\n{_tail(built.stderr)}")
    folder = dist / "monodesk"
    executable = folder / ("monodesk.exe" if sys.platform == "win32" else "monodesk")
    if not executable.is_file():
        pytest.fail(f"the build finished but {executable.name} is missing:\n{_tail(built.stderr)}")
    yield Bundle(folder, executable, seconds)
    shutil.rmtree(where, ignore_errors=True)


def _tail(output: str | bytes | None, lines: int = 60) -> str:
    if isinstance(output, bytes):
        output = output.decode(errors="replace")
    return "\n".join((output or "").splitlines()[-lines:])


def test_bundle_leaves_out_what_monodesk_does_not_use(bundle: Bundle,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    files = bundle.files()
    size = bundle.size_bytes()
    _report(capsys, f"bundle {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) in {len(files)} files, "
                    f"built in {bundle.build_seconds:.1f} s")
    found = {what: hits for what, pattern in FORBIDDEN.items()
             if (hits := [f for f in files if pattern.search("/" + f)])}
    assert not found, f"the bundle holds what build.spec should drop: {found}"

    plugins = {f.rsplit("/plugins/", 1)[1] for f in files if "/plugins/" in f}
    if sys.platform.startswith("linux"):
        assert {"platforms/libqxcb.so", "platforms/libqoffscreen.so"} <= plugins, sorted(plugins)

    qt_translations = [f.rsplit("/", 1)[1] for f in files if re.search(r"/translations/[^/]+\.qm$", f)]
    assert "qtbase_fr.qm" in qt_translations, "Qt's French strings (buttons, menus) must ship"
    others = [t for t in qt_translations if not re.search(r"_(en|fr)\.qm$", t)]
    assert not others, f"Qt translations for languages Monodesk does not ship: {others}"

    # keyring finds its backends through its entry points: its metadata must be in the bundle.
    assert any(re.fullmatch(r"_internal/keyring-[^/]+\.dist-info/entry_points\.txt", f) for f in files)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_kept_qt_binaries_find_their_qt_libraries(bundle: Bundle) -> None:
    """Nothing the spec keeps links to a Qt library the spec dropped (a plugin that would not load)."""
    internal = bundle.folder / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}  # what the bootloader sets at run time
    broken: dict[str, list[str]] = {}
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        missing = re.findall(r"^\s*(\S+) => not found", out, flags=re.MULTILINE)
        ours = [lib for lib in missing if re.match(r"lib(Qt6|pyside6|shiboken6)", lib)]
        if ours:
            broken[path.relative_to(bundle.folder).as_posix()] = ours
    assert not broken, f"bundled binaries link to Qt libraries that are not in the bundle: {broken}"


def test_frozen_app_starts_with_a_real_keyring(bundle: Bundle, secret_service: dict[str, str],
                                               tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = {**secret_service, "QT_QPA_PLATFORM": "offscreen"}
    started = time.monotonic()
    try:
        run = subprocess.run(
            [str(bundle.executable), "--smoke", "--data-dir", str(tmp_path / "profile")],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=SMOKE_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the frozen smoke run did not exit within {SMOKE_TIMEOUT} s:\n{_tail(exc.stderr)}")
    seconds = time.monotonic() - started
    _report(capsys, f"frozen `monodesk --smoke` (fresh profile, demo workspace): exit {run.returncode} "
                    f"after {seconds:.2f} s")
    assert run.returncode == 0, f"exit {run.returncode}\nstdout:\n{run.stdout}\nstderr:\n{_tail(run.stderr)}"

    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, f"expected one JSON line on stdout, got:\n{run.stdout}"
    result: dict[str, Any] = json.loads(lines[0])
    assert "SecretService" in result["keyring"], result
    assert result["keyring_usable"] is True, result
    assert isinstance(result["ticket"], str) and result["ticket"].strip(), result
