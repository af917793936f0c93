"""Where Monodesk keeps its files: platformdirs by default, or one folder for an isolated profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Monodesk"
FOLDER_MODE = 0o700


@dataclass(frozen=True, slots=True)
class AppPaths:
    data: Path
    config: Path
    logs: Path

    @classmethod
    def default(cls) -> AppPaths:
        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @classmethod
    def isolated(cls, root: Path) -> AppPaths:
        """Everything under one folder: for tests, benchmarks and trying things out."""
        root = root.expanduser().resolve()
        return cls(data=root / "data", config=root / "config", logs=root / "logs")

    @property
    def replica(self) -> Path:
        return self.data / "replica.sqlite"

    def helpdesk_state(self, kind: str) -> Path:
        """A folder a kind of helpdesk may keep its own data in (the demo keeps its workspace there)."""
        return self.data / f"{kind}-helpdesk"

    @property
    def window_lock(self) -> Path:
        """Held by the open window: a second start on this profile raises it instead."""
        return self.data / "window.lock"

    def ensure(self) -> None:
        """Create the profile's folders, readable by their owner only: the replica holds customers'
        messages, the logs their addresses. Folders made by an older version are tightened too."""
        root = self.data.parent
        if root == self.config.parent == self.logs.parent and not root.exists():  # --data-dir, made here
            root.mkdir(mode=FOLDER_MODE, parents=True)
        for folder in (self.data, self.config, self.logs):
            folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
            if folder.stat().st_mode & 0o077:
                folder.chmod(FOLDER_MODE)
