"""Where Monodesk keeps its files: platformdirs by default, or one folder for an isolated profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Monodesk"


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

    def demo_state(self) -> Path:
        return self.data / "demo-helpdesk"

    def ensure(self) -> None:
        for folder in (self.data, self.config, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
