"""The profile's files are the owner's alone: the replica holds customers' messages, the logs their
addresses, the opt-in plaintext file a token. Modes are set on every write and checked on read, also
for files an older version (or a copy, or a restore) left readable by others."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop.credentials import CredentialError, Credentials
from desktop.redact import Redactor
from services.store import Store
from tests.support.cli import monodesk


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_folders_and_files_of_a_profile_are_owner_only_even_when_they_were_not(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    for folder in ("data", "config", "logs"):
        (profile / folder).mkdir(parents=True, mode=0o755)
        (profile / folder).chmod(0o755)
    (profile / "logs" / "monodesk.log").write_text("older lines\n")
    (profile / "logs" / "monodesk.log").chmod(0o644)
    monodesk(profile, "sync", "--once")  # creates the replica, its WAL, the lock, the journal, the copy
    replica = profile / "data" / "replica.sqlite"
    replica.chmod(0o644)  # as an older version left it
    ticket = monodesk(profile, "status", "--json")  # reopens: tightened again
    assert ticket.returncode == 0
    monodesk(profile, "-v", "sync", "--once")
    conn = sqlite3.connect(replica)
    ticket = conn.execute("SELECT remote_id FROM tickets WHERE status = 'open' LIMIT 1").fetchone()[0]
    conn.close()
    monodesk(profile, "reply", ticket, stdin="Queued: in the journal too.")  # writes the outbox journal

    for folder in ("data", "config", "logs"):
        assert mode(profile / folder) == 0o700, folder
    with Store(replica) as open_store:  # the WAL and its index exist while a connection is open
        open_store.accounts.set_state(1, "probe", "x")
        files = [p for p in (profile / "data").iterdir() if p.is_file()] + [profile / "logs" / "monodesk.log"]
        assert {p.name for p in files} >= {"replica.sqlite", "replica.sqlite-wal", "replica.sqlite-shm",
                                            "replica.sqlite.last-good", "replica.sqlite.users-lock",
                                            "replica.sqlite.outbox-journal", "monodesk.log"}
        assert any(p.name.startswith("replica.sqlite.sync-lock-") for p in files)
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert (profile / "logs" / "monodesk.log").read_text().startswith("older lines")


def test_the_plaintext_token_file_is_owner_only_on_every_write_and_is_closed_again_on_read(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = tmp_path / "config"
    config.mkdir()
    plain = config / "insecure-tokens.json"
    plain.write_text("{}")
    plain.chmod(0o644)  # an existing file keeps its mode through O_CREAT: this was the hole
    creds = Credentials(config, Redactor())
    creds.store("acme", "tok-plain-1", plaintext_opt_in=True)
    assert mode(plain) == 0o600

    plain.chmod(0o644)  # a copy or a backup restore loosened it
    with caplog.at_level(logging.WARNING):
        assert Credentials(config, Redactor()).load("acme") == "tok-plain-1"
    assert mode(plain) == 0o600
    assert "readable by other users" in caplog.text and "tok-plain-1" not in caplog.text


def test_settings_are_written_owner_only(tmp_path: Path) -> None:
    from desktop.settings import Settings

    path = tmp_path / "settings.json"
    path.with_suffix(".tmp").write_text("leftover")
    path.with_suffix(".tmp").chmod(0o644)
    Settings().save(path)
    assert mode(path) == 0o600


def test_an_unreachable_keyring_is_called_unreachable_not_an_empty_one(
        tmp_path: Path, secret_service: dict[str, str]) -> None:
    profile = tmp_path / "profile"
    monodesk(profile, "account", "add", "--backend", "rt", "--url", "http://127.0.0.1:9", "--user", "agent",
             "--no-check", stdin="tok-kept-in-keyring\n", env=secret_service)
    no_bus = {k: v for k, v in secret_service.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    result = monodesk(profile, "sync", "--once", env=no_bus, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot be reached" in result.stderr and "the token is still there" in result.stderr
    assert "No token stored" not in result.stderr and "add it again" not in result.stderr

    # This process chose the Secret Service while the bus was there; now the bus is gone.
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
    with pytest.raises(CredentialError, match="cannot be reached"):
        Credentials(profile / "config", Redactor()).load("agent@127.0.0.1:9")
