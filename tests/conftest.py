"""Shared test setup. Real parts everywhere they can run: RT 5, SQLite, Secret Service, Qt offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.support.rt_fixtures", "tests.support.secret_service", "tests.support.qt",
                  "tests.support.small_disk"]
