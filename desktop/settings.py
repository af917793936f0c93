"""The agent's preferences, kept as JSON in the platformdirs config folder.

Unknown or mistyped values in the file fall back to defaults (with a log line) rather than stopping
the app; writes go to a temporary file first and replace the old one, so a crash never leaves half
a file.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from services.languages import CHOICES

log = logging.getLogger(__name__)



@dataclass(slots=True)
class Settings:
    language: str = "system"  # "system" follows the OS locale
    take_on_open: bool = True  # opening a ticket makes the agent its owner
    sync_interval_seconds: float = 60.0
    # The most one request to the helpdesk may take in all (a server dripping its answer never trips
    # the per-read timeout).
    request_deadline_seconds: float = 120.0
    # After a change may have reached the helpdesk without an answer, how long to leave the helpdesk
    # to finish it before looking for it in the ticket's history (sooner, it could be sent twice).
    settle_after_doubt_seconds: float = 30.0
    # The timer: how long Monodesk may stay in the background and still count (looking something up
    # elsewhere is work), and how long without input counts as away (then the agent says what it was).
    timer_grace_minutes: float = 2.0
    idle_minutes: float = 5.0
    # A gentle word after this long without a break (0: never).
    break_nudge_minutes: float = 90.0
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    splitter_state: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable (%s); using defaults", exc)
            return cls()
        if not isinstance(raw, dict):
            log.warning("settings file is not an object; using defaults")
            return cls()
        settings = cls()
        for f in fields(cls):
            value: Any = raw.get(f.name)
            default = getattr(settings, f.name)
            if value is None:
                continue
            # JSON has no float/int distinction; otherwise the value must have the default's type.
            if type(value) is type(default) or (type(default) is float and type(value) is int):
                setattr(settings, f.name, type(default)(value))
            else:
                log.warning("setting %s has a value of the wrong type; using the default", f.name)
        if settings.language not in CHOICES:
            settings.language = "system"
        settings.sync_interval_seconds = min(max(settings.sync_interval_seconds, 10.0), 3600.0)
        settings.request_deadline_seconds = min(max(settings.request_deadline_seconds, 2.0), 3600.0)
        settings.settle_after_doubt_seconds = min(max(settings.settle_after_doubt_seconds, 0.0), 600.0)
        settings.timer_grace_minutes = min(max(settings.timer_grace_minutes, 0.0), 60.0)
        settings.idle_minutes = min(max(settings.idle_minutes, 1.0), 120.0)
        settings.break_nudge_minutes = min(max(settings.break_nudge_minutes, 0.0), 600.0)
        return settings

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            tmp.chmod(0o600)  # an older leftover .tmp kept its mode through O_CREAT
            handle.write(json.dumps(asdict(self), indent=2))
        tmp.replace(path)
