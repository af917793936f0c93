"""The Qt binding itself: PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every call
returning void, which ends a long session with "Fatal Python error: none_dealloc". The lock pins a
release without it; this test keeps a future upgrade honest."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(2000):
        label.setText(str(n))
    assert sys.getrefcount(None) - before > -100
