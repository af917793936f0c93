"""The window's place, size and layout, and the agent's choices made in it, kept in the settings file."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

from desktop.settings import Settings
from ui.main_window import MainWindow

log = logging.getLogger(__name__)
_FIRST_SIZE = (1200, 780)


class WindowSettings:
    def __init__(self, settings: Settings, path: Path) -> None:
        self.settings = settings
        self.path = path

    def attach(self, window: MainWindow) -> None:
        """Restore the layout the window had, and save what the agent changes in it."""
        s = self.settings
        window.restore_layout(*(_b64(v) for v in (s.window_geometry, s.window_state, s.splitter_state)))
        if not s.window_geometry:
            window.resize(*_FIRST_SIZE)
        window.language_requested.connect(self._set_language)
        window.take_on_open_changed.connect(self._set_take_on_open)
        window.closing.connect(lambda: self._keep_layout(window))

    def _set_language(self, code: str) -> None:
        self.settings.language = code
        self.save()

    def _set_take_on_open(self, on: bool) -> None:
        self.settings.take_on_open = on
        self.save()

    def _keep_layout(self, window: MainWindow) -> None:
        geometry, state, splitter = window.layout_state()
        self.settings.window_geometry = base64.b64encode(geometry).decode()
        self.settings.window_state = base64.b64encode(state).decode()
        self.settings.splitter_state = base64.b64encode(splitter).decode()
        self.save()

    def save(self) -> None:
        try:
            self.settings.save(self.path)
        except OSError as exc:
            log.warning("cannot save settings: %s", exc)


def _b64(value: str) -> bytes:
    try:
        return base64.b64decode(value) if value else b""
    except ValueError:
        return b""
