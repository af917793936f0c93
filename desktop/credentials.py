"""Helpdesk tokens live in the OS keyring, never in a file, the database or a log line.

Only an explicit opt-in stores a token in a plaintext file (owner-only permissions), for machines
without any keyring; it is never a silent fallback.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
from pathlib import Path
from types import ModuleType

from desktop.redact import Redactor

SERVICE = "Monodesk"

KEYRING_HELP = (
    "No usable keyring was found to store the token safely. On Linux, install and unlock a Secret "
    "Service provider (GNOME Keyring or KWallet) in your desktop session; on macOS and Windows the "
    "system keychain is used. As a last resort, --insecure-plaintext-token stores the token in a "
    "file readable only by you."
)


log = logging.getLogger(__name__)

KEYRING_UNREACHABLE = (
    "The system keyring, where the token of {account} is kept, cannot be reached ({reason}). "
    "Unlock or start your keyring (GNOME Keyring, KWallet; on macOS and Windows the system keychain) "
    "and try again: the token is still there."
)


class CredentialError(Exception):
    pass


def _keyring() -> ModuleType:
    """keyring, imported on first use: loading it and its backends costs ~50 ms, which the window's
    start-up does not need to pay (the demo has no token, and a real account's is read later)."""
    import keyring
    import keyring.errors

    return keyring


def _key(account: str) -> str:
    return f"account:{account}"


class Credentials:
    def __init__(self, config_dir: Path, redactor: Redactor) -> None:
        self._plain_file = config_dir / "insecure-tokens.json"
        self._redactor = redactor
        self._last: dict[str, str] = {}

    def keyring_name(self) -> str:
        backend = _keyring().get_keyring()
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def keyring_usable(self) -> bool:
        from keyring.backends import fail

        try:
            backend = _keyring().get_keyring()
            # A backend chosen while its service answered asks it again here: a D-Bus session gone
            # since, or a keyring daemon that died, raises rather than answers.
            return not isinstance(backend, fail.Keyring) and backend.priority > 0
        except Exception:
            return False

    def store(self, account: str, token: str, *, plaintext_opt_in: bool = False) -> str:
        """Save the token; return where it went, for the person who asked."""
        self._redactor.add(token)
        if plaintext_opt_in:
            self._write_plain(account, token)
            return f"plaintext file {self._plain_file} (readable only by you)"
        if not self.keyring_usable():
            raise CredentialError(KEYRING_HELP)
        keyring = _keyring()
        try:
            keyring.set_password(SERVICE, _key(account), token)
        except keyring.errors.KeyringError as exc:
            raise CredentialError(f"The keyring refused to store the token ({type(exc).__name__}). "
                                  + KEYRING_HELP) from None
        return f"the system keyring ({self.keyring_name()})"

    def loaded(self, account: str) -> str | None:
        """The token `load` returned last for this account in this process (no keyring call)."""
        return self._last.get(account)

    def load(self, account: str) -> str | None:
        """The account's token; None only when the keyring answered that it holds none.
        A keyring that cannot be reached raises CredentialError (the token may well be there)."""
        token = self._read_plain().get(account)
        if token is None:
            keyring = _keyring()
            if not self.keyring_usable():
                raise CredentialError(KEYRING_UNREACHABLE.format(
                    account=account, reason="no keyring service answers in this session"))
            try:
                token = keyring.get_password(SERVICE, _key(account))
            except Exception as exc:  # KeyringError, or the D-Bus layer's own errors
                raise CredentialError(KEYRING_UNREACHABLE.format(
                    account=account, reason=type(exc).__name__)) from None
        if token:
            self._redactor.add(token)
            self._last[account] = token
        return token

    def delete(self, account: str) -> None:
        plain = self._read_plain()
        if plain.pop(account, None) is not None:
            self._save_plain(plain)
        if self.keyring_usable():
            keyring = _keyring()
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(SERVICE, _key(account))

    def _read_plain(self) -> dict[str, str]:
        try:
            mode = self._plain_file.stat().st_mode
        except FileNotFoundError:
            return {}
        except OSError:
            return {}
        if mode & 0o077:
            # Somebody (a copy, a backup restore, an older version) left it readable by others: close
            # it again at once, and say so, since the token may have been read meanwhile.
            with contextlib.suppress(OSError):
                self._plain_file.chmod(stat.S_IRUSR | stat.S_IWUSR)
            log.warning("the plaintext token file %s was readable by other users (mode %o); it is "
                        "owner-only again. Consider renewing the tokens it holds.",
                        self._plain_file, stat.S_IMODE(mode))
        try:
            data = json.loads(self._plain_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_plain(self, account: str, token: str) -> None:
        data = self._read_plain()
        data[account] = token
        self._save_plain(data)

    def _save_plain(self, data: dict[str, str]) -> None:
        self._plain_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._plain_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            # O_CREAT's mode only applies to a new file: an existing one keeps whatever it had.
            self._plain_file.chmod(stat.S_IRUSR | stat.S_IWUSR)
            json.dump(data, handle)
