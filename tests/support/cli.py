"""Running the real `monodesk` command in a child process, as a person or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def monodesk(data_dir: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None,
             check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        input=stdin, capture_output=True, text=True, timeout=timeout, env=env or dict(os.environ),
    )
    if check and result.returncode != 0:
        raise AssertionError(f"monodesk {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result
