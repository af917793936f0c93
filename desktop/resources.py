"""Where the shipped resources are: beside the sources, or inside a frozen (PyInstaller) bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def app_version() -> str:
    """Monodesk's version as installed ("development" when run from sources without an install)."""
    from importlib import metadata

    try:
        return metadata.version("monodesk")
    except metadata.PackageNotFoundError:
        return "development"
