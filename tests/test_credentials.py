"""Tokens live in a real Secret Service (gnome-keyring on a private D-Bus), and nowhere else."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import keyring
import pytest

from desktop.credentials import SERVICE
from desktop.redact import RedactingFilter, Redactor
from tests.support.cli import monodesk
from tests.support.rt_instance import RTInstance

ACCOUNT_USER = "agent"


def files_containing(root: Path, secret: str) -> list[Path]:
    needle = secret.encode()
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.mark.rt
def test_token_is_kept_in_the_keyring_and_in_no_file_or_log(
        rt: RTInstance, tmp_path: Path, secret_service: dict[str, str]) -> None:
    profile = tmp_path / "profile"
    added = monodesk(profile, "account", "add", "--backend", "rt", "--url", rt.url, "--user", ACCOUNT_USER,
                     stdin=rt.agent_token + "\n", env=secret_service)
    assert "system keyring" in added.stdout and "SecretService" in added.stdout
    name = f"{ACCOUNT_USER}@{rt.url.split('://')[1]}"
    assert keyring.get_password(SERVICE, f"account:{name}") == rt.agent_token

    # The token is read back from the keyring to sync, with verbose logging on.
    synced = monodesk(profile, "-v", "sync", "--once", env=secret_service)
    assert "pulled" in synced.stdout
    log_lines = (profile / "logs" / "monodesk.log").read_text(encoding="utf-8")
    assert log_lines  # the log is written...
    assert rt.agent_token not in log_lines + synced.stdout + synced.stderr  # ...without the token
    assert files_containing(profile, rt.agent_token) == []

    monodesk(profile, "account", "remove", name, env=secret_service)
    assert keyring.get_password(SERVICE, f"account:{name}") is None


@pytest.mark.rt
def test_a_bad_token_is_refused_before_anything_is_saved(
        rt: RTInstance, tmp_path: Path, secret_service: dict[str, str]) -> None:
    profile = tmp_path / "profile"
    result = monodesk(profile, "account", "add", "--backend", "rt", "--url", rt.url, "--user", "agent",
                      stdin="not-a-valid-token\n", env=secret_service, check=False)
    assert result.returncode == 1
    assert "not-a-valid-token" not in result.stderr + result.stdout
    assert "monodesk: The helpdesk refused this token. Check that it is complete, belongs to agent" \
        in result.stderr, result.stderr
    listed = monodesk(profile, "account", "list", env=secret_service)
    assert "rt" not in listed.stdout


def test_without_a_keyring_it_says_so_and_how_to_fix_it(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    profile = tmp_path / "profile"
    result = monodesk(profile, "account", "add", "--backend", "rt", "--url", "http://127.0.0.1:9",
                      "--user", "agent", "--no-check", stdin="s3cret-token\n", env=env, check=False)
    assert result.returncode == 1
    assert "No usable keyring" in result.stderr and "--insecure-plaintext-token" in result.stderr
    assert files_containing(profile, "s3cret-token") == []
    assert "agent" not in monodesk(profile, "account", "list", env=env).stdout


def test_plaintext_storage_only_on_explicit_opt_in(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    profile = tmp_path / "profile"
    result = monodesk(profile, "account", "add", "--backend", "rt", "--url", "http://127.0.0.1:9",
                      "--user", "agent", "--no-check", "--insecure-plaintext-token",
                      stdin="s3cret-token\n", env=env)
    assert "plaintext file" in result.stdout
    (stored,) = files_containing(profile, "s3cret-token")
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stored.parent == profile / "config"


def test_log_records_are_redacted() -> None:
    redactor = Redactor()
    redactor.add("tok-12345-secret")
    logger = logging.getLogger("monodesk.test")
    handler = logging.Handler()
    records: list[str] = []
    handler.emit = lambda record: records.append(record.getMessage() + (record.exc_text or ""))  # type: ignore[method-assign]
    handler.addFilter(RedactingFilter(redactor))
    logger.addHandler(handler)
    try:
        logger.warning("request with %s failed", "tok-12345-secret")
        logger.warning("header Authorization: token abcdef0123456789")
        try:
            raise RuntimeError("boom tok-12345-secret")
        except RuntimeError:
            logger.exception("unexpected")
    finally:
        logger.removeHandler(handler)
    joined = "\n".join(records)
    assert "tok-12345-secret" not in joined and "abcdef0123456789" not in joined
    assert joined.count("[redacted]") >= 3  # message, header, exception (and its source line)


def test_credentials_round_trip_through_the_secret_service(
        tmp_path: Path, secret_service: dict[str, str]) -> None:
    from desktop.credentials import Credentials

    creds = Credentials(tmp_path / "config", Redactor())
    assert creds.keyring_usable() and "SecretService" in creds.keyring_name()
    where = creds.store("acme", "tok-round-trip")
    assert "SecretService" in where
    assert Credentials(tmp_path / "config", Redactor()).load("acme") == "tok-round-trip"
    creds.delete("acme")
    assert creds.load("acme") is None
    assert files_containing(tmp_path, "tok-round-trip") == []
