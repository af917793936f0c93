"""Composition root: builds the objects one session of Monodesk works with, once, from paths and settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.credentials import Credentials
from desktop.paths import AppPaths
from desktop.redact import Redactor, setup_logging
from services.backends.base import Connector
from services.store import Account, Store
from services.store.asyncstore import AsyncStore

if TYPE_CHECKING:
    from services.sync.engine import SyncEngine

DEMO_ACCOUNT = "demo"
DEMO_USER = "demo.agent"


class WorkspaceError(Exception):
    pass


@dataclass
class Profile:
    """A data directory: its paths, logging, credentials and the replica to read."""

    paths: AppPaths
    redactor: Redactor
    credentials: Credentials
    store: Store

    @classmethod
    def open(cls, data_dir: Path | None, *, verbose: bool = False) -> Profile:
        paths = AppPaths.isolated(data_dir) if data_dir else AppPaths.default()
        paths.ensure()
        redactor = Redactor()
        setup_logging(logging.FileHandler(paths.logs / "monodesk.log", encoding="utf-8"), redactor,
                      verbose=verbose)
        return cls(paths, redactor, Credentials(paths.config, redactor), Store(paths.replica))

    def account(self, *, demo: bool = False) -> Account:
        """The active account; the embedded demo workspace when asked or when none is configured."""
        if not demo:
            active = self.store.accounts.active()
            if active is not None:
                return active
        existing = self.store.accounts.by_name(DEMO_ACCOUNT)
        if existing is not None:
            return existing
        return self.store.accounts.add(DEMO_ACCOUNT, "demo", "", DEMO_USER)

    def connector(self, account: Account, token: str | None = None) -> Connector:
        """token: already read from the keyring (off the GUI thread); read here when not given."""
        if account.backend == "demo":
            from services.backends.demo.connector import DemoConnector

            return DemoConnector(self.paths.demo_state(), user=account.username)
        if account.backend == "rt":
            from services.backends.rt.connector import RTConnector

            token = token or self.credentials.load(account.name)
            if not token:
                raise WorkspaceError(
                    f"No token stored for account {account.name!r}. Add it again with "
                    f"`monodesk account add --backend rt --url {account.url} --user {account.username}`."
                )
            return RTConnector(account.url, account.username, token)
        raise WorkspaceError(f"Unknown helpdesk type {account.backend!r} for account {account.name!r}.")

    def engine(self, account: Account, connector: Connector, writer: AsyncStore | None = None, *,
               interval: float = 60.0) -> tuple[SyncEngine, AsyncStore]:
        """The sync engine, writing through `writer` (a new one when not given)."""
        from services.sync.engine import SyncEngine  # with asyncio: after the window's first paint

        writer = writer or AsyncStore(self.paths.replica)
        return SyncEngine(connector, writer, account.id, account.username, interval=interval), writer

    def close(self) -> None:
        self.store.close()
