"""Composition root: builds the objects one session of Monodesk works with, once, from paths and settings."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.credentials import Credentials
from desktop.paths import AppPaths
from desktop.redact import Redactor, setup_logging
from desktop.settings import Settings
from services.backends import registry
from services.backends.base import Connector
from services.backends.registry import BackendKind, ConnectContext, Login
from services.store import Account, Store
from services.store.asyncstore import AsyncStore
from services.store.faults import StoreError, classify
from services.store.profile_lock import Holder, ProfileLock, Role

if TYPE_CHECKING:
    from services.sync.engine import Renew, SyncEngine

DEMO_ACCOUNT = registry.sample().name  # the sample workspace's account: named after its kind
_LOG_MODE = 0o600


class WorkspaceError(Exception):
    pass


@dataclass
class Profile:
    """A data directory: its paths, logging, settings, credentials and the replica to read."""

    paths: AppPaths
    redactor: Redactor
    credentials: Credentials
    store: Store
    settings: Settings
    _locks: list[ProfileLock] = field(default_factory=list)

    @classmethod
    def open(cls, data_dir: Path | None, *, verbose: bool = False,
             redactor: Redactor | None = None) -> Profile:
        """Raises StoreError with a message for the agent when the profile's folders or replica
        cannot be used (read-only, full, damaged). redactor: logging already started with it."""
        paths = cls.paths_for(data_dir)
        redactor = redactor or cls.start_logging(paths, verbose=verbose)
        settings = Settings.load(paths.config / "settings.json")
        # Held (shared) while this process has the replica open: a repair waits for it to go.
        users = ProfileLock.users(paths.replica, Role.ONCE)
        try:
            if not users.try_acquire():
                raise StoreError("Monodesk is repairing this profile's local data right now; try again in "
                                 "a moment.")
            store = Store(paths.replica)
        except BaseException:
            users.release()
            raise
        return cls(paths, redactor, Credentials(paths.config, redactor), store, settings, [users])

    @staticmethod
    def start_logging(paths: AppPaths, *, verbose: bool) -> Redactor:
        """Create the profile's folders and send the log to its file (owner-only)."""
        redactor = Redactor()
        try:
            paths.ensure()
            log_file = _owner_only_log(paths.logs / "monodesk.log")
        except OSError as exc:
            raise _storage_fault(exc, paths) from exc
        setup_logging(log_file, redactor, verbose=verbose)
        return redactor

    @staticmethod
    def paths_for(data_dir: Path | None) -> AppPaths:
        return AppPaths.isolated(data_dir) if data_dir else AppPaths.default()

    @property
    def settings_path(self) -> Path:
        return self.paths.config / "settings.json"

    def account(self, *, demo: bool = False) -> Account:
        """The active account; the embedded demo workspace when asked or when none is configured."""
        if not demo:
            active = self.store.accounts.active()
            if active is not None:
                return active
        return demo_account(self.store)

    def connector(self, account: Account, token: str | None = None) -> Connector:
        """token: already read from the keyring (off the GUI thread); read here when not given."""
        kind = kind_of(account)
        if kind.needs_token:
            token = token or self.credentials.load(account.name)
            if not token:
                raise WorkspaceError(
                    f"No token stored for account {account.name!r}. Add it again with "
                    f"`monodesk account add --backend {kind.name} --url {account.url} "
                    f"--user {account.username}`."
                )
        context = ConnectContext(request_deadline=self.settings.request_deadline_seconds,
                                 state_dir=self.paths.helpdesk_state(kind.name))
        return kind.connect(Login(account.url, account.username, token or ""), context)

    def pusher_holder(self, account: Account) -> Holder | None:
        """Which process pushes this account's changes now, if any."""
        return ProfileLock.pusher(self.paths.replica, account.name, Role.ONCE).holder()

    def pusher_lock(self, account: Account, role: Role) -> ProfileLock:
        """The account's one-pusher lock, for this process (released at the latest when the profile
        closes)."""
        lock = ProfileLock.pusher(self.paths.replica, account.name, role)
        self._locks.append(lock)
        return lock

    def engine(self, account: Account, connector: Connector, writer: AsyncStore | None = None, *,
               interval: float = 60.0, lock: ProfileLock | None = None,
               token: str | None = None) -> tuple[SyncEngine, AsyncStore]:
        """The sync engine, writing through `writer` (a new one when not given). With `lock`, it only
        pushes while this process holds the account's pusher lock. token: the one `connector` uses."""
        from services.sync.engine import SyncEngine  # with asyncio: after the window's first paint

        writer = writer or AsyncStore(self.paths.replica)
        return SyncEngine(connector, writer, account.id, account.username, interval=interval, lock=lock,
                          renew=self._renewer(account, token),
                          settle_after_doubt=self.settings.settle_after_doubt_seconds), writer

    def _renewer(self, account: Account, token: str | None) -> Renew | None:
        """After a refused token: the keyring's token again, and a new connector if it changed (the
        agent renewed it in another window or with `monodesk account add`)."""
        if not kind_of(account).needs_token:
            return None
        import asyncio

        used: list[str | None] = [token or self.credentials.loaded(account.name)]

        async def renew() -> Connector | None:
            token = await asyncio.to_thread(self.credentials.load, account.name)
            if not token or token == used[0]:
                return None
            used[0] = token
            return await asyncio.to_thread(self.connector, account, token)

        return renew

    def close(self) -> None:
        for lock in self._locks:
            lock.release()
        self._locks.clear()
        self.store.close()


def kind_of(account: Account) -> BackendKind:
    """The account's kind of helpdesk; WorkspaceError for one this version does not know."""
    try:
        return registry.kind(account.backend)
    except registry.UnknownBackend as exc:
        raise WorkspaceError(f"{exc} The account {account.name!r} cannot be used.") from None


def is_sample(account: Account) -> bool:
    """The account holds sample data and sends nothing to anyone (the demo workspace)."""
    try:
        return registry.kind(account.backend).sample_data
    except registry.UnknownBackend:
        return False


def _owner_only_log(path: Path) -> logging.FileHandler:
    """The log file, created (or tightened) owner-only: it names customers and tickets."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, _LOG_MODE)
    os.close(fd)
    if path.stat().st_mode & 0o077:
        path.chmod(_LOG_MODE)
    return logging.FileHandler(path, encoding="utf-8")


def _storage_fault(exc: OSError, paths: AppPaths) -> StoreError:
    fault = classify(exc, paths.replica)
    if fault is not None:
        return fault
    return StoreError(f"Monodesk cannot use its folder {paths.data.parent}: {exc.strerror or exc}.")


def demo_account(store: Store) -> Account:
    """The embedded demo workspace's account, made the first time it is asked for."""
    existing = store.accounts.by_name(DEMO_ACCOUNT)
    if existing is not None:
        return existing
    sample = registry.sample()
    return store.accounts.add(DEMO_ACCOUNT, sample.name, "", sample.account_user)
